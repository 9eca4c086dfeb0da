--[[
  start-execution: create an execution and ask for its first step, in one commit.
  KEYS[1] meta   KEYS[2] outbox   KEYS[3] execution timers
  ARGV[1] input (JSON text)   ARGV[2] execution-timeout timer member ('' for none)   ARGV[3] its due (ms)
  ARGV[4..] meta field/value pairs (status and counters are set here)
  Returns {1, entryId, entryJson, ...}   created; outbox entries to relay
          {0, startDate}                 already running with the same input (AWS: idempotent start),
                                         or created by this same start (meta `sn`) before a re-send
          {-1}                           the name is taken (AWS: ExecutionAlreadyExists)
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  local st = redis.call('HMGET', KEYS[1], 'status', 'input', 'startDate', 'sn')
  -- this very start, re-sent after a reconnect: the first send created it (it may have ended since)
  for i = 4, #ARGV - 1, 2 do
    if ARGV[i] == 'sn' and st[4] == ARGV[i + 1] then return {0, st[3]} end
  end
  if st[1] == 'RUNNING' and st[2] == ARGV[1] then return {0, st[3]} end
  return {-1}
end
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], 'status', 'RUNNING', 'ec', 0, 'input', ARGV[1], unpack(fields))
local reply = {1}
local entry = '{"t":"adv","f":"root","v":0}'
redis.call('HSET', KEYS[2], 'adv|root|0', entry)
reply[#reply + 1] = 'adv|root|0'
reply[#reply + 1] = entry
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
  local tentry = '{"t":"timer","m":' .. cjson.encode(ARGV[2]) .. ',"due":' .. ARGV[3] .. '}'
  redis.call('HSET', KEYS[2], 'timer|' .. ARGV[2], tentry)
  reply[#reply + 1] = 'timer|' .. ARGV[2]
  reply[#reply + 1] = tentry
end
return reply

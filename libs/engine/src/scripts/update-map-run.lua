--[[
  update-map-run: UpdateMapRun on a running Distributed Map: new MaxConcurrency and tolerated
  failures, and at once as many more items as the new MaxConcurrency allows.
  KEYS[1] the Map's frame   KEYS[2] outbox   KEYS[3] meta   KEYS[4] map runs
  ARGV[1] frame id   ARGV[2] MaxConcurrency ('' keeps)   ARGV[3] ToleratedFailureCount ('' keeps)
  ARGV[4] ToleratedFailurePercentage ('' keeps)   ARGV[5] frame key base   ARGV[6] signal-list key base
  ARGV[7] now (ms)
  Returns {1, entryId, entryJson, ...}   updated; advance entries of newly launched items
          {0}                            the map run is not open (or the execution ended)
]]
-- @include signal
-- @include map-run-items
-- @include redrive-queue
-- a stopped execution keeps its join fields: nothing of it may start again
if redis.call('HGET', KEYS[3], 'status') ~= 'RUNNING' or redis.call('HGET', KEYS[1], 'jo') ~= '1' then return {0} end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'jm', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'jtc', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'jtp', ARGV[4]) end
local j = redis.call('HMGET', KEYS[1], 'jt', 'jl', 'jr', 'jm', 'jg')
local total, launched, running, max = tonumber(j[1]), tonumber(j[2]), tonumber(j[3]), tonumber(j[4])
local reply = {1}
-- items a redrive queued go first
running = launch_queued(ARGV[5], ARGV[6], KEYS[2], KEYS[4], ARGV[7], KEYS[1], ARGV[1], running, max, function(id, json)
  reply[#reply + 1] = id
  reply[#reply + 1] = json
end)
while launched < total and (max == 0 or running < max) do
  local cf = ARGV[1] .. '/' .. (j[5] or '0') .. '.' .. launched
  local id = 'adv|' .. cf .. '|0'
  local e = '{"t":"adv","f":' .. cjson.encode(cf) .. ',"v":0}'
  redis.call('HSET', KEYS[2], id, e)
  reply[#reply + 1] = id
  reply[#reply + 1] = e
  launched = launched + 1
  running = running + 1
end
redis.call('HSET', KEYS[1], 'jl', launched, 'jr', running)
return reply

--[[
  fire-timer: a due timer becomes a signal for the frame it was made for, if that frame still
  waits for it (the stamp: frame id + wait id). Stale timers are dropped.
  KEYS[1] meta   KEYS[2] outbox   KEYS[3] tokens   KEYS[4] execution timers
  ARGV[1] frame key base   ARGV[2] signal-list key base   ARGV[3] member   ARGV[4] frame id
  ARGV[5] wait id   ARGV[6] kind (wait | retry | timeout | hb | exec)   ARGV[7] now (ms)
  ARGV[8] '0': do not return meta, frame and signal (the step was prepared from a prefetch)
  Returns {1, entryId, entryJson, meta, frame, signal}   fired (entry empty when a step is already
          queued); meta and frame (HGETALL, flat) and the signal (the frame's only one) are what
          the step would load, so the scheduler runs it without another round trip
          {0}                       stale or closed: drop the timer
          {2, due}                  not yet due (a heartbeat arrived, a redrive re-armed the
                                    execution timeout): reschedule at due
]]
-- @include signal

local FB, SB = ARGV[1], ARGV[2]
local fid, wid, kind = ARGV[4], ARGV[5], ARGV[6]
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'RUNNING' then
  redis.call('HDEL', KEYS[4], ARGV[3])
  return {0}
end
local fk = FB .. fid
local sig
if kind == 'exec' then
  -- a redrive re-armed the timeout later under the same member: a fire of the first attempt's
  -- timer (before the relay moved it) is not yet due
  local due = redis.call('HGET', KEYS[4], ARGV[3])
  if due and tonumber(due) > tonumber(ARGV[7]) then return {2, due} end
  sig = '{"kind":"timedOut","error":"States.Timeout","target":"execution","cause":"Execution timed out."}'
else
  local f = redis.call('HMGET', fk, 'dead', 'wid', 'wdone', 'hbd', 'tok')
  if f[1] == '1' or f[2] ~= wid or f[3] == '1' then
    redis.call('HDEL', KEYS[4], ARGV[3])
    return {0}
  end
  if kind == 'hb' and tonumber(f[4] or '0') > tonumber(ARGV[7]) then
    return {2, f[4]}
  end
  -- the wait is answered: a second delivery of this timer (or any other answer) is stale
  redis.call('HSET', fk, 'wdone', '1')
  if kind == 'wait' or kind == 'retry' then
    sig = '{"kind":"timerFired"}'
  else
    if f[5] and redis.call('HGET', KEYS[3], f[5]) == 'open' then redis.call('HSET', KEYS[3], f[5], 'timedout') end
    if kind == 'hb' then
      sig = '{"kind":"timedOut","error":"States.HeartbeatTimeout","target":"task"}'
    else
      sig = '{"kind":"timedOut","error":"States.Timeout","target":"task"}'
    end
  end
end
redis.call('HDEL', KEYS[4], ARGV[3])
local e = push_signal(fk, SB .. fid, KEYS[2], fid, sig)
if e then
  local v = redis.call('HGET', fk, 'v') or '0'
  if ARGV[8] == '0' then return {1, 'adv|' .. fid .. '|' .. v, e} end
  return {1, 'adv|' .. fid .. '|' .. v, e, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', fk), sig}
end
return {1}

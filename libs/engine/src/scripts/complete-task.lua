--[[
  complete-task: an answer for a waiting task (SendTaskSuccess/Failure/Heartbeat, an activity
  picked up, a dispatched integration's result) becomes a signal for its frame, once.
  Answers by task token check the token (single use); internal answers name the wait directly.
  KEYS[1] meta   KEYS[2] outbox   KEYS[3] tokens
  ARGV[1] frame key base   ARGV[2] signal-list key base   ARGV[3] frame id   ARGV[4] wait id
  ARGV[5] token ('' for none)   ARGV[6] mode (terminal | started | submitted | heartbeat)
  ARGV[7] signal JSON   ARGV[8] now (ms)   ARGV[9] '1': also return what the step loads
  ARGV[10] the answering task job's `g` ('' for none): another incarnation of the frame (an item
           redriven from its start) waits at the same wait id with another `tg`
  Returns {1, entryId, entryJson}   accepted (entry absent when a step is already queued); with
                                   ARGV[9] '1' and an entry, then meta and frame (HGETALL, flat)
                                   and the signal (the frame's only one), as fire-timer does
          {2, heartbeatDeadline}   heartbeat recorded (reschedule the heartbeat timer)
          {0}                      duplicate 'started'/'submitted': ignored
          {-1}                     unknown token (AWS: InvalidToken)
          {-2}                     already answered (AWS: InvalidToken)
          {-3}                     the task is over: timed out, stopped, or moved on (AWS: TaskTimedOut)
]]
-- @include signal

local FB, SB = ARGV[1], ARGV[2]
local fid, wid, tok, mode = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if tok ~= '' then
  local ts = redis.call('HGET', KEYS[3], tok)
  if not ts then return {-1} end
  if ts == 'done' then return {-2} end
  if ts ~= 'open' then return {-3} end
end
if redis.call('HGET', KEYS[1], 'status') ~= 'RUNNING' then return {-3} end
local fk = FB .. fid
local f = redis.call('HMGET', fk, 'dead', 'wid', 'wdone', 'wst', 'hbms', 'tg')
if f[1] == '1' or f[2] ~= wid then return {-3} end
if ARGV[10] and ARGV[10] ~= '' and f[6] and f[6] ~= ARGV[10] then return {-3} end
if f[3] == '1' then
  if mode == 'terminal' and tok ~= '' then return {-2} end
  return {-3}
end
if mode == 'heartbeat' then
  if not f[5] then return {2, '0'} end
  local due = tonumber(ARGV[8]) + tonumber(f[5])
  redis.call('HSET', fk, 'hbd', due)
  return {2, tostring(due)}
end
if mode == 'started' or mode == 'submitted' then
  if f[4] == '1' then return {0} end
  redis.call('HSET', fk, 'wst', '1')
else
  redis.call('HSET', fk, 'wdone', '1')
  if tok ~= '' then redis.call('HSET', KEYS[3], tok, 'done') end
end
local e = push_signal(fk, SB .. fid, KEYS[2], fid, ARGV[7])
if e then
  local v = redis.call('HGET', fk, 'v') or '0'
  if ARGV[9] == '1' then
    return {1, 'adv|' .. fid .. '|' .. v, e, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', fk), ARGV[7]}
  end
  return {1, 'adv|' .. fid .. '|' .. v, e}
end
return {1}

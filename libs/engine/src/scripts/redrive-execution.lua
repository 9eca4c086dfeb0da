--[[
  redrive-execution: reopen a FAILED, TIMED_OUT or ABORTED execution at the state that failed
  (RedriveExecution). Status back to RUNNING, redrive count and date, the ExecutionRedriven
  event, every child frame removed (Parallel/Map re-run from their state), the root frame reset
  to re-enter the failed state, and a signal that asks a worker to run it.
  KEYS[1] meta   KEYS[2] history   KEYS[3] outbox   KEYS[4] frames (set)
  ARGV[1] frame key base   ARGV[2] signal-list key base   ARGV[3] join-results key base
  ARGV[4] expected status   ARGV[5] expected event counter   ARGV[6] now (ms)
  ARGV[7] ExecutionRedriven event (JSON)   ARGV[8] root frame state (JSON)   ARGV[9] redrive count
  Returns {1, entryId, entryJson}   redriven
          {-1, status}              the execution moved on meanwhile (status or events changed)
]]
-- @include signal

local FB, SB, JB = ARGV[1], ARGV[2], ARGV[3]
local m = redis.call('HMGET', KEYS[1], 'status', 'ec')
if m[1] ~= ARGV[4] or tonumber(m[2]) ~= tonumber(ARGV[5]) then return {-1, m[1] or ''} end
for _, f in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  if f ~= 'root' then
    redis.call('DEL', FB .. f, SB .. f, JB .. f)
    redis.call('SREM', KEYS[4], f)
  end
end
redis.call('RPUSH', KEYS[2], ARGV[7])
redis.call('HSET', KEYS[1], 'status', 'RUNNING', 'ec', tonumber(m[2]) + 1, 'rc', ARGV[9], 'rd', ARGV[6])
redis.call('HDEL', KEYS[1], 'stopDate', 'output', 'error', 'cause')
local rk = FB .. 'root'
redis.call('DEL', SB .. 'root', JB .. 'root')
redis.call('HDEL', rk, 'dead', 'end', 'wid', 'wk', 'wdone', 'wst', 'tok', 'hbd', 'hbms', 'spawn', 'jg', 'jt', 'jl', 'jd', 'jf', 'jr', 'jm', 'jtc', 'jtp', 'jo', 'je', 'jc')
redis.call('HSET', rk, 'st', ARGV[8])
local e = push_signal(rk, SB .. 'root', KEYS[3], 'root', '{"kind":"timerFired"}')
local v = redis.call('HGET', rk, 'v') or '0'
return {1, 'adv|root|' .. v, e}

--[[
  mark-deleted: record in an execution's own meta that its state machine is being deleted
  (DeleteStateMachine), so the execution's next commit-step fails it instead of applying the
  transition (docs/adr/0012). Closed executions are marked too: a redrive of one then fails at
  its first transition. Idempotent: a marked execution is not written again.
  KEYS[1] meta
  Returns 1 the execution is RUNNING (marked), 0 it is closed (marked) or does not exist
]]
local m = redis.call('HMGET', KEYS[1], 'status', 'dl')
if not m[1] then return 0 end
if m[2] ~= '1' then redis.call('HSET', KEYS[1], 'dl', '1') end
if m[1] == 'RUNNING' then return 1 end
return 0

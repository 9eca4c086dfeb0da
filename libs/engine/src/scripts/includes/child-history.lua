--[[
  include child-history: the own history of a Distributed Map item's child workflow execution
  (`<join results base><item frame>|ch`, keys.ts childHistory). Its steps write their events
  there (commit-step); this closes it when the item is aborted from outside its own steps (a
  sibling past tolerance, StopExecution, the parent's end: abort-frames.lua). ExecutionAborted
  follows the child's last event, as an execution's closing event does; an item aborted before its
  first step gets its ExecutionStarted first.
  child_execution_aborted(chKey, input or nil, roleArn, isoTimestamp)
]]
local function child_execution_aborted(ch, input, role, ts)
  local n = redis.call('LLEN', ch)
  if n == 0 then
    redis.call('RPUSH', ch, cjson.encode({id = 1, previousEventId = 0, timestamp = ts, type = 'ExecutionStarted',
      executionStartedEventDetails = {input = input or '{}', inputDetails = {truncated = false}, roleArn = role or ''}}))
    n = 1
  end
  redis.call('RPUSH', ch, cjson.encode({id = n + 1, previousEventId = n, timestamp = ts, type = 'ExecutionAborted',
    executionAbortedEventDetails = {}}))
end

--[[
  include child-history: the own history of a Distributed Map item's child workflow execution
  (`<join results base><item frame>|ch`, keys.ts childHistory). Its steps write their events
  there (commit-step); this closes it when the item is aborted from outside its own steps.
  child_execution_aborted(chKey, frameStateText or nil, input or nil, roleArn, isoTimestamp)
]]
local function child_execution_aborted(ch, stText, input, role, ts)
  local n = redis.call('LLEN', ch)
  if n == 0 then
    redis.call('RPUSH', ch, cjson.encode({id = 1, previousEventId = 0, timestamp = ts, type = 'ExecutionStarted',
      executionStartedEventDetails = {input = input or '{}', inputDetails = {truncated = false}, roleArn = role or ''}}))
    n = 1
  end
  local prev = n
  if stText then prev = math.min(n, cjson.decode(stText).lastEventId or n) end
  redis.call('RPUSH', ch, cjson.encode({id = n + 1, previousEventId = prev, timestamp = ts, type = 'ExecutionAborted',
    executionAbortedEventDetails = {}}))
end

--[[
  start-with-step: create an execution and commit its first step, in one atomic script (one round
  trip for StartExecution). The step was computed by the pure interpreter from the start's own
  input before the call; it is committed only onto the execution this call creates, never onto
  an existing one of the same name. start-execution.lua and commit-step.lua run unchanged, as
  functions, so both keep their own checks.
  KEYS: commit-step's (1 meta, 2 history, 3 outbox, 4 frames, 5 tokens, 6 task info,
        7 execution timers, 8 map runs)
  ARGV[1] n, the number of start-execution arguments   ARGV[2..n+1] start-execution's ARGV
  ARGV[n+2..] commit-step's ARGV
  Returns {startReply, stepReply}: start-execution's reply (created: the outbox entries still to
  relay, without the advance entry the committed step consumed) and commit-step's ({} when the
  execution was not created here).
]]
-- @function start_execution start-execution.lua
-- @function commit_step commit-step.lua

local n = tonumber(ARGV[1])
local sargs, cargs = {}, {}
for i = 2, n + 1 do sargs[#sargs + 1] = ARGV[i] end
for i = n + 2, #ARGV do cargs[#cargs + 1] = ARGV[i] end
-- a malformed plan fails here, before anything is written
cjson.decode(cargs[7])

local started = start_execution({KEYS[1], KEYS[3], KEYS[7]}, sargs)
if started[1] ~= 1 then return {started, {}} end
local stepped = commit_step(KEYS, cargs)
if stepped[1] == 1 then
  redis.call('HDEL', KEYS[3], 'adv|root|0')
  local kept = {1}
  for i = 2, #started, 2 do
    if started[i] ~= 'adv|root|0' then
      kept[#kept + 1] = started[i]
      kept[#kept + 1] = started[i + 1]
    end
  end
  started = kept
end
return {started, stepped}

--[[
  include iteration-aborted: the MapIterationAborted event AWS writes for an inline Map iteration
  that was still running when a sibling failed past tolerance or the execution was stopped.
  A Parallel branch gets none (AWS's history shows only the ParallelStateFailed/Aborted of the
  state), nor does a Distributed Map item (its child execution ends with ExecutionAborted), nor a
  child that never ran its first step (it wrote no MapIterationStarted). An inline iteration
  inside a Distributed Map's child execution gets it in that child's history (`owned`: its
  frame state says recordEvents false, as everything under a Distributed Map does).
  iteration_aborted_event(stText, id, isoTimestamp, owned) returns the event JSON text, or false.
]]
local function iteration_aborted_event(stText, id, ts, owned)
  if not stText then return false end
  local st = cjson.decode(stText)
  if st.kind ~= 'iteration' or (st.recordEvents == false and not owned) then return false end
  return cjson.encode({id = id, previousEventId = st.lastEventId or 0, timestamp = ts, type = 'MapIterationAborted',
    mapIterationAbortedEventDetails = {name = st.parentState, index = st.index}})
end

--[[ iso_time(ms): epoch milliseconds as AWS's ISO-8601 UTC text (2026-01-02T03:04:05.678Z). ]]
local function iso_time(ms)
  local s = math.floor(ms / 1000)
  local msr = ms - s * 1000
  local days = math.floor(s / 86400)
  local sod = s - days * 86400
  -- civil from days (H. Hinnant)
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d, math.floor(sod / 3600), math.floor(sod % 3600 / 60), sod % 60, msr)
end

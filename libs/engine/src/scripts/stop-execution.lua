--[[
  stop-execution: end a RUNNING execution from outside (StopExecution → ABORTED, a nested child
  stopped with its parent, or the failure of a deleted machine's execution): status, stop date,
  the closing history event, every frame marked dead (their jobs and timers become stale), every
  open task token closed. What still runs is aborted from the root as a failed Map aborts its
  siblings (abort-frames): inline Map iterations get a MapIterationAborted each, before the
  closing event (or in the child execution's history they run in); a Distributed Map item's child
  execution gets ExecutionAborted in its own history and its record is ABORTED.
  KEYS[1] meta   KEYS[2] history   KEYS[3] outbox   KEYS[4] tokens   KEYS[5] frames (set)
  KEYS[6] execution timers   KEYS[7] nested children (set)   KEYS[8] map runs
  ARGV[1] frame key base   ARGV[2] now (ms)   ARGV[3] status   ARGV[4] event type
  ARGV[5] details field name   ARGV[6] timestamp (ISO text)   ARGV[7] error   ARGV[8] cause
  ARGV[9] parent-notification outbox entry JSON ('' for none)
  ARGV[10] signal-list key base   ARGV[11] join-results key base
  Returns {1, stopDate, entryId, entryJson, ...}   stopped; entries to relay
          {0, status, stopDate}                     it had ended already: nothing changed
          {-1}                                      no such execution
]]
-- @include iteration-aborted
-- @include map-run-items
-- @include child-history
-- @include abort-frames
local m = redis.call('HMGET', KEYS[1], 'status', 'ec', 'stopDate')
if not m[1] then return {-1} end
if m[1] ~= 'RUNNING' then return {0, m[1], m[3] or ''} end
local actx = {fb = ARGV[1], sb = ARGV[10], jb = ARGV[11], meta = KEYS[1], history = KEYS[2], tokens = KEYS[4], timers = KEYS[6],
  mapruns = KEYS[8], eid = string.match(KEYS[1], '{([^{}]*)}:meta$'), now = tonumber(ARGV[2]), ts = ARGV[6], ec = tonumber(m[2])}
abort_children(actx, 'root')
local ec = actx.ec
local frames = redis.call('SMEMBERS', KEYS[5])
local details = {}
if ARGV[7] ~= '' then details.error = ARGV[7] end
if ARGV[8] ~= '' then details.cause = ARGV[8] end
local ev = {id = ec + 1, previousEventId = ec, timestamp = ARGV[6], type = ARGV[4]}
ev[ARGV[5]] = details
local evText = cjson.encode(ev)
redis.call('RPUSH', KEYS[2], evText)
redis.call('HSET', KEYS[1], 'status', ARGV[3], 'stopDate', ARGV[2], 'ec', ec + 1)
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[7]) end
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'cause', ARGV[8]) end
for _, f in ipairs(frames) do
  redis.call('HSET', ARGV[1] .. f, 'dead', '1')
end
local toks = redis.call('HGETALL', KEYS[4])
for i = 1, #toks, 2 do
  if toks[i + 1] == 'open' then redis.call('HSET', KEYS[4], toks[i], 'timedout') end
end
redis.call('DEL', KEYS[6])
local reply = {1, ARGV[2]}
for _, child in ipairs(redis.call('SMEMBERS', KEYS[7])) do
  local e = cjson.encode({t = 'stopChild', arn = child})
  redis.call('HSET', KEYS[3], 'stop|' .. child, e)
  reply[#reply + 1] = 'stop|' .. child
  reply[#reply + 1] = e
end
if ARGV[9] ~= '' then
  redis.call('HSET', KEYS[3], 'notify', ARGV[9])
  reply[#reply + 1] = 'notify'
  reply[#reply + 1] = ARGV[9]
end
return reply

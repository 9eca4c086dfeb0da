--[[
  redrive-execution: reopen a FAILED, TIMED_OUT or ABORTED execution (RedriveExecution) with the
  plan redrive.ts computed from the execution as it ended: status back to RUNNING, redrive count
  and date, the ExecutionRedriven (and MapRunRedriven) events, and only what did not succeed run
  again. Frames are reset in place (re-enter their failed state, or wait again for a reopened
  Parallel/Map join whose succeeded children keep their results), dropped (run again from their
  start: an EXPRESS Distributed Map item, a child that never entered a state) or launched anew. A
  STANDARD Distributed Map item redriven in place continues its own history with
  ExecutionRedriven (its record's redrive count) and is RUNNING, or PENDING_REDRIVE while queued.
  The plan is valid only for the execution as it was read: status and event counter are checked.
  The state machine's TimeoutSeconds is armed again, in full from the redrive (the same member as
  at the start, so the relay's ZADD moves a timer left from the first attempt to the new due).
  KEYS[1] meta   KEYS[2] history   KEYS[3] outbox   KEYS[4] frames (set)   KEYS[5] map runs
  KEYS[6] execution timers
  ARGV[1] frame key base   ARGV[2] signal-list key base   ARGV[3] join-results key base
  ARGV[4] expected status   ARGV[5] expected event counter   ARGV[6] now (ms)   ARGV[7] redrive count
  ARGV[8] plan JSON: {drop = [fid], joins = [{f, saved, fields = {k = v}, unset = [idx]}],
          resets = [{f, st, wk, sig, clear}], launch = [fid], mapRuns = [ {arn, record} ],
          items = [ {mapRunArn, index} ] (redriven Distributed Map items),
          defer = [{f, st}] (children queued in a join's jq, redriven in place when they start),
          own = [{f, id, mr, i, run}] (items redriven in place: ExecutionRedriven's id in their own
          history; run 1: RUNNING now), ts = the events' timestamp (ISO text)}
  ARGV[9] execution-timeout timer member ('' for none)   ARGV[10] its due (ms)
  ARGV[11..] events (JSON text each, ids assigned from the expected event counter)
  Returns {1, entryId, entryJson, ...}   redriven; entries to relay
          {-1, status}                   the execution moved on meanwhile (status or events changed)
]]
-- @include signal
-- @include map-run-items

local FB, SB, JB = ARGV[1], ARGV[2], ARGV[3]
local m = redis.call('HMGET', KEYS[1], 'status', 'ec')
if m[1] ~= ARGV[4] or tonumber(m[2]) ~= tonumber(ARGV[5]) then return {-1, m[1] or ''} end
local plan = cjson.decode(ARGV[8])
local reply = {1}
local function outbox(id, json)
  redis.call('HSET', KEYS[3], id, json)
  reply[#reply + 1] = id
  reply[#reply + 1] = json
end

for _, f in ipairs(plan.drop) do
  redis.call('DEL', FB .. f, SB .. f, JB .. f, JB .. f .. '|rj')
  redis.call('SREM', KEYS[4], f)
end

for _, j in ipairs(plan.joins) do
  local jb = JB .. j.f
  if j.saved == 1 then
    redis.call('DEL', jb)
    if redis.call('EXISTS', jb .. '|rj') == 1 then redis.call('RENAME', jb .. '|rj', jb) end
  else
    -- a live join wins over a fan-out kept from an earlier attempt of the same state (Retry)
    redis.call('DEL', jb .. '|rj')
  end
  for _, i in ipairs(j.unset) do redis.call('HDEL', jb, tostring(i)) end
  local flat = {}
  for k, v in pairs(j.fields) do
    flat[#flat + 1] = k
    flat[#flat + 1] = tostring(v)
  end
  redis.call('HSET', FB .. j.f, unpack(flat))
  redis.call('HDEL', FB .. j.f, 'rj')
end

for _, r in ipairs(plan.resets) do
  local fk = FB .. r.f
  redis.call('DEL', SB .. r.f)
  redis.call('HDEL', fk, 'dead', 'end', 'wid', 'wk', 'wdone', 'wst', 'tok', 'hbd', 'hbms', 'rst', 'tg')
  redis.call('HSET', fk, 'st', r.st)
  if r.clear == 1 then
    redis.call('DEL', JB .. r.f, JB .. r.f .. '|rj')
    redis.call('HDEL', fk, 'rj', 'spawn', 'jg', 'jt', 'jl', 'jd', 'jf', 'jr', 'jm', 'jtc', 'jtp', 'jo', 'je', 'jc', 'mr')
  end
  if r.wk ~= '' then redis.call('HSET', fk, 'wk', r.wk, 'wid', redis.call('HGET', fk, 'v') or '0') end
  if r.sig ~= '' then
    local e = push_signal(fk, SB .. r.f, KEYS[3], r.f, r.sig)
    if e then
      reply[#reply + 1] = 'adv|' .. r.f .. '|' .. (redis.call('HGET', fk, 'v') or '0')
      reply[#reply + 1] = e
    end
  end
end

-- redriven children queued behind MaxConcurrency: their new state waits in `rst` (redrive-queue)
for _, d in ipairs(plan.defer) do redis.call('HSET', FB .. d.f, 'rst', d.st) end

for _, f in ipairs(plan.launch) do
  outbox('adv|' .. f .. '|0', '{"t":"adv","f":' .. cjson.encode(f) .. ',"v":0}')
end

for _, it in ipairs(plan.items) do item_redriven(KEYS[5] .. ':' .. it[1], it[2], ARGV[6]) end

-- an execution that is not RUNNING writes nothing to its items' histories: ids planned from them hold
for _, o in ipairs(plan.own) do
  local key = KEYS[5] .. ':' .. o.mr
  local rec = item_record(key, o.i, ARGV[6])
  redis.call('RPUSH', JB .. o.f .. '|ch', cjson.encode({id = o.id, previousEventId = o.id - 1, timestamp = plan.ts,
    type = 'ExecutionRedriven', executionRedrivenEventDetails = {redriveCount = rec.rc or 1}}))
  if o.run == 1 then item_started(key, o.i, ARGV[6], o.f) end
end

for _, r in ipairs(plan.mapRuns) do
  redis.call('HSET', KEYS[5], r[1], r[2])
  redis.call('HDEL', KEYS[5], r[1] .. '|final')
end

if ARGV[9] ~= '' then
  redis.call('HSET', KEYS[6], ARGV[9], ARGV[10])
  outbox('timer|' .. ARGV[9], '{"t":"timer","m":' .. cjson.encode(ARGV[9]) .. ',"due":' .. ARGV[10] .. '}')
end

local ec = tonumber(m[2])
for i = 11, #ARGV do
  redis.call('RPUSH', KEYS[2], ARGV[i])
  ec = ec + 1
end
redis.call('HSET', KEYS[1], 'status', 'RUNNING', 'ec', ec, 'rc', ARGV[7], 'rd', ARGV[6])
redis.call('HDEL', KEYS[1], 'stopDate', 'output', 'error', 'cause')
return reply

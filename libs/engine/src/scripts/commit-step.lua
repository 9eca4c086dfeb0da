--[[
  commit-step: apply one step of one frame (docs/adr/0002-pure-step-api.md) to an execution:
  the frame's new state, its history events, what it now waits for, and the outbox entries that
  make the next thing happen, all at once. A child frame that ends is joined into its parent here.
  KEYS[1] meta   KEYS[2] history   KEYS[3] outbox   KEYS[4] frames (set)   KEYS[5] tokens
  KEYS[6] task info   KEYS[7] execution timers   KEYS[8] map runs (Distributed Map records)
  ARGV[1] frame key base   ARGV[2] signal-list key base   ARGV[3] join-results key base
  ARGV[4] expected event counter   ARGV[5] expected frame version (0: the frame is new)
  ARGV[6] now (ms)   ARGV[7] plan (JSON, see commit-step.ts)   ARGV[8] frame state (JSON text)
  ARGV[9..] history events (JSON text each, ids already assigned from the event counter)
  plan.tf: a step the scheduler prepared before its timer fired (timers/prepared-steps.ts) and
  sent right behind the fire: applied only if the frame waits at wait id tf, answered, with the
  timer's signal alone queued (else {-1}, and the fire's step runs the usual way)
  plan.consumed: the outbox entry this step was run for in-process (adv|frame|v), deleted with
  the commit instead of by a later relay (left alone when the commit does not happen)
  plan.ho, plan.hn: the frame runs inside a Distributed Map child execution (ho: the item frame):
  its events go to that child's own history (`<join results base><ho>|ch`), which must hold hn
  events (else {-3}: re-run), and the execution's event counter is only checked
  Returns {1, newVersion, newEventCounter, entryId, entryJson, ...}   committed; entries to relay
          {-1}        stale: the frame moved on, or a new frame exists already
          {-2}        the execution is not RUNNING (closed)
          {-3, ec}    the event counter moved (another frame committed): re-run the step
          {-4}        the frame was aborted (a sibling failed)
          {-5}        the execution's state machine is being deleted (meta `dl`, mark-deleted.lua):
                      nothing applied; the caller fails the execution instead (docs/adr/0012)
]]
-- @include signal
-- @include iteration-aborted
-- @include map-run-items
-- @include child-history
-- @include abort-frames
-- @include redrive-queue

local FB, SB, JB = ARGV[1], ARGV[2], ARGV[3]
local plan = cjson.decode(ARGV[7])
local fid = plan.f
local fk = FB .. fid

local meta = redis.call('HMGET', KEYS[1], 'status', 'ec', 'dl')
if not meta[1] then return {-2} end
if meta[1] ~= 'RUNNING' then return {-2} end
if redis.call('HGET', fk, 'dead') == '1' then return {-4} end
local curV = tonumber(redis.call('HGET', fk, 'v') or '0')
if curV ~= tonumber(ARGV[5]) then return {-1} end
if tonumber(meta[2]) ~= tonumber(ARGV[4]) then return {-3, meta[2]} end
local CH = plan.ho and (JB .. plan.ho .. '|ch') or nil
if CH and redis.call('LLEN', CH) ~= tonumber(plan.hn) then return {-3, meta[2]} end
-- a task result applied directly by the dispatcher: only if nothing else answered the wait
if plan.direct then
  local w = redis.call('HMGET', fk, 'wid', 'wdone', 'tg')
  if w[1] ~= plan.direct or w[2] == '1' or redis.call('LLEN', SB .. fid) > 0 then return {-1} end
  -- the same wait id in another incarnation of the frame (an item redriven from its start)
  if plan.dg and w[3] and w[3] ~= plan.dg then return {-1} end
end
-- a step prepared before its timer fired, sent right behind the fire: only on that fire's signal
if plan.tf then
  local w = redis.call('HMGET', fk, 'wid', 'wdone')
  if w[1] ~= plan.tf or w[2] ~= '1' or redis.call('LLEN', SB .. fid) ~= 1
    or redis.call('LINDEX', SB .. fid, 0) ~= '{"kind":"timerFired"}' then return {-1} end
end
-- checked last: only a step that would really transition ends the execution (AWS: "on the next
-- state transition"), never a stale or duplicate job
if meta[3] == '1' then return {-5} end

if plan.consumed then redis.call('HDEL', KEYS[3], plan.consumed) end

local reply = {1, 0, 0}
local function outbox(id, json)
  redis.call('HSET', KEYS[3], id, json)
  reply[#reply + 1] = id
  reply[#reply + 1] = json
end

-- history
local ec = tonumber(meta[2])
if #ARGV >= 9 then
  -- in chunks: Lua's unpack fails beyond about 8,000 values, and a run-until-blocked step of a
  -- long Pass/Choice loop can carry many more events
  for i = 9, #ARGV, 1000 do
    redis.call('RPUSH', CH or KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
  end
  if not CH then
    ec = ec + (#ARGV - 8)
    redis.call('HSET', KEYS[1], 'ec', ec)
  end
end

-- the frame itself
local newV = curV + 1
if curV == 0 then
  redis.call('SADD', KEYS[4], fid)
  if plan.parent then
    -- the item's input stays in the join until it closes: a redrive may run the item again
    redis.call('HSET', fk, 'parent', plan.parent, 'idx', plan.idx)
    if plan.ho then redis.call('HSET', fk, 'ho', plan.ho) end
    local pmr = redis.call('HGET', FB .. plan.parent, 'mr')
    if pmr then item_started(KEYS[8] .. ':' .. pmr, plan.idx, ARGV[6], fid) end
  end
end
redis.call('HSET', fk, 'v', newV, 'st', ARGV[8])
if plan.pop == 1 then redis.call('LPOP', SB .. fid) end

local function close_token(tok)
  if tok and tok ~= '' and redis.call('HGET', KEYS[5], tok) == 'open' then
    redis.call('HSET', KEYS[5], tok, 'timedout')
  end
end

-- the execution ends by its own step (its TimeoutSeconds) while children still run: they are
-- aborted as by StopExecution, before the join they hang under is put away below; the execution's
-- history already ends with this step's closing event
local ending = plan['end'] ~= nil and plan['end'] ~= cjson.null
if ending and plan.root == 1 and redis.call('HGET', fk, 'jo') == '1' then
  abort_children({fb = FB, sb = SB, jb = JB, meta = KEYS[1], history = KEYS[2], tokens = KEYS[5], timers = KEYS[7], mapruns = KEYS[8],
    eid = string.match(KEYS[1], '{([^{}]*)}:meta$'), now = tonumber(ARGV[6]), ts = iso_time(tonumber(ARGV[6])), ec = ec, events = false}, fid)
end

if plan.clearJoin == 1 then
  -- a fan-out that did not succeed is kept (results, inputs, counters and the blocked frame state)
  -- so RedriveExecution can run again only the children that failed or were aborted
  local RJ = JB .. fid .. '|rj'
  if plan.sj then
    local j = redis.call('HMGET', fk, 'spawn', 'jg', 'jt', 'jl', 'jd', 'jf', 'jm', 'jtc', 'jtp', 'mr', 'jo')
    if redis.call('EXISTS', JB .. fid) == 1 then redis.call('RENAME', JB .. fid, RJ) else redis.call('DEL', RJ) end
    redis.call('HSET', fk, 'rj', cjson.encode({st = plan.sj, spawn = j[1], jg = j[2], jt = j[3], jl = j[4], jm = j[7], jtc = j[8], jtp = j[9], mr = j[10] or ''}))
    if j[10] and j[11] == '1' then
      redis.call('HSET', KEYS[8], j[10] .. '|final', cjson.encode({status = 'ABORTED', succeeded = tonumber(j[5] or '0'), failed = tonumber(j[6] or '0'),
        total = tonumber(j[3] or '0'), launched = tonumber(j[4] or '0'), stopDate = tonumber(ARGV[6])}))
    end
  else
    redis.call('DEL', JB .. fid, RJ)
    redis.call('HDEL', fk, 'rj')
  end
  redis.call('HDEL', fk, 'spawn', 'jg', 'jt', 'jl', 'jd', 'jf', 'jr', 'jm', 'jtc', 'jtp', 'jo', 'je', 'jc', 'mr', 'jq')
end

if plan.keep ~= 1 then
  close_token(redis.call('HGET', fk, 'tok'))
  redis.call('HDEL', fk, 'wid', 'wk', 'wdone', 'wst', 'tok', 'hbd', 'hbms', 'tg')
  if plan.wait ~= nil and plan.wait ~= cjson.null then
    local w = plan.wait
    redis.call('HSET', fk, 'wid', tostring(newV), 'wk', w.wk)
    if w.tg then redis.call('HSET', fk, 'tg', w.tg) end
    if w.tok then redis.call('HSET', fk, 'tok', w.tok) end
    if w.hbms then redis.call('HSET', fk, 'hbms', w.hbms, 'hbd', w.hbd) end
  end
end

if plan.tok ~= nil and plan.tok ~= cjson.null then
  redis.call('HSET', KEYS[5], plan.tok[1], 'open')
  redis.call('HSET', KEYS[6], plan.tok[1], plan.tok[2])
end
for _, t in ipairs(plan.tm or {}) do
  redis.call('HSET', KEYS[7], t[1], t[2])
end

if plan.join ~= nil and plan.join ~= cjson.null then
  local j = plan.join
  redis.call('HSET', fk, 'spawn', j.spawn, 'jg', newV, 'jt', j.total, 'jl', j.launch, 'jd', 0, 'jf', 0,
    'jr', j.launch, 'jm', j.max, 'jtc', j.tc, 'jtp', j.tp, 'jo', 1, 'je', '', 'jc', '')
  for i, input in ipairs(j.inputs) do redis.call('HSET', JB .. fid, 'in:' .. (i - 1), input) end
  if j.mapRun then
    redis.call('HSET', fk, 'mr', j.mapRun[1])
    redis.call('HSET', KEYS[8], j.mapRun[1], j.mapRun[2])
  end
end

for _, e in ipairs(plan.ob or {}) do outbox(e[1], e[2]) end

-- a frame that ended
if ending then
  local en = plan['end']
  redis.call('HSET', fk, 'end', en.kind)
  redis.call('DEL', SB .. fid)
  if plan.root == 1 then
    local status = ({succeeded = 'SUCCEEDED', failed = 'FAILED', timedOut = 'TIMED_OUT', aborted = 'ABORTED'})[en.kind]
    redis.call('HSET', KEYS[1], 'status', status, 'stopDate', ARGV[6])
    if en.out then redis.call('HSET', KEYS[1], 'output', en.out) end
    if en.err then redis.call('HSET', KEYS[1], 'error', en.err) end
    if en.cause then redis.call('HSET', KEYS[1], 'cause', en.cause) end
    local toks = redis.call('HGETALL', KEYS[5])
    for i = 1, #toks, 2 do
      if toks[i + 1] == 'open' then redis.call('HSET', KEYS[5], toks[i], 'timedout') end
    end
    redis.call('DEL', KEYS[7])
  else
    -- join the child into its parent
    local pf = redis.call('HGET', fk, 'parent')
    local idx = redis.call('HGET', fk, 'idx')
    local pk = FB .. pf
    if redis.call('HGET', pk, 'jo') == '1' then
      if en.kind == 'succeeded' then
        redis.call('HSET', JB .. pf, idx, en.out or 'null')
        redis.call('HINCRBY', pk, 'jd', 1)
      else
        redis.call('HSET', JB .. pf, idx, cjson.encode({Error = en.err or '', Cause = en.cause or ''}))
        redis.call('HINCRBY', pk, 'jf', 1)
        if redis.call('HGET', pk, 'je') == '' then
          redis.call('HSET', pk, 'je', en.err or '', 'jc', en.cause or '')
        end
      end
      local running = redis.call('HINCRBY', pk, 'jr', -1)
      local jt = redis.call('HMGET', pk, 'jt', 'jl', 'jd', 'jf', 'jm', 'jtc', 'jtp', 'je', 'jc')
      local total, launched, done, failed, max = tonumber(jt[1]), tonumber(jt[2]), tonumber(jt[3]), tonumber(jt[4]), tonumber(jt[5])
      local tc, tp = tonumber(jt[6]), tonumber(jt[7])
      local exceeded
      if tc < 0 and tp < 0 then
        exceeded = failed > 0
      else
        -- AWS: the Map fails when either threshold is exceeded
        exceeded = (tc >= 0 and failed > tc) or (tp >= 0 and failed * 100 > tp * total)
      end
      local sig = false
      local mr = redis.call('HGET', pk, 'mr')
      if mr then
        item_ended(KEYS[8] .. ':' .. mr, idx, ({succeeded = 'SUCCEEDED', failed = 'FAILED', timedOut = 'TIMED_OUT', aborted = 'ABORTED'})[en.kind], ARGV[6])
      end
      local function close_map_run(status)
        if mr then
          redis.call('HSET', KEYS[8], mr .. '|final', cjson.encode({status = status, succeeded = done, failed = failed,
            total = total, launched = launched, stopDate = tonumber(ARGV[6])}))
        end
      end
      if exceeded then
        close_map_run('FAILED')
        redis.call('HSET', pk, 'jo', 0)
        local actx = {fb = FB, sb = SB, jb = JB, meta = KEYS[1], history = KEYS[2], tokens = KEYS[5], timers = KEYS[7], mapruns = KEYS[8],
          eid = string.match(KEYS[1], '{([^{}]*)}:meta$'), now = tonumber(ARGV[6]), ts = iso_time(tonumber(ARGV[6])), ec = ec}
        abort_children(actx, pf)
        ec = actx.ec
        if tc < 0 and tp < 0 then
          sig = cjson.encode({kind = 'childrenFailed', error = jt[8], cause = jt[9]})
        else
          sig = cjson.encode({kind = 'childrenFailed', error = 'States.ExceedToleratedFailureThreshold',
            cause = 'The specified tolerated failure threshold was exceeded'})
        end
      elseif done + failed == total then
        close_map_run('SUCCEEDED')
        redis.call('HSET', pk, 'jo', 0)
        sig = '{"kind":"join"}'
      else
        running = launch_queued(FB, SB, KEYS[3], KEYS[8], ARGV[6], pk, pf, running, max, function(id, json)
          reply[#reply + 1] = id
          reply[#reply + 1] = json
        end)
        while launched < total and (max == 0 or running < max) do
          local cf = pf .. '/' .. (redis.call('HGET', pk, 'jg') or '0') .. '.' .. launched
          outbox('adv|' .. cf .. '|0', '{"t":"adv","f":' .. cjson.encode(cf) .. ',"v":0}')
          launched = launched + 1
          running = running + 1
        end
        redis.call('HSET', pk, 'jl', launched, 'jr', running)
      end
      if sig then
        local e = push_signal(pk, SB .. pf, KEYS[3], pf, sig)
        if e then
          local v = redis.call('HGET', pk, 'v') or '0'
          reply[#reply + 1] = 'adv|' .. pf .. '|' .. v
          reply[#reply + 1] = e
        end
      end
    end
  end
else
  if plan.sig then redis.call('RPUSH', SB .. fid, plan.sig) end
  -- more signals queued while this step ran (or one given to itself): run the frame again
  if redis.call('LLEN', SB .. fid) > 0 then
    outbox('adv|' .. fid .. '|' .. newV, '{"t":"adv","f":' .. cjson.encode(fid) .. ',"v":' .. newV .. '}')
  end
end

reply[2] = newV
reply[3] = ec
return reply

--[[
  include abort-frames: abort every still-running child of a fan-out frame, and everything under
  them (a Parallel inside a Map iteration, a Map inside a Map, deeper), in the commit that decided
  it: a sibling failed past tolerance (commit-step), the execution was stopped or its machine
  deleted (stop-execution, from the root), or the execution ended by its own step while children
  ran (commit-step: its TimeoutSeconds). Each aborted frame is marked dead (its queued jobs, task
  results and commits become stale), its open task token closed (answers get TaskTimedOut), its
  queued signals dropped and its timers removed from the execution's timer hash (the scheduler's
  copy is found stale when it fires). A nested fan-out's join is closed so a late child cannot
  signal it, and a nested Distributed Map's run is closed as ABORTED. Inline Map iterations get
  their MapIterationAborted, outer iteration before inner ones, in the history they record to: the
  execution's, or the child execution's they run in (the parent frame's `ho`). A Distributed Map
  item's record is ABORTED and its child execution closed with ExecutionAborted after everything
  nested in it (child-history; its ExecutionStarted first, when it had not run its first step).
  Needs the iteration-aborted, map-run-items and child-history includes.
  abort_children(ctx, fid) with ctx = {fb, sb, jb, meta, history, tokens, timers, mapruns, eid,
  now, ts, ec, events}; ctx.ec is advanced by the events written to the execution's history;
  ctx.events == false: the execution's history is closed already (the commit wrote its last
  event), so its own inline iterations get none; those in child executions still do.
]]
local TIMER_KINDS = {'wait', 'retry', 'timeout', 'hb'}

local function abort_children(ctx, fid)
  local pj = redis.call('HMGET', ctx.fb .. fid, 'jl', 'jg', 'mr', 'ho')
  local launched = tonumber(pj[1] or '0')
  for i = 0, launched - 1 do
    local cid = fid .. '/' .. (pj[2] or '0') .. '.' .. i
    local ck = ctx.fb .. cid
    local c = redis.call('HMGET', ck, 'end', 'dead', 'st', 'tok', 'wid', 'jo', 'mr', 'jd', 'jf', 'jt', 'jl', 'rst')
    if c[12] and pj[3] then
      -- a Distributed Map item redriven in place but still queued (PENDING_REDRIVE, its new
      -- state in `rst`): it never runs now; its record and its own history close as ABORTED
      redis.call('HDEL', ck, 'rst')
      item_ended(ctx.mapruns .. ':' .. pj[3], i, 'ABORTED', ctx.now, cid)
      child_execution_aborted(ctx.jb .. cid .. '|ch', redis.call('HGET', ctx.jb .. fid, 'in:' .. i),
        redis.call('HGET', ctx.meta, 'role'), ctx.ts)
    elseif c[12] then
      redis.call('HDEL', ck, 'rst')
    elseif not c[1] and c[2] ~= '1' then
      redis.call('HSET', ck, 'dead', '1')
      if pj[3] then
        item_ended(ctx.mapruns .. ':' .. pj[3], i, 'ABORTED', ctx.now, cid)
      elseif pj[4] then
        local ch = ctx.jb .. pj[4] .. '|ch'
        local ev = iteration_aborted_event(c[3], redis.call('LLEN', ch) + 1, ctx.ts, true)
        if ev then redis.call('RPUSH', ch, ev) end
      elseif ctx.events ~= false then
        local ev = iteration_aborted_event(c[3], ctx.ec + 1, ctx.ts, false)
        if ev then
          redis.call('RPUSH', ctx.history, ev)
          ctx.ec = ctx.ec + 1
          redis.call('HSET', ctx.meta, 'ec', ctx.ec)
        end
      end
      if c[4] and redis.call('HGET', ctx.tokens, c[4]) == 'open' then redis.call('HSET', ctx.tokens, c[4], 'timedout') end
      redis.call('DEL', ctx.sb .. cid)
      if c[5] then
        for _, kind in ipairs(TIMER_KINDS) do
          redis.call('HDEL', ctx.timers, ctx.eid .. '|' .. cid .. '|' .. c[5] .. '|' .. kind)
        end
      end
      if c[6] == '1' then
        redis.call('HSET', ck, 'jo', 0)
        if c[7] then
          redis.call('HSET', ctx.mapruns, c[7] .. '|final', cjson.encode({status = 'ABORTED', succeeded = tonumber(c[8] or '0'),
            failed = tonumber(c[9] or '0'), total = tonumber(c[10] or '0'), launched = tonumber(c[11] or '0'), stopDate = ctx.now}))
        end
        abort_children(ctx, cid)
      end
      if pj[3] then
        child_execution_aborted(ctx.jb .. cid .. '|ch', redis.call('HGET', ctx.jb .. fid, 'in:' .. i),
          redis.call('HGET', ctx.meta, 'role'), ctx.ts)
      end
    end
  end
end

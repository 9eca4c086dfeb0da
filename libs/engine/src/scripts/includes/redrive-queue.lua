--[[
  include redrive-queue: children a redrive queued behind MaxConcurrency (the join's `jq`, item
  indices comma-separated) start before items that never started, as slots free up. A queued
  child redriven in place keeps its new frame state in `rst` until then (it stays ended or dead,
  so nothing aborts or counts it meanwhile); one that runs again from its start has no frame. A
  Distributed Map item redriven in place is RUNNING from then (its record in `<mapruns>:<arn>`;
  one run again from its start is, by its first commit). Needs the map-run-items include.
  launch_queued(fb, sb, outboxKey, mapruns, now, pk, pf, running, max, emit) starts what fits and
  returns the new running count; emit(entryId, entryJson) receives each outbox entry written.
]]
local function launch_queued(fb, sb, outboxKey, mapruns, now, pk, pf, running, max, emit)
  -- full already: the queue is neither read nor rewritten (it may hold many thousand items)
  if max ~= 0 and running >= max then return running end
  local q = redis.call('HGET', pk, 'jq')
  if not q or q == '' then return running end
  local jg = redis.call('HGET', pk, 'jg') or '0'
  local pos, len = 1, #q
  while pos <= len and (max == 0 or running < max) do
    local comma = string.find(q, ',', pos, true)
    local idx = string.sub(q, pos, (comma or (len + 1)) - 1)
    pos = comma and (comma + 1) or (len + 1)
    if idx ~= '' then
      local cf = pf .. '/' .. jg .. '.' .. idx
      local ck = fb .. cf
      local rst = redis.call('HGET', ck, 'rst')
      if rst then
        redis.call('HDEL', ck, 'rst', 'dead', 'end', 'wid', 'wk', 'wdone', 'wst', 'tok', 'hbd', 'hbms')
        redis.call('HSET', ck, 'st', rst)
        redis.call('DEL', sb .. cf)
        local e = push_signal(ck, sb .. cf, outboxKey, cf, '{"kind":"timerFired"}')
        if e then emit('adv|' .. cf .. '|' .. (redis.call('HGET', ck, 'v') or '0'), e) end
        local mr = redis.call('HGET', pk, 'mr')
        if mr then item_started(mapruns .. ':' .. mr, idx, now, cf) end
      else
        local e = '{"t":"adv","f":' .. cjson.encode(cf) .. ',"v":0}'
        redis.call('HSET', outboxKey, 'adv|' .. cf .. '|0', e)
        emit('adv|' .. cf .. '|0', e)
      end
      running = running + 1
    end
  end
  -- only what was taken leaves the queue; the rest is kept as it is
  if pos > 1 then redis.call('HSET', pk, 'jq', string.sub(q, pos)) end
  return running
end

--[[
  include map-run-items: the child workflow executions of a Distributed Map's run, one record per
  item index (ListExecutions by mapRunArn): status, start and stop dates, redrive count and date.
  The hash is `<map runs key>:<mapRunArn>` (keys.ts mapRunItems). A redriven item keeps its start
  date, as a redriven execution does.
]]
local function item_record(key, idx, now)
  local t = redis.call('HGET', key, tostring(idx))
  if t then return cjson.decode(t) end
  return {s = tonumber(now), rc = 0}
end
local function item_started(key, idx, now, fid)
  local r = item_record(key, idx, now)
  r.st = 'RUNNING'
  -- the item's frame: its child execution's history is `<join results base><f>|ch`
  r.f = fid
  r.t = nil
  redis.call('HSET', key, tostring(idx), cjson.encode(r))
end
local function item_ended(key, idx, status, now, fid)
  local r = item_record(key, idx, now)
  r.st = status
  if fid then r.f = fid end
  r.t = tonumber(now)
  redis.call('HSET', key, tostring(idx), cjson.encode(r))
end
local function item_redriven(key, idx, now)
  local r = item_record(key, idx, now)
  r.st = 'PENDING_REDRIVE'
  r.t = nil
  r.rc = (r.rc or 0) + 1
  r.rd = tonumber(now)
  redis.call('HSET', key, tostring(idx), cjson.encode(r))
end

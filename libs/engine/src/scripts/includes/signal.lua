--[[
  include signal: queue a signal for a frame's next step, and when the frame had none pending,
  write the outbox entry that asks a worker to run it (same commit as the signal).
  Returns the outbox entry JSON written, or false.
]]
local function push_signal(frameKey, sigKey, outboxKey, fid, sig)
  local n = redis.call('RPUSH', sigKey, sig)
  if n == 1 then
    local v = redis.call('HGET', frameKey, 'v') or '0'
    local entry = '{"t":"adv","f":' .. cjson.encode(fid) .. ',"v":' .. v .. '}'
    redis.call('HSET', outboxKey, 'adv|' .. fid .. '|' .. v, entry)
    return entry
  end
  return false
end

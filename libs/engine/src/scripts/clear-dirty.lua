--[[
  clear-dirty: forget an execution's "outbox may hold entries" mark, unless someone marked it
  again after we read the outbox (then their relay, or the sweep, handles it).
  KEYS[1] dirty (sorted set)
  ARGV[1] execution id   ARGV[2] the mark's score as read
  Returns 1 cleared, 0 left (marked again since)
]]
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if s and tonumber(s) == tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0

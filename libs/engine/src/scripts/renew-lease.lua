--[[
  renew-lease: take or keep a leader lease. The holder renews before it expires; a standby
  takes it only once it has expired (SET NX), so at most one holder exists at a time.
  KEYS[1] lease key
  ARGV[1] holder id   ARGV[2] lease length (ms)
  Returns 1 held by the caller (taken or renewed), 0 held by someone else
]]
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0

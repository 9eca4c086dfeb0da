--[[
  release-lease: give a lease up on shutdown, only if the caller holds it (the standby takes
  over at once instead of waiting for the expiry).
  KEYS[1] lease key
  ARGV[1] holder id
  Returns 1 released, 0 not the holder
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0

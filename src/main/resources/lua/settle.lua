-- Record what happened to a claimed call. Only the claim's owner may do it (compare-and-set).
-- KEYS[1] record, KEYS[2] lock, KEYS[3] txn binding to write ('<tag>:-' for none)
-- ARGV: 1 owner, 2 mode (complete | release | unknown), 3 keep_ms,
--       4 code, 5 ct, 6 loc, 7 body, 8 txn routing id, 9 txn binding ttl ms
-- Returns 1 when recorded, 0 when the claim is no longer this owner's.
local rec, lock, tkey = KEYS[1], KEYS[2], KEYS[3]
local owner, mode, keep = ARGV[1], ARGV[2], tonumber(ARGV[3])
local s = redis.call('HMGET', rec, 'st', 'own')
if s[1] ~= 'I' or s[2] ~= owner then return 0 end
local holds_lock = redis.call('GET', lock) == rec
if mode == 'complete' then
  redis.call('HSET', rec, 'st', 'C', 'code', ARGV[4], 'ct', ARGV[5], 'loc', ARGV[6], 'body', ARGV[7])
  redis.call('HDEL', rec, 'exp')
  redis.call('PEXPIRE', rec, keep)
  if holds_lock then redis.call('DEL', lock) end
  if string.sub(tkey, -2) ~= ':-' and ARGV[8] ~= '' then
    redis.call('SET', tkey, ARGV[8], 'PX', tonumber(ARGV[9]))
  end
elseif mode == 'release' then
  redis.call('DEL', rec)
  if holds_lock then redis.call('DEL', lock) end
else
  redis.call('HSET', rec, 'st', 'U')
  redis.call('PEXPIRE', rec, keep)
  if holds_lock then redis.call('PEXPIRE', lock, keep) end
end
return 1

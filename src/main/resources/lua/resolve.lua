-- Writes what reconciliation learned from Juspay about an unknown outcome. Only the holder of the
-- latest lease may (compare-and-set), and only while the record is still unresolved.
-- KEYS: 1 rec, 2 unk
-- ARGV: 1 lease token, 2 verdict (took | not), 3 keep_ms, 4 what Juspay reported (es), 5 paid ('1'),
--       6 the order's newest txn hash ('' for none)
-- Returns 1 when written, 0 when someone else decided first.
local rec, unk = KEYS[1], KEYS[2]
local r = fields(rec)
local now = now_ms()
local unresolved = r.st == 'U' or (r.st == 'I' and r.exp ~= '' and now >= tonumber(r.exp))
if r.lt ~= ARGV[1] or not unresolved then return 0 end
if ARGV[2] == 'took' then
  redis.call('HSET', rec, 'st', 'E', 'es', ARGV[4])
  redis.call('HDEL', rec, 'exp', 'nx', 'ra', 'lt', 'uo')
  redis.call('PEXPIRE', rec, tonumber(ARGV[3]))
  if redis.call('GET', r.lk) == rec then redis.call('DEL', r.lk) end
  redis.call('ZREM', unk, rec)
  if not none(r.oh) then
    redis.call('HSET', r.oh, 'ok', '1')
    if ARGV[5] == '1' then redis.call('HSET', r.oh, 'paid', '1') end
    if ARGV[6] ~= '' then redis.call('HSET', r.oh, 'kt', ARGV[6]) end
  end
  if not none(r.ck) then redis.call('PEXPIRE', r.ck, tonumber(ARGV[3])) end
else
  free(rec, r, unk)
end
return 1

-- Writes what reconciliation learned from Juspay about an unknown outcome. Only the holder of the
-- latest lease may (compare-and-set), and only while the record is still unresolved.
-- KEYS: 1 rec, 2 unk, 3 since, 4 tkey (the binding of the txn a /txns call made, or '<tag>:-'), 5 txo (its order)
-- ARGV: 1 lease token, 2 verdict (took | not), 3 keep_ms, 4 what Juspay reported (es),
--       5 the order's newest txn hash ('' for none), 6 routing ttl ms
-- Returns 1 when written, 0 when someone else decided first.
local rec, unk, since, tkey, txo = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local r = fields(rec)
local now = now_ms()
local unresolved = r.st == 'U' or (r.st == 'I' and r.exp ~= '' and now >= tonumber(r.exp))
if r.lt ~= ARGV[1] or not unresolved then return 0 end
if ARGV[2] == 'took' then
  local ttl = tonumber(ARGV[6])
  redis.call('HSET', rec, 'st', 'E', 'es', ARGV[4])
  redis.call('HDEL', rec, 'exp', 'nx', 'ra', 'lt', 'uo')
  redis.call('PEXPIRE', rec, tonumber(ARGV[3]))
  if redis.call('GET', r.lk) == rec then redis.call('DEL', r.lk) end
  forget_unknown(unk, since, rec)
  confirm(r.okb, r.ckb, r.rid, ttl)
  if not none(r.oh) then
    redis.call('HSET', r.oh, 'ok', '1')
    if ARGV[5] ~= '' then redis.call('HSET', r.oh, 'kt', ARGV[5]) end
  end
  -- The payment's txn, as a completed /txns would have left it: capture and void of it route and
  -- reconcile like any other.
  if not none(tkey) and r.rid ~= '' then
    redis.call('SET', tkey, r.rid, 'PX', ttl, 'NX')
    redis.call('SET', txo, r.oid, 'PX', ttl, 'NX')
  end
  if not none(r.ck) then redis.call('PEXPIRE', r.ck, tonumber(ARGV[3])) end
else
  free(rec, r, unk, since)
end
return 1

-- Record what happened to a claimed call, before its answer leaves. Only the claim's owner may do
-- it (compare-and-set on the token). A release that finds no claim of its own leaves a tombstone,
-- so that its claim, should it still be on its way, never lands (claim.lua checks for it).
-- KEYS: 1 rec, 2 unk, 3 since, 4 tomb, 5 tkey (txn binding for a completed /txns, or '<tag>:-'),
--       6 txo (its order)
-- ARGV: 1 token, 2 mode (complete | release | unknown | paid), 3 keep_ms, 4 code, 5 ct, 6 loc, 7 body,
--       8 routing ttl ms, 9 txn hash (a completed /txns: its txn, the order's newest known), 10 grace_ms,
--       11 tombstone ms (longer than the claim could still be on its way)
-- Returns 1 when recorded, 0 when the claim is no longer this owner's.
local rec, unk, since, tomb, tkey, txo = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local token, mode, keep, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[8])
local r = fields(rec)
-- A claim resolved by reconciliation may still take its owner's definitive answer.
local mine = r.own == token and (r.st == 'I' or (r.st == 'E' and mode == 'complete'))
if not mine then
  if mode == 'release' then redis.call('SET', tomb, '1', 'PX', tonumber(ARGV[11])) end
  return 0
end
local now = now_ms()
if mode == 'complete' then
  redis.call('HSET', rec, 'st', 'C', 'code', ARGV[4], 'ct', ARGV[5], 'loc', ARGV[6], 'body', ARGV[7])
  redis.call('HDEL', rec, 'exp', 'es', 'nx', 'ra', 'lt', 'uo')
  redis.call('PEXPIRE', rec, keep)
  if redis.call('GET', r.lk) == rec then redis.call('DEL', r.lk) end
  forget_unknown(unk, since, rec)
  confirm(r.okb, r.ckb, r.rid, ttl)
  if not none(r.oh) then
    redis.call('HSET', r.oh, 'ok', '1')
    if ARGV[9] ~= '' then redis.call('HSET', r.oh, 'kt', ARGV[9]) end
  end
  if not none(tkey) and r.rid ~= '' then
    redis.call('SET', tkey, r.rid, 'PX', ttl)
    redis.call('SET', txo, r.oid, 'PX', ttl)
  end
  if not none(r.ck) then redis.call('PEXPIRE', r.ck, keep) end
elseif mode == 'release' or mode == 'paid' then
  -- 'paid': Juspay showed the order paid before anything was sent. Not remembered: the next
  -- attempt asks Juspay again (a voided pre-auth or a refunded order may take a new one).
  free(rec, r, unk, since)
else
  redis.call('HSET', rec, 'st', 'U', 'uo', tostring(now))
  redis.call('PEXPIRE', rec, keep)
  if redis.call('GET', r.lk) == rec then redis.call('PEXPIRE', r.lk, keep) end
  if not none(r.ck) then redis.call('PEXPIRE', r.ck, keep) end
  redis.call('ZADD', unk, now + tonumber(ARGV[10]), rec)
  redis.call('ZADD', since, now, rec)
end
return 1

-- Claim a money-moving call's key and bind its routing id, atomically, in one round trip.
-- KEYS: 1 rec      the call's record (natural key), a hash; see the fields below
--       2 lk       the order's (or txn's) lock: names the record of the attempt holding it
--       3 okb      the order's (or txn's) routing binding, or '<tag>:-'
--       4 ckb      the customer's routing binding, or '<tag>:-'
--       5 ck       the client's Idempotency-Key record (fp, rec), or '<tag>:-'
--       6 oh       for /txns, the order's attempt book (n attempts sent, ok: one was answered 2xx, kt: its
--                  newest known txn), or '<tag>:-'
--       7 unk      the tenant's unknown outcomes: record -> time from which it is one (zset)
--       8 tomb     this claim's tombstone: present when its release already landed
--       9 txo      for capture/void, where a completed payment left its txn's order id, or '<tag>:-'
-- ARGV: 1 token (random, the gateway's own), 2 fingerprint, 3 header, 4 derived, 5 policy,
--       6 claim_ms (until the call's deadline), 7 hold_ms (how long an unknown outcome holds),
--       8 routing ttl ms, 9 reuse_is_error, 10 kind, 11 order id, 12 refund id, 13 max attempts
--       (0: not a payment), 14 txn hash (capture/void), 15 amount hash (update), 16 grace_ms
-- Record fields: st (I in flight, C completed, U unknown, E took effect), own, fp, exp, kind, oid,
--   ref, kt, tuh, amh, an, rid, lk, okb, ckb, ck, oh, bo, bc; code, ct, loc, body once completed;
--   es once resolved; nx, ra, lt, uo while unknown.
-- Returns {outcome, rid, routing, ...}:
--   {'new', rid, routing, check}      check '1': a new attempt after a 2xx one; ask Juspay first
--   {'replay', rid, routing, code, ct, loc, body}
--   {'processed', rid, routing, es}   reconciliation found that it took effect
--   {'in_progress', rid, routing, ms_left}
--   {'unknown', rid, routing, rec}    the record (this one, or the attempt holding the order)
--   {'key_reused' | 'attempt_limit' | 'cancelled', rid, routing}
--   {'refused', routing}              routing said mismatched or required
local rec, lk, okb, ckb, ck, oh, unk, tomb = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local txo = KEYS[9]
local token, fp, header, derived, policy = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local claim_ms, hold_ms, ttl = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local reuse_is_error, kind, oid, ref = ARGV[9] == '1', ARGV[10], ARGV[11], ARGV[12]
local max_attempts, tuh, amh, grace = tonumber(ARGV[13]), ARGV[14], ARGV[15], tonumber(ARGV[16])

local rid, outcome = routing(okb, ckb, header, derived, policy)
if not rid then return {'refused', outcome} end
if redis.call('EXISTS', tomb) == 1 then return {'cancelled', rid, outcome} end
local now = now_ms()

if not none(ck) then
  local cfp = redis.call('HGET', ck, 'fp')
  if cfp and cfp ~= fp then return {'key_reused', rid, outcome} end
end

-- An in-flight claim past its deadline lost its owner mid-call: its outcome is unknown.
-- s: the record's st and exp, when the caller has read them already.
local function busy(key, s)
  s = s or redis.call('HMGET', key, 'st', 'exp')
  if s[1] == 'I' then
    local exp = tonumber(s[2])
    if now < exp then return {'in_progress', rid, outcome, tostring(exp - now)} end
    return {'unknown', rid, outcome, key}
  end
  if s[1] == 'U' then return {'unknown', rid, outcome, key} end
  return false
end

-- A client key first seen on an answered call is bound to it too: the same key with another payload
-- is then refused, not sent.
local function remember_client_key()
  if not none(ck) and redis.call('HSETNX', ck, 'fp', fp) == 1 then
    redis.call('HSET', ck, 'rec', rec)
    local left = redis.call('PTTL', rec)
    if left > 0 then redis.call('PEXPIRE', ck, left) end
  end
end

local r = redis.call('HMGET', rec, 'st', 'exp', 'fp')
if r[1] == 'C' or r[1] == 'E' then
  if r[3] == fp then
    remember_client_key()
    if r[1] == 'E' then return {'processed', rid, outcome, redis.call('HGET', rec, 'es') or ''} end
    local c = redis.call('HMGET', rec, 'code', 'ct', 'loc', 'body')
    return {'replay', rid, outcome, c[1], c[2] or '', c[3] or '', c[4] or ''}
  end
  if reuse_is_error then return {'key_reused', rid, outcome} end
end
local state = busy(rec, r)
if state then return state end
local holder = redis.call('GET', lk)
if holder and holder ~= rec then
  state = busy(holder)
  if state then return state end
end

if oid == '' and not none(txo) then oid = redis.call('GET', txo) or '' end
local check, kt, attempt = '0', '', ''
if max_attempts > 0 then
  local o = redis.call('HMGET', oh, 'n', 'ok', 'kt')
  local n = tonumber(o[1] or '0')
  if n >= max_attempts then return {'attempt_limit', rid, outcome} end
  attempt = tostring(redis.call('HINCRBY', oh, 'n', 1))
  redis.call('PEXPIRE', oh, ttl)
  if o[2] == '1' then check = '1' end
  kt = o[3] or ''
end

local keep = claim_ms + hold_ms
-- A record of an earlier attempt (released, or answered with another payload) gives way whole.
if r[1] then redis.call('DEL', rec) end
local made_o, made_c = bind(okb, ckb, rid, ttl)
redis.call('HSET', rec, 'st', 'I', 'own', token, 'fp', fp, 'exp', tostring(now + claim_ms), 'kind', kind,
  'oid', oid, 'ref', ref, 'kt', kt, 'tuh', tuh, 'amh', amh, 'an', attempt, 'rid', rid, 'lk', lk, 'okb', okb,
  'ckb', ckb, 'ck', ck, 'oh', oh, 'bo', made_o and '1' or '0', 'bc', made_c and '1' or '0')
redis.call('PEXPIRE', rec, keep)
redis.call('SET', lk, rec, 'PX', keep)
if not none(ck) then
  redis.call('HSET', ck, 'fp', fp, 'rec', rec)
  redis.call('PEXPIRE', ck, keep)
end
-- Should the owner never settle (a crashed replica), any replica finds the claim here once it is due.
redis.call('ZADD', unk, now + claim_ms + grace, rec)
return {'new', rid, outcome, check}

-- Claim an idempotency key and bind the routing id, atomically, in one round trip.
-- KEYS[1] record   hash: st (I in flight, C completed, U unknown), own, fp, exp, code, ct, loc, body
-- KEYS[2] lock     the order's (or txn's) lock: names the record of the attempt holding it
-- KEYS[3] okey     order/txn routing binding, or '<tag>:-'
-- KEYS[4] ckey     customer routing binding, or '<tag>:-'
-- ARGV: 1 owner (request id), 2 fingerprint, 3 header, 4 derived, 5 policy,
--       6 claim_ms (deadline + margin), 7 hold_ms (unknown quarantine), 8 routing ttl ms,
--       9 reuse_is_error ('1': same key, other payload is a 422)
-- Returns {outcome, ...}:
--   {'new', rid, routing}
--   {'replay', rid, routing, code, ct, loc, body}
--   {'in_progress' | 'unknown', rid, routing, ms_left}
--   {'key_reused', rid, routing}
--   {'refused', routing}            routing said mismatched or required
local rec, lock, okey, ckey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local owner, fp, header, derived, policy = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local claim_ms, hold_ms, ttl = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local reuse_is_error = ARGV[9] == '1'

local rid, outcome = routing(okey, ckey, header, derived, policy)
if not rid then return {'refused', outcome} end

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- An in-flight claim past its deadline lost its owner mid-call: its outcome is unknown.
local function busy(key)
  local s = redis.call('HMGET', key, 'st', 'exp')
  if s[1] == 'I' then
    local exp = tonumber(s[2])
    if now < exp then return 'in_progress', exp - now end
    return 'unknown', redis.call('PTTL', key)
  end
  if s[1] == 'U' then return 'unknown', redis.call('PTTL', key) end
  return false, 0
end

local r = redis.call('HMGET', rec, 'st', 'fp')
if r[1] == 'C' then
  if r[2] == fp then
    local c = redis.call('HMGET', rec, 'code', 'ct', 'loc', 'body')
    return {'replay', rid, outcome, c[1], c[2] or '', c[3] or '', c[4] or ''}
  end
  if reuse_is_error then return {'key_reused', rid, outcome} end
end
local state, left = busy(rec)
if state then return {state, rid, outcome, tostring(left)} end

local holder = redis.call('GET', lock)
if holder and holder ~= rec then
  state, left = busy(holder)
  if state then return {state, rid, outcome, tostring(left)} end
end

redis.call('DEL', rec)
redis.call('HSET', rec, 'st', 'I', 'own', owner, 'fp', fp, 'exp', tostring(now + claim_ms))
redis.call('PEXPIRE', rec, claim_ms + hold_ms)
redis.call('SET', lock, rec, 'PX', claim_ms + hold_ms)
bind(okey, ckey, rid, ttl)
return {'new', rid, outcome}

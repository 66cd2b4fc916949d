-- Shared by every script: time, placeholders, and the sticky x-routing-id rule.
-- A key ending in ':-' means "this call names no such entity": scripts skip it.
local function none(key) return string.sub(key, -2) == ':-' end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- The routing rule.
--   okey    the order's binding (or, for capture/void, the txn's)
--   ckey    the customer's binding
--   header  the client's x-routing-id, or ''
--   derived what the gateway would use without a header: customer id, else order id, or ''
--   policy  reject | rewrite | require
-- Returns: effective id (false when refused), outcome
--   outcomes: matched, bound, rewritten, mismatched, required, none
local function routing(okey, ckey, header, derived, policy)
  local bo = false
  local bc = false
  if not none(okey) then bo = redis.call('GET', okey) end
  if not none(ckey) then bc = redis.call('GET', ckey) end
  local bound = bo or bc
  if header ~= '' then
    if (bo and bo ~= header) or (bc and bc ~= header) then
      if policy == 'rewrite' then return bound, 'rewritten' end
      return false, 'mismatched'
    end
    if bound then return header, 'matched' end
    return header, 'bound'
  end
  if policy == 'require' then return false, 'required' end
  if bound then return bound, 'matched' end
  if derived == '' then return '', 'none' end
  return derived, 'bound'
end

-- Binds rid to the order (once) and the customer (refreshed on use).
-- Returns whether each binding was created by this call, so that a call that never reached Juspay,
-- or that Juspay refused, can take back what it bound.
local function bind(okey, ckey, rid, ttl)
  local made_o, made_c = false, false
  if rid == '' then return made_o, made_c end
  if not none(okey) then made_o = redis.call('SET', okey, rid, 'PX', ttl, 'NX') and true or false end
  if not none(ckey) then
    made_c = redis.call('SET', ckey, rid, 'PX', ttl, 'NX') and true or false
    if not made_c then redis.call('PEXPIRE', ckey, ttl) end
  end
  return made_o, made_c
end

-- A binding some call Juspay took has used is confirmed: no refused call may take it back then.
local function confirmed(key) return key .. ':ok' end

-- Juspay took a call made with rid: bind it (should an earlier refusal have taken the binding back)
-- and confirm the bindings it used.
local function confirm(okey, ckey, rid, ttl)
  if rid == '' then return end
  bind(okey, ckey, rid, ttl)
  for _, key in ipairs({okey, ckey}) do
    if not none(key) and redis.call('GET', key) == rid then
      redis.call('SET', confirmed(key), '1', 'PX', ttl)
    end
  end
end

-- Takes back a binding this claim created, unless it now says something else or a call Juspay
-- took has used it since.
local function unbind(key, rid, made)
  if made == '1' and not none(key) and rid ~= '' and redis.call('GET', key) == rid
      and redis.call('EXISTS', confirmed(key)) == 0 then
    redis.call('DEL', key)
  end
end

-- The record is no longer (or never was) an unknown outcome.
local function forget_unknown(unk, since, rec)
  redis.call('ZREM', unk, rec)
  redis.call('ZREM', since, rec)
end

-- Forgets an attempt on an order that never became a Juspay transaction.
local function uncount(ordh)
  if not none(ordh) and tonumber(redis.call('HGET', ordh, 'n') or '0') > 0 then
    redis.call('HINCRBY', ordh, 'n', -1)
  end
end

-- Frees a record: the call created nothing at Juspay (refused, never sent, or proven not to have
-- taken effect). Its lock, bindings, attempt count and client key go with it.
-- r: the record's fields lk, okb, ckb, ck, oh, rid, bo, bc (see claim.lua)
-- unk, since: the tenant's reconciliation queue and its unknowns by age (see unknowns.lua)
local function free(rec, r, unk, since)
  if redis.call('GET', r.lk) == rec then redis.call('DEL', r.lk) end
  unbind(r.okb, r.rid, r.bo)
  unbind(r.ckb, r.rid, r.bc)
  uncount(r.oh)
  if not none(r.ck) and redis.call('HGET', r.ck, 'rec') == rec then redis.call('DEL', r.ck) end
  forget_unknown(unk, since, rec)
  redis.call('DEL', rec)
end

-- The fields free() and the reconciler need, read from a record.
local FIELDS = {'st', 'own', 'exp', 'kind', 'oid', 'ref', 'kt', 'tuh', 'amh', 'rid', 'lk', 'okb', 'ckb', 'ck', 'oh',
  'bo', 'bc', 'nx', 'ra', 'lt', 'uo', 'an'}
local function fields(rec)
  local v = redis.call('HMGET', rec, unpack(FIELDS))
  local r = {}
  for i, name in ipairs(FIELDS) do r[name] = v[i] or '' end
  return r
end

-- The sticky x-routing-id rule, shared by the claim and the read-only check.
-- A key ending in ':-' means "this call names no such entity".
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
  if string.sub(okey, -2) ~= ':-' then bo = redis.call('GET', okey) end
  if string.sub(ckey, -2) ~= ':-' then bc = redis.call('GET', ckey) end
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

-- Bindings are written only by a granted claim: an order's once, a customer's refreshed on use.
local function bind(okey, ckey, rid, ttl)
  if rid == '' then return end
  if string.sub(okey, -2) ~= ':-' then redis.call('SET', okey, rid, 'PX', ttl, 'NX') end
  if string.sub(ckey, -2) ~= ':-' then
    if not redis.call('SET', ckey, rid, 'PX', ttl, 'NX') then redis.call('PEXPIRE', ckey, ttl) end
  end
end

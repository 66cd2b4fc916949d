-- Leases unknown outcomes to one reconciler at a time, with backoff, so any replica can resolve
-- them and no two resolve one at once.
-- KEYS: 1 unk   the tenant's reconciliation queue: record -> when it may next be looked at (zset)
--       2 since the tenant's unknown outcomes: record -> when its outcome became unknown (zset)
--       3 one   one record to lease now (a retry found it), or '<tag>:-'
-- ARGV: 1 lease token, 2 how many at most, 3 grace_ms, 4 max backoff ms
-- Returns {open, oldest_ms, n, wait_ms, then n times: rec, kind, oid, ref, kt, tuh, amh, rid, an, ra,
--   due_in_ms, backoff_ms}
--   open: unknown outcomes; oldest_ms: how long the oldest has been unknown (0 when none);
--   wait_ms: 'one' is leased to another reconciler or in backoff, ask again after this long;
--   due_in_ms: until then Juspay may still be working on the call, so "it did not take effect"
--   cannot be concluded yet (0: due)
local unk, since, one = KEYS[1], KEYS[2], KEYS[3]
local token, max, grace, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local out = {}
local taken = 0
local wait = 0

-- When the record's outcome became unknown: its owner gave up (U), or its claim ran out with no
-- owner left to settle it (I past its deadline). nil while it is in flight or settled.
local function unknown_since(r)
  if r.st == 'U' and r.uo ~= '' then return tonumber(r.uo) end
  if r.st == 'I' and r.exp ~= '' and now >= tonumber(r.exp) then return tonumber(r.exp) end
  return nil
end

local function lease(rec, r, from)
  local ra = tonumber(r.ra ~= '' and r.ra or '0') + 1
  local backoff = math.min(cap, 1000 * 2 ^ (ra - 1))
  redis.call('HSET', rec, 'nx', tostring(now + backoff), 'ra', tostring(ra), 'lt', token)
  -- The queue is ordered by when each may next be looked at, so entries in backoff never block
  -- newer ones.
  redis.call('ZADD', unk, now + backoff, rec)
  local due_in = math.max(0, from + grace - now)
  for _, v in ipairs({rec, r.kind, r.oid, r.ref, r.kt, r.tuh, r.amh, r.rid, r.an, tostring(ra), tostring(due_in),
      tostring(backoff)}) do
    table.insert(out, v)
  end
  taken = taken + 1
end

local function in_backoff(r)
  return r.nx ~= '' and now < tonumber(r.nx)
end

if not none(one) then
  local r = fields(one)
  local from = unknown_since(r)
  if from then
    redis.call('ZADD', since, from, one)
    if in_backoff(r) then wait = tonumber(r.nx) - now else lease(one, r, from) end
  end
else
  local due = redis.call('ZRANGEBYSCORE', unk, '-inf', now, 'LIMIT', 0, max * 4)
  for _, rec in ipairs(due) do
    local r = fields(rec)
    local from = unknown_since(r)
    if r.st == '' or r.st == 'C' or r.st == 'E' then
      forget_unknown(unk, since, rec)
    elseif not from then
      redis.call('ZADD', unk, tonumber(r.exp) + grace, rec)
    else
      redis.call('ZADD', since, from, rec)
      if in_backoff(r) then
        redis.call('ZADD', unk, tonumber(r.nx), rec)
      elseif taken < max then
        lease(rec, r, from)
      end
    end
  end
end
local open = redis.call('ZCARD', since)
local oldest = redis.call('ZRANGE', since, 0, 0, 'WITHSCORES')
local age = 0
if oldest[2] then age = math.max(0, now - tonumber(oldest[2])) end
local reply = {open, age, taken, wait}
for _, v in ipairs(out) do table.insert(reply, v) end
return reply

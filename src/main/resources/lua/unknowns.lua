-- Leases unknown outcomes to one reconciler at a time, with backoff, so any replica can resolve
-- them and no two resolve one at once.
-- KEYS: 1 unk (the tenant's unknown outcomes), 2 one record to lease now (a retry found it), or '<tag>:-'
-- ARGV: 1 lease token, 2 how many at most, 3 grace_ms, 4 max backoff ms
-- Returns {open, oldest_ms, n, then n times: rec, kind, oid, ref, kt, tuh, amh, rid, an, ra}
--   open: unknowns due now; oldest_ms: how long the oldest has been due (0 when none)
local unk, one = KEYS[1], KEYS[2]
local token, max, grace, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local out = {}
local taken = 0

local function lease(rec, r)
  local ra = tonumber(r.ra ~= '' and r.ra or '0') + 1
  local backoff = math.min(cap, 1000 * 2 ^ (ra - 1))
  redis.call('HSET', rec, 'nx', tostring(now + backoff), 'ra', tostring(ra), 'lt', token)
  for _, v in ipairs({rec, r.kind, r.oid, r.ref, r.kt, r.tuh, r.amh, r.rid, r.an, tostring(ra)}) do
    table.insert(out, v)
  end
  taken = taken + 1
end

local function unresolved(r)
  return r.st == 'U' or (r.st == 'I' and now >= tonumber(r.exp))
end

if not none(one) then
  local r = fields(one)
  if unresolved(r) then lease(one, r) end
else
  local due = redis.call('ZRANGEBYSCORE', unk, '-inf', now, 'LIMIT', 0, max * 4)
  for _, rec in ipairs(due) do
    local r = fields(rec)
    if r.st == '' or r.st == 'C' or r.st == 'E' then
      redis.call('ZREM', unk, rec)
    elseif r.st == 'I' and now < tonumber(r.exp) then
      redis.call('ZADD', unk, tonumber(r.exp) + grace, rec)
    elseif taken < max and (r.nx == '' or tonumber(r.nx) <= now) then
      lease(rec, r)
    end
  end
end
local open = redis.call('ZCOUNT', unk, '-inf', now)
local oldest = redis.call('ZRANGE', unk, 0, 0, 'WITHSCORES')
local age = 0
if oldest[2] and tonumber(oldest[2]) <= now then age = now - tonumber(oldest[2]) end
local reply = {open, age, taken}
for _, v in ipairs(out) do table.insert(reply, v) end
return reply

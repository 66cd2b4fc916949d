-- The routing check alone, for reads (order status): nothing is claimed or bound.
-- KEYS[1] okey, KEYS[2] ckey; ARGV: 1 header, 2 derived, 3 policy
-- Returns {rid, outcome, '1'}, or {'', outcome, '0'} when refused.
local rid, outcome = routing(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
if not rid then return {'', outcome, '0'} end
return {rid, outcome, '1'}

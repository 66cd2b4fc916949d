-- wrk: every POST creates a distinct order, as a real checkout does (no idempotency replays).
local counter = 0
local run = tostring(os.time() % 100000)
local key = os.getenv("BENCH_KEY")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if key then
  local b = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  local s = key .. ":"
  local enc = ((s:gsub('.', function(x)
    local r, byte = '', x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if (#x < 6) then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#s % 3 + 1])
  wrk.headers["Authorization"] = "Basic " .. enc
end
request = function()
  counter = counter + 1
  local body = "order_id=w" .. run .. "_" .. counter .. "&amount=100.00&currency=INR&customer_id=cust_" ..
      (counter % 5000) .. "&customer_email=shopper%40example.com&customer_phone=9988665522" ..
      "&return_url=https%3A%2F%2Fshop.example.com%2Fdone&description=Load+test+order"
  return wrk.format(nil, nil, nil, body)
end

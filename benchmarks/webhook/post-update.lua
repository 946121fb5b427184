-- wrk script: POSTs Telegram text updates with fresh update ids over 1000 chats.
-- KEY and SECRET come from the environment (see run.sh).
local key = os.getenv("KEY")
local secret = os.getenv("SECRET")
local counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

request = function()
  counter = counter + 1
  local id = math.random(1, 2000000000)
  local chat = counter % 1000
  local body = '{"update_id":' .. id .. ',"message":{"message_id":' .. id .. ',"date":1441645532,' ..
    '"chat":{"id":' .. chat .. ',"type":"private"},"from":{"id":' .. chat .. ',"is_bot":false,"first_name":"Bench"},"text":"hello"}}'
  return wrk.format("POST", "/webhooks/" .. key,
    { ["Content-Type"] = "application/json", ["X-Telegram-Bot-Api-Secret-Token"] = secret }, body)
end

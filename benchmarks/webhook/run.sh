#!/usr/bin/env bash
# Webhook intake benchmark, on loopback only. Needs wrk (apt-get install -y wrk) and python3.
# Publishes the app in Release, starts it on a fresh data folder, creates a Telegram bot, then measures in one run:
#   1. GET  /webhooks/{key}  (no storage: the bare-endpoint baseline)
#   2. POST /webhooks/{key}  with the bot disabled (intake only: verify, parse the envelope, commit to the inbox)
#   3. POST /webhooks/{key}  with the bot active (intake while the processor records every update)
# and prints requests/s for each and the ratios. Every wrk run is bounded (DURATION seconds).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
PORT=${PORT:-5099}
work=$(mktemp -d)
trap 'kill $app 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish Bots1C.Web -c Release -o "$work/app" -v q >/dev/null
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Bots1C__Bootstrap__ApiKey=bench Logging__LogLevel__Default=Warning \
  exec dotnet Bots1C.Web.dll --Bots1C:DataPath="$work/data" --Urls="http://127.0.0.1:$PORT" >"$work/app.log" 2>&1) &
app=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done

api() { curl -sf -H "X-Api-Key: bench" -H "Content-Type: application/json" "$@"; }
bot=$(api -d '{"name":"Bench","messenger":"Telegram","token":"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx","publicBaseUrl":"https://bot.example.ru","apiServerUrl":"http://127.0.0.1:9"}' \
  "http://127.0.0.1:$PORT/api/v1/bots")
id=$(echo "$bot" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
export KEY=$(echo "$bot" | python3 -c 'import json,sys; print(json.load(sys.stdin)["webhookUrl"].rsplit("/",1)[1])')
export SECRET=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/data/bots1c.db').execute('select WebhookSecret from Bots').fetchone()[0])")
rate() { sed -n 's/^Requests\/sec: *//p'; }
set_state() { api -X PUT -o /dev/null -d "{\"name\":\"Bench\",\"messenger\":\"Telegram\",\"publicBaseUrl\":\"https://bot.example.ru\",\"apiServerUrl\":\"http://127.0.0.1:9\",\"state\":\"$1\"}" "http://127.0.0.1:$PORT/api/v1/bots/$id"; }

set_state Disabled
# Warm-up: let the JIT settle (tiered compilation) before anything is measured.
wrk -t2 -c64 -d5s "http://127.0.0.1:$PORT/webhooks/$KEY" >/dev/null
wrk -t2 -c64 -d5s -s benchmarks/webhook/post-update.lua "http://127.0.0.1:$PORT" >/dev/null
bare=$(wrk -t2 -c64 -d"${DURATION}s" "http://127.0.0.1:$PORT/webhooks/$KEY" | rate)
intake=$(wrk -t2 -c"${CONNECTIONS:-64}" -d"${DURATION}s" -s benchmarks/webhook/post-update.lua "http://127.0.0.1:$PORT" | rate)
set_state Active
sleep 2
busy=$(wrk -t2 -c"${CONNECTIONS:-64}" -d"${DURATION}s" -s benchmarks/webhook/post-update.lua "http://127.0.0.1:$PORT" | rate)

echo "bare GET endpoint:            $bare req/s"
echo "webhook intake only:          $intake req/s  (ratio to bare $(python3 -c "print(round($intake/$bare,2))"))"
echo "webhook intake + processing:  $busy req/s  (ratio to bare $(python3 -c "print(round($busy/$bare,2))"))"

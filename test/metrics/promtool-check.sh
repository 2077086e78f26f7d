#!/usr/bin/env bash
# Starts the built server on loopback, sends a few requests, and runs `promtool check metrics` on /metrics.
# Fails on any complaint about mockdock_* metrics; prom-client's default process metrics are reported but tolerated.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v promtool >/dev/null 2>&1; then
  echo "PROMTOOL CHECK SKIPPED: promtool is not installed (apt-get install prometheus)"
  exit 0
fi
[ -f dist/cli.js ] || npm run build
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node dist/cli.js serve --config config --port "$port" --host 127.0.0.1 --no-watch --log-level warn &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/__health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/__health" >/dev/null
curl -s "http://127.0.0.1:$port/no/such/route" >/dev/null || true
for path in $(curl -fs "http://127.0.0.1:$port/__endpoints" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const e of JSON.parse(s)){if(e.method==="GET"&&!e.path.includes(":")&&!e.path.includes("*"))console.log(e.path)}})'); do
  curl -s "http://127.0.0.1:$port$path" >/dev/null || true
done
curl -X POST -fs "http://127.0.0.1:$port/__reload" >/dev/null
curl -fs "http://127.0.0.1:$port/metrics" > /tmp/mockdock-metrics.$$.txt
set +e
report=$(promtool check metrics < /tmp/mockdock-metrics.$$.txt 2>&1)
set -e
rm -f /tmp/mockdock-metrics.$$.txt
ours=$(printf '%s\n' "$report" | grep -E '^mockdock_' || true)
if [ -n "$report" ]; then
  echo "promtool remarks (prom-client defaults, tolerated unless about mockdock_*):"
  printf '%s\n' "$report" | sed 's/^/  /'
fi
if [ -n "$ours" ]; then
  echo "promtool check metrics: FAILED on mockdock's own metrics"
  exit 1
fi
echo "promtool check metrics: mockdock metrics clean"

#!/usr/bin/env bash
# Throughput of the local runtime (make run's gateway + one Lambda process per function) under concurrent load,
# with wrk on loopback: GET /usages (DynamoDB Local) and GET /properties?city= (PostgreSQL), at 1, 4 and 16
# connections. Prints a markdown table. Needs wrk (Debian: apt-get install wrk) and a built tree (make build).
#   bench/throughput.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "throughput needs wrk (apt-get install wrk)"; exit 2; }
test -f infra/target/canopy-local.jar || { echo "run make build first"; exit 2; }
DURATION=${1:-20}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
java -jar infra/target/canopy-local.jar --port "$PORT" --data-dir "$DATA" > "$DATA/runtime.log" 2>&1 &
RUNTIME=$!
trap 'kill $RUNTIME 2>/dev/null; wait $RUNTIME 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/health/clock" >/dev/null 2>&1 && break; sleep 1; done

json() { curl -fsS -X "$1" "$BASE$2" -H 'Content-Type: application/json' ${TOKEN:+-H "Authorization: Bearer $TOKEN"} -d "$3"; }
EMAIL="bench-$RANDOM@example.com"
json POST /auth/register "{\"email\":\"$EMAIL\",\"password\":\"bench password 123\"}" >/dev/null
TOKEN=$(json POST /auth/token "{\"email\":\"$EMAIL\",\"password\":\"bench password 123\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
for i in $(seq 1 20); do
  json POST /usages "{\"amount\":$i,\"usage_type_id\":100}" >/dev/null
  json POST /properties "{\"name\":\"Flat $i\",\"type\":\"apartment\",\"city\":\"Benchville\"}" >/dev/null
done

echo "| route | connections | requests/s | p50 ms | p90 ms | p99 ms | errors |"
echo "|---|--:|--:|--:|--:|--:|--:|"
for route in "/usages" "/properties?city=benchville"; do
  # Unmeasured warm-up: the function's JIT and connection pools, as after a few minutes of traffic.
  wrk -t1 -c1 -d5s -H "Authorization: Bearer $TOKEN" "$BASE$route" >/dev/null
  for connections in 1 4 16; do
    out=$(wrk -t$(( connections < 2 ? 1 : 2 )) -c$connections -d${DURATION}s --latency -H "Authorization: Bearer $TOKEN" "$BASE$route")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    pct() { awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$out"; }
    errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
    echo "| \`GET $route\` | $connections | $rps | $(pct 50%) | $(pct 90%) | $(pct 99%) | ${errors:-0} |"
  done
done

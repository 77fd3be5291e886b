#!/usr/bin/env bash
# Web latency benchmark on loopback: builds a knowledge base from the seed
# corpus plus N synthetic documents (default 1000) with the demo example
# (release build), serves it on 127.0.0.1, and measures the entity page and
# the timeline API with wrk (bounded in time). Only 127.0.0.1 is targeted.
#   crates/serve/bench/web.sh [N] [SECONDS]
set -euo pipefail
N="${1:-1000}"
SECS="${2:-15}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
SEEDS="${SEEDS:-$ROOT/../shared/corpus/seeds}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
TMP="$(mktemp -d)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$ROOT"
if [ -z "${BIN:-}" ]; then
  cargo build -q --release -p annalist-serve --example demo
  BIN="$CARGO_TARGET_DIR/release/examples/demo"
fi
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$BIN" --db "$TMP/bench.db" --addr "127.0.0.1:$PORT" --synthetic "$N" "$SEEDS" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 1200); do
  curl -sf "http://127.0.0.1:$PORT/api/overview" >/dev/null 2>&1 && break
  kill -0 "$PID" || { cat "$TMP/server.log"; exit 1; }
  sleep 0.5
done
cat "$TMP/server.log"
BASE="http://127.0.0.1:$PORT"
# The entity with the most events, and a typical one (the median of those with events).
read -r TOP MID < <(curl -s "$BASE/api/entities?type=person&limit=1000" | python3 -c '
import json, sys
items = [i for i in json.load(sys.stdin)["items"] if i["events"] > 0]
items.sort(key=lambda i: -i["events"])
print(items[0]["id"], items[len(items)//2]["id"])')
for ID in "$TOP" "$MID"; do
  EV=$(curl -s "$BASE/api/timeline/$ID" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))')
  for P in "/entities/$ID" "/api/timeline/$ID"; do
    BYTES=$(curl -s "$BASE$P" | wc -c)
    echo "== GET $P ($EV events, $BYTES bytes)"
    for C in 1 8; do
      echo "-- $C connection(s), load average $(cut -d' ' -f1 /proc/loadavg)"
      wrk -t "$(( C < 2 ? 1 : 2 ))" -c "$C" -d "${SECS}s" --latency "$BASE$P" | grep -E " 50%| 90%| 99%|Requests/sec"
    done
  done
done
# Cold renders: the first request for each of 50 entities (nothing memoized yet).
echo "== cold first requests (50 entities, entity page then timeline API), seconds:"
curl -s "$BASE/api/entities?limit=1000" | python3 -c '
import json, sys
for i in json.load(sys.stdin)["items"][5:55]: print(i["id"])' > "$TMP/ids"
for KIND in entities api/timeline; do
  while read -r ID; do curl -s -o /dev/null -w "%{time_total}\n" "$BASE/$KIND/$ID"; done < "$TMP/ids" \
    | sort -n | awk -v k="$KIND" '{a[NR]=$1} END {printf "%s: median %s, max %s\n", k, a[int((NR+1)/2)], a[NR]}'
done

#!/usr/bin/env bash
# Browser tests of the web UI. Installs what is missing (Debian chromium,
# npm ci), builds the annalist binary, builds a database from the seed corpus
# plus a document carrying a script payload, serves it on a free loopback
# port, runs the tests and stops the server. Exits non-zero on failure and
# closes with "N passed, N failed".
#   SCREENSHOTS=docs/screenshots tests/browser/run.sh   # also keep screenshots
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SEEDS="${SEEDS:-$ROOT/../shared/corpus/seeds}"
[ -d "$SEEDS" ] || SEEDS="$ROOT/corpus/seeds"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "run.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# 1. What the tests need.
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver >/dev/null \
    || fail "cannot install chromium"
fi
CHROMIUM="$(command -v chromium)"
export CHROMIUM
(cd "$HERE" && npm ci --no-audit --no-fund --silent >/dev/null) || fail "npm ci failed"

# 2. The binary and a database: the seeds plus a hostile document.
mkdir -p "$TMP/corpus"
cp -r "$SEEDS"/. "$TMP/corpus/" || fail "no seed corpus at $SEEDS"
cat > "$TMP/corpus/zz_payload.txt" <<'DOC'
A hostile page about Leon Trotsky

Leon Trotsky lived in Coyoacán. <script>window.__pwned=1</script> Some say <img src=x onerror="window.__pwned=2"> he was born in 1879.
The <b onmouseover="window.__pwned=3">Old Man</b> died on 21 August 1940 in Mexico City. Ramón Mercader <script>window.__pwned=4</script> killed him.
DOC
cat > "$TMP/corpus/zz_payload.html" <<'DOC'
<!doctype html><html><head><title>Evil &lt;script&gt;window.__pwned=6&lt;/script&gt; page</title>
<script>window.__pwned=5</script></head><body><article><h1>The death of Leon Trotsky</h1>
<p>Leon Trotsky died in Coyoacán on 21 August 1940. <img src=x onerror="window.__pwned=7"></p>
<p>Ramón Mercader &lt;script&gt;window.__pwned=8&lt;/script&gt; attacked him with an ice axe on 20 August 1940.</p>
</article></body></html>
DOC
cd "$ROOT"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
ADDR="127.0.0.1:$PORT"
LOG="$TMP/server.log"
if cargo build -q -p annalist 2>"$TMP/build.log" \
   && "$CARGO_TARGET_DIR/debug/annalist" build --help >/dev/null 2>&1 \
   && "$CARGO_TARGET_DIR/debug/annalist" build "$TMP/corpus" --db "$TMP/x.db" >"$TMP/build-db.log" 2>&1; then
  echo "run.sh: serving a database built by 'annalist build'"
  "$CARGO_TARGET_DIR/debug/annalist" serve --db "$TMP/x.db" --addr "$ADDR" >"$LOG" 2>&1 &
  SERVER_PID=$!
else
  echo "run.sh: 'annalist build' unavailable, using the serve crate's demo example"
  cargo build -q -p annalist-serve --example demo || fail "cannot build the demo server"
  "$CARGO_TARGET_DIR/debug/examples/demo" --db "$TMP/x.db" --addr "$ADDR" "$TMP/corpus" >"$LOG" 2>&1 &
  SERVER_PID=$!
fi

# 3. Wait for the server.
for _ in $(seq 1 600); do
  curl -sf "http://$ADDR/api/overview" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "the server died"; }
  sleep 0.5
done
curl -sf "http://$ADDR/api/overview" >/dev/null || { cat "$LOG" >&2; fail "the server did not start"; }

# 4. The tests.
OUT="$TMP/test.out"
(cd "$HERE" && ANNALIST_URL="http://$ADDR" SCREENSHOTS="${SCREENSHOTS:+$(cd "$ROOT" && mkdir -p "$SCREENSHOTS" && cd "$SCREENSHOTS" && pwd)}" \
  node --test --test-reporter=spec test.js) 2>&1 | tee "$OUT"
STATUS=${PIPESTATUS[0]}
PASS=$(grep -E '^ℹ pass [0-9]+' "$OUT" | grep -oE '[0-9]+' | tail -1)
FAILED=$(grep -E '^ℹ fail [0-9]+' "$OUT" | grep -oE '[0-9]+' | tail -1)
echo "${PASS:-0} passed, ${FAILED:-1} failed"
[ "$STATUS" -eq 0 ] && [ "${FAILED:-1}" -eq 0 ]

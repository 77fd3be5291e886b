#!/usr/bin/env bash
# Whole-pipeline throughput (clean, time, names, events, merge) on >= 50 MB of
# text: the TE3-Silver news texts and the WikiWars narratives from ../shared/data,
# repeated with a distinguishing line until the corpus reaches SIZE_MB.
# Prints annalist's build summary (time, MB/s, peak memory) and the process's
# CPU time (MB per CPU-second: the per-core figure).
#   scripts/bench/pipeline.sh            # SIZE_MB=50, THREADS=all cores
#   THREADS=1 scripts/bench/pipeline.sh  # per-core figure
#   STAGES=1 ...                         # + the stages without the store
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
WORK="${WORK:-/tmp/annalist-bench-pipeline}"
SIZE_MB="${SIZE_MB:-50}"
rm -rf "$WORK" && mkdir -p "$WORK/raw" "$WORK/corpus"
tar xzf "$DATA/tempeval3/TE3-Silver-data.tar.gz" -C "$WORK/raw"
python3 - "$WORK/raw" "$DATA/wikiwars/timex3-tml" "$WORK/corpus" "$SIZE_MB" <<'PY'
import html, os, re, sys
raw, ww, out, size_mb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts = []
for d in (raw, ww):
    for dp, _, fs in os.walk(d):
        for f in sorted(fs):
            if f.endswith(".tml"):
                x = open(os.path.join(dp, f), encoding="utf-8", errors="replace").read()
                m = re.search(r"<TEXT>(.*)</TEXT>", x, re.S)
                t = html.unescape(re.sub(r"<[^>]+>", "", m.group(1) if m else x))
                texts.append((f[:-4], t))
total, copy = 0, 0
while total < size_mb * 1_000_000:
    for name, t in texts:
        body = f"{t}\n\n(copy {copy})\n"
        with open(os.path.join(out, f"{name}.{copy}.txt"), "w", encoding="utf-8") as fh:
            fh.write(body)
        total += len(body.encode())
        if total >= size_mb * 1_000_000:
            break
    copy += 1
print(f"corpus: {total/1e6:.1f} MB in {out}")
PY
cargo build --release -q -p annalist --manifest-path "$ROOT/Cargo.toml"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/annalist"
rm -f "$WORK/bench.db"
# CPU time of the whole process (all threads: analysis, store writer, merge)
# from getrusage, so that "MB per CPU-second" is the per-core figure whatever
# else the machine is doing.
MB=$(du -sb "$WORK/corpus" | cut -f1)
CPU_LOG="$WORK/cpu.txt"
if [ ! -x /usr/bin/time ]; then
  echo "(no /usr/bin/time: apt-get install time for the CPU figure)" >&2
  RAYON_NUM_THREADS="${THREADS:-0}" "$BIN" build "$WORK/corpus" --db "$WORK/bench.db"
  exit 0
fi
RAYON_NUM_THREADS="${THREADS:-0}" /usr/bin/time -f "%U %S %M" -o "$CPU_LOG" \
  "$BIN" build "$WORK/corpus" --db "$WORK/bench.db"
read -r USER SYS MAXKB < "$CPU_LOG"
python3 -c "import sys; u,s,m,b=map(float,sys.argv[1:]); print(f'          CPU {u+s:.2f} s (user {u:.2f} + sys {s:.2f}) = {b/1e6/(u+s):.2f} MB per CPU-second; max RSS {m/1024:.0f} MB')" "$USER" "$SYS" "$MAXKB" "$MB"
# STAGES=1: also the stages the speed target names (clean, names, time,
# events, merge) on one core without the store, on the same corpus.
if [ "${STAGES:-0}" = 1 ]; then
  cargo build --release -q -p annalist-kb --example pipeline_merge --manifest-path "$ROOT/Cargo.toml"
  echo "without the store (pipeline_merge, one core):"
  "${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/pipeline_merge" "$WORK/corpus"
fi

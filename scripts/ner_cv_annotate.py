#!/usr/bin/env python3
"""Held-out estimate of `yntymaq annotate` itself, by cross-validation.

usage: scripts/ner_cv_annotate.py GOLD.jsonl --lang ru|kk [--folds 5] [--seeds 3]
                                  [--labels PER,LOC,ORG] [--keep DIR]

The tagger's models are trained on the NER dev splits, so `annotate`'s
scores on them are in-sample. The tagger's own CV (the `train` example's
`--cv`) is honest but measures the tagger alone. This script measures the
product: for every fold of K contiguous folds by document (the `train`
example's folds) and every training seed, the tagger is trained on the other
folds (`train --cv K --cv-seeds S --cv-models DIR`), and `yntymaq annotate
--ner-model LANG=DIR/...` runs the whole recognizer (gazetteers, tagger,
rules) on the held-out fold with that model. The folds' predictions are
joined and scored by ../shared/eval/ner/ner_score.py; the figures printed are
each label's exact-match F1, the mean over seeds, and per seed.

What stays in-sample: the hand-made tables under data/ (gazetteers, name
lists) are the same in every fold; they were written from general knowledge,
but while looking at these corpora' errors too.

Run from the repository root; builds both binaries (release) first.
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
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def f1_table(text):
    """`label -> exact F1` from ner_score.py's table (and `micro`)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+\d+\s+\d+\s+\d+", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--lang", required=True, choices=["ru", "kk"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--labels", default=None, help="labels scored (default: all the gold has)")
    ap.add_argument("--keep", default=None, help="keep the fold models and predictions in this directory")
    a = ap.parse_args()
    if a.folds < 2 or a.seeds < 1:
        ap.error("--folds must be at least 2 and --seeds at least 1")
    if not os.path.exists(SCORER):
        sys.exit(f"ner_cv_annotate: {SCORER} not found (../shared beside the repository)")
    gold = os.path.abspath(a.gold)
    with open(gold, encoding="utf-8") as f:
        # the documents the train example reads: every non-blank line
        docs = [line for line in f if line.strip()]
    n = len(docs)
    if n < a.folds:
        sys.exit(f"ner_cv_annotate: {n} documents for {a.folds} folds")
    work = a.keep or tempfile.mkdtemp(prefix="ner_cv_")
    os.makedirs(work, exist_ok=True)

    build = ["cargo", "build", "--release", "-q"]
    subprocess.run(build + ["-p", "yntymaq-cli"], cwd=ROOT, check=True)
    subprocess.run(build + ["-p", "yntymaq-ner", "--example", "train"], cwd=ROOT, check=True)
    exe = os.path.join(TARGET, "release", "yntymaq")
    train = os.path.join(TARGET, "release", "examples", "train")

    print(f"training {a.folds} folds x {a.seeds} seeds of the {a.lang} tagger on {n} documents", file=sys.stderr)
    r = subprocess.run(
        [train, "--lang", a.lang, "--gold", gold, "--cv", str(a.folds), "--cv-seeds", str(a.seeds),
         "--cv-models", work],
        capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"ner_cv_annotate: training failed: {r.stderr.strip()[-500:]}")
    tagger_alone = [line for line in r.stdout.splitlines() if line.startswith("mean F1")]

    # the train example's folds: documents [k*n/K, (k+1)*n/K)
    bounds = [(k * n // a.folds, (k + 1) * n // a.folds) for k in range(a.folds)]
    for k, (lo, hi) in enumerate(bounds):
        with open(os.path.join(work, f"fold{k}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(docs[lo:hi])

    per_seed = []
    # the train example's seeds: 1, 2, ... (its default --seed is 1)
    for seed in range(1, a.seeds + 1):
        pred = os.path.join(work, f"pred-seed{seed}.jsonl")
        with open(pred, "w", encoding="utf-8") as out:
            for k in range(a.folds):
                model = os.path.join(work, f"{a.lang}-seed{seed}-fold{k}.bin")
                r = subprocess.run(
                    [exe, "annotate", os.path.join(work, f"fold{k}.jsonl"), "--ner-model", f"{a.lang}={model}"],
                    capture_output=True, text=True)
                if r.returncode != 0:
                    sys.exit(f"ner_cv_annotate: annotate failed on fold {k}: {r.stderr.strip()[-500:]}")
                out.write(r.stdout)
        cmd = [sys.executable, SCORER, gold, pred] + (["--labels", a.labels] if a.labels else [])
        table = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        per_seed.append(f1_table(table))
        print(f"seed {seed} scored", file=sys.stderr)

    labels = [l for l in per_seed[0] if l != "micro"] + ["micro"]
    mean = {l: sum(s.get(l, 0.0) for s in per_seed) / len(per_seed) for l in labels}
    print(f"{os.path.basename(gold)} ({a.lang}): {a.folds}-fold CV by document, "
          f"mean of {a.seeds} training seeds, exact-match F1")
    print("yntymaq annotate (gazetteers, tagger, rules): "
          + "  ".join(f"{l} {mean[l]:.3f}" for l in labels))
    for i, s in enumerate(per_seed, 1):
        print(f"  seed {i}: " + "  ".join(f"{l} {s.get(l, 0.0):.3f}" for l in labels))
    for line in tagger_alone:
        print("the tagger alone (train --cv): " + line.replace(f"mean F1 over {a.seeds} seeds: ", ""))
    if not a.keep:
        for name in os.listdir(work):
            os.unlink(os.path.join(work, name))
        os.rmdir(work)


if __name__ == "__main__":
    main()

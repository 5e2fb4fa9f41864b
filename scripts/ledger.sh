#!/usr/bin/env bash
# ledger.sh: regenerate the committed quality report, docs/quality.md.
#
#   scripts/ledger.sh [--no-build] [--out FILE] [--keep DIR]
#
# 1. builds the release binary (cargo build --release -p yntymaq-cli);
# 2. runs `yntymaq extract` over the gold corpora ../shared/eval/seeds.jsonl
#    and dev.jsonl (../shared is the directory beside the repository root);
# 3. scores them with `yntymaq eval GOLD --by-lang` when the binary has that
#    subcommand, else with `python3 score.py GOLD PRED --by-lang` (when both
#    are there, score.py also scores the `extract` output as a cross-check);
# 4. runs `yntymaq annotate` over the NER gold (factRuEval dev, KazNERD valid)
#    and scores it with ner_score.py;
# 5. estimates the tagger on held-out documents: 5-fold cross-validation by
#    document, mean of 3 shuffles (`cargo run -p yntymaq-ner --example train
#    -- --cv 5 --cv-seeds 3`), on both NER corpora (skip with --no-cv);
# 5b. runs scripts/ner_cv_annotate.py: the same CV of `yntymaq annotate`
#    itself (gazetteers, tagger, rules), with each fold's model;
# 6. runs scripts/ner_compare.py: natasha beside `yntymaq annotate` on
#    factRuEval dev, both scores and speeds (skip with --no-natasha; natasha
#    lives in a throw-away virtualenv under /tmp, installed on first use);
# 7. writes the report: date, commit, per-language and per-field tables, and
#    the scorers' own output for diffing.
# A part whose subcommand or tool is missing is skipped with a note in the
# report; anything else that fails stops the script with a message.
#
# Options: --no-build uses the binary as it is; --no-cv and --no-natasha
# skip steps 5 and 6; --out FILE writes elsewhere
# than docs/quality.md; --keep DIR keeps the predictions and raw outputs.
# Works from any directory; honours CARGO_TARGET_DIR.

set -euo pipefail

die() {
    echo "ledger: error: $*" >&2
    exit 1
}
say() { echo "ledger: $*" >&2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD=1
CV=1
NATASHA=1
OUT="$ROOT/docs/quality.md"
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --no-cv) CV=0 ;;
        --no-natasha) NATASHA=0 ;;
        --out)
            [ $# -ge 2 ] || die "--out needs a file"
            OUT="$2"
            shift
            ;;
        --keep)
            [ $# -ge 2 ] || die "--keep needs a directory"
            KEEP="$2"
            shift
            ;;
        -h | --help)
            sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
if [ -n "$KEEP" ]; then
    case "$KEEP" in /*) ;; *) KEEP="$PWD/$KEEP" ;; esac
fi

SHARED="$ROOT/../shared"
[ -d "$SHARED/eval" ] || die "$SHARED/eval not found: the shared material must sit beside the repository root"
SHARED="$(cd "$SHARED" && pwd)"
EVAL="$SHARED/eval"
NER="$EVAL/ner"

cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
BIN="$TARGET/release/yntymaq"

if [ "$BUILD" = 1 ]; then
    command -v cargo >/dev/null || die "cargo not found"
    say "building the release binary (cargo build --release -p yntymaq-cli)"
    cargo build --release -p yntymaq-cli >&2 || die "the release build failed"
fi
[ -x "$BIN" ] || die "$BIN not found (build it, or drop --no-build)"

if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP"
    WORK="$KEEP"
else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/ledger.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
fi

PYTHON=""
if command -v python3 >/dev/null; then PYTHON=python3; fi
# A subcommand exists when the binary's help lists it and its own help works.
HELP="$("$BIN" --help 2>/dev/null || true)"
has_sub() {
    printf '%s\n' "$HELP" | grep -Eq "^[[:space:]]+$1([[:space:]]|\$)" && "$BIN" "$1" --help >/dev/null 2>&1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
lines() { grep -c . "$1" || true; }

# A scorer's output without the paths of this run: the shared directory as
# ../shared, the work directory left out.
sanitize() {
    awk -v shared="$SHARED" -v work="$WORK/" '
    function repl(s, from, to,    i, out) {
        out = ""
        while (from != "" && (i = index(s, from)) > 0) { out = out substr(s, 1, i - 1) to; s = substr(s, i + length(from)) }
        return out s
    }
    { print repl(repl($0, work, ""), shared, "../shared") }'
}

# The score.py table (the same layout from `yntymaq eval`) as Markdown: F1 per
# field (rows) and group (columns), core F1 per group computed from tp/fp/fn.
f1_table() {
    awk '
    function f1(tp, fp, fn) {
        if (tp + fp + fn == 0) return 1
        if (tp == 0) return 0
        return 2 * tp / (2 * tp + fp + fn)
    }
    /^## / {
        g = $2; ng++; groups[ng] = g
        docs[g] = $3; sub(/^\(/, "", docs[g])
        next
    }
    /^[a-z_]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9]+/ && g != "" {
        f = $1
        if (!(f in seen)) { seen[f] = 1; nf++; fields[nf] = f; core[f] = ($8 == "*") }
        val[g, f] = $4
        if ($8 == "*") { csum[g] += f1($5, $6, $7); cn[g]++ }
    }
    END {
        if (ng == 0) exit 1
        printf "| field |"
        for (i = 1; i <= ng; i++) { h = groups[i]; sub(/^lang=/, "", h); printf " %s (%d) |", h, docs[groups[i]] }
        printf "\n|---|"
        for (i = 1; i <= ng; i++) printf "---:|"
        printf "\n"
        for (j = 1; j <= nf; j++) {
            f = fields[j]
            printf "| %s%s |", f, (core[f] ? " *" : "")
            for (i = 1; i <= ng; i++) printf " %s |", val[groups[i], f]
            printf "\n"
        }
        printf "| **core F1** |"
        for (i = 1; i <= ng; i++) { g = groups[i]; printf " **%.3f** |", (cn[g] ? csum[g] / cn[g] : 0) }
        printf "\n"
    }' "$1"
}

# One gold corpus: extract, score; appends its section to $WORK/report.md and
# its summary row to $WORK/summary.md.
corpus() {
    local name="$1" gold="$EVAL/$1" base="${1%.jsonl}"
    local pred="$WORK/$base.pred.jsonl" table="$WORK/$base.score.txt"
    local how t0 t1 ndocs npred secs core
    [ -f "$gold" ] || die "$gold not found"
    ndocs="$(lines "$gold")"
    say "extracting $name ($ndocs documents)"
    t0="$(now)"
    if ! "$BIN" extract "$gold" --format jsonl >"$pred" 2>"$WORK/$base.extract.err"; then
        [ -s "$pred" ] || die "yntymaq extract failed on $gold: $(tail -n 3 "$WORK/$base.extract.err")"
        say "yntymaq extract exited with an error on $name (some documents failed); scoring what it wrote"
    fi
    t1="$(now)"
    secs="$(elapsed "$t0" "$t1")"
    npred="$(lines "$pred")"

    local cross=""
    if has_sub eval; then
        how="\`yntymaq eval $name --by-lang\`"
        say "scoring $name with yntymaq eval"
        "$BIN" eval "$gold" --by-lang >"$table" 2>"$WORK/$base.eval.err" ||
            die "yntymaq eval failed on $gold: $(tail -n 3 "$WORK/$base.eval.err")"
        if [ -n "$PYTHON" ]; then
            local ours theirs
            ours="$(grep '^core F1 = ' "$table" | tail -n 1)"
            theirs="$("$PYTHON" "$EVAL/score.py" "$gold" "$pred" --by-lang 2>/dev/null | grep '^core F1 = ' | tail -n 1)" || true
            if [ "$ours" = "$theirs" ]; then
                cross="score.py on the \`extract\` output agrees: $theirs."
            else
                cross="**Warning**: score.py on the \`extract\` output says \`${theirs:-nothing}\`, \`yntymaq eval\` says \`$ours\`."
                say "warning: yntymaq eval and score.py disagree on $name ($ours vs ${theirs:-nothing})"
            fi
        fi
    elif [ -n "$PYTHON" ]; then
        how="\`python3 score.py $name PRED --by-lang\` (the binary has no \`eval\` subcommand yet)"
        say "scoring $name with score.py (no yntymaq eval yet)"
        "$PYTHON" "$EVAL/score.py" "$gold" "$pred" --by-lang >"$table" 2>"$WORK/$base.score.err" ||
            die "score.py failed on $pred: $(tail -n 3 "$WORK/$base.score.err")"
    else
        say "skipping the scores of $name: no yntymaq eval and no python3"
        {
            echo "### $name"
            echo
            echo "Not scored: the binary has no \`eval\` subcommand and python3 is missing."
            echo
        } >>"$WORK/report.md"
        echo "| $name | $ndocs | – | $secs | not scored |" >>"$WORK/summary.md"
        return 0
    fi
    core="$(sed -n 's/^core F1 = //p' "$table" | tail -n 1)"
    [ -n "$core" ] || die "no 'core F1 = ' line in the scores of $name"
    echo "| $name | $ndocs | $npred | $secs | **$core** |" >>"$WORK/summary.md"
    {
        echo "### $name"
        echo
        echo "$ndocs gold documents, $npred records from \`yntymaq extract\` in $secs s. Scored by $how."
        [ -z "$cross" ] || echo "$cross"
        echo
        echo "F1 per field and language (documents in brackets; \`*\` marks the core fields):"
        echo
        f1_table "$table" || echo "(no table found in the scorer's output)"
        echo
        echo "<details><summary>Scorer output (P, R, F1, tp, fp, fn)</summary>"
        echo
        echo '```'
        sanitize <"$table"
        echo '```'
        echo
        echo "</details>"
        echo
    } >>"$WORK/report.md"
}

# One NER corpus: annotate, ner_score.py.
ner() {
    local name="$1" labels="$2" gold="$NER/$1" base="${1%.jsonl}"
    local pred="$WORK/$base.ner.jsonl" table="$WORK/$base.ner.txt" t0 t1 secs micro args=()
    [ -f "$gold" ] || die "$gold not found"
    [ -z "$labels" ] || args=(--labels "$labels")
    say "annotating $name"
    t0="$(now)"
    "$BIN" annotate "$gold" >"$pred" 2>"$WORK/$base.annotate.err" ||
        die "yntymaq annotate failed on $gold: $(tail -n 3 "$WORK/$base.annotate.err")"
    t1="$(now)"
    secs="$(elapsed "$t0" "$t1")"
    "$PYTHON" "$NER/ner_score.py" "$gold" "$pred" ${args[@]+"${args[@]}"} >"$table" 2>"$WORK/$base.ner.err" ||
        die "ner_score.py failed on $pred: $(tail -n 3 "$WORK/$base.ner.err")"
    micro="$(sed -n 's/^micro F1 = //p' "$table" | tail -n 1)"
    echo "| $name | ${labels:-all} | $(lines "$gold") | $secs | **${micro:-?}** |" >>"$WORK/ner_summary.md"
    {
        echo "### $name"
        echo
        echo "\`yntymaq annotate\` in $secs s; \`ner_score.py${labels:+ --labels $labels}\` (exact match; lenient = overlap):"
        echo
        echo '```'
        sanitize <"$table"
        echo '```'
        echo
    } >>"$WORK/ner_report.md"
}

: >"$WORK/report.md"
echo "| corpus | documents | records | extract (s) | core F1 |" >"$WORK/summary.md"
echo "|---|---:|---:|---:|---:|" >>"$WORK/summary.md"
if has_sub extract; then
    for c in seeds.jsonl dev.jsonl; do corpus "$c"; done
else
    say "skipping the engagement records: no yntymaq extract"
    echo "| seeds.jsonl, dev.jsonl | – | – | – | not run: the binary has no \`extract\` subcommand yet |" >>"$WORK/summary.md"
fi

NER_NOTE=""
if ! has_sub annotate; then
    NER_NOTE="Skipped: the binary has no \`annotate\` subcommand yet."
    say "skipping NER: no yntymaq annotate"
elif [ -z "$PYTHON" ]; then
    NER_NOTE="Skipped: python3 is missing (ner_score.py needs it)."
    say "skipping NER: no python3"
elif [ ! -d "$NER" ]; then
    NER_NOTE="Skipped: $NER not found."
    say "skipping NER: $NER not found"
else
    : >"$WORK/ner_report.md"
    echo "| corpus | labels | documents | annotate (s) | micro F1 (exact) |" >"$WORK/ner_summary.md"
    echo "|---|---|---:|---:|---:|" >>"$WORK/ner_summary.md"
    ner factru_dev.jsonl PER,LOC,ORG
    ner kaznerd_valid.jsonl ""
fi

# Held-out estimate: the tagger's cross-validation.
CV_NOTE=""
if [ "$CV" = 0 ]; then
    CV_NOTE="Not run this time (--no-cv)."
elif [ ! -d "$NER" ]; then
    CV_NOTE="Skipped: $NER not found."
else
    echo "| corpus | model | 5-fold CV, mean of 3 shuffles (exact F1) |" >"$WORK/cv.md"
    echo "|---|---|---|" >>"$WORK/cv.md"
    for spec in "ru factru_dev.jsonl" "kk kaznerd_valid.jsonl"; do
        set -- $spec
        say "cross-validating the $1 tagger on $2"
        cargo run --release -q -p yntymaq-ner --example train -- --lang "$1" --gold "$NER/$2" --cv 5 --cv-seeds 3 \
            >"$WORK/cv_$1.txt" 2>"$WORK/cv_$1.err" || die "cross-validation failed: $(tail -n 3 "$WORK/cv_$1.err")"
        mean="$(grep '^mean F1' "$WORK/cv_$1.txt" | sed 's/^mean F1 over [0-9]* seeds: //')"
        echo "| $2 | $1 | ${mean:-?} |" >>"$WORK/cv.md"
    done
    # The product itself: annotate (gazetteers, tagger, rules) on each fold
    # with that fold's model.
    echo "| corpus | labels | 5-fold CV of \`yntymaq annotate\`, mean of 3 seeds (exact F1) |" >"$WORK/cv_annotate.md"
    echo "|---|---|---|" >>"$WORK/cv_annotate.md"
    if [ -z "$PYTHON" ]; then
        echo "| – | – | not run: python3 is missing |" >>"$WORK/cv_annotate.md"
    else
        for spec in "ru factru_dev.jsonl PER,LOC,ORG" "kk kaznerd_valid.jsonl PER,LOC,ORG,ROLE,MONEY,DATE"; do
            set -- $spec
            say "cross-validating yntymaq annotate on $2 (scripts/ner_cv_annotate.py)"
            "$PYTHON" "$ROOT/scripts/ner_cv_annotate.py" "$NER/$2" --lang "$1" --labels "$3" \
                >"$WORK/cva_$1.txt" 2>"$WORK/cva_$1.err" ||
                die "scripts/ner_cv_annotate.py failed: $(tail -n 3 "$WORK/cva_$1.err")"
            mean="$(sed -n 's/^yntymaq annotate (gazetteers, tagger, rules): //p' "$WORK/cva_$1.txt")"
            echo "| $2 | $3 | ${mean:-?} |" >>"$WORK/cv_annotate.md"
        done
    fi
fi

# The peer: natasha on the same file.
NATASHA_NOTE=""
if [ "$NATASHA" = 0 ]; then
    NATASHA_NOTE="Not run this time (--no-natasha)."
elif [ -z "$PYTHON" ] || [ ! -d "$NER" ]; then
    NATASHA_NOTE="Skipped: python3 or $NER missing."
else
    say "running natasha beside yntymaq annotate (scripts/ner_compare.py)"
    if ! "$PYTHON" "$ROOT/scripts/ner_compare.py" "$NER/factru_dev.jsonl" >"$WORK/natasha.txt" 2>"$WORK/natasha.err"; then
        NATASHA_NOTE="Skipped: scripts/ner_compare.py failed: $(tail -n 2 "$WORK/natasha.err" | tr '\n' ' ')"
    fi
fi

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
SUBJECT="$(git -C "$ROOT" log -1 --format=%s 2>/dev/null || true)"
DIRTY=""
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    DIRTY=" plus uncommitted changes in the work tree"
fi
VERSION="$("$BIN" --version 2>/dev/null || true)"
VERSION="${VERSION:-yntymaq (no version)}"

mkdir -p "$(dirname "$OUT")"
TMP_OUT="$OUT.tmp.$$"
{
    echo "# Quality ledger"
    echo
    echo "Generated by \`scripts/ledger.sh\` on $(date -u +%Y-%m-%d) at commit \`$COMMIT\`${SUBJECT:+ ($SUBJECT)}$DIRTY,"
    echo "with $VERSION (release build). Do not edit by hand: rerun \`scripts/ledger.sh\` (from any"
    echo "directory; it needs \`../shared\` beside the repository root, and python3 for the NER part)."
    echo
    echo "**Engagement records.** \`yntymaq extract\` runs over the gold corpora \`../shared/eval/seeds.jsonl\`"
    echo "(the five seed pages) and \`dev.jsonl\` (real news in Kazakh, Russian and English, plus Kyrgyz and"
    echo "Uzbek pages that are never relevant), and the records are scored the way \`score.py\` scores them"
    echo "(\`yntymaq eval\` is a port of it that prints the same table; \`crates/yntymaq/tests/eval_agreement.rs\`"
    echo "checks they agree): \`relevant\` as a binary label, every other field as a set over the union of a"
    echo "relevant document's events, people on a folded name key, figures within 1%. Core F1 is the mean F1"
    echo "of the fields marked \`*\`: relevant, regions, countries, people, people_roles, type and figures"
    echo "(\`../shared/eval/SCHEMA.md\`). Before reconciliation the two blind annotators agreed at core F1"
    echo "0.96–0.99, so a point or two on a field is within annotation noise."
    echo
    echo "**Named entities.** \`yntymaq annotate\` over factRuEval-2016 dev (Russian; PER, LOC, ORG) and"
    echo "KazNERD valid (Kazakh; six labels), scored by \`ner_score.py\`: exact spans and labels, lenient F1"
    echo "on overlap. **These NER figures are in-sample**: the tagger (\`crates/ner\`) is trained on these"
    echo "very splits, so they overstate what the held-out test splits will show. The honest estimates are"
    echo "5-fold cross-validations by document (section *Held-out estimate* below): of \`annotate\` itself,"
    echo "each fold run with a tagger model trained on the other four, and of the tagger alone."
    echo
    echo "All of these are development corpora; the held-out test sets decide. Timings are wall-clock seconds"
    echo "on the machine that ran the script, model loading included."
    echo
    echo "## Engagement records"
    echo
    cat "$WORK/summary.md"
    echo
    cat "$WORK/report.md"
    echo "## Named entities"
    echo
    if [ -n "$NER_NOTE" ]; then
        echo "$NER_NOTE"
        echo
    else
        cat "$WORK/ner_summary.md"
        echo
        cat "$WORK/ner_report.md"
    fi
    echo "## Held-out estimate: cross-validation"
    echo
    if [ -n "$CV_NOTE" ]; then
        echo "$CV_NOTE"
    else
        echo "\`scripts/ner_cv_annotate.py\`: the product, \`yntymaq annotate\` (gazetteers, tagger, rules), on each"
        echo "of 5 folds by document with a tagger model trained on the other four (\`--ner-model\`). The tables"
        echo "under \`data/\` stay the same in every fold."
        echo
        cat "$WORK/cv_annotate.md"
        echo
        echo "The tagger alone (\`train --cv 5 --cv-seeds 3\`):"
        echo
        cat "$WORK/cv.md"
    fi
    echo
    echo "## The peer: natasha on factRuEval dev"
    echo
    if [ -n "$NATASHA_NOTE" ]; then
        echo "$NATASHA_NOTE"
    else
        echo "\`scripts/ner_compare.py\`: both on the same file, each pinned to one CPU with one thread (natasha's"
        echo "numpy too), models loaded beforehand, each tool's pipeline time summed over documents (reading and"
        echo "writing JSON outside the clock), best of 10 runs each."
        echo
        echo '```text'
        cat "$WORK/natasha.txt"
        echo '```'
    fi
    echo
} >"$TMP_OUT"
mv "$TMP_OUT" "$OUT"
say "wrote $OUT"

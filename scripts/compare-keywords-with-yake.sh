#!/usr/bin/env bash
# compare-keywords-with-yake.sh — newslens's keywords against YAKE's, side by side: quality on
# a keyphrase data set (same documents, same scorer) and speed on the same documents and on a
# news corpus.
#
# Usage (from anywhere; paths are resolved from the repository root):
#   scripts/compare-keywords-with-yake.sh [DATASET_DIR] [CORPUS_DIR]
#     DATASET_DIR  .txt documents with gold .key files (default ../shared/eval/keyphrases/500n-kpcrowd-dev)
#     CORPUS_DIR   a corpus of .txt articles to time both on (default ../shared/corpora/bbc)
#   SKIP_CORPUS=1 scripts/compare-keywords-with-yake.sh   # quality and data-set timing only (YAKE
#                                                         # needs about a minute for the BBC corpus)
#
# What it does:
#   1. builds the examples eval_keywords and time_keywords_topics (release);
#   2. creates a virtual environment with `pip install yake` at /tmp/yake-venv if missing
#      (never inside the repository);
#   3. runs YAKE (scripts/yake_keywords.py: n=3, top 10, lan='en', defaults otherwise) on every
#      document of DATASET_DIR and scores its keywords and newslens's with the same scorer
#      (examples/eval_keywords.rs: P/R/F1 at 5 and 10, lower-cased and stemmed word by word,
#      exact match; macro averages over documents, micro F1 alongside), one table;
#   4. times both on DATASET_DIR and on CORPUS_DIR: YAKE's extraction loop (process CPU time and
#      wall time, file reading and start-up excluded) and newslens's keywords (and topics) on the
#      articles in memory (examples/time_keywords_topics.rs, best of 5, CPU time from getrusage).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dataset="${1:-../shared/eval/keyphrases/500n-kpcrowd-dev}"
corpus="${2:-../shared/corpora/bbc}"
venv=/tmp/yake-venv
work=/tmp/newslens-yake
target="${CARGO_TARGET_DIR:-target}"

if [[ ! -d "$dataset" ]]; then
    echo "compare-keywords-with-yake: data set $dataset not found; skipping" >&2
    exit 0
fi

echo "== building the examples (release)" >&2
cargo build --release --quiet --example eval_keywords --example time_keywords_topics

if ! "$venv/bin/python" -c 'import yake' 2>/dev/null; then
    echo "== creating $venv with yake" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet yake
fi
mkdir -p "$work"

echo "== YAKE on $dataset" >&2
"$venv/bin/python" scripts/yake_keywords.py "$dataset" "$work/dataset.tsv" 2>"$work/dataset-time.txt"

echo
echo "## Quality on $(basename "$dataset") (YAKE $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("yake"))'), n=3, top 10)"
echo
"$target/release/examples/eval_keywords" "$dataset" --predictions "yake=$work/dataset.tsv" \
    --write "$work/dataset-newslens.tsv"

echo
echo "## Speed on $(basename "$dataset")"
echo
cat "$work/dataset-time.txt"
"$target/release/examples/time_keywords_topics" "$dataset" | sed 's/^/newslens: /'

if [[ "${SKIP_CORPUS:-0}" != 1 && -d "$corpus" ]]; then
    echo
    echo "## Speed on $corpus"
    echo
    "$venv/bin/python" scripts/yake_keywords.py "$corpus" "$work/corpus.tsv"
    "$target/release/examples/time_keywords_topics" "$corpus" | sed 's/^/newslens: /'
    echo "newslens, one thread:"
    "$target/release/examples/time_keywords_topics" "$corpus" --threads 1 | sed 's/^/newslens: /'
fi

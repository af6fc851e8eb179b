#!/usr/bin/env bash
# large-file.sh — checks that newslens reads one very large file without holding many copies
# of it: builds a JSON Lines file and a plain-text page of SIZE_MB megabytes each (default 300)
# from the BBC corpus (../shared/corpora/bbc, or the repository's input/ when it is absent),
# runs the release binary on each with `--no-charts`, and prints wall time and peak memory
# (maximum resident set size, from /usr/bin/time) against the file size.
#
# Usage: scripts/large-file.sh [SIZE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-300}"
bin="${CARGO_TARGET_DIR:-target}/release/newslens"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="../shared/corpora/bbc"
[ -d "$src" ] || src="input"
mkdir -p "$work/jsonl" "$work/text"
python3 - "$src" "$work" "$size_mb" <<'PY'
import json, os, sys
src, work, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = []
for root, _, files in os.walk(src):
    for f in sorted(files):
        if f.endswith(".txt"):
            with open(os.path.join(root, f), "rb") as fh:
                docs.append(fh.read().decode("utf-8", "replace"))
target = size_mb * 1024 * 1024
with open(os.path.join(work, "jsonl", "big.jsonl"), "w") as out:
    written, i = 0, 0
    while written < target:
        d = docs[i % len(docs)]
        title, _, body = d.partition("\n")
        line = json.dumps({"id": i, "title": title.strip(), "text": body.strip()}) + "\n"
        out.write(line)
        written += len(line.encode())
        i += 1
with open(os.path.join(work, "text", "big.txt"), "w") as out:
    written, i = 0, 0
    while written < target:
        d = docs[i % len(docs)] + "\n\n"
        out.write(d)
        written += len(d.encode())
        i += 1
PY
for kind in jsonl text; do
  file="$(ls "$work/$kind")"
  bytes=$(stat -c %s "$work/$kind/$file")
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" "$work/$kind" -o "$work/out-$kind" --no-charts --quiet || true
  read -r wall rss_kb < "$work/time"
  printf '%-6s %6d MB file: %6.1f s wall, peak memory %6d MB (%.1f× the file)\n' \
    "$kind" $((bytes / 1048576)) "$wall" $((rss_kb / 1024)) "$(echo "$rss_kb * 1024 / $bytes" | bc -l)"
done

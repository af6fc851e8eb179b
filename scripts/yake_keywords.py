#!/usr/bin/env python3
"""YAKE keywords of every .txt document under a folder, for scripts/compare-keywords-with-yake.sh.

Usage: yake_keywords.py DIR OUT.tsv [--top 10] [--ngram 3]

Runs YAKE (the reference Python implementation, `pip install yake`) with n=3, top 10 and its
default settings otherwise (lan='en', dedupLim=0.9, windowsSize=1) on every `*.txt` under DIR,
recursively, in path order, and writes `doc<TAB>rank<TAB>keyword` rows (doc = the path relative
to DIR without `.txt`), the format `examples/eval_keywords.rs --predictions` reads. Prints the
number of documents and the wall and CPU time of the extraction alone (reading files and Python
start-up excluded) on standard error.
"""
import argparse
import os
import sys
import time

import yake


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--ngram", type=int, default=3)
    args = ap.parse_args()

    docs = []
    for root, dirs, files in os.walk(args.dir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".txt"):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8", errors="replace")
                doc = os.path.relpath(path, args.dir)[: -len(".txt")]
                docs.append((doc, text))

    extractor = yake.KeywordExtractor(lan="en", n=args.ngram, top=args.top)
    wall, cpu = time.perf_counter(), time.process_time()
    rows = []
    for doc, text in docs:
        for rank, (keyword, _score) in enumerate(extractor.extract_keywords(text), start=1):
            rows.append(f"{doc}\t{rank}\t{' '.join(keyword.split())}\n")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    with open(args.out, "w", encoding="utf-8") as f:
        f.writelines(rows)
    print(f"yake: {len(docs)} documents, extraction {wall:.3f} s wall, {cpu:.3f} s CPU",
          file=sys.stderr)


if __name__ == "__main__":
    main()

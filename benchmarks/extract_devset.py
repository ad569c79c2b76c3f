"""The extractor on the real development texts: every page of the corpus folder given as the
argument (its texts/*.md and figures.csv, e.g. ../shared/corpus), scored on the tune half and the
check half of the fixed split (analysis/extract/devsplit.py): full match, lenient match and the
scope match share. The texts are read where they are; nothing of them is written into the project.

    python benchmarks/extract_devset.py CORPUS [-j 2] [--save pred.csv] [--show tune]
    python benchmarks/extract_devset.py CORPUS --predictions pred.csv   # score a saved run

--show tune prints the tune half's missed and false figures; the check half's are never shown
(look only at its aggregate scores, so that it stays a measure of pages nobody tuned on).
--docs REGEX keeps only the pages whose doc_id matches (e.g. 'hF' for the 14 national pages);
--half tune only the tune half's pages, so that working on them prints no check score.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.extract.batch import EXTRACT_COLUMNS, extract_files
from analysis.extract.devsplit import CHECK, TUNE, half_of, halves_table, score_halves
from analysis.extract.scoring import format_score, read_figures
from analysis.reference import load_catalog


def _extract(texts: list[Path], jobs: int) -> pd.DataFrame:
    rows = []
    for result in extract_files(texts, jobs=jobs):
        if result.failed:
            sys.exit(f"error: {'; '.join(map(str, result.problems))}")
        rows.extend(result.rows)
    frame = pd.DataFrame(rows, columns=list(EXTRACT_COLUMNS))
    return frame.assign(value=frame["value"].astype(float))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", type=Path, nargs="?", help="the corpus folder (texts/, figures.csv)"
    )
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--predictions", type=Path, help="score this CSV instead of extracting")
    parser.add_argument("--save", type=Path, help="write the extracted rows to this CSV")
    parser.add_argument("--show", choices=[TUNE, CHECK], help="list a half's misses (tune only)")
    parser.add_argument("--docs", default="", help="only pages whose doc_id matches this regex")
    parser.add_argument(
        "--half", choices=[TUNE, CHECK], help="only the pages of this half (no other score shown)"
    )
    args = parser.parse_args(argv)
    if args.corpus is None:  # `make bench` runs every benchmark with no argument
        print("extract_devset: skipped, give the corpus folder (e.g. ../shared/corpus)")
        return 0
    if args.show == CHECK:
        sys.exit("the check half's misses are not shown: look only at its aggregate scores")
    texts = sorted((args.corpus / "texts").glob("*.md"))
    gold_path = args.corpus / "figures.csv"
    if not texts or not gold_path.is_file():
        sys.exit(f"error: {args.corpus}: no texts/*.md or no figures.csv")
    keep = re.compile(args.docs)
    texts = [t for t in texts if keep.search(t.stem) and args.half in (None, half_of(t.stem))]
    gold = read_figures(gold_path)
    gold = gold[gold["doc_id"].isin({t.stem for t in texts})].reset_index(drop=True)
    if args.predictions is not None:
        predicted = read_figures(args.predictions)
    else:
        predicted = _extract(texts, args.jobs)
        if args.save is not None:
            predicted.to_csv(args.save, index=False, quoting=csv.QUOTE_MINIMAL)
    predicted = predicted[predicted["doc_id"].isin({t.stem for t in texts})]
    scores = score_halves(predicted, gold, load_catalog()["code"].astype(str))
    tune_docs = sum(half_of(t.stem) == TUNE for t in texts)
    print(f"{len(texts)} pages: {tune_docs} tune, {len(texts) - tune_docs} check")
    print(halves_table(scores))
    if args.show == TUNE:
        print(f"\n== tune half\n{format_score(scores[TUNE])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

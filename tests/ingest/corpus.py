#!/usr/bin/env python3
"""The named-fact extractor measured on a corpus of real sentences.

    corpus.py PEEL_INGEST CORPUS.csv [--floor RECALL,PRECISION,PERIOD] [--ids FIRST:LAST]
              [--skip-missing] [-v]

Runs `peel-ingest --sentences CORPUS.csv` (the corpus is read in place, never
copied) and compares the facts found with the corpus's answer key (the
`facts` column: key=value|unit|period items separated by ';').

- recall: labelled facts found with their key and value;
- precision: of every fact found on a corpus sentence, whatever its key, the
  share that matches a label;
- period accuracy: of the facts that match a label, the share whose period
  agrees with the label's: the same years (and, when neither names a year,
  the same words), or both empty.

Prints the three figures (and with -v every miss and every extra, by row);
with --floor, fails when any figure is below its floor.  With --skip-missing a
corpus that is not there (a checkout without ../shared) exits 77: skipped.
With --ids FIRST:LAST only the rows whose id lies between the two (as text,
both included) are scored: one batch of a corpus written in batches.
"""
import os
import csv
import re
import subprocess
import sys


def parse_key(text):
    facts = []
    for item in filter(None, (x.strip() for x in text.split(";"))):
        key, _, rest = item.partition("=")
        value, unit, period = (rest.split("|") + ["", ""])[:3]
        facts.append({"key": key.strip(), "value": float(value), "unit": unit.strip(),
                      "period": period.strip()})
    return facts


YEAR = re.compile(r"(?<![0-9])(19|20)[0-9]{2}(?:[/\-–][0-9]{2,4})?")


def years(period):
    return [m.group(0).replace("–", "-") for m in YEAR.finditer(period)]


def norm(period):
    return " ".join(period.lower().split())


def same_period(found, label):
    found, label = found.strip(), label.strip()
    if not found or not label:
        return not found and not label
    fy, ly = years(found), years(label)
    if fy or ly:
        return fy == ly
    return norm(found) == norm(label)


def same_value(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv
    floor = None
    if "--floor" in argv:
        floor = [float(x) for x in argv[argv.index("--floor") + 1].split(",")]
        args = [a for a in args if a != argv[argv.index("--floor") + 1]]
    ids = None
    if "--ids" in argv:
        ids = argv[argv.index("--ids") + 1].split(":")
        args = [a for a in args if a != argv[argv.index("--ids") + 1]]
    ingest, corpus = args[0], args[1]
    if "--skip-missing" in argv and not os.path.exists(corpus):
        print(f"{corpus}: no corpus here, skipped")
        return 77
    with open(corpus, newline="", encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    if ids:
        rows = [r for r in rows if ids[0] <= r["id"] <= ids[-1]]
    out = subprocess.run([ingest, "--sentences", corpus], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    found = {}
    for f in csv.DictReader(out.splitlines()):
        found.setdefault(f["id"], []).append(f)

    labelled = matched = nfound = true_found = period_ok = 0
    for row in rows:
        labels = parse_key(row["facts"])
        facts = found.get(row["id"], [])
        labelled += len(labels)
        nfound += len(facts)
        free = list(labels)
        misses, extras = [], []
        for f in facts:
            hit = next((l for l in free if l["key"] == f["key"]
                        and same_value(l["value"], float(f["value"]))), None)
            if hit is None:
                extras.append(f)
                continue
            free.remove(hit)
            true_found += 1
            if same_period(f["period"], hit["period"]):
                period_ok += 1
            elif verbose:
                print(f"{row['id']}: period {f['key']}={f['value']}: found '{f['period']}', "
                      f"label '{hit['period']}'")
        matched += len(labels) - len(free)
        misses = free
        if verbose:
            for m in misses:
                print(f"{row['id']}: MISS {m['key']}={m['value']:g}|{m['unit']}|{m['period']}")
            for e in extras:
                print(f"{row['id']}: EXTRA {e['key']}={e['value']}|{e['unit']}|{e['period']} "
                      f"({e['pattern']}, '{e['raw']}')")

    recall = 100.0 * matched / labelled if labelled else 0.0
    precision = 100.0 * true_found / nfound if nfound else 0.0
    period = 100.0 * period_ok / true_found if true_found else 0.0
    print(f"recall {recall:.1f}% ({matched}/{labelled}), precision {precision:.1f}% "
          f"({true_found}/{nfound}), period {period:.1f}% ({period_ok}/{true_found})")
    if floor:
        low = [name for name, got, want in zip(("recall", "precision", "period"),
                                                (recall, precision, period), floor) if got < want]
        if low:
            print("below the floor: " + ", ".join(low), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

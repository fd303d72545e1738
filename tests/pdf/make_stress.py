#!/usr/bin/env python3
"""A report made to strain the layout, from the fictional force's records.

    make_stress.py NORTHMOOR_REPORT_DIR OUT

Writes OUT/<slug>/ with: a force name too long for one line; a comparison
table of 40 rows (a chart taller than a page) and one of 12 columns; a
finding longer than a page with nested points two levels deep; words and
a URL far wider than the page; text in £ ’ – é and characters DejaVu Sans
lacks; a reject whose value runs for pages; no summaries at all; a
reconciliation holding only its header.  check_packs.py then checks the
packs like any others: every finding found, nothing outside the margins.
"""
import csv
import os
import shutil
import sys

src, out = sys.argv[1], sys.argv[2]
dst = os.path.join(out, "stress-constabulary-2018-19")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
shutil.copytree(os.path.join(src, "data"), os.path.join(dst, "data"))
data = os.path.join(dst, "data")
FORCE = ("The Very Long Named Police Service of the Northern and Western "
         "Moorlands, Dales and Coastal Parishes – Café Région")


def rewrite(name, edit):
    path = os.path.join(data, name)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows = edit(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def meta(rows):
    return [[r[0], FORCE if r[0] == "force" else r[1]] + r[2:] for r in rows]


def tables(rows):
    head = rows[0]
    extra = []
    for i in range(40):
        for col, label, v in (("force-rate", "Stress rate", 40 - i), ("msf-rate", "MSF rate", i)):
            extra.append(["stress-long", f"row-{i}", col, str(v), "per 1,000 population",
                          "2018/19", str(v), "82", "effectiveness", "A comparison of forty rows",
                          f"Row {i}: a label long enough to wrap onto a second line", label])
    for k in range(12):
        extra.append(["stress-wide", "only", f"force-col-{k}" if k == 0 else f"col-{k}",
                      str(1000 * k), "GBP", "2018/19", f"£{1000 * k:,}", "82", "effectiveness",
                      "A table of twelve columns", "Only row", f"Column number {k} of twelve"])
    return [head] + rows[1:] + extra


LONG_POINTS = "\n".join(
    f"- point {i}: the force should make sure that every officer and member of staff "
    f"understands their part in protecting vulnerable people, including victims of "
    f"domestic abuse, and records what they did and why;" + (
        "\n  - a nested sub-point under it, indented one level further" if i % 3 == 0 else "")
    for i in range(45))


def findings(rows):
    head = rows[0]
    add = [
        ["effectiveness", "protecting-vulnerable-people", "area_for_improvement",
         "The force should ensure it:\n" + LONG_POINTS, "125", "3", "170"],
        ["effectiveness", "investigating-crime", "cause_of_concern",
         "Supercalifragilisticexpialidociouslylongwordthatnodictionaryhas" * 3 +
         " and a path /var/lib/peelpack/" + "deeply/nested/" * 12 + "file.csv, "
         "costing £1.5m – the force’s café budget, naïve… and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ beyond the font",
         "102", "1", "102"],
    ]
    return [head] + rows[1:] + add


def summaries(rows):
    return rows[:1]


rewrite("meta.csv", meta)
rewrite("tables.csv", tables)
rewrite("findings.csv", findings)
rewrite("summaries.csv", summaries)
with open(os.path.join(data, "rejects.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["file", "line", "field", "value", "reason", "source_line"])
    w.writerow(["facts.csv", "2", "value", "9" * 6000, "not a number: far too long", "10"])
with open(os.path.join(dst, "reconciliation.csv"), "w", encoding="utf-8") as f:
    f.write("rule_id,kind,pillar,description,expected,actual,difference,tolerance,status,"
            "source_lines,unit,note\r\n")
print(dst)

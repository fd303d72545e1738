#!/usr/bin/env python3
"""Reads OUT/summary.xlsx as XML and checks it against the report folders:
one row per report of the manifest (force, year, status), the three pillar
grades and every component grade with the grade's colour, finding counts,
reconciliation counts by status, links to the six documents (relative, and
pointing at files that are there); and a Figures sheet holding every table
figure of every report as a number, side by side.

usage: check_summary.py OUT"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
RID = "{%s}id" % NS["r"]
GRADE_RGB = {"Outstanding": "1B5E20", "Good": "66BB6A", "Requires improvement": "FFB300",
             "Inadequate": "C62828", "Ungraded": "9E9E9E"}
PILLARS = ["effectiveness", "efficiency", "legitimacy"]
DOCS = [p + ".xlsx" for p in PILLARS] + [p + ".pdf" for p in PILLARS]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def load(out):
    z = zipfile.ZipFile(os.path.join(out, "summary.xlsx"))
    if z.testzip() is not None:
        fail("summary.xlsx: a damaged zip member")
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fills = []
    for f in styles.find("m:fills", NS).findall("m:fill", NS):
        fg = f.find("m:patternFill/m:fgColor", NS)
        fills.append(fg.get("rgb")[-6:].upper() if fg is not None and fg.get("rgb") else None)
    xf_fill = [int(x.get("fillId", "0")) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    sheets = {}
    for s in wb.find("m:sheets", NS).findall("m:sheet", NS):
        path = "xl/" + target[s.get(RID)]
        root = ET.fromstring(z.read(path))
        cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            ref = c.get("r")
            row = int(re.search(r"\d+", ref).group(0)) - 1
            v = c.find("m:v", NS)
            val = None if v is None else v.text
            if c.get("t") == "s" and val is not None:
                val = strings[int(val)]
            elif c.get("t") is None and val is not None:
                val = float(val)
            style = int(c.get("s", "0"))
            cells[(row, col_index(ref))] = (val, fills[xf_fill[style]] if style < len(xf_fill) else None)
        links = {}
        relpath = os.path.dirname(path) + "/_rels/" + os.path.basename(path) + ".rels"
        if relpath in z.namelist():
            srels = ET.fromstring(z.read(relpath))
            starget = {r.get("Id"): r.get("Target") for r in srels.findall("rel:Relationship", NS)}
            for h in root.iter("{%s}hyperlink" % NS["m"]):
                ref = h.get("ref")
                links[(int(re.search(r"\d+", ref).group(0)) - 1, col_index(ref))] = starget[h.get(RID)]
        sheets[s.get("name")] = (cells, links)
    return sheets


def main():
    out = sys.argv[1]
    sheets = load(out)
    if list(sheets) != ["Reports", "Figures"]:
        fail("sheets are %s, not Reports and Figures" % list(sheets))
        return
    manifest = [r for r in read_csv(os.path.join(out, "manifest.csv")) if r["kind"] == "report"]
    cells, links = sheets["Reports"]
    header = {cells[k][0]: k[1] for k in cells if k[0] == 1}
    for name in ["Force", "Year", "Status", "Effectiveness", "Efficiency", "Legitimacy",
                 "Causes of concern", "Recommendations", "Areas for improvement",
                 "PASS", "WARN", "FAIL", "SKIP"]:
        if name not in header:
            fail("Reports: no column %s" % name)
    rows = max(k[0] for k in cells) - 1
    if rows != len(manifest):
        fail("Reports: %d rows for %d reports" % (rows, len(manifest)))
    ngrades = nlinks = 0
    for i, m in enumerate(manifest):
        row = 2 + i
        d = os.path.join(out, m["report"])
        meta = {r["key"]: r["value"] for r in read_csv(os.path.join(d, "data", "meta.csv"))}
        get = lambda name: cells.get((row, header[name]), (None, None))
        if get("Force")[0] != meta["force"] or get("Year")[0] != meta["year"]:
            fail("row %d: %s %s, wanted %s %s" % (row + 1, get("Force")[0], get("Year")[0],
                                                   meta["force"], meta["year"]))
        if get("Status")[0] != m["status"]:
            fail("row %d: status %s, manifest %s" % (row + 1, get("Status")[0], m["status"]))
        for j in read_csv(os.path.join(d, "data", "judgments.csv")):
            label = j["label"] if j["component"] else j["pillar"].capitalize()
            if label not in header:
                fail("Reports: no column for %s" % label)
                continue
            val, fill = cells.get((row, header[label]), (None, None))
            if val != j["grade"]:
                fail("row %d %s: grade %s, wanted %s" % (row + 1, label, val, j["grade"]))
            elif fill != GRADE_RGB.get(j["grade"], "9E9E9E"):
                fail("row %d %s: %s coloured %s" % (row + 1, label, val, fill))
            else:
                ngrades += 1
        findings = read_csv(os.path.join(d, "data", "findings.csv"))
        for name, kind in [("Causes of concern", "cause_of_concern"),
                           ("Recommendations", "recommendation"),
                           ("Areas for improvement", "area_for_improvement")]:
            want = sum(1 for f in findings if f["kind"] == kind)
            if get(name)[0] != want:
                fail("row %d %s: %s, wanted %d" % (row + 1, name, get(name)[0], want))
        checks = read_csv(os.path.join(d, "reconciliation.csv"))
        for status in ["PASS", "WARN", "FAIL", "SKIP"]:
            want = sum(1 for c in checks if c["status"] == status)
            if get(status)[0] != want:
                fail("row %d %s: %s, wanted %d" % (row + 1, status, get(status)[0], want))
        row_links = sorted(t for (r, c), t in links.items() if r == row)
        want = sorted("%s\\%s" % (m["report"], doc) for doc in DOCS)
        if row_links != want:
            fail("row %d: links %s, wanted %s" % (row + 1, row_links, want))
        for t in row_links:
            nlinks += 1
            if not os.path.isfile(os.path.join(out, t.replace("\\", "/"))):
                fail("row %d: link to %s, which is not there" % (row + 1, t))

    # Figures: every table value of every report, as a number, in its column.
    fcells, _ = sheets["Figures"]
    fhead = {fcells[k][0]: k[1] for k in fcells if k[0] == 0}
    nfig = 0
    for m in manifest:
        d = os.path.join(out, m["report"])
        meta = {r["key"]: r["value"] for r in read_csv(os.path.join(d, "data", "meta.csv"))}
        col = fhead.get("%s %s" % (meta["force"], meta["year"]))
        if col is None:
            fail("Figures: no column for %s" % m["report"])
            continue
        have = sorted(v for (r, c), (v, _) in fcells.items() if c == col and r > 0)
        first = {}  # a table printed twice (summary and section) counts once
        for t in read_csv(os.path.join(d, "data", "tables.csv")):
            if t["value"]:
                first.setdefault((t["table"], t["row"], t["column"]), float(t["value"]))
        want = sorted(first.values())
        if have != want:
            fail("Figures %s: %d values, wanted %d (or they differ)" % (m["report"], len(have), len(want)))
        nfig += len(have)
    if not failures:
        print("ok: %d reports, %d grades coloured, %d links, %d figures side by side"
              % (len(manifest), ngrades, nlinks, nfig))


main()
sys.exit(1 if failures else 0)

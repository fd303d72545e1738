#!/usr/bin/env python3
"""Reads OUT/summary.xlsx as XML and checks it against the report folders,
as someone comparing forces uses it:

  Reports: one row per report of the manifest (force, year, status), the
  three pillar grades and every component grade with the grade's colour (a
  grade carried from an earlier year saying that year), finding counts,
  reconciliation counts by status, links to the six documents (HYPERLINK()
  formulas, relative, to files that are there);

  Figures: one row per measure with one column per report (force and year),
  so that forces line up: every named fact of every report on its key's row
  and every table figure in its report's column, numbers as the pillar
  workbooks hold them (a percentage as a fraction with a % format); under a
  measure, each report's stated period;

  both: printed as people expect (fitted to the width, header and footer,
  gridlines, the header rows and the measure column on every page), and
  written as constant_memory allows (no merged cells, no relationship per
  link).

usage: check_summary.py OUT"""
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from ooxml import M, NS, PILLARS, col_of, fail, failures, read_csv, unguard  # noqa: E402

RID = "{%s}id" % NS["r"]
GRADE_RGB = {"Outstanding": "1B5E20", "Good": "66BB6A", "Requires improvement": "FFB300",
             "Inadequate": "C62828", "Ungraded": "9E9E9E"}
DOCS = [p + ".xlsx" for p in PILLARS] + [p + ".pdf" for p in PILLARS]


class Cell:
    def __init__(self, value, formula, fill, numfmt):
        self.value, self.formula, self.fill, self.numfmt = value, formula, fill, numfmt


def load(out):
    z = zipfile.ZipFile(os.path.join(out, "summary.xlsx"))
    if z.testzip() is not None:
        fail("summary.xlsx: a damaged zip member")
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter(M + "t")))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fills = []
    for f in styles.find("m:fills", NS).findall("m:fill", NS):
        fg = f.find("m:patternFill/m:fgColor", NS)
        fills.append(fg.get("rgb")[-6:].upper() if fg is not None and fg.get("rgb") else None)
    codes = {int(n.get("numFmtId")): n.get("formatCode") for n in styles.iter(M + "numFmt")}
    xfs = styles.find("m:cellXfs", NS).findall("m:xf", NS)
    xf_fill = [fills[int(x.get("fillId", "0"))] for x in xfs]
    xf_fmt = [codes.get(int(x.get("numFmtId", "0")), "") for x in xfs]
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    titles = {}
    for d in wb.iter(M + "definedName"):
        if d.get("name") == "_xlnm.Print_Titles":
            titles[int(d.get("localSheetId"))] = d.text
    sheets = {}
    for i, s in enumerate(wb.find("m:sheets", NS).findall("m:sheet", NS)):
        path = "xl/" + target[s.get(RID)]
        xml = z.read(path).decode()
        root = ET.fromstring(xml)
        cells = {}
        for c in root.iter(M + "c"):
            ref = c.get("r")
            row = int(re.search(r"\d+", ref).group(0)) - 1
            v, f = c.find("m:v", NS), c.find("m:f", NS)
            val = None if v is None else v.text
            if c.get("t") == "s" and val is not None:
                val = strings[int(val)]
            elif c.get("t") == "inlineStr":
                val = "".join(t.text or "" for t in c.iter(M + "t"))
            elif c.get("t") is None and val is not None:
                val = float(val)
            style = int(c.get("s", "0"))
            cells[(row, col_of(ref))] = Cell(val, f.text if f is not None else None,
                                                xf_fill[style] if style < len(xf_fill) else None,
                                                xf_fmt[style] if style < len(xf_fmt) else "")
        relpath = os.path.dirname(path) + "/_rels/" + os.path.basename(path) + ".rels"
        links = relpath in z.namelist() and "hyperlink" in z.read(relpath).decode()
        sheets[s.get("name")] = (cells, xml, links, titles.get(i, ""))
    return sheets


def check_print(name, xml, links, titles, label_cols):
    if "<mergeCell" in xml:
        fail("%s: merged cells (constant_memory writes none)" % name)
    if links:
        fail("%s: a relationship per link (HYPERLINK() formulas need none)" % name)
    if 'fitToPage="1"' not in xml or not re.search(r'<pageSetup[^>]*orientation="landscape"', xml):
        fail("%s: not landscape fitted to the page width" % name)
    if not re.search(r"<oddHeader>[^<]+</oddHeader>", xml) or "&amp;P" not in xml or \
            not re.search(r"<oddFooter>[^<]+</oddFooter>", xml):
        fail("%s: no header or footer with the page" % name)
    if 'gridLines="1"' not in xml:
        fail("%s: no gridlines printed under the numbers" % name)
    if "%s!$A:$%s" % (name, label_cols) not in titles:
        fail("%s: the label columns do not repeat on every page (%s)" % (name, titles))


def is_percent(code):
    return "%" in re.sub(r'"[^"]*"', "", (code or "").split(";")[0])


def check_reports(out, sheets, manifest):
    cells, xml, links, titles = sheets["Reports"]
    check_print("Reports", xml, links, titles, "B")
    header = {c.value: k[1] for k, c in cells.items() if k[0] == 1}
    for name in ["Force", "Year", "Status", "Effectiveness", "Efficiency", "Legitimacy",
                 "Causes of concern", "Recommendations", "Areas for improvement",
                 "PASS", "WARN", "FAIL", "SKIP"]:
        if name not in header:
            fail("Reports: no column %s" % name)
            return 0, 0
    rows = max(k[0] for k in cells) - 1
    if rows != len(manifest):
        fail("Reports: %d rows for %d reports" % (rows, len(manifest)))
    ngrades = nlinks = ncarried = 0
    for i, m in enumerate(manifest):
        row = 2 + i
        d = os.path.join(out, m["report"])
        meta = {r["key"]: unguard(r["value"]) for r in read_csv(os.path.join(d, "data", "meta.csv"))}
        def get(name):
            return cells.get((row, header[name]), Cell(None, None, None, ""))
        if get("Force").value != meta["force"] or get("Year").value != meta["year"]:
            fail("row %d: %s %s, wanted %s %s" % (row + 1, get("Force").value, get("Year").value,
                                                   meta["force"], meta["year"]))
        if get("Status").value != m["status"]:
            fail("row %d: status %s, manifest %s" % (row + 1, get("Status").value, m["status"]))
        for j in read_csv(os.path.join(d, "data", "judgments.csv")):
            label = j["label"] if j["component"] else j["pillar"].capitalize()
            if label not in header:
                fail("Reports: no column for %s" % label)
                continue
            c = cells.get((row, header[label]), Cell(None, None, None, ""))
            want = j["grade"]
            if j["inspected"] == "no" and j["last_inspected"]:
                want = "%s (%s)" % (j["grade"], j["last_inspected"])
                ncarried += 1
            if c.value != want:
                fail("row %d %s: grade %s, wanted %s" % (row + 1, label, c.value, want))
            elif c.fill != GRADE_RGB.get(j["grade"], "9E9E9E"):
                fail("row %d %s: %s coloured %s" % (row + 1, label, c.value, c.fill))
            else:
                ngrades += 1
        findings = read_csv(os.path.join(d, "data", "findings.csv"))
        for name, kind in [("Causes of concern", "cause_of_concern"),
                           ("Recommendations", "recommendation"),
                           ("Areas for improvement", "area_for_improvement")]:
            want = sum(1 for f in findings if f["kind"] == kind)
            if get(name).value != want:
                fail("row %d %s: %s, wanted %d" % (row + 1, name, get(name).value, want))
        checks = read_csv(os.path.join(d, "reconciliation.csv"))
        for status in ["PASS", "WARN", "FAIL", "SKIP"]:
            want = sum(1 for c in checks if c["status"] == status)
            if get(status).value != want:
                fail("row %d %s: %s, wanted %d" % (row + 1, status, get(status).value, want))
        targets = []
        for (r, c), cell in cells.items():
            if r != row or not cell.formula or not cell.formula.startswith("HYPERLINK("):
                continue
            mt = re.fullmatch(r'HYPERLINK\("([^"]+)","([^"]+)"\)', cell.formula)
            if not mt or cell.value != mt.group(2):
                fail("row %d: link %r showing %r" % (row + 1, cell.formula, cell.value))
                continue
            targets.append(mt.group(1))
        want = sorted("%s/%s" % (m["report"], doc) for doc in DOCS)
        if sorted(targets) != want:
            fail("row %d: links %s, wanted %s" % (row + 1, sorted(targets), want))
        for t in targets:
            nlinks += 1
            if t.startswith("/") or not os.path.isfile(os.path.join(out, t)):
                fail("row %d: link to %s, which is not there relative to the folder" % (row + 1, t))
    return ngrades, nlinks, ncarried


def first_facts(d):
    """(key, unit) -> (value, period) of a report's first statement of each."""
    out = {}
    for f in read_csv(os.path.join(d, "data", "facts.csv")):
        if f["value"]:
            out.setdefault((f["key"], f["unit"]), (float(f["value"]), unguard(f["period"])))
    return out


def check_figures(out, sheets, manifest):
    cells, xml, links, titles = sheets["Figures"]
    check_print("Figures", xml, links, titles, "B")
    head = {c.value: k[1] for k, c in cells.items() if k[0] == 0}
    if head.get("Measure") != 0 or "Source" not in head:
        fail("Figures: no Measure and Source columns")
        return 0
    src = head["Source"]
    rows = {}  # source -> row
    for (r, c), cell in cells.items():
        if c == src and isinstance(cell.value, str) and ":" in cell.value:
            if cell.value in rows and rows[cell.value] != r:
                pass  # one source in two units: two rows
            rows.setdefault(cell.value, r)
    nfig = 0
    for m in manifest:
        d = os.path.join(out, m["report"])
        meta = {r["key"]: unguard(r["value"]) for r in read_csv(os.path.join(d, "data", "meta.csv"))}
        col = head.get("%s %s" % (meta["force"], meta["year"]))
        if col is None:
            fail("Figures: no column for %s" % m["report"])
            continue
        units = {}
        for (r, c), cell in cells.items():
            if c == head.get("Unit"):
                units[r] = cell.value
        # Named facts: each on its key's row, the period under it.
        for (key, unit), (value, period) in first_facts(d).items():
            r = [rr for (rr, c), cell in cells.items()
                 if c == src and cell.value == "fact:" + key]
            got = [cells.get((rr, col)) for rr in r]
            want = value / 100 if unit == "%" else value
            hit = [(rr, g) for rr, g in zip(r, got) if g is not None and
                   isinstance(g.value, float) and abs(g.value - want) <= 1e-9 * max(1, abs(want))]
            if not hit:
                fail("Figures %s: fact %s (%s) = %s is not on its row" % (m["report"], key, unit, want))
                continue
            rr, g = hit[0]
            if (unit == "%") != is_percent(g.numfmt):
                fail("Figures %s: %s shown as %r" % (m["report"], key, g.numfmt))
            label = cells.get((rr + 1, 0))
            p = cells.get((rr + 1, col))
            if period and (label is None or label.value != "Period" or p is None or
                           p.value != period):
                fail("Figures %s: %s's period %r is not under it" % (m["report"], key, period))
            nfig += 1
        # Table figures: every one in the report's column (first statement of
        # a repeated table), percentages as fractions.
        have = sorted(round(cell.value, 9) for (r, c), cell in cells.items()
                      if c == col and r > 0 and isinstance(cell.value, float) and
                      str(cells.get((r, src), Cell("", None, None, "")).value).startswith("table:"))
        first = {}
        for t in read_csv(os.path.join(d, "data", "tables.csv")):
            if t["value"]:
                v = float(t["value"]) / (100 if t["unit"] == "%" else 1)
                first.setdefault((t["table"], t["row"], t["column"]), round(v, 9))
        want = sorted(first.values())
        if have != want:
            fail("Figures %s: %d table values, wanted %d (or they differ)" %
                 (m["report"], len(have), len(want)))
        nfig += len(have)
    return nfig


def main():
    out = sys.argv[1]
    sheets = load(out)
    if list(sheets) != ["Reports", "Figures"]:
        fail("sheets are %s, not Reports and Figures" % list(sheets))
        return
    manifest = [r for r in read_csv(os.path.join(out, "manifest.csv")) if r["kind"] == "report"]
    ngrades, nlinks, ncarried = check_reports(out, sheets, manifest)
    nfig = check_figures(out, sheets, manifest)
    if not failures:
        print("ok: %d reports, %d grades coloured (%d carried from earlier years), %d links, "
              "%d figures side by side" % (len(manifest), ngrades, ncarried, nlinks, nfig))


main()
sys.exit(1 if failures else 0)

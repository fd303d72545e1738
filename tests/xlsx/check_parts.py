#!/usr/bin/env python3
"""Checks the parts inside each workbook, as libxlsxwriter's own tests
compare files part by part:

  * sheets in their order; frozen panes, landscape A4 one page wide, header
    and footer naming the force, on every sheet;
  * every formula has a cached result, and its text is ours: references,
    functions, defined names and our own labels -- never report text;
  * every figure typed in from the report (blue) is a number with a note,
    every link to one (green) a formula with a note, and no other number
    is typed in except report line numbers (grey);
  * the Data sheet holds every table figure of the pillar once (a table
    printed again with the same figures is shown once);
  * native tables (with their filters) on the list sheets, status colours
    on the checks; defined names; charts;
    document properties with the publication date as the creation date.

usage: check_parts.py OUT PIPELINE_DIR [[PILLAR:]EXTRA_TEXT...]
EXTRA_TEXT: strings that must appear as text cells (in PILLAR's workbook
only, when given) and never in a formula."""
import csv
import glob
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
PILLARS = ["effectiveness", "efficiency", "legitimacy"]
BLUE, GREEN, GREY = "FF1F3F9A", "FF1B6B2F", "FF666666"
FUNCS = {"SUM", "COUNTIF", "SUMPRODUCT", "COUNT", "COUNTA"}
LITERALS = {"Cause of concern", "Recommendation", "Area for improvement", "PASS", "WARN", "FAIL",
            "SKIP"}

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from ooxml import fail, finish  # noqa: E402


def layout(pipeline):
    with open(os.path.join(pipeline, "workbook.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def meta(report):
    with open(os.path.join(report, "data", "meta.csv"), encoding="utf-8") as f:
        return {r["key"]: r["value"].lstrip("'") for r in csv.DictReader(f)}


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.path = path
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        rels = ET.fromstring(self.z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = []
        for s in wb.find("m:sheets", NS):
            rid = s.get("{%s}id" % NS["r"])
            self.sheets.append((s.get("name"), "xl/" + target[rid]))
        self.names = {d.get("name"): d.text for d in wb.iter("{%s}definedName" % NS["m"])}
        sst = ET.fromstring(self.z.read("xl/sharedStrings.xml"))
        self.strings = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])) for si in sst]
        self.fonts = self._fonts()

    def _fonts(self):
        """Font colour of each cell style index."""
        st = ET.fromstring(self.z.read("xl/styles.xml"))
        colours = []
        for font in st.find("m:fonts", NS):
            c = font.find("m:color", NS)
            colours.append(c.get("rgb") if c is not None else None)
        return [colours[int(xf.get("fontId", 0))] for xf in st.find("m:cellXfs", NS)]

    def sheet(self, part):
        return ET.fromstring(self.z.read(part)), self.z.read(part).decode()

    def comments(self, part):
        """Cells with a note on a sheet."""
        relpath = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if relpath not in self.z.namelist():
            return set()
        refs = set()
        for rel in ET.fromstring(self.z.read(relpath)):
            if rel.get("Type", "").endswith("/comments"):
                cpart = os.path.normpath(os.path.join(os.path.dirname(part), rel.get("Target")))
                for c in ET.fromstring(self.z.read(cpart)).iter("{%s}comment" % NS["m"]):
                    refs.add(c.get("ref"))
        return refs


def cells(root):
    for c in root.iter("{%s}c" % NS["m"]):
        f = c.find("m:f", NS)
        v = c.find("m:v", NS)
        yield c.get("r"), c.get("t"), f.text if f is not None else None, \
            v.text if v is not None else None, int(c.get("s", 0))


def formula_ok(f, sheets, names):
    """Our formulas: cell refs, sheet names, functions, names, our labels."""
    rest = re.sub(r'"([^"]*)"', lambda m: "" if m.group(1) in LITERALS else "\x00", f)
    if "\x00" in rest:
        return False
    rest = re.sub(r"'([^']*)'!", lambda m: "" if m.group(1) in sheets else "\x00", rest)
    rest = re.sub(r"\$?[A-Z]{1,3}\$?[0-9]+", "", rest)
    for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rest):
        if word not in FUNCS and word not in names:
            return False
    return re.fullmatch(r"[0-9.+\-*/():,=<>\x20]*", re.sub(r"[A-Za-z_][A-Za-z0-9_]*", "", rest)) \
        is not None


def expected_sheets(rows, pillar):
    own = [r["sheet"] for r in rows if r["kind"] == "sheet" and r["pillar"] == pillar]
    return ["Summary", "About", "Data"] + own + ["Charts", "Findings", "Reconciliation", "Rejects",
                                        "Sources"]


def check_sheet(book, name, part, force, figures):
    root, xml = book.sheet(part)
    if 'state="frozen"' not in xml:
        fail("%s %s: no frozen panes" % (book.path, name))
    if not re.search(r'<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"', xml) or \
            "fitToPage" not in xml:
        fail("%s %s: not landscape A4 fitted to the page width" % (book.path, name))
    hf = re.search(r"<oddHeader>(.*?)</oddHeader>", xml)
    if not hf or force.replace("&", "&amp;&amp;") not in hf.group(1) or "&amp;P" not in xml:
        fail("%s %s: header/footer without force or page" % (book.path, name))
    notes = book.comments(part)
    sheetnames = {s for s, _ in book.sheets}
    nblue = 0
    for ref, t, f, v, s in cells(root):
        colour = book.fonts[s] if s < len(book.fonts) else None
        if f is not None:
            if v is None or t in ("str", "e"):
                fail("%s %s!%s: formula without a cached number" % (book.path, name, ref))
            if not formula_ok(f, sheetnames, book.names):
                fail("%s %s!%s: formula text not ours: %s" % (book.path, name, ref, f))
            if colour == GREEN and ref not in notes and name != "Sources":
                fail("%s %s!%s: link to a figure without a note" % (book.path, name, ref))
        elif t is None and v is not None:
            if colour == BLUE:
                nblue += 1
                if ref not in notes:
                    fail("%s %s!%s: figure without a note" % (book.path, name, ref))
            elif figures and colour != GREY:
                fail("%s %s!%s: a number typed in that is not a report figure" %
                     (book.path, name, ref))
        elif colour == BLUE:
            fail("%s %s!%s: figure that is not a number" % (book.path, name, ref))
    return root, xml, nblue


def table_records(report, rows, pillar):
    import fnmatch
    opening = [(r["pillar"], r["source"]) for r in rows if r["kind"] == "opening"]
    rejected = set()
    rj = os.path.join(report, "data", "rejects.csv")
    if os.path.exists(rj):
        with open(rj, encoding="utf-8") as f:
            rejected = {int(r["line"]) for r in csv.DictReader(f) if r["file"] == "tables.csv"}
    groups = {}  # (table, pillar) -> cells, opening tables first as the Data sheet shows them
    with open(os.path.join(report, "data", "tables.csv"), encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for r in reader:
            if reader.line_num in rejected:
                continue
            if r["pillar"] == pillar or (not r["pillar"] and any(
                    p == pillar and fnmatch.fnmatchcase(r["table"], g) for p, g in opening)):
                groups.setdefault((r["table"], r["pillar"]), set()).add(
                    (r["row"], r["column"], r["value"]))
    # A table printed again with the same figures is shown once.
    shown = []
    for (table, own), found in sorted(groups.items(), key=lambda g: g[0][1] != ""):
        if not any(t == table and found <= cells for t, cells in shown):
            shown.append((table, found))
    return sum(len(cells) for _, cells in shown)


def check_book(path, report, pillar, rows, extra):
    book = Book(path)
    m = meta(report)
    force = m["force"]
    names = [s for s, _ in book.sheets]
    if names != expected_sheets(rows, pillar):
        fail("%s: sheets %s" % (path, names))
    figure_sheets = {"Data"} | {r["sheet"] for r in rows
                                if r["kind"] == "sheet" and r["pillar"] == pillar}
    for name, part in book.sheets:
        _, xml, nblue = check_sheet(book, name, part, force, name in figure_sheets)
        if name == "Data":
            want = table_records(report, rows, pillar)
            if nblue != want:
                fail("%s Data: %d figures typed in, %d table records" % (path, nblue, want))
        if name in ("Reconciliation", "Findings", "Rejects", "Sources") and \
                "<tablePart " not in xml:
            fail("%s %s: not a native table (no filter buttons)" % (path, name))
        if name == "Reconciliation" and xml.count("<cfRule") < 4:
            fail("%s: statuses not colour-coded" % path)
    for n, ref in book.names.items():
        if n.startswith("_xlnm."):
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) or not re.fullmatch(
                r"'[^']+'!\$[A-Z]+\$[0-9]+", ref or ""):
            fail("%s: defined name %s = %s" % (path, n, ref))
    defines = {r["define"] for r in rows if r["pillar"] == pillar and r["define"]}
    user_names = {n for n in book.names if not n.startswith("_xlnm.")}
    if not user_names or not user_names <= defines:
        fail("%s: defined names %s not from the layout" % (path, sorted(user_names)))
    if not [n for n in book.z.namelist() if n.startswith("xl/charts/chart")]:
        fail("%s: no charts" % path)
    core = book.z.read("docProps/core.xml").decode()
    date = m.get("published_date", "")
    if date and "%sT00:00:00Z</dcterms:created>" % date not in core:
        fail("%s: created is not the publication date %s" % (path, date))
    for tag in ("dc:title", "dc:subject", "dc:creator", "cp:keywords"):
        if not re.search(r"<%s>[^<]+</%s>" % (tag, tag), core):
            fail("%s: no %s" % (path, tag))
    app = book.z.read("docProps/app.xml").decode()
    if "<Company>%s</Company>" % force.replace("&", "&amp;") not in app:
        fail("%s: company is not the force" % path)
    for text in extra:
        head, sep, tail = text.partition(":")
        if sep and head in PILLARS:
            if head != pillar:
                continue
            text = tail
        if text not in book.strings:
            fail("%s: %r is not a text cell" % (path, text))
    return book


def main():
    out, pipeline = sys.argv[1:3]
    extra = sys.argv[3:]
    rows = layout(pipeline)
    n = 0
    for report in sorted(glob.glob(os.path.join(out, "*", ""))):
        for p in PILLARS:
            check_book(os.path.join(report, p + ".xlsx"), report, p, rows, extra)
            n += 1
    if not n:
        fail("no workbooks under %s" % out)
    return finish(n, "workbooks: parts as expected")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What finance and HR teams open the pillar workbooks for, read from the
workbooks' XML (python3's standard library only) and checked against each
report's records:

  * one way to hold a percentage: a figure the report prints as a
    percentage is a fraction with a % format (18.4% is 0.184);
  * names: implied figures are "implied FTE" (never a headcount), and every
    comparison names its comparator as the report labels it;
  * a figure that fails reconciliation is marked where it is used: filled
    red with a note naming the check, and so is every cell built on it
    (and no other), its list row's note and its Sources row name the check;
  * native Excel tables on the list sheets (Findings, Reconciliation,
    Sources, Rejects): each list is one table from its header row to its
    last row, captions as the header shows them, with filter buttons;
  * an About sheet (second): every sheet and what it holds, the colour key
    (samples in the inks and fill the figures use), the units of the figures
    shown (each figure's number format among them), the caveats listing
    every figure that mixes periods or fails a check (by its cell), and the
    report's file and CRC-32;
  * charts: every chart the layout asks of a pillar sheet (reserves,
    investment, savings; vetting and diversity by role) is there when the
    report has its figures, titled from its block of links on the Charts
    sheet, each link equal to the figure it points at, bars of different
    periods saying theirs; every chart's data labels keep the decimals the
    report printed (18.4%, not 18%);
  * no duplicated tables: a table the report prints twice with the same
    figures is on the Data sheet once, saying where it is printed again;
  * periods: every figure shows its period as the report states it ("not
    stated" when it states none) -- list rows in their Period column, grids
    and Data tables in a Period row under the header, the Sources and the
    Summary's key figures beside them -- and a ratio of two figures stated
    for different periods names both and says it mixes periods.

usage: check_books.py PIPELINE_DIR OUT...
Each OUT holds report folders (data/, reconciliation.csv, the workbooks)."""
import glob
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from ooxml import (M, NS, PILLARS, col_of, fail, finish, read_csv,  # noqa: E402
                   ref_of, row_of, unguard)


class Cell:
    def __init__(self, ref, kind, value, formula, style):
        self.ref, self.kind, self.value, self.formula, self.style = ref, kind, value, formula, style
        self.row, self.col = row_of(ref), col_of(ref)

    @property
    def text(self):
        return self.value if self.kind == "s" else None

    @property
    def number(self):
        if self.kind == "s" or self.value is None:
            return None
        return float(self.value)


class Sheet:
    def __init__(self, book, name, part):
        self.book, self.name, self.part = book, name, part
        self.xml = book.z.read(part).decode()
        root = ET.fromstring(self.xml)
        self.cells = {}
        for c in root.iter(M + "c"):
            f, v = c.find("m:f", NS), c.find("m:v", NS)
            value = v.text if v is not None else None
            if c.get("t") == "s" and value is not None:
                value = book.strings[int(value)]
            cell = Cell(c.get("r"), "s" if c.get("t") == "s" else c.get("t"), value,
                        f.text if f is not None else None, int(c.get("s", 0)))
            self.cells[cell.ref] = cell
        self.rels = book.rels_of(part)
        self.notes = {}
        for target in self.rels.get("comments", []):
            for c in ET.fromstring(book.z.read(target)).iter(M + "comment"):
                self.notes[c.get("ref")] = "".join(t.text or "" for t in c.iter(M + "t"))

    def at(self, row, col):
        return self.cells.get(ref_of(row, col))

    def rows(self):
        out = {}
        for c in self.cells.values():
            out.setdefault(c.row, []).append(c)
        return {r: sorted(cs, key=lambda c: c.col) for r, cs in sorted(out.items())}

    def texts(self):
        return [c for c in self.cells.values() if c.text is not None]


class Book:
    def __init__(self, path):
        self.path = path
        self.z = zipfile.ZipFile(path)
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        target = self.rels_of("xl/workbook.xml", by_id=True)
        self.strings = []
        if "xl/sharedStrings.xml" in self.z.namelist():
            for si in ET.fromstring(self.z.read("xl/sharedStrings.xml")):
                self.strings.append("".join(t.text or "" for t in si.iter(M + "t")))
        styles = ET.fromstring(self.z.read("xl/styles.xml"))
        fills = []
        for f in styles.find("m:fills", NS):
            fg = f.find("m:patternFill/m:fgColor", NS)
            fills.append(fg.get("rgb")[-6:].upper() if fg is not None and fg.get("rgb") else None)
        xfs = styles.find("m:cellXfs", NS)
        self.fill = [fills[int(x.get("fillId", 0))] for x in xfs]
        fonts = []
        for f in styles.find("m:fonts", NS):
            c = f.find("m:color", NS)
            fonts.append(c.get("rgb")[-6:].upper() if c is not None and c.get("rgb") else None)
        self.ink = [fonts[int(x.get("fontId", 0))] for x in xfs]
        numfmts = {int(n.get("numFmtId")): n.get("formatCode")
                   for n in styles.iter(M + "numFmt")}
        self.numfmt = [numfmts.get(int(x.get("numFmtId", 0)), "") for x in xfs]
        self.sheets = {}
        self.order = []
        for s in wb.find("m:sheets", NS):
            part = target[s.get("{%s}id" % NS["r"])]
            self.order.append(s.get("name"))
            self.sheets[s.get("name")] = Sheet(self, s.get("name"), part)
        self.names = {}  # defined name -> (sheet, ref)
        for d in wb.iter(M + "definedName"):
            m = re.fullmatch(r"'?([^'!]+)'?!\$?([A-Z]+)\$?([0-9]+)", d.text or "")
            if m and not d.get("name").startswith("_xlnm."):
                self.names[d.get("name")] = (m.group(1), m.group(2) + m.group(3))
        for sheet in self.sheets.values():
            sheet.book_names = self.names

    def rels_of(self, part, by_id=False):
        """Relationships of a part: by type ("comments", "table"...) or by id."""
        path = os.path.join(os.path.dirname(part), "_rels", os.path.basename(part) + ".rels")
        out = {}
        if path not in self.z.namelist():
            return out
        for rel in ET.fromstring(self.z.read(path)):
            target = rel.get("Target")
            if rel.get("TargetMode") != "External":
                target = os.path.normpath(os.path.join(os.path.dirname(part), target))
            if by_id:
                out[rel.get("Id")] = target
            else:
                out.setdefault(rel.get("Type").rsplit("/", 1)[-1], []).append(target)
        return out


class Report:
    def __init__(self, folder, pipeline):
        self.folder = folder
        data = os.path.join(folder, "data")
        self.meta = {r["key"]: unguard(r["value"]) for r in read_csv(os.path.join(data, "meta.csv"))}
        self.cells = read_csv(os.path.join(data, "tables.csv"))
        self.facts = read_csv(os.path.join(data, "facts.csv"))
        rc = os.path.join(folder, "reconciliation.csv")
        self.checks = read_csv(rc) if os.path.exists(rc) else []
        self.layout = read_csv(os.path.join(pipeline, "workbook.csv"))
        self.comparators = [r["label"] for r in self.layout if r["kind"] == "comparator"]
        self.column_labels = {unguard(c["column_label"]) for c in self.cells}

    def book(self, pillar):
        return Book(os.path.join(self.folder, pillar + ".xlsx"))


# ---- names -----------------------------------------------------------------

COMPARISON = re.compile(r"^(Ratio to|Difference from) (the )?(.+)$")


def check_names(rep, pillar, book):
    for sheet in book.sheets.values():
        if sheet.name in ("Findings", "Sources", "Reconciliation", "Rejects"):
            continue  # the report's own text and the checks' descriptions
        for c in sheet.texts():
            where = "%s %s!%s" % (book.path, sheet.name, c.ref)
            if "headcount" in c.text.lower():
                fail("%s: %r: a share applied to FTE is implied FTE, not a headcount" %
                     (where, c.text))
            if re.search(r"\bimplied\b", c.text, re.I) and "FTE" not in c.text and \
                    not c.text.endswith("_Total"):
                fail("%s: %r: an implied figure that does not say it is FTE" % (where, c.text))
            m = COMPARISON.match(c.text)
            if not m:
                continue
            named = m.group(3)
            if named == "comparator":
                continue  # the table is not in this report: nothing to name
            if named not in rep.column_labels and not any(
                    named.lower().startswith(k.lower()) for k in rep.comparators):
                fail("%s: %r does not name a comparator of the report" % (where, c.text))
        for c in sheet.texts():
            if c.text in ("Comparator rate", "Ratio to comparator", "Comparator"):
                fail("%s %s!%s: %r does not say which comparator" %
                     (book.path, sheet.name, c.ref, c.text))


# ---- no duplicated tables ---------------------------------------------------

def data_blocks(sheet):
    """(title, subtitle, figures) of each table block on the Data sheet; the
    figures without the report line column."""
    blocks, line_col = [], None
    for r, cells in sheet.rows().items():
        sub = sheet.at(r + 1, 0)
        if cells[0].col == 0 and cells[0].text and sub is not None and sub.text and \
                sub.text.startswith("Unit: "):
            blocks.append((cells[0].text, sub.text, []))
            line_col = None
        elif blocks:
            for c in cells:
                if c.text == "Report line":
                    line_col = c.col
                elif c.number is not None and c.col != line_col:
                    blocks[-1][2].append(c.number)
    return blocks


def check_tables_once(rep, pillar, book):
    blocks = data_blocks(book.sheets["Data"])
    seen = set()
    for title, _, figures in blocks:
        if (title, tuple(figures)) in seen:
            fail("%s Data: the table %r is shown twice with the same figures" % (book.path, title))
        seen.add((title, tuple(figures)))
    groups = {}
    for c in rep.cells:
        g = groups.setdefault((c["table"], c["pillar"]), [set(), int(c["source_line"])])
        g[0].add((c["row"], c["column"], c["value"]))
    for (table, own), (found, line) in groups.items():
        opening = groups.get((table, ""))
        if own != pillar or not opening or found != opening[0]:
            continue
        shown = [sub for _, sub, _ in blocks if re.search(r"\bline %d\b" % opening[1], sub)]
        said = re.compile(r"printed again with the same figures at lines? %d\b" % line)
        if shown and not any(said.search(sub) for sub in shown):
            fail("%s Data: %s is printed again at line %d, and the sheet does not say so" %
                 (book.path, table, line))


# ---- periods -----------------------------------------------------------------

FRAMES = ("by ", "in ", "during ", "for ", "as of ", "on ", "at ")


def period_identity(p):
    p = p.lower()
    for f in FRAMES:
        if p.startswith(f):
            return p[len(f):]
    return p


def header_rows(sheet, first):
    """Rows whose first cells read `first` (a list's or a grid's header)."""
    return [r for r, cells in sheet.rows().items() if cells and cells[0].col == 0 and
            cells[0].text == first]


def list_rows(sheet):
    """{row: (label, value cell, period cell, note cell)} of the list sections."""
    out = {}
    rows = sheet.rows()
    for head in header_rows(sheet, "Figure"):
        cols = {c.text: c.col for c in rows[head] if c.text}
        if "Period" not in cols or "Value" not in cols:
            continue
        r = head + 1
        while r in rows and sheet.at(r, 0) is not None and sheet.at(r, 0).text and \
                sheet.at(r, cols["Value"]) is not None:
            out[r] = (sheet.at(r, 0).text, sheet.at(r, cols["Value"]),
                      sheet.at(r, cols["Period"]), sheet.at(r, cols.get("Note", 99)))
            r += 1
    return out


def facts_of_note(rep, note):
    """The facts a figure's note may name (by line and figure as printed)."""
    m = re.match(r'Report line (\d+), printed "(.*)"\.\n', note or "")
    if not m:
        return []
    return [f for f in rep.facts
            if int(f["source_line"]) == int(m.group(1)) and unguard(f["raw"]) == m.group(2)]


def cell_ref_sheet(formula, here):
    m = re.fullmatch(r"(?:'([^']+)'!)?(\$?[A-Z]+\$?[0-9]+)", formula or "")
    return (m.group(1) or here, m.group(2).replace("$", "")) if m else None


def check_periods(rep, pillar, book):
    layout_sheets = {r["sheet"] for r in rep.layout if r["kind"] == "sheet" and
                     r["pillar"] == pillar}
    for name in layout_sheets:
        sheet = book.sheets[name]
        lists = list_rows(sheet)
        period_of = {}
        for r, (label, value, period, note) in lists.items():
            where = "%s %s!A%d %r" % (book.path, name, r + 1, label)
            if value.text is None and (period is None or not period.text):
                fail("%s: a figure without its period" % where)
                continue
            period_of[value.ref] = period.text if period is not None else None
            stated = {unguard(f["period"]) or "not stated"
                      for f in facts_of_note(rep, sheet.notes.get(value.ref))}
            if stated and period.text not in stated:
                fail("%s: period %r, the report states %s" % (where, period.text, sorted(stated)))
        for r, (label, value, period, note) in lists.items():
            # A ratio of two cells: both stated for different periods -> said.
            m = re.fullmatch(r"(.+)/(.+)", value.formula or "")
            if not m or value.number is None:
                continue
            a, c = cell_ref_sheet(m.group(1), name), cell_ref_sheet(m.group(2), name)
            if not a or not c or a[0] != name or c[0] != name:
                continue
            pa, pc = period_of.get(a[1]), period_of.get(c[1])
            if not pa or not pc or "not stated" in pa + pc or \
                    period_identity(pa) == period_identity(pc):
                continue
            text = note.text if note is not None and note.text else ""
            if "mixes periods" not in text or pa not in period.text or pc not in period.text:
                fail("%s %s!A%d %r: a ratio of %r over %r that does not say it mixes periods" %
                     (book.path, name, r + 1, label, pa, pc))
        check_period_rows(book, sheet, "Report line")
    check_period_rows(book, book.sheets["Data"], "Report line")
    check_sources_periods(rep, book)
    check_key_periods(book)


def check_period_rows(book, sheet, last_head):
    """Under each grid or table header (a row ending in "Report line" that
    is not a list's), a Period row with a period for each figure column."""
    rows = sheet.rows()
    for r, cells in rows.items():
        if not cells or cells[-1].text != last_head or (cells[0].text == "Figure"):
            continue
        under = sheet.at(r + 1, 0)
        if under is None or under.text != "Period":
            fail("%s %s!A%d: a table header without a Period row under it" %
                 (book.path, sheet.name, r + 1))
            continue
        end = r + 2
        while end in rows:
            end += 1
        for c in cells[1:-1]:
            shown = [x for rr in range(r + 2, end) for x in [sheet.at(rr, c.col)]
                     if x is not None and x.number is not None]
            p = sheet.at(r + 1, c.col)
            if shown and (p is None or not p.text):
                fail("%s %s!%s: column %r has no period" % (book.path, sheet.name,
                                                           ref_of(r + 1, c.col), c.text))


def check_sources_periods(rep, book):
    sheet = book.sheets["Sources"]
    rows = sheet.rows()
    head = header_rows(sheet, "Sheet")
    if not head:
        fail("%s Sources: no header" % book.path)
        return
    cols = {c.text: c.col for c in rows[head[0]] if c.text}
    for r in range(head[0] + 1, max(rows) + 1):
        value = sheet.at(r, cols["Value"])
        if value is None or value.number is None:
            continue
        p = sheet.at(r, cols["Period"])
        if p is None or not p.text:
            fail("%s Sources!A%d: a figure without its period" % (book.path, r + 1))
            continue
        line, raw = sheet.at(r, cols["Report line"]), sheet.at(r, cols["As printed"])
        stated = {unguard(x["period"]) or "not stated" for x in rep.facts + rep.cells
                  if line is not None and int(x["source_line"]) == line.number and
                  raw is not None and unguard(x["raw"]) == raw.text}
        if stated and p.text not in stated:
            fail("%s Sources!A%d: period %r, the report states %s" %
                 (book.path, r + 1, p.text, sorted(stated)))


def check_key_periods(book):
    sheet = book.sheets["Summary"]
    rows = sheet.rows()
    for head in header_rows(sheet, "Name"):
        cols = {c.text: c.col for c in rows[head] if c.text}
        if "Period" not in cols:
            fail("%s Summary: the key figures have no Period column" % book.path)
            continue
        r = head + 1
        while sheet.at(r, 0) is not None and sheet.at(r, cols["Value"]) is not None:
            p = sheet.at(r, cols["Period"])
            if p is None or not p.text:
                fail("%s Summary!A%d: a key figure without its period" % (book.path, r + 1))
            r += 1


# ---- figures that fail reconciliation ----------------------------------------

FAIL_FILL = "EF9A9A"
REF = re.compile(r"(?:'([^']+)'!)?\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?")


def refs_of(formula, here):
    """(sheet, ref) of every cell a formula points at, ranges expanded."""
    out = []
    for m in REF.finditer(re.sub(r'"[^"]*"', "", formula)):
        sheet = m.group(1) or here
        a = col_of(m.group(2)), int(m.group(3)) - 1
        z = (col_of(m.group(4)), int(m.group(5)) - 1) if m.group(4) else a
        for row in range(a[1], z[1] + 1):
            for col in range(a[0], z[0] + 1):
                out.append((sheet, ref_of(row, col)))
    return out


def failing_records(rep):
    """{(line, raw): rule_id} of the figures FAIL checks found wanting."""
    out = {}
    for k in rep.checks:
        if k["status"] != "FAIL":
            continue
        lines = {int(x) for x in k["source_lines"].split()}
        values = []
        for v in (k["expected"], k["actual"]):
            try:
                values.append(float(v))
            except ValueError:
                pass
        for x in rep.facts + rep.cells:
            if int(x["source_line"]) in lines and x["value"] and \
                    any(abs(float(x["value"]) - v) <= 1e-9 * max(1, abs(v)) for v in values):
                out.setdefault((int(x["source_line"]), unguard(x["raw"])), k["rule_id"])
    return out


NOTE_FIGURE = re.compile(r'Report line (\d+), printed "(.*)"\.')


def check_fails(rep, pillar, book):
    wanting = failing_records(rep)
    sheets = ["Data"] + [r["sheet"] for r in rep.layout
                         if r["kind"] == "sheet" and r["pillar"] == pillar]
    marked, rule = set(), {}
    for name in sheets:
        sheet = book.sheets[name]
        for ref, note in sheet.notes.items():
            m = NOTE_FIGURE.match(note)
            c = sheet.cells.get(ref)
            if m and c is not None and c.number is not None:
                key = (int(m.group(1)), m.group(2))
                if key in wanting:
                    marked.add((name, ref))
                    rule[(name, ref)] = wanting[key]
    grew = True
    while grew:  # every cell built on a marked one is marked too
        grew = False
        for name in sheets + ["Summary"]:
            for c in book.sheets[name].cells.values():
                if c.formula and (name, c.ref) not in marked and c.number is not None:
                    hit = [x for x in refs_of(c.formula, name) if x in marked]
                    if hit or (name == "Summary" and c.formula in book.sheets["Summary"].book_names
                               and book.sheets["Summary"].book_names[c.formula] in marked):
                        marked.add((name, c.ref))
                        rule[(name, c.ref)] = rule[hit[0]] if hit else \
                            rule[book.sheets["Summary"].book_names[c.formula]]
                        grew = True
    for name in sheets + ["Summary"]:
        sheet = book.sheets[name]
        for c in sheet.cells.values():
            if c.number is None or c.style >= len(book.fill):
                continue
            red = book.fill[c.style] == FAIL_FILL
            where = "%s %s!%s" % (book.path, name, c.ref)
            if (name, c.ref) in marked:
                note = sheet.notes.get(c.ref, "")
                if not red:
                    fail("%s: built on a figure failing %s, and not marked" %
                         (where, rule[(name, c.ref)]))
                elif rule[(name, c.ref)] not in note:
                    fail("%s: marked, but its note does not name %s" % (where, rule[(name, c.ref)]))
            elif red:
                fail("%s: marked as failing reconciliation, and no failing figure is under it" %
                     where)
        for r, (label, value, period, note) in list_rows(sheet).items():
            if (name, value.ref) in marked and (note is None or not note.text or
                                                rule[(name, value.ref)] not in note.text):
                fail("%s %s!A%d %r: the row's note does not name the failing check %s" %
                     (book.path, name, r + 1, label, rule[(name, value.ref)]))
    src = book.sheets["Sources"]
    rows = src.rows()
    head = header_rows(src, "Sheet")
    cols = {c.text: c.col for c in rows[head[0]] if c.text} if head else {}
    if "Fails check" not in cols:
        fail("%s Sources: no Fails check column" % book.path)
        return
    for r in range(head[0] + 1, max(rows) + 1):
        line, raw = src.at(r, cols["Report line"]), src.at(r, cols["As printed"])
        if line is None or raw is None or line.number is None:
            continue
        want = wanting.get((int(line.number), raw.text), "")
        got = src.at(r, cols["Fails check"])
        if (got.text if got is not None and got.text else "") != want:
            fail("%s Sources!A%d: fails check %r, expected %r" %
                 (book.path, r + 1, got.text if got is not None else "", want))


# ---- native tables --------------------------------------------------------------

def tables_of(book, sheet):
    out = []
    for part in sheet.rels.get("table", []):
        t = ET.fromstring(book.z.read(part))
        cols = [c.get("name") for c in t.iter(M + "tableColumn")]
        out.append((t.get("name"), t.get("ref"), cols, t.find("m:autoFilter", NS) is not None))
    return out


def check_list_tables(book):
    names = set()
    for name, first in (("Findings", "Area"), ("Reconciliation", "Rule"), ("Rejects", "Record file"),
                        ("Sources", "Sheet")):
        sheet = book.sheets[name]
        tables = tables_of(book, sheet)
        head = header_rows(sheet, first)
        if len(tables) != 1 or not head:
            fail("%s %s: %d native tables, header %s" % (book.path, name, len(tables), head))
            continue
        tname, ref, cols, filtered = tables[0]
        names.add(tname)
        a, z = ref.split(":")
        rows = sheet.rows()
        caption = [c.text for c in rows[head[0]]]
        last = max(r for r in rows if r >= head[0])
        if row_of(a) != head[0] or col_of(a) != 0 or row_of(z) != max(last, head[0] + 1):
            fail("%s %s: table %s covers %s, the list is rows %d-%d" %
                 (book.path, name, tname, ref, head[0] + 1, last + 1))
        if cols != caption or col_of(z) != len(caption) - 1:
            fail("%s %s: table columns %s, header %s" % (book.path, name, cols, caption))
        if not filtered:
            fail("%s %s: table without filter buttons" % (book.path, name))
        if "<autoFilter" in sheet.xml:
            fail("%s %s: a sheet filter over a table" % (book.path, name))
    if len(names) != 4:
        fail("%s: table names %s not distinct" % (book.path, sorted(names)))


# ---- the About sheet ------------------------------------------------------------

BLUE, GREEN = "1F3F9A", "1B6B2F"


def bare_format(code):
    """A number format without its decimals, to compare families."""
    return re.sub(r"0\.0+", "0", code or "")


def check_about(rep, pillar, book):
    if book.order[:2] != ["Summary", "About"]:
        fail("%s: sheets %s, About is not second" % (book.path, book.order[:3]))
        return
    about = book.sheets["About"]
    texts = {c.text for c in about.texts()}
    for want in (rep.meta.get("file"), rep.meta.get("crc32")):
        if want and want not in texts:
            fail("%s About: the report's %r is not there" % (book.path, want))
    for name in book.order:
        if name not in texts:
            fail("%s About: the sheet %s is not described" % (book.path, name))
    key = {}
    for c in about.texts():
        for word in ("Blue", "Green", "Red fill", "Black"):
            if c.text.startswith(word + ":"):
                key[word] = about.at(c.row, 0)
    for word, ink, fill in (("Blue", BLUE, None), ("Green", GREEN, None),
                            ("Red fill", None, FAIL_FILL), ("Black", None, None)):
        cell = key.get(word)
        if cell is None or cell.number is None:
            fail("%s About: no %s sample in the colour key" % (book.path, word))
        elif (ink and book.ink[cell.style] != ink) or (fill and book.fill[cell.style] != fill):
            fail("%s About: the %s sample is not in that colour" % (book.path, word))
    head = header_rows(about, "Shown as")
    units = set()
    if head:
        r = head[0] + 1
        while about.at(r, 0) is not None and about.at(r, 0).number is not None:
            units.add(bare_format(book.numfmt[about.at(r, 0).style]))
            r += 1
    else:
        fail("%s About: no units" % book.path)
    sheets = ["Data"] + [r["sheet"] for r in rep.layout
                         if r["kind"] == "sheet" and r["pillar"] == pillar]
    links = {c.text for c in about.texts()}
    for name in sheets:
        sheet = book.sheets[name]
        for c in sheet.cells.values():
            if c.number is None or book.ink[c.style] == "666666":
                continue  # report line numbers
            code = bare_format(book.numfmt[c.style])
            if code and code not in units:
                fail("%s %s!%s: its format %r is no unit of the About sheet" %
                     (book.path, name, c.ref, book.numfmt[c.style]))
            note = sheet.notes.get(c.ref, "")
            listed = "%s %s" % (name, c.ref) in links
            if ("mixes periods" in note and book.ink[c.style] != GREEN or
                    note.startswith("Report line") and "This figure fails" in note and
                    book.ink[c.style] == BLUE) and not listed:
                fail("%s %s!%s: a caveat the About sheet does not list" % (book.path, name, c.ref))


# ---- charts -----------------------------------------------------------------------

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def charts_of(book, sheet):
    """[(title ref, [(name ref, cat ref, val ref, label format)])] of a sheet's charts."""
    out = []
    for drawing in sheet.rels.get("drawing", []):
        for part in book.rels_of(drawing).get("chart", []):
            root = ET.fromstring(book.z.read(part))
            title = root.find(".//%stitle//%sf" % (C, C))
            series = []
            for ser in root.iter(C + "ser"):
                def ref(tag):
                    e = ser.find("%s%s//%sf" % (C, tag, C))
                    return e.text if e is not None else None
                fmt = ser.find("%sdLbls/%snumFmt" % (C, C))
                series.append((ref("tx"), ref("cat"), ref("val"),
                               fmt.get("formatCode") if fmt is not None else None))
            out.append((title.text if title is not None else None, series))
    return out


def cells_of_range(book, rng):
    m = re.fullmatch(r"'?([^'!]+)'?!\$?([A-Z]+)\$?([0-9]+)(?::\$?([A-Z]+)\$?([0-9]+))?", rng or "")
    if not m:
        return None, []
    sheet = book.sheets.get(m.group(1))
    a = (int(m.group(3)) - 1, col_of(m.group(2)))
    z = (int(m.group(5)) - 1, col_of(m.group(4))) if m.group(4) else a
    return sheet, [sheet.at(r, c) if sheet else None for r in range(a[0], z[0] + 1)
                   for c in range(a[1], z[1] + 1)]


def decimals(code):
    m = re.search(r"0\.(0+)", (code or "").split(";")[0])
    return len(m.group(1)) if m else 0


def figure_cell(book, cell, sheet_name):
    """The cell a link points at, followed to the figure typed in (blue)."""
    seen = 0
    while cell is not None and cell.formula and seen < 5:
        target = cell_ref_sheet(cell.formula, sheet_name)
        if not target or target[0] not in book.sheets:
            return cell  # a formula: the figure is derived here
        sheet_name = target[0]
        cell = book.sheets[sheet_name].cells.get(target[1])
        seen += 1
    return cell


def layout_facts(rep, pillar, chart):
    """The fact keys a layout chart's cells show."""
    keys = []
    lines = [r for r in rep.layout if r["pillar"] == pillar]
    for ref in chart["source"].split("|"):
        section, _, name = ref.partition(".")
        for r in lines:
            if r["section"] == section and r["name"] == name and r["source"].startswith("fact:"):
                src = r["source"][5:]
                rows = [x for x in lines if x["kind"] == "row" and x["section"] == section]
                for row in rows or [{"source": ""}]:
                    key = src
                    for var in filter(None, row["source"].split(";")):
                        k, _, v = var.partition("=")
                        key = key.replace("{%s}" % k, v)
                    keys.append(key)
    return keys


def check_charts(rep, pillar, book):
    charts = book.sheets["Charts"]
    for sheet in book.sheets.values():
        for title, series in charts_of(book, sheet):
            for name, cat, val, fmt in series:
                vsheet, points = cells_of_range(book, val)
                printed = [decimals(book.numfmt[f.style]) for p in points
                           for f in [figure_cell(book, p, vsheet.name if vsheet else "")]
                           if f is not None and f.number is not None and
                           book.ink[f.style] == BLUE]
                if printed and decimals(fmt) < max(printed):
                    fail("%s %s: chart %s labels %r drop decimals the report printed (%d)" %
                         (book.path, sheet.name, title, fmt, max(printed)))
    titles = {}
    for title, series in charts_of(book, charts):
        tsheet, tcells = cells_of_range(book, title)
        if tcells and tcells[0] is not None and tcells[0].text:
            titles[tcells[0].text] = series
    facts = {f["key"] for f in rep.facts}
    for ch in rep.layout:
        if ch["kind"] != "chart" or ch["pillar"] != pillar:
            continue
        wanted = any(k in facts for k in layout_facts(rep, pillar, ch))
        if ch["label"] not in titles:
            if wanted:
                fail("%s Charts: no chart %r although the report has its figures" %
                     (book.path, ch["label"]))
            continue
        for name, cat, val, fmt in titles[ch["label"]]:
            _, points = cells_of_range(book, val)
            _, cats = cells_of_range(book, cat)
            for p, label in zip(points, cats):
                if p is None or p.number is None:
                    continue
                linked = cell_ref_sheet(p.formula, "Charts")
                held = book.sheets[linked[0]].cells.get(linked[1]) if linked else None
                if not p.formula or held is None or held.number is None or \
                        abs(held.number - p.number) > 1e-9 * max(1, abs(p.number)):
                    fail("%s Charts!%s: a bar that is not a link to its figure" % (book.path, p.ref))
        block = [r for r, cells in charts.rows().items() if cells[0].text == ch["label"]]
        if not block:
            continue
        head = [r for r in header_rows(charts, "Figure") if r > block[0]][0]
        cols = {c.text: c.col for c in charts.rows()[head] if c.text}
        periods, labels = [], []
        r = head + 1
        while charts.at(r, 0) is not None and charts.at(r, 0).text:
            pc = charts.at(r, cols["Period"])
            periods.append(pc.text if pc is not None else "")
            labels.append(charts.at(r, 0).text)
            r += 1
        stated = {p for p in periods if p and p != "not stated"}
        if ch["name"] == "cells" and len(stated) > 1:
            for p, label in zip(periods, labels):
                if p and p != "not stated" and "(%s)" % p not in label:
                    fail("%s Charts: bar %r of %r does not say its period %r" %
                         (book.path, label, ch["label"], p))


# ---- percentages -------------------------------------------------------------------

def is_percent(code):
    return "%" in re.sub(r'"[^"]*"', "", (code or "").split(";")[0])


def check_percentages(rep, book):
    records = rep.facts + rep.cells
    for sheet in book.sheets.values():
        for ref, note in sheet.notes.items():
            m = NOTE_FIGURE.match(note)
            c = sheet.cells.get(ref)
            if not m or c is None or c.number is None or book.ink[c.style] != BLUE:
                continue
            recs = [x for x in records if int(x["source_line"]) == int(m.group(1)) and
                    unguard(x["raw"]) == m.group(2)]
            pct = [x for x in recs if x["unit"] == "%"]
            if not pct:
                continue
            if not is_percent(book.numfmt[c.style]):
                fail("%s %s!%s: a percentage without a %% format (%r)" %
                     (book.path, sheet.name, ref, book.numfmt[c.style]))
            if not any(abs(float(x["value"]) / 100 - c.number) < 1e-12 for x in pct):
                fail("%s %s!%s: %s is not the fraction of %s%%" %
                     (book.path, sheet.name, ref, c.number, pct[0]["value"]))


def main():
    pipeline, outs = sys.argv[1], sys.argv[2:]
    n = 0
    for out in outs:
        for folder in sorted(glob.glob(os.path.join(out, "*", ""))):
            if not os.path.exists(os.path.join(folder, "data", "meta.csv")):
                continue
            rep = Report(folder, pipeline)
            for pillar in PILLARS:
                book = rep.book(pillar)
                check_names(rep, pillar, book)
                check_percentages(rep, book)
                check_charts(rep, pillar, book)
                check_about(rep, pillar, book)
                check_list_tables(book)
                check_fails(rep, pillar, book)
                check_tables_once(rep, pillar, book)
                check_periods(rep, pillar, book)
                n += 1
    if not n:
        fail("no workbooks under %s" % " ".join(outs))
    return finish(n, "workbooks: what finance and HR came for is there")


if __name__ == "__main__":
    sys.exit(main())

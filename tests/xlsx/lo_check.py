#!/usr/bin/env python3
"""Opens every workbook headless in LibreOffice twice -- once recalculating
every formula on load, once keeping the cached results -- exports every
sheet to CSV both ways, and checks:

  * every cell is the same both ways: each formula gives the value cached
    in the file (numbers compared to the 16 significant digits the file
    keeps), and no formula evaluates to an error;
  * every table figure of the pillar reads back from the Data sheet as a
    number (not text) equal to the record (a table printed twice with the
    same figures, on the row of its first printing);
  * the check itself works: a copy with one cached result falsified must
    differ between the two exports.

usage: lo_check.py SOFFICE OUT PIPELINE_DIR WORK
OUT holds report folders (as make_reports.sh leaves them)."""
import csv
import fnmatch
import glob
import os
import re
import shutil
import subprocess
import sys
import zipfile

FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"
PILLARS = ["effectiveness", "efficiency", "legitimacy"]
ERRORS = re.compile(r"^(#DIV/0!|#NAME\?|#REF!|#VALUE!|#N/A|#NUM!|#NULL!|Err:\d+)$")
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>%d</value></prop></item>
</oor:items>
"""

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def parse_csv(path):
    """Rows of (text, quoted) pairs: LibreOffice quotes every text cell, so
    an unquoted field is a number (or an error)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        data = f.read()
    i, n = 0, len(data)
    row, field, quoted = [], "", False
    while i < n:
        c = data[i]
        if c == '"' and not field:
            quoted = True
            i += 1
            while i < n:
                if data[i] == '"':
                    if i + 1 < n and data[i + 1] == '"':
                        field += '"'
                        i += 2
                        continue
                    i += 1
                    break
                field += data[i]
                i += 1
            continue
        if c == ",":
            row.append((field, quoted))
            field, quoted = "", False
        elif c == "\n":
            row.append((field, quoted))
            rows.append(row)
            row, field, quoted = [], "", False
        elif c != "\r":
            field += c
        i += 1
    if field or row:
        row.append((field, quoted))
        rows.append(row)
    return rows


def number(text):
    """The value of an exported number: '30435', '-1.6067%' (a fraction
    shown as a percentage), '1.5E-05'."""
    t = text.strip()
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    try:
        return float(t) * scale
    except ValueError:
        return None


def same_value(a, b):
    x, y = number(a), number(b)
    if x is None or y is None:
        return a == b
    return abs(x - y) <= 1e-13 * max(1.0, abs(x), abs(y))


def make_profile(path, mode):
    os.makedirs(os.path.join(path, "user"), exist_ok=True)
    with open(os.path.join(path, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE % mode)


def convert(soffice, profile, outdir, files):
    os.makedirs(outdir, exist_ok=True)
    cmd = [soffice, "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless",
           "--norestore", "--nolockcheck", "--convert-to", FILTER, "--outdir", outdir] + files
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600)


def falsify(src, dst):
    """A copy whose first cached formula result on the Data sheet is wrong."""
    zin = zipfile.ZipFile(src)
    wb = zin.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="rId(\d+)"', wb)
    data_part = "xl/worksheets/sheet%s.xml" % dict(names)["Data"]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == data_part:
                text = body.decode()
                text, k = re.subn(r"(<f>[^<]*</f><v>)[^<]*(</v>)", r"\g<1>987654321\g<2>", text,
                                  count=1)
                if k != 1:
                    fail("no formula on the Data sheet of %s to falsify" % src)
                body = text.encode()
            zout.writestr(item, body)


def compare(name, recalc, cached):
    if len(recalc) != len(cached):
        fail("%s: %d rows recalculated, %d cached" % (name, len(recalc), len(cached)))
        return False
    ok = True
    for r, (a, b) in enumerate(zip(recalc, cached), 1):
        if len(a) != len(b):
            fail("%s row %d: different widths" % (name, r))
            ok = False
            continue
        for c, ((ta, qa), (tb, qb)) in enumerate(zip(a, b), 1):
            if not qa and ERRORS.match(ta):
                fail("%s row %d col %d: formula error %s" % (name, r, c, ta))
                ok = False
            elif qa != qb or not same_value(ta, tb):
                fail("%s row %d col %d: recalculated %r, cached %r" % (name, r, c, ta, tb))
                ok = False
    return ok


def read_records(report):
    with open(os.path.join(report, "data", "tables.csv"), encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = []
        for row in reader:
            rows.append((reader.line_num, row))
    rejected = set()
    rj = os.path.join(report, "data", "rejects.csv")
    if os.path.exists(rj):
        with open(rj, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["file"] == "tables.csv":
                    rejected.add(int(row["line"]))
    return [row for line, row in rows if line not in rejected]


def openings(pipeline):
    out = []
    with open(os.path.join(pipeline, "workbook.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "opening":
                out.append((row["pillar"], row["source"]))
    return out


def belongs(row, pillar, opening):
    if row["pillar"]:
        return row["pillar"] == pillar
    return any(p == pillar and fnmatch.fnmatchcase(row["table"], g) for p, g in opening)


def check_figures(name, data_rows, records, pillar, opening):
    """Every record of the pillar's tables is a number on its Data row."""
    expected = [r for r in records if belongs(r, pillar, opening)]
    if not expected:
        fail("%s: no table records belong to %s" % (name, pillar))
    def same(r):
        return (r["table"], r["row"], r["column"], r["value"])

    for rec in expected:
        want = float(rec["value"]) / (100.0 if rec["unit"] == "%" else 1.0)
        line = int(rec["source_line"])
        # A table printed twice with the same figures is shown once: its
        # row is the one of the first printing.
        lines = {int(r["source_line"]) for r in expected if same(r) == same(rec)}
        label = rec["row_label"].lstrip("'")
        found = False
        for row in data_rows:
            if not row or row[0] != (label, True):
                continue
            nums = [number(t) for t, q in row[1:] if not q and t]
            if not lines & set(nums):
                continue
            if any(v is not None and abs(v - want) <= 1e-12 * max(1, abs(want)) for v in nums):
                found = True
                break
        if not found:
            fail("%s: figure %s / %s / %s = %s (line %d) is not a number on the Data sheet"
                 % (name, rec["table"], rec["row"], rec["column"], rec["value"], line))
    return len(expected)


def main():
    soffice, out, pipeline, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "in"))
    files = {}
    for report in sorted(glob.glob(os.path.join(out, "*", ""))):
        slug = os.path.basename(os.path.dirname(report))
        for p in PILLARS:
            dst = os.path.join(work, "in", "%s--%s.xlsx" % (slug, p))
            shutil.copy(os.path.join(report, p + ".xlsx"), dst)
            files[dst] = (report, p)
    if not files:
        fail("no workbooks under %s" % out)
        return 1
    first = sorted(files)[0]
    falsified = os.path.join(work, "in", "falsified.xlsx")
    falsify(first, falsified)
    inputs = sorted(files) + [falsified]
    for mode in (0, 1):
        make_profile(os.path.join(work, "profile%d" % mode), mode)
        convert(soffice, os.path.join(work, "profile%d" % mode),
                os.path.join(work, "out%d" % mode), inputs)
    opening = openings(pipeline)
    nfig = nsheet = 0
    for path in sorted(files):
        report, pillar = files[path]
        base = os.path.splitext(os.path.basename(path))[0]
        sheets = sorted(glob.glob(os.path.join(work, "out0", base + "-*.csv")))
        if len(sheets) < 8:
            fail("%s: only %d sheets exported" % (base, len(sheets)))
        for sheet in sheets:
            other = os.path.join(work, "out1", os.path.basename(sheet))
            if not os.path.exists(other):
                fail("%s: no cached export" % sheet)
                continue
            compare(os.path.basename(sheet), parse_csv(sheet), parse_csv(other))
            nsheet += 1
        data = os.path.join(work, "out0", base + "-Data.csv")
        records = read_records(report)
        for export in (data, os.path.join(work, "out1", base + "-Data.csv")):
            nfig += check_figures(os.path.basename(export), parse_csv(export), records, pillar,
                                  opening)
    # The falsified copy must differ, or the recalculating export did not
    # recalculate and the comparison above proves nothing.
    fbase = os.path.join("%s", "falsified-Data.csv")
    if parse_csv(fbase % os.path.join(work, "out0")) == parse_csv(fbase % os.path.join(work, "out1")):
        fail("LibreOffice did not recalculate: a falsified cached result went unnoticed")
    if failures:
        print("%d problems" % len(failures))
        return 1
    print("%d sheets of %d workbooks: every formula gives its cached value; %d table figures "
          "read back as numbers" % (nsheet, len(files), nfig // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

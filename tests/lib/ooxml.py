"""What the tests that read workbooks as XML share (python3's standard
library only): the namespaces, failure collection, the record CSVs as
peelpack writes them, and cell references.  Imported by tests/xlsx and
tests/driver scripts (they put tests/lib on sys.path)."""
import csv
import re

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
M = "{%s}" % NS["m"]
PILLARS = ["effectiveness", "efficiency", "legitimacy"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def finish(n, what):
    """The exit status: 1 naming how many problems, else 0 saying what was checked."""
    if failures:
        print("%d problems" % len(failures))
        return 1
    print("%d %s" % (n, what))
    return 0


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def unguard(text):
    """The records' formula guard removed, as peelpack's readers do."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def col_of(ref):
    """0-based column of "C7" or "$C$7"."""
    letters = re.match(r"\$?([A-Z]+)", ref).group(1)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def row_of(ref):
    return int(re.search(r"([0-9]+)$", ref).group(1)) - 1


def ref_of(row, col):
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return "%s%d" % (letters, row + 1)

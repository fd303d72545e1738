#!/usr/bin/env python3
"""Golden documents of the bundled report: every part of each workbook as
XML with its volatile fields removed (the program's version, the creation
and modification dates, libxlsxwriter's application version), one element
per line so that a difference reads as a diff; and each page of each pack
as pdftotext gives it.

usage: parts.py REPORT_DIR GOLDEN_DIR [--update]
Compares the documents in REPORT_DIR with GOLDEN_DIR (or, with --update,
writes GOLDEN_DIR from them).  Exit 1 naming every part that differs."""
import difflib
import os
import re
import subprocess
import sys
import zipfile

PILLARS = ["effectiveness", "efficiency", "legitimacy"]
# libxlsxwriter's fixed theme says nothing about our code.
SKIP = {"xl/theme/theme1.xml"}
VOLATILE = [
    (re.compile(r"peelpack \d+\.\d+\.\d+"), "peelpack VERSION"),
    (re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*"), r"\1DATE"),
    (re.compile(r"<AppVersion>[^<]*"), "<AppVersion>VERSION"),
]


def normalise_xml(data):
    text = data.decode("utf-8")
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return text.replace("><", ">\n<").rstrip("\n") + "\n"


def workbook_parts(path):
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name not in SKIP:
                yield name, normalise_xml(z.read(name))


def pack_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), path, "-"],
                              capture_output=True, text=True, check=True).stdout
        text = VOLATILE[0][0].sub(VOLATILE[0][1], text)
        yield "page-%02d.txt" % p, text.rstrip("\n\f") + "\n"


def documents(report):
    for pillar in PILLARS:
        for name, text in workbook_parts(os.path.join(report, pillar + ".xlsx")):
            yield os.path.join("xlsx", pillar, name), text
        for name, text in pack_pages(os.path.join(report, pillar + ".pdf")):
            yield os.path.join("pdf", pillar, name), text


def existing(golden):
    for root, _, files in os.walk(golden):
        for f in files:
            path = os.path.join(root, f)
            yield os.path.relpath(path, golden)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    report, golden = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    got = dict(documents(report))
    if update:
        for rel in list(existing(golden)):
            if rel.startswith(("xlsx" + os.sep, "pdf" + os.sep)):
                os.remove(os.path.join(golden, rel))
        for rel, text in got.items():
            path = os.path.join(golden, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        print("golden documents written: %d parts" % len(got))
        return 0
    want = {rel for rel in existing(golden) if rel.startswith(("xlsx" + os.sep, "pdf" + os.sep))}
    bad = 0
    for rel in sorted(want - set(got)):
        print("MISSING part:", rel)
        bad += 1
    for rel in sorted(set(got) - want):
        print("NEW part (not in the golden files):", rel)
        bad += 1
    for rel in sorted(want & set(got)):
        with open(os.path.join(golden, rel), encoding="utf-8") as f:
            expected = f.read()
        if expected != got[rel]:
            bad += 1
            print("DIFFERS:", rel)
            diff = difflib.unified_diff(expected.splitlines(), got[rel].splitlines(),
                                        "golden/" + rel, "now/" + rel, lineterm="", n=1)
            for i, line in enumerate(diff):
                if i == 40:
                    print("  ...")
                    break
                print("  " + line)
    if bad:
        print("%d of %d parts differ from tests/golden (after an intended change: "
              "tests/golden/golden.sh BIN SRC WORK --update)" % (bad, len(got)))
        return 1
    print("all %d parts match the golden files" % len(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())

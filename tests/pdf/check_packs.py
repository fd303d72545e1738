#!/usr/bin/env python3
"""Checks every briefing pack under OUT against the records it came from.

    check_packs.py OUT

For each <report>/<pillar>.pdf: qpdf --check passes; DejaVu Sans (regular and
bold) is embedded; the metadata names force and pillar, and the creation date
is the report's publication date; the text holds the force, the pillar, its
grade, every finding of the pillar, every WARN and FAIL check of the pillar
and of the whole report (or "All N checks of this pillar ... pass"), every validation reject,
and "Page n of N" on each page; the bookmarks name every section; no word
lies outside the margins, the header or the footer.  Text is compared with
all whitespace removed, so line wrapping (and words broken at a line end)
does not matter: words are broken without an added hyphen.
"""
import csv
import json
import os
import re
import subprocess
import sys

PILLARS = ["effectiveness", "efficiency", "legitimacy"]
LABELS = {p: p.capitalize() for p in PILLARS}
SECTIONS = ["Cover", "At a glance", "Key figures", "Findings", "Reconciliation"]
KINDS = ["Causes of concern", "Recommendations", "Areas for improvement"]
# Page geometry (points) as stages/pdf/pd.h lays it out.
PAGE_W, PAGE_H = 595.276, 841.89
LEFT, RIGHT = 56.0, PAGE_W - 56.0
TOP_DOWN_CONTENT = 74.0      # content starts this far below the top edge
BOTTOM_UP_CONTENT = 62.0     # and ends this far above the bottom edge
HEADER_RULE = 52.0           # header text lies above this (from the top)
FOOTER_RULE = 44.0           # footer text lies below this (from the bottom)
SLACK = 1.0

failures = []


def fail(pack, msg):
    failures.append(f"{pack}: {msg}")


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def unapostrophe(s):
    """The text peel_csv_put_text wrote, as peel_csv_text reads it back."""
    if s.startswith("'") and s[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return s[1:]
    return s


def squash(s):
    return re.sub(r"\s+", "", s)


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    # Line numbers as peel_csv counts them: the row's first line in the file.
    out, line = [], 2
    for row in rows[1:]:
        rec = dict(zip(header, row))
        rec["_line"] = line
        line += 1 + sum(v.count("\n") for v in row)
        out.append(rec)
    return out


def records(report, name, rejects):
    rows = load(os.path.join(report, "data", name)) or []
    # A reject of a whole file or report (a pillar missing) names no line.
    gone = {int(r["line"]) for r in rejects if r["file"] == name and r["line"]}
    return [r for r in rows if r["_line"] not in gone]


def expected_parts(text):
    """A finding's lead text and nested points, without their "- " markers."""
    parts = []
    for line in unapostrophe(text).split("\n"):
        line = re.sub(r"^\s*[-*] ", "", line)
        if line.strip():
            parts.append(line)
    return parts


def check_tools(pack, pdf):
    r = run("qpdf", "--check", pdf)
    if r.returncode != 0:
        fail(pack, f"qpdf --check exit {r.returncode}: {r.stdout[-300:]} {r.stderr[-300:]}")
    fonts = run("pdffonts", pdf).stdout
    for face in ("DejaVuSans,", "DejaVuSans-Bold"):
        m = [l for l in fonts.splitlines() if face in l]
        if not m or not re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", m[0]):
            fail(pack, f"font {face} not embedded:\n{fonts}")


def check_info(pack, pdf, meta, pillar, grade):
    info = run("pdfinfo", "-isodates", pdf).stdout
    fields = dict(l.split(":", 1) for l in info.splitlines() if ":" in l)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    title = fields.get("Title", "")
    if meta["force"] not in title or LABELS[pillar] not in title:
        fail(pack, f"title {title!r} lacks force or pillar")
    if not fields.get("Author", "").startswith("peelpack"):
        fail(pack, f"author {fields.get('Author')!r}")
    for key in ("Subject", "Keywords"):
        if meta["force"] not in fields.get(key, ""):
            fail(pack, f"{key} {fields.get(key)!r} lacks the force")
    if grade not in fields.get("Keywords", ""):
        fail(pack, "keywords lack the grade")
    if not fields.get("CreationDate", "").startswith(meta["published_date"]):
        fail(pack, f"creation date {fields.get('CreationDate')!r}, "
                   f"want {meta['published_date']}")
    return int(fields.get("Pages", "0"))


def body_text(text, meta):
    """The text without running headers and footers, so that a finding
    running onto the next page reads on across the break."""
    out = []
    for n, page in enumerate(text.split("\f")):
        lines = page.split("\n")
        while n > 0 and lines and (lines[0] in (meta["_grade"], "PEEL " + meta["year"]) or
                                   lines[0].startswith(meta["force"][:20])):
            lines.pop(0)
        out += [l for l in lines
                if not re.match(r"^(Page \d+ of \d+|Generated from .*, CRC-32 \w+)$", l)]
    return "\n".join(out)


def printable(s):
    """As the pack prints it: characters beyond the BMP become U+FFFD."""
    return re.sub("[\U00010000-\U0010FFFF]", "\uFFFD", s)


def check_text(pack, pdf, want, pages, meta):
    # -raw: in drawing order, and a word broken at a line end keeps its
    # hyphen (the default mode would join "wrap-" and "somewhere").
    r = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    # Poppler complains of a malformed font map (libharu's own ToUnicode).
    if "Syntax" in r.stderr:
        fail(pack, f"pdftotext warns: {r.stderr.strip()[:300]}")
    text = r.stdout
    flat = squash(text)
    for i in range(1, pages + 1):
        if f"Page{i}of{pages}" not in flat:
            fail(pack, f"no 'Page {i} of {pages}'")
    flat = squash(body_text(text, meta))
    for what, s in want:
        if squash(printable(s)) not in flat:
            fail(pack, f"text lacks {what}: {s[:90]!r}")


def check_outline(pack, pdf, has_components):
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", pdf).stdout)
    top = [o["title"] for o in data["outlines"]]
    want = SECTIONS[:4] + (["Component by component"] if has_components else []) + SECTIONS[4:]
    if top != want:
        fail(pack, f"bookmarks {top}, want {want}")
        return
    kids = {o["title"]: [k["title"] for k in o["kids"]] for o in data["outlines"]}
    got = [re.sub(r" \(\d+\)$", "", k) for k in kids["Findings"]]
    if got != KINDS:
        fail(pack, f"findings bookmarks {kids['Findings']}")
    if not any(k.startswith("Validation rejects") for k in kids["Reconciliation"]):
        fail(pack, "no bookmark for the validation rejects")
    if not kids["At a glance"]:
        fail(pack, "no bookmarks under At a glance")


def check_geometry(pack, pdf):
    """Every word within the margins; on pages after the cover, body text
    between the header and the footer."""
    html = run("pdftotext", "-bbox", pdf, "-").stdout
    for n, page in enumerate(re.split(r"<page ", html)[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            word = m.group(5)
            if x0 < LEFT - SLACK or x1 > RIGHT + SLACK:
                fail(pack, f"page {n}: {word!r} outside the side margins ({x0:.1f}-{x1:.1f})")
            if n == 1:
                continue
            header = y1 <= HEADER_RULE + SLACK
            footer = y0 >= PAGE_H - FOOTER_RULE - SLACK
            body = y0 >= TOP_DOWN_CONTENT - 3 * SLACK and y1 <= PAGE_H - BOTTOM_UP_CONTENT + SLACK
            if not (header or footer or body):
                fail(pack, f"page {n}: {word!r} outside the text area ({y0:.1f}-{y1:.1f})")


def wanted_text(report, pillar, meta, judgments, findings, checks, rejects):
    grade = next(r["grade"] for r in judgments if r["pillar"] == pillar and not r["component"])
    want = [("force", meta["force"]), ("pillar", LABELS[pillar]), ("grade", grade),
            ("provenance", f"generated from {meta['file']}, CRC-32 {meta['crc32']}"),
            ("publication month", meta["published"])]
    for f in findings:
        if f["pillar"] == pillar:
            want += [(f"finding at line {f['source_line']}", p) for p in expected_parts(f["text"])]
    for k, n in {k: sum(f["pillar"] == pillar and f["kind"] == kind for f in findings)
                 for k, kind in zip(KINDS, ["cause_of_concern", "recommendation",
                                            "area_for_improvement"])}.items():
        want.append(("findings count", f"{k} ({n})"))
    if checks is None:
        want.append(("no reconciliation", "No reconciliation has been run"))
    else:
        mine = [c for c in checks if c["pillar"] in ("", pillar)]
        bad = [c for c in mine if c["status"] in ("WARN", "FAIL")]
        for c in bad:
            # A description naming a fact key is told in words instead
            # (check_content.py checks those).
            if not re.search(r"\b[a-z0-9_]+\.[a-z0-9_.]+\b", c["description"]):
                want.append((f"{c['status']} {c['rule_id']}", c["description"][1:]))
            want.append((f"lines of {c['rule_id']}", ", ".join(c["source_lines"].split())))
        if not mine:
            want.append(("no checks", "The reconciliation has no check of this pillar"))
        elif not bad:
            n = sum(c["status"] == "PASS" for c in mine)
            want.append(("all checks pass",
                         f"The {n} check of this pillar and of the report as a whole passes"
                         if n == 1 else
                         f"All {n} checks of this pillar and of the report as a whole pass"))
    for r in rejects:
        want.append((f"reject {r['file']}:{r['line']}", unapostrophe(r["reason"])))
    return want, grade


def check_report(report):
    rejects = load(os.path.join(report, "data", "rejects.csv")) or []
    meta = {r["key"]: unapostrophe(r["value"]) for r in records(report, "meta.csv", rejects)}
    judgments = records(report, "judgments.csv", rejects)
    findings = records(report, "findings.csv", rejects)
    checks = load(os.path.join(report, "reconciliation.csv"))
    for pillar in PILLARS:
        pdf = os.path.join(report, f"{pillar}.pdf")
        pack = f"{os.path.basename(report)}/{pillar}.pdf"
        if not os.path.exists(pdf):
            fail(pack, "missing")
            continue
        want, grade = wanted_text(report, pillar, meta, judgments, findings, checks, rejects)
        check_tools(pack, pdf)
        pages = check_info(pack, pdf, meta, pillar, grade)
        check_text(pack, pdf, want, pages, dict(meta, _grade=grade))
        has_components = any(r["pillar"] == pillar and r["component"] for r in judgments)
        check_outline(pack, pdf, has_components)
        check_geometry(pack, pdf)


def check_all(out, check, done):
    """check(report) for each report under out, then the failures or the
    line `done` (given the number of packs); the exit status."""
    reports = sorted(os.path.join(out, d) for d in os.listdir(out)
                     if os.path.isdir(os.path.join(out, d, "data")))
    if not reports:
        print(f"no reports under {out}")
        return 1
    for report in reports:
        check(report)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(done(3 * len(reports)))
    return 1 if failures else 0


def main():
    return check_all(sys.argv[1], check_report, lambda n: f"{n} packs checked")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reads the packs under OUT page by page (pdftotext -f N -l N) and checks
what an executive came for against the records they were made from.

    check_content.py OUT PIPELINE_DIR

For each report's three packs:
- Key figures: every figure the layout catalogue's pack lines give the
  pillar (pipeline/workbook.csv: pack, pack-line, pack-row, pack-col) is on
  the Key figures pages in the report's own units (money at the multiple
  it was printed with: "£1.58 billion", "£3,381m"), with the period the
  report states it for; a figure the report lacks reads "not stated in
  this report", and a block it states nothing of is named as left out.
- HM Inspector's observations (summaries with no pillar) are each in one
  pack, or in all three.
- No fact key, rule id or table key is anywhere in a pack's text.
- No sum of money is printed in whole pounds when the report printed it in
  millions or billions; a WARN or FAIL of shares gives its difference in
  points; a pack whose pillar passes says when the report fails or warns
  elsewhere.
- The cover's contents entries are links, and the document says its
  language.
"""
import csv
import os
import re
import subprocess
import sys

from check_packs import PILLARS, check_all, fail, run, squash, unapostrophe


def load(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: unapostrophe(v) for k, v in r.items()} for r in csv.DictReader(f)]


def pages_of(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout).group(1))
    out = []
    for i in range(1, n + 1):
        # -raw: in drawing order, so a table cell wrapped over two lines
        # reads on (the layout mode interleaves it with the next cells).
        r = run("pdftotext", "-raw", "-enc", "UTF-8", "-f", str(i), "-l", str(i), pdf, "-")
        if "Syntax" in r.stderr:
            fail(pdf, f"pdftotext warns on page {i}: {r.stderr.strip()[:200]}")
        out.append(r.stdout)
    return out


def section(pages, title, until):
    """The text of section `title` (a heading line of its own after the
    cover) up to the heading `until`, and the pages it spans."""
    start = next((i for i, p in enumerate(pages) if i > 0 and
                  any(l.strip() == title for l in p.splitlines())), None)
    if start is None:
        return "", []
    text, nums = [], []
    for i in range(start, len(pages)):
        lines = pages[i].splitlines()
        if i > start and any(l.strip() == until for l in lines):
            cut = next(k for k, l in enumerate(lines) if l.strip() == until)
            text.append("\n".join(lines[:cut]))
            nums.append(i + 1)
            break
        text.append(pages[i])
        nums.append(i + 1)
    return "\n".join(text), nums


# ---- figures in the report's own units, derived from raw independently

def grouped(v, dec):
    return f"{abs(v):,.{dec}f}"


def printed(raw):
    """(scale, decimals) of the first number in raw as the report printed it."""
    m = re.search(r"(\d[\d,]*)(?:\.(\d+))?\s*(billion|bn|million|m\b|k\b|p\b)?", raw)
    if not m:
        return 1.0, 0
    dec = len(m.group(2) or "")
    word = m.group(3) or ""
    scale = {"billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6, "k": 1e3, "p": 0.01}.get(word, 1.0)
    return scale, dec


def report_units(value, unit, raw):
    v = float(value)
    scale, dec = printed(raw)
    sign = "-" if v < 0 and round(abs(v) / (scale if unit.startswith("GBP") else 1), dec) else ""
    if unit.startswith("GBP"):
        per = {"GBP": "", "GBP/year": " a year", "GBP/month": " a month", "GBP/week": " a week",
               "GBP/head": " per head", "GBP per head": " per head"}[unit]
        if scale < 1:
            return f"{sign}{grouped(v * 100, dec)}p{per}"
        mult = {1e9: " billion", 1e6: "m", 1e3: "k"}.get(scale, "")
        return f"{sign}£{grouped(v / scale, dec)}{mult}{per}"
    if unit == "%":
        return f"{sign}{grouped(v, dec)}%"
    if unit in ("", "count"):
        return f"{sign}{grouped(v, dec)}"
    return f"{sign}{grouped(v, dec)} {unit}"


# ---- the layout catalogue's pack lines

def pack_lines(pipeline, pillar):
    """(block title, [(label, key)]) of the pillar's blocks, keys of fact
    sources with grid rows substituted."""
    rows = load(os.path.join(pipeline, "workbook.csv"))
    blocks, order = {}, []
    for r in rows:
        if r["kind"] == "pack" and r["pillar"] == pillar:
            blocks[r["section"]] = {"title": r["label"], "rows": [], "keys": []}
            order.append(r["section"])
    for r in rows:
        if r["pillar"] != pillar or r["section"] not in blocks:
            continue
        b = blocks[r["section"]]
        if r["kind"] == "pack-row":
            b["rows"].append(dict(kv.split("=", 1) for kv in r["source"].split(";")))
    for r in rows:
        if r["pillar"] != pillar or r["section"] not in blocks:
            continue
        b = blocks[r["section"]]
        if r["kind"] == "pack-line" and r["source"].startswith("fact:"):
            b["keys"].append((r["label"], r["source"][5:]))
        elif r["kind"] == "pack-col" and r["source"].startswith("fact:"):
            for row in b["rows"]:
                key = r["source"][5:]
                for k, v in row.items():
                    key = key.replace("{" + k + "}", v)
                b["keys"].append((r["label"], key))
    return [blocks[s] for s in order]


def check_key_figures(pack, pages, pillar, facts, pipeline):
    text, nums = section(pages, "Key figures", "Findings")
    if not nums:
        fail(pack, "no Key figures section")
        return
    flat = squash(text)
    for block in pack_lines(pipeline, pillar):
        stated = [f for _, key in block["keys"] for f in facts if f["key"] == key]
        if not stated:
            if not re.search(r"Notstatedinthisreport,soleftout:[^.]*" +
                             re.escape(squash(block["title"])), flat):
                fail(pack, f"block {block['title']!r} states nothing and is not named as left out")
            continue
        if squash(block["title"]) not in flat:
            fail(pack, f"Key figures (pages {nums}) lack the block {block['title']!r}")
        for label, key in block["keys"]:
            mine = [f for f in facts if f["key"] == key]
            if not mine and "notstatedinthisreport" not in flat and "notstated" not in flat:
                fail(pack, f"{key} is absent from the report and not said to be")
            for f in mine:
                want = report_units(f["value"], f["unit"], f["raw"])
                if squash(want) not in flat:
                    fail(pack, f"Key figures (pages {nums}) lack {key} = {want!r} "
                               f"(line {f['source_line']})")
                if f["period"] and squash(f["period"]) not in flat:
                    fail(pack, f"Key figures (pages {nums}) lack the period of {key}: "
                               f"{f['period']!r}")


def check_observations(report, texts, summaries):
    for s in summaries:
        if s["pillar"] or s["component"]:
            continue
        inside = [p for p in PILLARS if squash(s["text"]) in texts[p]]
        if len(inside) not in (1, 3):
            fail(os.path.basename(report),
                 f"observation of line {s['source_line']} is in {inside or 'no pack'}: "
                 "it belongs in its pillar's pack or in all three")


def check_no_keys(pack, flat_text, facts, checks, tables, pipeline):
    """Rule ids, fact keys and table keys never reach the page."""
    keys = {f["key"] for f in facts} | {r["key"] for r in load(os.path.join(pipeline, "facts.csv"))
                                        if "{" not in r["key"]}
    keys |= {c["rule_id"] for c in checks}
    keys |= {t["table"] for t in tables if "-" in t["table"]}
    for k in sorted(keys):
        if re.search(r"(?<![\w.:/-])" + re.escape(k) + r"(?![\w:/-]|\.\w)", flat_text):
            fail(pack, f"an internal key is in the text: {k!r}")


def check_money(pack, text, facts, cells):
    """A sum the report printed in millions or billions is never printed in
    whole pounds ("£1,580,000,000")."""
    scaled = {float(f["value"]) for f in facts
              if f["unit"] == "GBP" and printed(f["raw"])[0] >= 1e6}
    whole = {float(c["value"]) for c in cells if c["unit"].startswith("GBP")}
    for m in re.finditer(r"£(\d{1,3}(?:,\d{3}){2,})(?!\d)", text):
        v = float(m.group(1).replace(",", ""))
        if v not in whole or v in scaled:
            fail(pack, f"money in whole pounds: £{m.group(1)}")


def check_checks(pack, text, pillar, checks, facts):
    flat = squash(text)
    mine = [c for c in checks if c["pillar"] in ("", pillar)]
    for c in mine:
        if c["status"] not in ("WARN", "FAIL"):
            continue
        if c["unit"] == "%" and c["difference"]:
            d = abs(float(c["difference"]))
            shown = f"{d:.2f}".rstrip("0").rstrip(".")
            if squash(f"{shown} point") not in flat:
                fail(pack, f"{c['rule_id']}: the difference {shown} is not given in points")
        if c["unit"] == "GBP" and c["expected"] and abs(float(c["expected"])) >= 1e6:
            v = float(c["expected"])
            in_m = f"£{v / 1e6:,.2f}".rstrip("0").rstrip(".") + "m"
            in_bn = f"£{v / 1e9:,.2f}".rstrip("0").rstrip(".") + "billion"
            if squash(in_m) not in flat and squash(in_bn) not in flat:
                fail(pack, f"{c['rule_id']}: {v:,.0f} is not in millions or billions "
                           f"({in_m} or {in_bn})")
        m = re.match(r"same:([a-z0-9_.]+):\d+$", c["rule_id"])
        if m:
            want = [f["raw"] for f in facts if f["key"] == m.group(1)]
            lines = c["source_lines"].split()
            if "isstatedtwice" not in flat or not all(squash(f"line{l}") in flat for l in lines):
                fail(pack, f"{c['rule_id']}: not told as a figure stated twice on lines "
                           f"{lines} ({want})")
    own = [c for c in mine if c["status"] == "FAIL"]
    other = sorted({c["pillar"] for c in checks if c["status"] == "FAIL" and
                    c["pillar"] not in ("", pillar)})
    if other and not own:
        phrase = "failingcheck" + ("s" if sum(c["status"] == "FAIL" and c["pillar"] in other
                                              for c in checks) > 1 else "")
        if not re.search(phrase + r"elsewhere\(" + re.escape(", ".join(other).replace(" ", "")),
                         flat):
            fail(pack, f"the report fails elsewhere ({', '.join(other)}) and the pack "
                       "does not say so")


def check_links(pack, pdf, pages):
    """Contents entries on the cover are links to pages; the language is set."""
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True).stdout.decode("latin-1")
    links = len(re.findall(r"/Subtype /Link", qdf))
    cover = pages[0].splitlines()
    start = next((i for i, l in enumerate(cover) if l.strip() == "CONTENTS"), len(cover))
    entries = [l for l in cover[start + 1:]
               if re.match(r"^\s*\S.*\s\d+\s*$", l) and not re.match(r"^(generated from|Page \d)", l)]
    if links < len(entries) or not links:
        fail(pack, f"{links} links for {len(entries)} contents entries")
    if "/Lang (en-GB)" not in qdf:
        fail(pack, "no document language")


def check_report(report, pipeline):
    data = os.path.join(report, "data")
    rejects = load(os.path.join(data, "rejects.csv"))
    gone = {(r["file"], r["line"]) for r in rejects}
    facts = [f for i, f in enumerate(load(os.path.join(data, "facts.csv")), start=2)
             if ("facts.csv", str(i)) not in gone]
    summaries = load(os.path.join(data, "summaries.csv"))
    tables = load(os.path.join(data, "tables.csv"))
    checks = load(os.path.join(report, "reconciliation.csv"))
    texts = {}
    for pillar in PILLARS:
        pdf = os.path.join(report, f"{pillar}.pdf")
        pack = f"{os.path.basename(report)}/{pillar}.pdf"
        pages = pages_of(pdf)
        text = "\f".join(pages)
        texts[pillar] = squash(text)
        check_key_figures(pack, pages, pillar, facts, pipeline)
        check_no_keys(pack, re.sub(r"\s+", " ", text), facts, checks, tables, pipeline)
        check_money(pack, text, facts, tables)
        check_checks(pack, text, pillar, checks, facts)
        check_links(pack, pdf, pages)
    check_observations(report, texts, summaries)


def main():
    out, pipeline = sys.argv[1], sys.argv[2]
    return check_all(out, lambda report: check_report(report, pipeline),
                     lambda n: f"{n} packs read page by page: key figures, observations, "
                               "checks in words")


if __name__ == "__main__":
    sys.exit(main())

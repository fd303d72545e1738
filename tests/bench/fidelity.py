#!/usr/bin/python3
"""How close the benchmark's floor writes peel-run's documents.

    fidelity.py FLOOR_DIR PEEL_DIR [-v]

For each of the six documents in both folders (FLOOR_DIR: one of the
floor's OUTDIR/<i>; PEEL_DIR: the report's folder of peel-run's output it
took its shapes from), says whether the two files are the same bytes, and
prints per part how many lines differ: a workbook's XML parts split at
'><' (one element a line), a PDF's objects after qpdf --qdf (one
dictionary key a line, object numbers dropped, content streams one
operator a line, other streams by length, grouped by object type; the
subset fonts' six-letter tags and the workbooks' creation times aside).
Lines are compared as multisets, so the order of lines within a part does
not count (a difference that is only the order of writes, such as shared
strings numbered in another order, shows in the sheets' <v> lines); a
part only one side has counts all its lines.  -v prints the differing
lines ('-' floor only, '+' peel-run only).  Exit status 0 when every
document is the same bytes, 1 otherwise.
"""
import collections
import re
import subprocess
import sys
import tempfile
import zipfile

PILLARS = ("effectiveness", "efficiency", "legitimacy")


def xlsx_parts(path):
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", "replace")
            # The creation time is the floor's fixed date, peel-run's its own.
            text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*", r"\1", text)
            out[name] = text.replace("><", ">\n<").split("\n")
    return out


def qdf(path):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--static-id", path, tmp.name],
                       check=False)
        return open(tmp.name, "rb").read()


def pdf_parts(path):
    data = qdf(path)
    objs = {}
    for m in re.finditer(rb"\n(\d+) 0 obj\n(.*?)\nendobj", data, re.S):
        objs[int(m.group(1))] = m.group(2)
    contents = set()
    for body in objs.values():
        for cm in re.finditer(rb"/Contents (\d+) 0 R", body):
            contents.add(int(cm.group(1)))
    out = collections.defaultdict(list)
    for num, body in objs.items():
        s = body.find(b"\nstream\n")
        head = body if s < 0 else body[:s]
        head = re.sub(rb"\d+ 0 R", b"R", head)
        head = re.sub(rb"/Length R", b"/Length", head)
        t = re.search(rb"/Type /(\w+)", head)
        kind = t.group(1).decode() if t else ("content" if num in contents else
                                              "stream" if s >= 0 else "other")
        if re.search(rb"/Subtype /(Type0|CIDFontType2)", head) or b"/FontName" in head:
            # The subset's six-letter tag is libharu's random choice.
            head = re.sub(rb"/[A-Z]{6}\+", b"/TAG+", head)
        lines = [x.strip() for x in head.decode("latin-1").split("\n") if x.strip()]
        if s >= 0:
            stream = body[s + 8:body.rfind(b"endstream")]
            if num in contents:
                lines += [x.strip() for x in stream.decode("latin-1").split("\n") if x.strip()]
            else:
                lines.append("stream %d bytes" % len(stream))
        out[kind] += lines
    return dict(out)


def compare(a, b, verbose, label):
    total = 0
    for part in sorted(set(a) | set(b)):
        ca = collections.Counter(a.get(part, []))
        cb = collections.Counter(b.get(part, []))
        only_a, only_b = ca - cb, cb - ca
        n = sum(only_a.values()) + sum(only_b.values())
        total += n
        if n:
            side = " (floor only)" if part not in b else " (peel-run only)" if part not in a else ""
            print(f"  {label} {part}{side}: {n} lines differ of {sum(cb.values())}")
            if verbose:
                for k, v in only_a.items():
                    print(f"    - {v}x {k[:200]}")
                for k, v in only_b.items():
                    print(f"    + {v}x {k[:200]}")
    return total


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: fidelity.py FLOOR_DIR PEEL_DIR [-v]")
    floor, peel = args
    grand = same = 0
    for p in PILLARS:
        for ext, fn in (("xlsx", xlsx_parts), ("pdf", pdf_parts)):
            fa, fb = f"{floor}/{p}.{ext}", f"{peel}/{p}.{ext}"
            identical = open(fa, "rb").read() == open(fb, "rb").read()
            same += identical
            a, b = fn(fa), fn(fb)
            lines = sum(len(v) for v in b.values())
            n = compare(a, b, verbose, f"{p}.{ext}")
            print(f"{p}.{ext}: {'same bytes' if identical else 'bytes differ'}, "
                  f"{n} lines differ of {lines}")
            grand += n
    print(f"total: {same} of 6 documents the same bytes, {grand} lines differ")
    return 0 if same == 6 else 1


if __name__ == "__main__":
    sys.exit(main())

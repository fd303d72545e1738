#!/usr/bin/env python3
"""After a run killed with SIGKILL: every file of OUT (dot files left out:
temporaries are the next run's to sweep) must be byte for byte either its
version in OLD or its version in NEW -- never a mix, never cut short; every
xlsx must be a valid zip and every PDF must pass qpdf --check.  Copies every
xlsx to COLLECT (for one LibreOffice pass) and prints how many files were
old and new.

usage: kill_check.py OUT OLD NEW COLLECT TAG"""
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile

out, old, new, collect, tag = sys.argv[1:6]
failures = []


def digest(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return None


counts = {"old": 0, "new": 0, "both": 0}
for root, dirs, files in os.walk(out):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.startswith(".") or name == "manifest.csv":
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, out)
        d = digest(path)
        is_old, is_new = d == digest(os.path.join(old, rel)), d == digest(os.path.join(new, rel))
        if not is_old and not is_new:
            failures.append("%s is neither the old nor the new version" % rel)
        counts["both" if is_old and is_new else "old" if is_old else "new"] += 1
        if name.endswith(".xlsx"):
            try:
                with zipfile.ZipFile(path) as z:
                    bad = z.testzip()
                    if bad:
                        failures.append("%s: zip member %s damaged" % (rel, bad))
            except zipfile.BadZipFile as e:
                failures.append("%s: not a zip: %s" % (rel, e))
            shutil.copy(path, os.path.join(collect, "%s-%s" % (tag, rel.replace("/", "-"))))
        elif name.endswith(".pdf"):
            r = subprocess.run(["qpdf", "--check", path], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            if r.returncode != 0:
                failures.append("%s: qpdf --check: %s" % (rel, r.stdout.strip()[-300:]))

for f in failures:
    print("FAIL:", f)
print("%s: %d files old, %d new, %d the same in both" % (tag, counts["old"], counts["new"],
                                                        counts["both"]))
sys.exit(1 if failures else 0)

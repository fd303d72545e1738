#!/usr/bin/python3
"""The benchmark's arithmetic, for tests/bench/run.

    report.py --stages MANIFEST        failed reports and mean seconds per stage, one line
    report.py --table RAW CSV MACHINE  the table (medians, min-max), the targets, CSV

RAW has one measure a line: label n jobs mb wall cpu rss_kb failed ingest
validate reconcile xlsx pdf (tab-separated, "-" for none).
"""
import csv
import statistics
import sys

STAGES = ("ingest", "validate", "reconcile", "xlsx", "pdf")


def stages(manifest):
    with open(manifest, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "report"]
    failed = sum(r["status"] == "failed" for r in rows)
    means = []
    for s in STAGES:
        v = [float(r[f"seconds_{s}"]) for r in rows if r[f"seconds_{s}"]]
        means.append(f"{sum(v) / len(rows):.4f}" if rows and v else "-")
    print("\t".join([str(failed)] + means))


def num(x):
    return None if x in ("-", "") else float(x)


def load(raw):
    groups = {}
    with open(raw, encoding="utf-8") as f:
        for line in f:
            v = line.rstrip("\n").split("\t")
            key = (v[0], int(v[1]), int(v[2]), v[3])
            groups.setdefault(key, []).append([num(x) for x in v[4:]])
    return groups


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None, None
    return statistics.median(values), min(values), max(values)


def summarize(groups):
    rows = []
    for (label, n, jobs, mb), runs in groups.items():
        col = list(zip(*runs))
        wall, cpu = spread(col[0]), spread(col[1])
        row = {"label": label, "n": n, "jobs": jobs, "mb": mb, "runs": len(runs),
               "wall_med": wall[0], "wall_min": wall[1], "wall_max": wall[2],
               "cpu_med": cpu[0], "cpu_min": cpu[1], "cpu_max": cpu[2],
               "rss_mib_max": max(col[2]) / 1024, "failed": int(max(col[3])),
               "per_report_wall": wall[0] / n, "per_report_cpu": cpu[0] / n}
        for i, s in enumerate(STAGES):
            row[f"{s}_ms"] = spread(col[4 + i])[0]
            if row[f"{s}_ms"] is not None:
                row[f"{s}_ms"] *= 1000
        rows.append(row)
    return rows


def fmt(v, d=2):
    return "-" if v is None else f"{v:.{d}f}"


def name(r):
    if r["label"] == "long":
        return f"long {r['mb']} MB"
    if r["label"] == "table":
        return f"table {r['mb']} rows"
    return {"scale": "peel-run", "batch": "peel-run batch", "single": "peel-run single",
            "floor": "floor (writing)", "floor-pair": "2 floors at once",
            "peer-batch": "peer.py --batch", "peer-single": "peer.py single",
            "sameshape-batch": "sameshape --batch",
            "sameshape-single": "sameshape single"}.get(r["label"], r["label"])


def print_table(rows, machine):
    print(f"\nMachine: {machine}\n")
    head = ("measure", "N", "-j", "runs", "wall s med (min-max)", "CPU s med (min-max)",
            "wall/report", "RSS MiB", "ingest", "valid.", "recon.", "xlsx", "pdf")
    print("{:<17}{:>5}{:>3}{:>5}  {:<22}{:<22}{:>11}{:>8}  {:>7}{:>7}{:>7}{:>7}{:>7}".format(*head))
    print("{:>96}".format("(stage ms per report)"))
    for r in rows:
        wall = f"{fmt(r['wall_med'])} ({fmt(r['wall_min'])}-{fmt(r['wall_max'])})"
        cpu = f"{fmt(r['cpu_med'])} ({fmt(r['cpu_min'])}-{fmt(r['cpu_max'])})"
        st = [fmt(r[f"{s}_ms"], 1) for s in STAGES]
        print("{:<17}{:>5}{:>3}{:>5}  {:<22}{:<22}{:>11}{:>8}  {:>7}{:>7}{:>7}{:>7}{:>7}".format(
            name(r), r["n"], r["jobs"], r["runs"], wall, cpu, fmt(r["per_report_wall"], 4),
            fmt(r["rss_mib_max"], 1), *st))


def find(rows, label, n=None, jobs=None):
    for r in rows:
        if r["label"] == label and (n is None or r["n"] == n) and (jobs is None or r["jobs"] == jobs):
            return r
    return None


def faster(out, what, goal, peer, ours):
    """A goal of being `goal` times faster than a peer in the same run."""
    if peer and ours:
        v = peer["wall_med"] / ours["wall_med"]
        c = peer["cpu_med"] / ours["cpu_med"]
        out.append((f"{what} / peel-run, {ours['n']}-report batch >= {goal:g}x",
                    f"{v:.2f}x wall, {c:.2f}x CPU", v >= goal))


def targets(rows):
    """(goal, measured, met) for each goal that was measured: issue 16's
    first, then the ones kept from before it."""
    out = []
    batch, fl = find(rows, "batch"), find(rows, "floor")
    if batch:
        w, c = 1000 * batch["per_report_wall"], 1000 * batch["per_report_cpu"]
        out.append((f"<= 40 ms per report at -j 1, {batch['n']}-report batch",
                    f"{w:.1f} ms wall, {c:.1f} ms CPU", w <= 40))
    if batch and fl:
        v = batch["per_report_wall"] / fl["per_report_wall"]
        c = batch["per_report_cpu"] / fl["per_report_cpu"]
        out.append(("per report at -j 1 <= 1.3x the floor", f"{v:.3f}x wall, {c:.3f}x CPU", v <= 1.3))
    faster(out, "peer.py", 2, find(rows, "peer-batch"), batch)
    faster(out, "peer_sameshape.py", 3, find(rows, "sameshape-batch"), batch)
    big = [r for r in rows if r["label"] == "scale" and r["n"] >= 1000]
    for r in sorted(big, key=lambda r: r["jobs"]):
        out.append((f"peak RSS < 30 MiB at {r['n']} reports, -j {r['jobs']}",
                    f"{r['rss_mib_max']:.1f} MiB", r["rss_mib_max"] < 30))
    s10, s100, s1000 = (find(rows, "scale", n, 1) for n in (10, 100, 1000))
    if s10 and s1000:
        v = s1000["wall_med"] / (100 * s10["wall_med"])
        c = s1000["cpu_med"] / (100 * s10["cpu_med"])
        out.append(("linear in N: 1000 reports <= 1.1x 100 x the 10-report time",
                    f"{v:.2f}x wall, {c:.2f}x CPU", c <= 1.1))
    longs = sorted((float(r["mb"]), r) for r in rows if r["label"] == "long")
    if len(longs) >= 3:
        (m1, r1), (m2, r2) = longs[-2], longs[-1]  # the two largest: fixed costs matter least
        v = (r2["wall_med"] / m2) / (r1["wall_med"] / m1)
        c = (r2["cpu_med"] / m2) / (r1["cpu_med"] / m1)
        out.append((f"linear in size: s/MB at {m2:g} MB within 1.1x of {m1:g} MB",
                    f"{v:.2f}x wall, {c:.2f}x CPU; {r2['cpu_med'] / m2:.3f} CPU s/MB", c <= 1.1))
    tables = sorted((float(r["mb"]), r) for r in rows if r["label"] == "table")
    if len(tables) >= 2:
        (n1, r1), (n2, r2) = tables[-2], tables[-1]
        v = (r2["cpu_med"] / n2) / (r1["cpu_med"] / n1)
        rec = [r["reconcile_ms"] for r in (r1, r2)]
        per = "" if None in rec else f"; reconcile {rec[1] / n2:.3f} ms/row"
        out.append((f"linear in table rows: CPU per row at {n2:g} rows within 1.2x of {n1:g}",
                    f"{v:.2f}x CPU{per}", v <= 1.2))
    j2, pair = find(rows, "scale", 100, 2), find(rows, "floor-pair")
    if s100 and j2:
        v = s100["wall_med"] / j2["wall_med"]
        m = ""
        if fl and pair:  # the machine's own parallel speed-up, on the floor
            m = f"; the machine gives two floors at once {2 * fl['wall_med'] / pair['wall_med']:.2f}x one"
        out.append(("-j 2 >= 1.8x -j 1 on 100 reports", f"{v:.2f}x wall{m}", v >= 1.8))
    scale = [r for r in rows if r["label"] in ("scale", "batch", "single")]
    if scale:
        v = max(r["rss_mib_max"] for r in scale)
        out.append(("peak RSS < 30 MiB whatever N", f"{v:.1f} MiB", v < 30))
    return out


def table(raw, path, machine):
    rows = summarize(load(raw))
    print_table(rows, machine)
    met = targets(rows)
    print("\nGoals:")
    for t, v, ok in met:
        print(f"  {'met   ' if ok else 'MISSED'}  {t}: {v}")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in r.items()})
        f.write("\ngoal,measured,met\n")
        for t, v, ok in met:
            csv.writer(f).writerow([t, v, "yes" if ok else "no"])
        f.write(f"\nmachine,\"{machine}\"\n")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--stages":
        stages(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "--table":
        table(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

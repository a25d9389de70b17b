#!/usr/bin/env python3
"""table.py OUTDIR: the comparison table from compare.sh's raw run-all.sh logs.

Reads OUTDIR/raw/<target>-r<rep>[-sub]-<time>/<case>.1.log (target = peer or postroom), takes the
median over the repetitions of each figure, and prints a Markdown table with both systems, the
ratio Postroom / peer and the issue's target for that ratio. A repetition whose loss check failed
(or whose script exited non-zero) does not count and is reported.
"""
import glob, json, os, re, statistics, sys

out = sys.argv[1]
runs = {}   # (target, case) -> list of (rep, result, rc)
for f in sorted(glob.glob(os.path.join(out, "raw", "*", "*.log"))):
    m = re.match(r"(peer|postroom)-r(\d+)(-sub)?-\d{8}-\d{6}$", os.path.basename(os.path.dirname(f)))
    if not m:
        continue
    case = os.path.basename(f).rsplit(".", 2)[0]
    res, rc = None, None
    for line in open(f, errors="replace"):
        if line.startswith("RESULT "):
            res = json.loads(line[7:])
        r = re.match(r"rc=(\d+)", line)
        if r:
            rc = int(r.group(1))
    runs.setdefault((m.group(1), case), []).append((int(m.group(2)), res, rc))

def valid(r):
    rep, res, rc = r
    return res is not None and rc == 0 and res.get("exactly_once", True) is not False

def med(target, case, key):
    xs = [r[1].get(key) for r in runs.get((target, case), []) if valid(r) and r[1].get(key) is not None]
    return (statistics.median(xs), min(xs), max(xs), len(xs)) if xs else None

def fmt(v, digits=1):
    if v is None:
        return "–"
    m, lo, hi, n = v
    return f"{m:.{digits}f}" + (f" ({lo:.{digits}f}–{hi:.{digits}f})" if n > 1 else "")

def ratio(a, b, digits=2):
    return "–" if not a or not b or b[0] == 0 else f"{a[0] / b[0]:.{digits}f}×"

# case -> (label, [(figure key, label, target ratio, higher is better)])
CASES = [
    ("mx-mailload-4k-c10", "MX 4 KiB, 10 sessions (python)", [("msgs_per_s", "msgs/s accepted", 1.5, True), ("tx_p99_ms", "p99 ms", 1.0, False), ("tx_p50_ms", "p50 ms", None, False), ("e2e_msgs_per_s", "msgs/s end-to-end", None, True)]),
    ("mx-smtpsource-4k-c10", "MX 4 KiB, 10 sessions (smtp-source)", [("msgs_per_s", "msgs/s accepted", 1.5, True), ("e2e_msgs_per_s", "msgs/s end-to-end", None, True)]),
    ("mx-mailload-100k-c10", "MX 100 KiB, 10 sessions (python)", [("msgs_per_s", "msgs/s accepted", 1.2, True), ("tx_p99_ms", "p99 ms", None, False), ("e2e_msgs_per_s", "msgs/s end-to-end", None, True)]),
    ("mx-smtpsource-100k-c10", "MX 100 KiB, 10 sessions (smtp-source)", [("msgs_per_s", "msgs/s accepted", 1.2, True), ("e2e_msgs_per_s", "msgs/s end-to-end", None, True)]),
    ("mx-mailload-4k-c50", "MX 4 KiB, 50 sessions (python)", [("msgs_per_s", "msgs/s accepted", 1.5, True), ("tx_p99_ms", "p99 ms", 1.0, False), ("tx_p50_ms", "p50 ms", None, False)]),
    ("submission-4k-c10", "submission STARTTLS+AUTH, 4 KiB, 10 sessions", [("msgs_per_s", "msgs/s", 1.5, True), ("tx_p99_ms", "p99 ms", None, False)]),
    ("pop3-20x4k-c10", "POP3 STLS, 20 × 4 KiB, 10 clients", [("sessions_per_s", "sessions/s", 1.5, True), ("MB_per_s", "MB/s", 1.5, True), ("sess_p99_ms", "session p99 ms", None, False)]),
]

print(f"# Postroom vs Postfix + Dovecot: {os.path.basename(out)}\n")
machine = os.path.join(out, "machine.txt")
if os.path.exists(machine):
    print("```\n" + open(machine).read().strip() + "\n```\n")
loads = os.path.join(out, "loads.txt")
if os.path.exists(loads):
    ls = [float(m.group(1)) for m in re.finditer(r"loadavg_before=([\d.]+)", open(loads).read())]
    if ls:
        print(f"Load average (1 min) before each run: min {min(ls):.2f}, median {statistics.median(ls):.2f}, max {max(ls):.2f}.\n")
print("| case | figure | Postfix + Dovecot | Postroom | ratio | target | met |")
print("|---|---|---|---|---|---|---|")
peaks = {"peer": [0, 0], "postroom": [0, 0]}
for case, label, figures in CASES:
    if not any((t, case) in runs for t in ("peer", "postroom")):
        continue
    for key, flabel, target, higher in figures:
        p, q = med("peer", case, key), med("postroom", case, key)
        met = "–"
        if target is not None and p and q:
            r = q[0] / p[0]
            met = "yes" if (r >= target if higher else r <= target) else "**no**"
        tgt = "–" if target is None else (f"≥ {target}×" if higher else f"≤ {target}×")
        digits = 2 if key == "MB_per_s" else 1
        print(f"| {label} | {flabel} | {fmt(p, digits)} | {fmt(q, digits)} | {ratio(q, p)} | {tgt} | {met} |")
    for t in peaks:
        for r in runs.get((t, case), []):
            if r[1]:
                peaks[t][0] = max(peaks[t][0], r[1].get("peak_rss_mb", 0))
                peaks[t][1] = max(peaks[t][1], r[1].get("peak_pss_mb", 0))
print(f"| all runs | peak memory, PSS MB (summed RSS) | {peaks['peer'][1]:.0f} ({peaks['peer'][0]:.0f}) | "
      f"{peaks['postroom'][1]:.0f} ({peaks['postroom'][0]:.0f}) | – | Postroom ≤ 537 MB (512 MiB) | "
      f"{'yes' if 0 < peaks['postroom'][1] <= 536.9 else '**no**'} |")

bad = [(t, c, r[0], r[2], (r[1] or {}).get("exactly_once")) for (t, c), rs in runs.items() for r in rs if not valid(r)]
print("\nMemory: PSS counts each shared page once across the processes (PostgreSQL's shared buffers, "
      "libraries), so it is what the group really holds; summed RSS counts shared pages once per process "
      "(Postroom: the JVM and ~25 PostgreSQL processes; the peer: ~100 Postfix and Dovecot processes).")
print("\nMedians over the valid repetitions (min–max in brackets). Every SMTP repetition was checked for "
      "exactly-once delivery over POP3 by the shared scripts; a repetition with loss or errors does not count.")
if bad:
    print("\nRepetitions NOT counted (loss, errors or no result):")
    for t, c, rep, rc, eo in sorted(bad):
        print(f"- {t} {c} rep {rep}: rc={rc} exactly_once={eo}")
else:
    print("\nAll repetitions were valid (no loss, no duplicates, no errors).")

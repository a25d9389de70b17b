#!/bin/bash
# limits.sh: what the sending limits cost submission (issue 17). The shared submission case (4 KiB,
# 10 sessions, STARTTLS and AUTH as user0@bench.test, to random local users) into Postroom with
# postroom.limits.enabled=false, then true, on the same data; the peer is not involved. With the
# limits on, every submission reads the user's standing at MAIL and charges the message in its
# commit (one upsert and one read of at most 24 rows); the bench domain's limits (lib.sh's
# provision) are high enough never to refuse, so what is measured is the cost, not refusals.
#
#   bench/limits.sh                   # 3 repetitions of each, N=2000 messages
#   REPS=1 N=500 bench/limits.sh      # a quick look
#
# Env: REPS (3), N (2000), WARMUP_N (1000), SIZE (4096), CONC (10), IDLE_WAIT / IDLE_LOAD (see
# lib.sh), KEEP=1, BUILD=1. Writes results/limits-<time>/table.md.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${REPS:=3}" "${N:=2000}" "${WARMUP_N:=1000}" "${SIZE:=4096}" "${CONC:=10}" "${BENCH_PASSWORD:=postroom-bench-1}"
OUT="${RESULTS_DIR:-$BENCH_HOME/results}/limits-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/postroom-bench.XXXXXX)
trap 'stop_postroom; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
echo "user0@bench.test" > "$WORK/submission-user"

# submission_load NAME [N]: one run of the shared submission case (mailboxes emptied first), output in OUT.
submission_load() {
  local name=$1 n=${2:-$N} load
  load=$(wait_for_idle)
  echo "run=$name loadavg_before=$load $(date -Is)" >> "$OUT/loads.txt"
  (cd "$SHARED/bench" && env HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" "POP3_PORT=$PR_POP3" \
    DOMAIN=bench.test "PASSWORD=$BENCH_PASSWORD" "RSS_PIDS_CMD=$PR_PIDS" USERS_FILE="$WORK/submission-user" \
    N="$n" SIZE="$SIZE" CONC="$CONC" ./submission-load.sh) > "$OUT/$name.log" 2>&1
  log "$name: $(tail -1 "$OUT/$name.log") (load before $load)"
}

# phase ENABLED: Postroom (re)started with the limits on or off, warmed up, then REPS runs.
phase() {
  local enabled=$1 rep
  stop_postroom
  POSTROOM_ARGS="--postroom.limits.enabled=$enabled" start_postroom "$WORK" || exit 1
  PR_PIDS=$(postroom_pids_cmd "$WORK")
  submission_load "warmup-$enabled" "$WARMUP_N"
  for rep in $(seq 1 "$REPS"); do submission_load "postroom-$enabled-r$rep"; done
}

ensure_jar "$WORK" || exit 1
POSTROOM_ARGS="" start_postroom "$WORK" || exit 1
provision bench.test 100 "$BENCH_PASSWORD" || exit 1
machine_info "$WORK" > "$OUT/machine.txt"
phase false
phase true

python3 - "$OUT" <<'PY' | tee "$OUT/table.md"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
runs = {}
for f in glob.glob(os.path.join(out, "postroom-*-r*.log")):
    m = re.match(r"postroom-(true|false)-r\d+\.log$", os.path.basename(f))
    res = [json.loads(l[7:]) for l in open(f, errors="replace") if l.startswith("RESULT ")]
    if m and res and res[0].get("exactly_once") and res[0]["accepted"] == res[0]["n"]:
        runs.setdefault(m.group(1), []).append(res[0]["msgs_per_s"])
    elif m:
        print(f"NOT counted (loss, errors or no result): {os.path.basename(f)}")
def fig(k):
    v = runs.get(k)
    return "–" if not v else f"{statistics.median(v):.1f}" + (f" ({min(v):.1f}–{max(v):.1f})" if len(v) > 1 else "")
print(f"# Submission with sending limits: {os.path.basename(out)}\n")
print("```\n" + open(os.path.join(out, "machine.txt")).read().strip() + "\n```\n")
print("| 4 KiB, 10 sessions, one user | msgs/s accepted |\n|---|---|")
print(f"| Postroom, limits off | {fig('false')} |")
print(f"| Postroom, limits on (never reached) | {fig('true')} |\n")
if "true" in runs and "false" in runs:
    print(f"- on / off: {statistics.median(runs['true']) / statistics.median(runs['false']):.2f}×")
PY
echo "table=$OUT/table.md"

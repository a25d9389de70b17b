#!/bin/bash
# greylist.sh: what greylisting costs regular mail on port 25. The shared MX case (4 KiB, 10
# sessions, random recipients among user0..user99, envelope sender user0@bench.test) into Postroom
# with greylisting off, then on, on the same data; the peer is not involved (it greylists nothing).
#
#   bench/greylist.sh                 # 3 repetitions of each, N=3000 messages
#   REPS=1 N=1000 bench/greylist.sh   # a quick look
#
# With greylisting on, every triplet (client network, sender, recipient) of the load is passed
# beforehand, as a company's regular correspondents are: one round of MAIL/RCPT to each recipient
# (each deferred with 451 4.7.1), then a second after the delay (1 s here; each passes). The
# measured runs then cost what known mail costs: one indexed read per RCPT. A first attempt's
# cost (one committed write) is the exception, not the rate, and is not what this measures.
#
# Env: REPS (3), N (3000), WARMUP_N (4000), SIZE (4096), CONC (10), IDLE_WAIT / IDLE_LOAD (see
# lib.sh), KEEP=1, BUILD=1. Writes results/greylist-<time>/table.md.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${REPS:=3}" "${N:=3000}" "${WARMUP_N:=4000}" "${SIZE:=4096}" "${CONC:=10}" "${BENCH_PASSWORD:=postroom-bench-1}"
OUT="${RESULTS_DIR:-$BENCH_HOME/results}/greylist-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/postroom-bench.XXXXXX)
trap 'stop_postroom; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# mx_load NAME [N]: one run of the shared MX case (mailboxes emptied first), output in OUT.
mx_load() {
  local name=$1 n=${2:-$N} load
  load=$(wait_for_idle)
  echo "run=$name loadavg_before=$load $(date -Is)" >> "$OUT/loads.txt"
  (export DOMAIN=bench.test PASSWORD=$BENCH_PASSWORD
    python3 "$SHARED/bench/mailload.py" clean --port "$PR_POP3" > /dev/null &&
    python3 "$SHARED/bench/mailload.py" smtp --port "$PR_SMTP" -n "$n" --size "$SIZE" -c "$CONC" \
      --verify --verify-port "$PR_POP3" --rss-pids-cmd "$PR_PIDS"
  ) > "$OUT/$name.log" 2>&1
  log "$name: $(tail -1 "$OUT/$name.log") (load before $load)"
}

# rcpt_round: MAIL FROM user0 and RCPT TO each of user0..user99 on port 25; prints how many of
# the RCPTs were deferred.
rcpt_round() {
  python3 - "$PR_SMTP" <<'PY'
import smtplib, sys
smtp = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="mailload.client")
smtp.ehlo()
deferred = 0
for i in range(100):
    smtp.mail("user0@bench.test")
    code, _ = smtp.rcpt(f"user{i}@bench.test")
    deferred += code == 451
    smtp.rset()
smtp.quit()
print(deferred)
PY
}

# phase ENABLED: Postroom (re)started with greylisting on or off, warmed up, then REPS runs.
phase() {
  local enabled=$1 rep
  stop_postroom
  POSTROOM_ARGS="--postroom.antispam.greylisting.enabled=$enabled --postroom.antispam.greylisting.delay=1s" \
    start_postroom "$WORK" || exit 1
  PR_PIDS=$(postroom_pids_cmd "$WORK")
  if [[ $enabled == true ]]; then
    local first second
    first=$(rcpt_round); sleep 2; second=$(rcpt_round)
    log "greylisting primed: $first of 100 recipients deferred at first, $second on the retry"
    echo "priming: first round deferred $first of 100, retry deferred $second" >> "$OUT/loads.txt"
    [[ $first == 100 && $second == 0 ]] || { log "greylisting did not defer the first round and pass the retry"; exit 1; }
  fi
  mx_load "warmup-$enabled" "$WARMUP_N"
  for rep in $(seq 1 "$REPS"); do mx_load "postroom-$enabled-r$rep"; done
}

ensure_jar "$WORK" || exit 1
POSTROOM_ARGS="" start_postroom "$WORK" || exit 1
provision bench.test 100 "$BENCH_PASSWORD" || exit 1
machine_info "$WORK" > "$OUT/machine.txt"
phase false
phase true
grep -h "greylist" "$WORK/postroom.log" | head -20 > "$OUT/postroom-greylist.txt"

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
print(f"# MX intake with greylisting: {os.path.basename(out)}\n")
print("```\n" + open(os.path.join(out, "machine.txt")).read().strip() + "\n```\n")
print("| 4 KiB, 10 sessions, known triplets | msgs/s accepted |\n|---|---|")
print(f"| Postroom, greylisting off | {fig('false')} |")
print(f"| Postroom, greylisting on | {fig('true')} |\n")
if "true" in runs and "false" in runs:
    print(f"- on / off: {statistics.median(runs['true']) / statistics.median(runs['false']):.2f}×")
PY
echo "table=$OUT/table.md"

#!/bin/bash
# checks.sh: the MX intake bench with SPF, DKIM and DMARC on (issue 15's case), side by side with
# the same load into Postroom with the checks off and into the reference peer (Postfix + Dovecot
# without milters: its plain intake rate).
#
#   bench/checks.sh                 # 3 repetitions of each, N=3000 messages of 4 KiB, 10 sessions
#   REPS=1 N=1000 bench/checks.sh   # a quick look
#
# What it does, in order:
#  1. makes a 2048-bit RSA key per sender domain s0..s9.bench-senders.test and a zone for them:
#     SPF of the envelope domain mail.bench-senders.test (ip4:127.0.0.0/8 -all), the DKIM key of
#     each sender domain (selector "bench") and its DMARC policy p=reject;
#  2. serves that zone on a local DNS server (bench-dns.py, UDP and TCP, TTL 1 h) and starts
#     Postroom with postroom.dns.servers pointing at it and CHECKS=true, provisioned as compare.sh
#     does, and the peer;
#  3. phase "on": an unmeasured warm-up (WARMUP_N messages: bench/profile.sh LOAD=mx-signed showed
#     the JIT compiler still taking a third of the CPU after 1000, a quarter after 4000), then REPS repetitions alternating peer and Postroom of
#     signed-load.py (the shared mailload driver with DKIM-signed messages, signed before the load:
#     each passes SPF, DKIM and DMARC; exactly-once checked over POP3);
#  4. phase "off": Postroom restarted on the same data with CHECKS=false, warm-up, REPS repetitions;
#  5. writes results/checks-<time>/table.md: median msgs/s of peer, Postroom off, Postroom on, and
#     the two ratios issue 15 sets (on ≥ 1.5 × peer; on ≥ 0.75 × off).
#
# Env: REPS (3), N (3000), WARMUP_N (4000), SIZE (4096), CONC (10), IDLE_WAIT / IDLE_LOAD (see lib.sh), KEEP=1,
# SHARED_DIR. Needs openssl and Debian's python3-dkim and python3-dnspython.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
export SHARED_DIR=$SHARED
: "${REPS:=3}" "${N:=3000}" "${WARMUP_N:=4000}" "${SIZE:=4096}" "${CONC:=10}" "${BENCH_PASSWORD:=postroom-bench-1}"
OUT="${RESULTS_DIR:-$BENCH_HOME/results}/checks-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/postroom-bench.XXXXXX)
# signed_load TARGET RUN-NAME [N]: one signed-load run (mailboxes emptied first), output in OUT.
signed_load() {
  local target=$1 name=$2 n=${3:-$N} smtp pop3 domain password pids
  if [[ $target == peer ]]; then
    smtp=10025 pop3=10110 domain=peer.test password=password pids="$SHARED/peer/pids.sh"
  else
    smtp=$PR_SMTP pop3=$PR_POP3 domain=bench.test password=$BENCH_PASSWORD pids=$PR_PIDS
  fi
  local load; load=$(wait_for_idle)
  echo "run=$name loadavg_before=$load $(date -Is)" >> "$OUT/loads.txt"
  (export DOMAIN=$domain PASSWORD=$password SOURCE_IP=127.0.0.2
    python3 "$SHARED/bench/mailload.py" clean --port "$pop3" > /dev/null &&
    /usr/bin/python3 "$BENCH_HOME/signed-load.py" "$WORK/zone.d" "$SENDERS" smtp --port "$smtp" -n "$n" \
      --size "$SIZE" -c "$CONC" --sender "$ENVELOPE_SENDER" --verify --verify-port "$pop3" --rss-pids-cmd "$pids"
  ) > "$OUT/$name.log" 2>&1
  log "$name: $(tail -1 "$OUT/$name.log") (load before $load)"
}

# phase CHECKS: Postroom (re)started with the checks on or off, warmed up, then REPS repetitions
# alternating with the peer.
phase() {
  local checks=$1 rep
  stop_postroom
  CHECKS=$checks POSTROOM_ARGS="--postroom.dns.servers=127.0.0.1:$DNS_PORT" start_postroom "$WORK" || exit 1
  PR_PIDS=$(postroom_pids_cmd "$WORK")
  signed_load postroom "warmup-postroom-$checks" "$WARMUP_N"
  for rep in $(seq 1 "$REPS"); do
    if (( rep % 2 == 1 )); then
      signed_load peer "peer-$checks-r$rep"; signed_load postroom "postroom-$checks-r$rep"
    else
      signed_load postroom "postroom-$checks-r$rep"; signed_load peer "peer-$checks-r$rep"
    fi
  done
}

mkdir -p "$WORK/zone.d"
make_zone "$WORK/zone.d" || { log "could not make the keys"; exit 1; }
start_dns "$WORK/zone.d" || exit 1
trap 'kill $DNS_PID 2>/dev/null; stop_both' EXIT
CHECKS=true POSTROOM_ARGS="--postroom.dns.servers=127.0.0.1:$DNS_PORT" start_both "$WORK" "$OUT"
trap 'kill $DNS_PID 2>/dev/null; stop_both' EXIT
machine_info "$WORK" > "$OUT/machine.txt"
signed_load peer warmup-peer "$WARMUP_N"
phase true
phase false
grep -h "refused\|reason=" "$WORK/postroom.log" | head -20 > "$OUT/postroom-refusals.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/table.md"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
runs = {}
for f in glob.glob(os.path.join(out, "*-r*.log")):
    m = re.match(r"(peer|postroom)-(true|false)-r\d+\.log$", os.path.basename(f))
    res = [json.loads(l[7:]) for l in open(f, errors="replace") if l.startswith("RESULT ")]
    if m and res and res[0].get("exactly_once") and res[0]["accepted"] == res[0]["n"]:
        runs.setdefault("peer" if m.group(1) == "peer" else f"postroom-{m.group(2)}", []).append(res[0]["msgs_per_s"])
    elif m:
        print(f"NOT counted (loss, errors or no result): {os.path.basename(f)}")
med = {k: statistics.median(v) for k, v in runs.items()}
def fig(k):
    v = runs.get(k)
    return "–" if not v else f"{med[k]:.1f}" + (f" ({min(v):.1f}–{max(v):.1f})" if len(v) > 1 else "")
print(f"# MX intake with SPF, DKIM and DMARC: {os.path.basename(out)}\n")
print("```\n" + open(os.path.join(out, "machine.txt")).read().strip() + "\n```\n")
print("| DKIM-signed 4 KiB, 10 sessions | msgs/s accepted |\n|---|---|")
print(f"| Postfix + Dovecot, no checks | {fig('peer')} |")
print(f"| Postroom, checks off | {fig('postroom-false')} |")
print(f"| Postroom, SPF + DKIM + DMARC | {fig('postroom-true')} |\n")
def ratio(a, b, target):
    if a not in med or b not in med:
        return "–"
    r = med[a] / med[b]
    return f"{r:.2f}× (target ≥ {target}×: {'met' if r >= target else '**not met**'})"
print(f"- checks on / peer: {ratio('postroom-true', 'peer', 1.5)}")
print(f"- checks on / checks off: {ratio('postroom-true', 'postroom-false', 0.75)}")
PY
echo "table=$OUT/table.md"

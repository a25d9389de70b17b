#!/bin/bash
# profile.sh: where Postroom's CPU goes under one load, from a JFR recording of the measured run
# only (after a warm-up), sampled every millisecond. Prints the hottest methods (top frame) and
# the hottest frames anywhere on the stack, per thread kind: event loop (I/O, TLS), hook threads
# (commands: PASS, RETR, DATA), everything else (GC, JIT, pool).
#
#   bench/profile.sh                          # POP3: 20 x 4 KiB per maildrop, 10 clients
#   LOAD=submission bench/profile.sh          # submission: STARTTLS + AUTH, 4 KiB, 10 sessions
#   LOAD=mx SIZE=102400 bench/profile.sh      # MX intake, smtp-source, 100 KiB
#   LOAD=mx-signed bench/profile.sh           # MX intake with SPF, DKIM and DMARC (as checks.sh)
#
# Env: LOAD (pop3 | submission | mx | mx-signed), N (600 units), WARMUP (1500), SIZE (mx: 4096), TOP (25),
# JFR=0 (no recording: the thread figures undisturbed), KEEP=1 keeps the recording (its path is printed).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${JFR:=1}" "${LOAD:=pop3}" "${N:=600}" "${WARMUP:=1500}" "${SIZE:=4096}" "${TOP:=25}" "${BENCH_PASSWORD:=postroom-bench-1}"
WORK=$(mktemp -d /tmp/postroom-profile.XXXXXX)
trap 'stop_postroom; kill ${DNS_PID:-} 2>/dev/null; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
ensure_jar "$WORK" || exit 1
if [[ $LOAD == mx-signed ]]; then
  mkdir -p "$WORK/zone.d" && make_zone "$WORK/zone.d" && start_dns "$WORK/zone.d" || exit 1
  export CHECKS=true POSTROOM_ARGS="--postroom.dns.servers=127.0.0.1:$DNS_PORT"
fi
start_postroom "$WORK" || exit 1
provision bench.test 100 "$BENCH_PASSWORD" || exit 1
echo "user0@bench.test" > "$WORK/user"

load() {
  local count=$1
  local common=(HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" "POP3_PORT=$PR_POP3" DOMAIN=bench.test
    "PASSWORD=$BENCH_PASSWORD" RSS_PIDS_CMD=)
  case $LOAD in
    pop3) env "${common[@]}" USERS_RANGE=0-99 SESSIONS="$count" CONC=10 PER_USER=20 SEED_SIZE=4096 ./pop3-load.sh ;;
    submission) env "${common[@]}" USERS_FILE="$WORK/user" N="$count" SIZE=4096 CONC=10 ./submission-load.sh ;;
    mx) env "${common[@]}" USERS_RANGE=0-99 TOOL=smtp-source N="$count" SIZE="$SIZE" CONC=10 ./smtp-load.sh ;;
    mx-signed) env "${common[@]}" SOURCE_IP=127.0.0.2 /usr/bin/python3 "$BENCH_HOME/signed-load.py" "$WORK/zone.d" "$SENDERS" smtp \
        -n "$count" --size "$SIZE" -c 10 --sender "$ENVELOPE_SENDER" ;;
    *) log "LOAD must be pop3, submission, mx or mx-signed"; exit 2 ;;
  esac
}

# The JDK's "profile" settings with execution samples every millisecond instead of every 10-20.
sed 's|<setting name="period" control="method-sampling-java-interval">[^<]*<|<setting name="period" control="method-sampling-java-interval">1 ms<|' \
  "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" > "$WORK/settings.jfc"

log "warm-up: $WARMUP units of $LOAD"
(cd "$SHARED/bench" && load "$WARMUP") > "$WORK/warmup.out" 2>&1
# CPU jiffies per thread name (digits folded: pop3-io-3 -> pop3-io-#), PostgreSQL as one entry.
thread_cpu() {
  local pm; pm=$(head -1 "$WORK/data/postgres/postmaster.pid")
  for stat in /proc/"$PR_PID"/task/*/stat; do
    awk '{match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/[0-9]+/, "#", name);
          sub(/^.*\) /, ""); print name "\t" $12 "\t" $13}' "$stat" 2>/dev/null
  done
  for pid in "$pm" $(pgrep -P "$pm"); do
    awk '{sub(/^.*\) /, ""); print "postgresql\t" $12 + $14 "\t" $13 + $15}' "/proc/$pid/stat" 2>/dev/null
  done
}
[[ $JFR == 1 ]] && jcmd "$PR_PID" JFR.start name=bench settings="$WORK/settings.jfc" > /dev/null
thread_cpu > "$WORK/cpu-before.tsv"
log "measured run: $N units of $LOAD"
(cd "$SHARED/bench" && load "$N") > "$WORK/run.out" 2>&1
thread_cpu > "$WORK/cpu-after.tsv"
tail -1 "$WORK/run.out"
python3 - "$WORK/cpu-before.tsv" "$WORK/cpu-after.tsv" "$N" <<'PY'
import collections, os, sys
def read(path):
    user, system = collections.Counter(), collections.Counter()
    for line in open(path):
        name, u, s = line.rstrip("\n").split("\t")
        user[name] += int(u)
        system[name] += int(s)
    return user, system
(user0, sys0), (user1, sys1) = read(sys.argv[1]), read(sys.argv[2])
ms = 1000 / os.sysconf("SC_CLK_TCK") / int(sys.argv[3])
used = {name: ((user1[name] - user0[name]) * ms, (sys1[name] - sys0[name]) * ms) for name in user1}
print(f"CPU ms per unit by thread, exact (from /proc): {sum(u + s for u, s in used.values()):.2f} in all")
print("   total    user  kernel  threads")
for name, (u, s) in sorted(used.items(), key=lambda item: -sum(item[1])):
    if u + s >= 0.05:
        print(f"  {u + s:6.2f}  {u:6.2f}  {s:6.2f}  {name}")
PY
[[ $JFR == 1 ]] || exit 0
jcmd "$PR_PID" JFR.stop name=bench filename="$WORK/run.jfr" > /dev/null
jfr print --json --events jdk.ExecutionSample "$WORK/run.jfr" > "$WORK/samples.json"
python3 - "$WORK/samples.json" "$N" "$TOP" <<'PY'
import collections, json, re, sys
path, units, top = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
events = json.load(open(path))["recording"]["events"]

def kind(thread):
    if re.search(r"-io-\d+$", thread): return "event loop"
    if re.search(r"-hooks-\d+$", thread): return "hook threads"
    return "other"

def name(frame):
    m = frame["method"]
    return m["type"]["name"] + "." + m["name"]

self_counts = collections.defaultdict(collections.Counter)
total_counts = collections.defaultdict(collections.Counter)
for event in events:
    values = event["values"]
    thread = (values.get("sampledThread") or {}).get("javaName") or "?"
    frames = (values.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    k = kind(thread)
    self_counts[k][name(frames[0])] += 1
    for frame_name in {name(f) for f in frames}:
        total_counts[k][frame_name] += 1

print(f"{len(events)} samples (1 ms each) over {units} units: {len(events) / units:.1f} ms of sampled CPU per unit")
for k in ("event loop", "hook threads", "other"):
    n = sum(self_counts[k].values())
    if not n:
        continue
    print(f"\n== {k}: {n} samples, {n / units:.2f} ms per unit")
    print("  self (top frame):")
    for frame, c in self_counts[k].most_common(top):
        print(f"    {100 * c / n:5.1f}%  {frame}")
    print("  total (anywhere on the stack):")
    for frame, c in total_counts[k].most_common(top):
        print(f"    {100 * c / n:5.1f}%  {frame}")
PY
[[ ${KEEP:-0} == 1 ]] && log "recording kept: $WORK/run.jfr"

#!/bin/bash
# cpu-split.sh: where the CPU of a benchmark run goes, for Postroom and for the peer: the load
# generator, the server, the rest of the machine. compare.sh gives throughput ratios; on this
# 2-core machine the generator shares the cores with the server, so a ratio is bounded by the
# generator's own cost (a server that took no CPU at all would still not be infinitely faster).
# This script shows the server's own CPU per session, which no generator cost hides.
#
#   bench/cpu-split.sh                        # POP3: 20 x 4 KiB per maildrop, 10 clients
#   LOAD=submission bench/cpu-split.sh        # submission: STARTTLS + AUTH, 4 KiB, 10 sessions
#
#  1. starts Postroom like compare.sh and provisions bench.test; starts the peer;
#  2. for each system: one unmeasured warm-up run (WARMUP units: Postroom's JIT needs ~1500 POP3
#     sessions before its CPU per session settles), then REPS runs of the shared load script, each
#     timed: the machine's busy CPU (/proc/stat), the generator's CPU (the load script and its
#     Python children), the server's CPU (the JVM and every PostgreSQL process; for the peer, the
#     Postfix and Dovecot processes, whose exited children count through their master's reaped time);
#  3. prints per run: sessions (or messages) per second and CPU milliseconds per session (message).
#
# Env: LOAD (pop3 | submission), N (sessions or messages per run, 600), REPS (3), WARMUP (1500),
# BENCH_PASSWORD,
# POSTROOM_JAVA_OPTS, KEEP.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${LOAD:=pop3}" "${N:=600}" "${REPS:=3}" "${WARMUP:=1500}" "${BENCH_PASSWORD:=postroom-bench-1}"
WORK=$(mktemp -d /tmp/postroom-cpu.XXXXXX)
start_both "$WORK" "$WORK"
echo "user0@peer.test" > "$WORK/peer-user"
echo "user0@bench.test" > "$WORK/postroom-user"

# jiffies the machine's CPUs were busy (user, nice, system, irq, softirq; not idle, iowait, steal)
machine_cpu() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# jiffies used by these processes and by their children they have reaped
process_cpu() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$(( total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat") ))
  done
  echo "$total"
}

# load_run NAME PIDS_COMMAND COUNT ENV...: one run of the load script; prints its figures
load_run() {
  local name=$1 pids_cmd=$2 count=$3; shift 3
  local script
  if [[ $LOAD == pop3 ]]; then script=(env "$@" SESSIONS="$count" CONC=10 PER_USER=20 SEED_SIZE=4096 ./pop3-load.sh)
  else script=(env "$@" N="$count" SIZE=4096 CONC=10 ./submission-load.sh); fi
  local pids; pids=$(bash -c "$pids_cmd")
  local busy0 server0 start; busy0=$(machine_cpu)
  # shellcheck disable=SC2086
  server0=$(process_cpu $pids); start=$(date +%s.%N)
  (cd "$SHARED/bench" && /usr/bin/time -f "%U %S" -o "$WORK/generator.time" "${script[@]}") > "$WORK/run.out" 2>&1
  local end busy1 server1; end=$(date +%s.%N); busy1=$(machine_cpu)
  # shellcheck disable=SC2086
  server1=$(process_cpu $pids)
  local rate; rate=$(tail -1 "$WORK/run.out")
  python3 - "$name" "$count" "$start" "$end" "$busy0" "$busy1" "$server0" "$server1" "$WORK/generator.time" "$rate" <<'PY'
import os, sys
name, count, start, end, busy0, busy1, server0, server1, gen_file, rate = sys.argv[1:]
hz = os.sysconf("SC_CLK_TCK")
n = int(count)
busy = (int(busy1) - int(busy0)) / hz
server = (int(server1) - int(server0)) / hz
user, system = map(float, open(gen_file).read().split()[-2:])
generator = user + system
ms = lambda seconds: seconds / n * 1000
print(f"{name:9} {rate:40} elapsed {float(end) - float(start):5.1f} s | CPU ms per unit: "
      f"server {ms(server):5.1f}, generator {ms(generator):5.1f}, rest {ms(busy - server - generator):4.1f}")
PY
}

measure() {
  local name=$1 pids_cmd=$2; shift 2
  log "$name: warm-up"
  load_run "$name" "$pids_cmd" "$WARMUP" "$@" > /dev/null
  local rep; for rep in $(seq 1 "$REPS"); do load_run "$name" "$pids_cmd" "$N" "$@"; done
}

users=(USERS_RANGE=0-99)
[[ $LOAD == submission ]] && users=(USERS_FILE="$WORK/peer-user")
measure peer "$SHARED/peer/pids.sh" HOST=127.0.0.1 SMTP_PORT=10025 SUB_PORT=10587 POP3_PORT=10110 DOMAIN=peer.test \
  PASSWORD=password RSS_PIDS_CMD= "${users[@]}"
[[ $LOAD == submission ]] && users=(USERS_FILE="$WORK/postroom-user")
measure postroom "$(postroom_pids_cmd "$WORK")" HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" \
  "POP3_PORT=$PR_POP3" DOMAIN=bench.test "PASSWORD=$BENCH_PASSWORD" RSS_PIDS_CMD= "${users[@]}"

#!/bin/bash
# compare.sh: Postroom against the reference peer (Postfix + Dovecot), same machine, same run, same
# load scripts (the shared bench), and a table of both systems' figures with the ratios.
#
#   bench/compare.sh                      # 3 interleaved repetitions of every case
#   REPS=1 CASES="mx-mailload-4k-c10 pop3-20x4k-c10" bench/compare.sh
#   IDLE_WAIT=1800 bench/compare.sh       # first wait up to 30 min for a load average below 1.0
#
# What it does, in order:
#  1. builds server/target/postroom.jar if missing (BUILD=1 rebuilds) and copies it to a temp dir;
#  2. starts Postroom there on its embedded PostgreSQL (fsync and synchronous_commit on, as the
#     product runs), on free high ports, with the heap of POSTROOM_JAVA_OPTS (see lib.sh);
#  3. provisions bench.test and user0..user99 through the REST API, password from $BENCH_PASSWORD;
#  4. starts the peer (shared peer/start.sh);
#  5. warms both up with an unmeasured load of every kind (1500 POP3 sessions: see warm_up) (WARMUP=0 skips it);
#  6. for each repetition, runs the shared run-all.sh once against the peer and once against
#     Postroom (so drifting background load hits both alike); the submission case runs with one
#     user (see below);
#  7. writes results/compare-<time>/table.md (medians, min-max, ratios, targets) and prints it;
#  8. stops Postroom and the peer (also on Ctrl-C or failure).
#
# Submission: the shared driver authenticates as a random user but always sends as the FIRST
# user of the list. Postfix does not check that; Postroom refuses it (RFC 6409 §6.1: a user sends
# only as an address of their own, 553 5.7.1). So the submission case runs for BOTH systems with a
# one-user list (user0: AUTH, sender and recipient), the same load on each.
#
# Env: REPS (3), CASES (all but the sink cases), SHARED_DIR, RESULTS_DIR (default bench/results),
# BENCH_PASSWORD (postroom-bench-1), POSTROOM_JAVA_OPTS, IDLE_WAIT / IDLE_LOAD, KEEP=1 (keep the temp dir),
# CHECKS=true (SPF, DKIM, DMARC on port 25; off by default, see start_postroom in lib.sh).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${REPS:=3}" "${BENCH_PASSWORD:=postroom-bench-1}"
: "${CASES:=mx-mailload-4k-c10 mx-smtpsource-4k-c10 mx-mailload-100k-c10 mx-smtpsource-100k-c10 mx-mailload-4k-c50 submission-4k-c10 pop3-20x4k-c10}"
OUT="${RESULTS_DIR:-$BENCH_HOME/results}/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/postroom-bench.XXXXXX)

start_both "$WORK" "$OUT"
machine_info "$WORK" > "$OUT/machine.txt"

# One user for submission (see the header), for both systems.
echo "user0@peer.test" > "$WORK/peer-submission-user"
echo "user0@bench.test" > "$WORK/postroom-submission-user"
PR_PIDS=$(postroom_pids_cmd "$WORK")

# run_target NAME REP CASES...: one run-all.sh repetition against the peer or Postroom.
run_target() {
  local name=$1 rep=$2; shift 2
  local cases="$*" other="" sub=""
  for c in $cases; do [[ $c == submission-* ]] && sub="$c" || other="$other $c"; done
  local load; load=$(wait_for_idle)
  echo "rep=$rep target=$name loadavg_before=$load $(date -Is)" >> "$OUT/loads.txt"
  if [[ $name == peer ]]; then
    local env_common=(HOST=127.0.0.1 SMTP_PORT=10025 SUB_PORT=10587 POP3_PORT=10110 DOMAIN=peer.test
                      PASSWORD=password "RSS_PIDS_CMD=$SHARED/peer/pids.sh")
    local one_user="$WORK/peer-submission-user"
  else
    local env_common=(HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" "POP3_PORT=$PR_POP3" DOMAIN=bench.test
                      "PASSWORD=$BENCH_PASSWORD" "RSS_PIDS_CMD=$PR_PIDS")
    local one_user="$WORK/postroom-submission-user"
  fi
  if [[ -n ${other// } ]]; then
    env "${env_common[@]}" TARGET="$name-r$rep" REPS=1 CASES="$other" RESULTS_DIR="$OUT/raw" \
      "$SHARED/bench/run-all.sh" > "$OUT/$name-r$rep.out" 2>&1
  fi
  if [[ -n $sub ]]; then
    env "${env_common[@]}" USERS_FILE="$one_user" TARGET="$name-r$rep-sub" REPS=1 CASES="$sub" RESULTS_DIR="$OUT/raw" \
      "$SHARED/bench/run-all.sh" > "$OUT/$name-r$rep-sub.out" 2>&1
  fi
  log "$name rep $rep done (load before $load)"
}

# warm_up NAME: an unmeasured load of every kind, so that neither system is measured cold
# (the peer's caches fill; Postroom's JIT compiles its hot paths: bench/cpu-split.sh showed the
# JVM's CPU per POP3 session falling from 30 to 13 ms over the first ~1500 sessions, so a shorter
# POP3 warm-up measured the compiler, not the server).
warm_up() {
  local name=$1
  if [[ $name == peer ]]; then
    local env_common=(HOST=127.0.0.1 SMTP_PORT=10025 SUB_PORT=10587 POP3_PORT=10110 DOMAIN=peer.test PASSWORD=password RSS_PIDS_CMD=)
    local one_user="$WORK/peer-submission-user"
  else
    local env_common=(HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" "POP3_PORT=$PR_POP3" DOMAIN=bench.test
                      "PASSWORD=$BENCH_PASSWORD" RSS_PIDS_CMD=)
    local one_user="$WORK/postroom-submission-user"
  fi
  log "warming up $name (not measured)"
  (cd "$SHARED/bench" &&
    env "${env_common[@]}" N=1000 SIZE=4096 CONC=10 ./smtp-load.sh &&
    env "${env_common[@]}" N=200 SIZE=102400 CONC=10 ./smtp-load.sh &&
    env "${env_common[@]}" USERS_FILE="$one_user" N=200 SIZE=4096 CONC=10 ./submission-load.sh &&
    env "${env_common[@]}" SESSIONS=1500 CONC=10 PER_USER=20 SEED_SIZE=4096 ./pop3-load.sh) > "$OUT/warmup-$name.log" 2>&1 ||
    log "warm-up of $name had errors, see $OUT/warmup-$name.log"
}
[[ ${WARMUP:-1} == 1 ]] && { warm_up peer; warm_up postroom; }

for rep in $(seq 1 "$REPS"); do
  # alternate who goes first, so neither always runs on a warmer (or busier) machine
  if (( rep % 2 == 1 )); then order="peer postroom"; else order="postroom peer"; fi
  for target in $order; do run_target "$target" "$rep" $CASES; done
done

python3 "$BENCH_HOME/table.py" "$OUT" | tee "$OUT/table.md"
echo "table=$OUT/table.md"

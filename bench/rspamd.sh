#!/bin/bash
# rspamd.sh: MX intake with a content filter, Postroom against the reference peer, both asking the
# SAME rspamd: Postroom over rspamd's HTTP protocol (postroom.antispam.rspamd.url -> the normal
# worker's /checkv2), Postfix over the milter protocol (PEER_MILTER -> rspamd's proxy worker, which
# hands each message to the same normal worker). The case is the shared bench's
# mx-mailload-4k-c10 (4 KiB messages, 10 sessions); the figures go to docs/PERFORMANCE.md.
#
#   bench/rspamd.sh                     # REPS=3 interleaved repetitions through compare.sh, with its table
#   REPS=1 bench/rspamd.sh
#   SMOKE=1 bench/rspamd.sh             # 50 messages through each system, then checks rspamd scanned
#                                       # them all (its controller's /stat): the wiring, no figures
#
# The rspamd is private: Debian's package (apt-get install rspamd; redis-server is used when
# installed, as a real deployment has it), its configuration under a temp dir, its normal, proxy
# and controller workers on free loopback ports, one process each (2 shared cores), fuzzy_check and
# greylisting off, and every DNS question of its own answered NXDOMAIN by nxdomain-dns.py on
# loopback: nothing leaves the machine, and both systems get the same verdicts. Its compiled
# expressions are kept in $RSPAMD_DB (default bench/results/rspamd-db): the first start takes 10 s
# to over a minute, later ones about a second.
#
# Env: as compare.sh (REPS, IDLE_WAIT, BUILD, KEEP, ...), CASES (default mx-mailload-4k-c10), SMOKE=1,
# RSPAMD_DB. Everything started here is stopped at the end, also on failure or Ctrl-C.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
command -v rspamd > /dev/null || { log "rspamd is not installed (apt-get install rspamd)"; exit 1; }

RS_WORK=$(mktemp -d /tmp/postroom-rspamd-bench.XXXXXX)
RSPAMD_DB=${RSPAMD_DB:-$BENCH_HOME/results/rspamd-db}
mkdir -p "$RSPAMD_DB" "$RS_WORK/etc/local.d" "$RS_WORK/etc/override.d" "$RS_WORK/run" "$RS_WORK/log"
read -r RS_NORMAL RS_CONTROLLER RS_PROXY RS_DNS RS_REDIS < <(free_ports 5)
RS_PIDS=()

stop_rspamd() {
  local pid
  for pid in "${RS_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${RS_PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null
  done
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$RS_WORK"
}
trap stop_rspamd EXIT
trap 'exit 130' INT TERM

# --- rspamd's configuration: only local.d / override.d, over Debian's /etc/rspamd
echo 'enabled = false;' > "$RS_WORK/etc/local.d/fuzzy_check.conf"
echo 'enabled = false;' > "$RS_WORK/etc/local.d/greylist.conf"
printf 'dns {\n  nameserver = ["127.0.0.1:%s"];\n  timeout = 1s;\n  retransmits = 1;\n}\n' "$RS_DNS" \
  > "$RS_WORK/etc/local.d/options.inc"
printf 'bind_socket = "127.0.0.1:%s";\ncount = 1;\n' "$RS_NORMAL" > "$RS_WORK/etc/override.d/worker-normal.inc"
printf 'bind_socket = "127.0.0.1:%s";\ncount = 1;\n' "$RS_CONTROLLER" \
  > "$RS_WORK/etc/override.d/worker-controller.inc"
# the milter for Postfix: the proxy scans nothing itself, it hands each message to the normal worker
printf 'bind_socket = "127.0.0.1:%s";\ncount = 1;\nmilter = yes;\ntimeout = 120s;\nself_scan = no;\nupstream "local" {\n  default = yes;\n  hosts = "127.0.0.1:%s";\n}\n' \
  "$RS_PROXY" "$RS_NORMAL" > "$RS_WORK/etc/override.d/worker-proxy.inc"

python3 "$BENCH_HOME/nxdomain-dns.py" "$RS_DNS" > "$RS_WORK/log/dns.log" 2>&1 &
RS_PIDS+=($!)
if command -v redis-server > /dev/null; then
  echo "servers = \"127.0.0.1:$RS_REDIS\";" > "$RS_WORK/etc/local.d/redis.conf"
  redis-server --port "$RS_REDIS" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    > "$RS_WORK/log/redis.log" 2>&1 &
  RS_PIDS+=($!)
else
  log "redis-server is not installed: rspamd runs without Bayes and history (both systems alike)"
fi

log "starting rspamd (normal $RS_NORMAL, proxy/milter $RS_PROXY, controller $RS_CONTROLLER, DB $RSPAMD_DB)"
rspamd -f -i -c /etc/rspamd/rspamd.conf --var LOCAL_CONFDIR="$RS_WORK/etc" --var RUNDIR="$RS_WORK/run" \
  --var DBDIR="$RSPAMD_DB" --var LOGDIR="$RS_WORK/log" > "$RS_WORK/log/rspamd.out" 2>&1 &
RS_PIDS+=($!)
up=0
for _ in $(seq 1 600); do
  if [[ $(curl -s "http://127.0.0.1:$RS_NORMAL/ping" 2>/dev/null) == pong* ]]; then up=1; break; fi
  kill -0 "${RS_PIDS[-1]}" 2>/dev/null || break
  sleep 0.5
done
(( up == 1 )) || { log "rspamd did not start, see $RS_WORK/log"; KEEP=1; exit 1; }
log "rspamd up"

# both systems ask it: Postroom over HTTP, the peer's Postfix over the milter protocol
export POSTROOM_ARGS="--postroom.antispam.rspamd.url=http://127.0.0.1:$RS_NORMAL"
export PEER_MILTER="inet:127.0.0.1:$RS_PROXY"

# how many messages rspamd has scanned so far (its controller's statistics)
scanned() {
  curl -s "http://127.0.0.1:$RS_CONTROLLER/stat" | python3 -c 'import json,sys; print(json.load(sys.stdin)["scanned"])'
}

if [[ ${SMOKE:-0} != 1 ]]; then
  CASES="${CASES:-mx-mailload-4k-c10}" RESULTS_DIR="${RESULTS_DIR:-$BENCH_HOME/results}/rspamd" \
    "$BENCH_HOME/compare.sh"
  exit $?
fi

# --- SMOKE=1: 50 messages through each system; every one must have been scanned by rspamd
BENCH_PASSWORD=${BENCH_PASSWORD:-postroom-bench-1}
WORK=$(mktemp -d /tmp/postroom-bench.XXXXXX)
# start_both's exit trap (stop_both) stops rspamd too from here on
after_stop_both() { stop_rspamd; }
start_both "$WORK" "$RS_WORK/log"
failed=0
for target in peer postroom; do
  if [[ $target == peer ]]; then
    env_common=(HOST=127.0.0.1 SMTP_PORT=10025 POP3_PORT=10110 DOMAIN=peer.test PASSWORD=password RSS_PIDS_CMD=)
  else
    env_common=(HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "POP3_PORT=$PR_POP3" DOMAIN=bench.test "PASSWORD=$BENCH_PASSWORD"
                RSS_PIDS_CMD=)
  fi
  before=$(scanned)
  (cd "$SHARED/bench" && env "${env_common[@]}" N=50 SIZE=4096 CONC=10 ./smtp-load.sh) \
    > "$RS_WORK/log/smoke-$target.log" 2>&1
  after=$(scanned)
  result=$(tail -1 "$RS_WORK/log/smoke-$target.log")
  log "$target: $result; rspamd scanned $((after - before))"
  if [[ $result != *msgs_per_s=* ]] || (( after - before < 50 )); then failed=1; fi
done
if (( failed == 0 )); then
  echo "rspamd_smoke_ok=1"
else
  echo "rspamd_smoke_ok=0 (logs: $RS_WORK/log)"
  KEEP=1
  exit 1
fi

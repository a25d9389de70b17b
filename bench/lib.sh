# Functions the bench scripts share: find the shared load scripts and the peer, start and stop a
# Postroom of our own (packaged jar, embedded PostgreSQL with its durable settings, free high ports,
# data under a temp dir), provision the bench users through the REST API, and sample the machine.
# Sourced by compare.sh, cpu-split.sh and growth.sh; not run on its own.

BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$BENCH_HOME/.." && pwd)"

# The shared load scripts and reference peer: SHARED_DIR, else ../shared beside the project
# (/work/main -> /work/shared), else the workplace's /work/shared (for worktrees).
shared_dir() {
  local d
  for d in "${SHARED_DIR:-}" "$PROJECT_ROOT/../shared" "/work/shared"; do
    [[ -n $d && -x $d/bench/run-all.sh && -x $d/peer/start.sh ]] && { (cd "$d" && pwd); return; }
  done
  echo "bench: cannot find the shared bench/ and peer/ (set SHARED_DIR)" >&2; return 1
}

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# Builds server/target/postroom.jar unless it exists (BUILD=1 forces a build). The jar is copied
# into the run's directory, so rebuilding during a run never pulls classes from under the server.
ensure_jar() {
  local jar="$PROJECT_ROOT/server/target/postroom.jar"
  if [[ ${BUILD:-0} == 1 || ! -s $jar ]]; then
    log "building $jar"
    # Spring Boot's repackage keeps an existing fat jar when the server module itself did not
    # change, even if a module inside it did: remove it first.
    rm -f "$jar" "$jar.original"
    (cd "$PROJECT_ROOT" && ./mvnw -B -q package -DskipTests) >&2
  fi
  cp "$jar" "$1/postroom.jar"
}

# Prints N distinct free TCP ports on 127.0.0.1 (the kernel picks them; all bound at once, then freed).
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# The heap and flags Postroom runs with in the bench: the Dockerfile's default (docs/PERFORMANCE.md says why).
: "${POSTROOM_JAVA_OPTS:=-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"

# All bench load comes from one address (127.0.0.2), 50 sessions at once in the c50 case; a
# closing session still counts for a moment, so the default 50 per IP would refuse the odd
# connection with 421. The peer exempts 127.0.0.0/8 from its limits altogether.
PER_IP_LIMIT=100
# The same one address logs in to POP3 and submission from 10 sessions at once, all as user0 in the
# submission case; a login being checked counts against the client's and the account's failure
# limits until it succeeds (README, postroom.auth.*), so the default 10 would hold the odd
# login back. The limits are raised, not the address exempted: the throttle's queries stay measured.
AUTH_LIMIT=1000

started_count() { cat "$1/postroom.log" 2>/dev/null | grep -c "Started PostroomApplication"; }

# start_postroom WORKDIR: starts Postroom from WORKDIR/postroom.jar with its data in WORKDIR/data,
# sets PR_PID, PR_SMTP, PR_SUB, PR_SMTPS, PR_POP3, PR_POP3S, PR_HTTP; waits until it serves.
# POSTROOM_ARGS: further --property=value arguments (rspamd.sh points the spam filter at its rspamd).
start_postroom() {
  local work=$1
  read -r PR_SMTP PR_SUB PR_SMTPS PR_POP3 PR_POP3S PR_HTTP < <(free_ports 6)
  PR_ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
  log "starting Postroom (data in $work/data; smtp $PR_SMTP, submission $PR_SUB, pop3 $PR_POP3; $POSTROOM_JAVA_OPTS)"
  # The shared load sends to port 25 as user0@bench.test, one of Postroom's own domains, without
  # publishing SPF or DKIM for it: the own-domain rule refuses exactly that. These cases measure
  # intake as the reference does it, without SPF, DKIM and DMARC (CHECKS=true turns them on).
  # The console's HTTPS is off: the bench's REST calls (provisioning) go to server.port in plain
  # HTTP, which would otherwise answer every call with a redirect to HTTPS.
  # A restart appends to the same log: "up" is one more start line than before.
  local started; started=$(started_count "$work")
  # POSTROOM_ARGS: more options (checks.sh points postroom.dns.servers at its own DNS server).
  # shellcheck disable=SC2086
  java $POSTROOM_JAVA_OPTS -jar "$work/postroom.jar" \
    --postroom.data-dir="$work/data" --postroom.hostname=mx.bench.test \
    --postroom.smtp.port="$PR_SMTP" --postroom.submission.port="$PR_SUB" --postroom.smtps.port="$PR_SMTPS" \
    --postroom.pop3.port="$PR_POP3" --postroom.pop3s.port="$PR_POP3S" --server.port="$PR_HTTP" \
    --server.address=127.0.0.1 --postroom.https.enabled=false --postroom.admin.password="$PR_ADMIN_PASSWORD" \
    --postroom.smtp.max-connections-per-ip="$PER_IP_LIMIT" --postroom.checks.enabled="${CHECKS:-false}" \
    --postroom.auth.max-failures="$AUTH_LIMIT" --postroom.auth.account-failures="$AUTH_LIMIT" \
    ${POSTROOM_ARGS:-} >> "$work/postroom.log" 2>&1 &
  PR_PID=$!
  local i
  for i in $(seq 1 240); do
    (( $(started_count "$work") > started )) && { log "Postroom up (pid $PR_PID)"; return 0; }
    kill -0 "$PR_PID" 2>/dev/null || break
    sleep 1
  done
  log "Postroom did not start, see $work/postroom.log"
  grep -v '^\s*\(at \|\.\.\.\)' "$work/postroom.log" | grep -E 'Caused by|Exception|Description|Reason|ERROR' | tail -8 >&2
  return 1
}

# stop_postroom: SIGTERM (graceful: in-flight commits finish, the embedded PostgreSQL stops with it).
stop_postroom() {
  [[ -n ${PR_PID:-} ]] || return 0
  if kill -0 "$PR_PID" 2>/dev/null; then
    log "stopping Postroom (pid $PR_PID)"
    kill "$PR_PID"
    local i; for i in $(seq 1 120); do kill -0 "$PR_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PR_PID" 2>/dev/null && { log "Postroom still running, killing it"; kill -9 "$PR_PID"; }
  fi
  PR_PID=
}

# The PIDs whose memory counts as Postroom's: the JVM, its embedded postmaster and every backend.
# Written as a command line for the shared scripts' RSS_PIDS_CMD.
postroom_pids_cmd() {
  local work=$1
  echo "echo $PR_PID; pm=\$(head -1 '$work/data/postgres/postmaster.pid' 2>/dev/null); [ -n \"\$pm\" ] && { echo \$pm; pgrep -P \$pm; }"
}

# postroom_api METHOD PATH JSON: one call of the running server's REST API as the bench
# administrator; fails on any status but 2xx (a redirect too: curl alone takes a 3xx for success).
postroom_api() {
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' -u "admin:$PR_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
    -X "$1" "http://127.0.0.1:$PR_HTTP/api/v1$2" --data-binary @- <<< "$3") || return 1
  [[ $status == 2?? ]] || { log "REST $1 $2 answered $status"; return 1; }
}

# provision DOMAIN COUNT PASSWORD: the domain and users user0..user<COUNT-1>, through the REST API
# (as an administrator's script would; a CLI call per user costs a JVM start each).
provision() {
  local domain=$1 count=$2 password=$3 i
  log "provisioning $domain and user0..user$((count - 1)) through the REST API"
  postroom_api POST /domains "{\"name\":\"$domain\"}" || return 1
  # the load generator is one user sending thousands of messages an hour, far over the server's
  # sending limits (postroom.limits.*): the domain gets limits it never reaches, so the limits are
  # still checked and counted on every submission, as shipped, but refuse nothing
  postroom_api PATCH "/domains/$domain/limits" \
    '{"messagesPerHour":100000000,"messagesPerDay":100000000,"recipientsPerDay":100000000}' || return 1
  for i in $(seq 0 $((count - 1))); do
    postroom_api POST /users "{\"address\":\"user$i@$domain\",\"password\":\"$password\"}" || return 1
  done
  log "provisioned $count users"
}

# The checks bench's senders (checks.sh, profile.sh LOAD=mx-signed): ten domains that sign, and an
# envelope domain whose SPF passes, all under one organisational domain (DMARC aligns relaxed).
SENDERS=$(echo s{0..9}.bench-senders.test | tr ' ' ',')
ENVELOPE_SENDER=bounces@mail.bench-senders.test

# make_zone DIR: the keys DIR/<domain>.pem and the zone file DIR/zone.
make_zone() {
  local dir=$1 d
  echo "mail.bench-senders.test TXT v=spf1 ip4:127.0.0.0/8 -all" > "$dir/zone"
  for d in ${SENDERS//,/ }; do
    openssl genrsa -out "$dir/$d.pem" 2048 2>/dev/null || return 1
    echo "bench._domainkey.$d TXT v=DKIM1; k=rsa; p=$(openssl rsa -in "$dir/$d.pem" -pubout -outform DER 2>/dev/null | base64 -w0)" >> "$dir/zone"
    echo "_dmarc.$d TXT v=DMARC1; p=reject; adkim=r; aspf=r" >> "$dir/zone"
  done
}

# start_dns DIR: bench-dns.py serving DIR/zone on a free port (sets DNS_PORT, DNS_PID; the caller stops it).
start_dns() {
  DNS_PORT=$(free_ports 1)
  /usr/bin/python3 "$BENCH_HOME/bench-dns.py" "$DNS_PORT" "$1/zone" > "$1/dns.log" 2>&1 &
  DNS_PID=$!
  local i; for i in $(seq 1 50); do grep -q ready "$1/dns.log" && { log "bench DNS on 127.0.0.1:$DNS_PORT"; return 0; }; sleep 0.2; done
  log "bench DNS did not start, see $1/dns.log"; return 1
}

# Waits (up to IDLE_WAIT seconds, default 0 = do not wait) for the 1-minute load average to drop
# below IDLE_LOAD (default 1.0); prints the load average either way.
wait_for_idle() {
  local limit=${IDLE_LOAD:-1.0} until=$(( $(date +%s) + ${IDLE_WAIT:-0} ))
  while :; do
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$limit" 'BEGIN{exit !(l < m)}'; then echo "$load"; return 0; fi
    if (( $(date +%s) >= until )); then log "load average $load is not below $limit: figures may be disturbed"; echo "$load"; return 0; fi
    sleep 15
  done
}

machine_info() {
  echo "date: $(date -Is)"
  echo "cpu: $(nproc) x $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -m | awk '/^Mem:/{print $2}') MiB"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  local pg; pg=$(ls "$1"/data/postgres-binaries/*/bin/postgres 2>/dev/null | head -1)
  local settings="(psql not installed: settings not read back)"
  if command -v psql > /dev/null; then
    settings=$(PGPASSFILE="$1/data/postgres/postroom.pgpass" psql -h 127.0.0.1 -p "$(sed -n 4p "$1/data/postgres/postmaster.pid")" -U postgres -d postgres -At -c \
      "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
        where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'commit_delay')")
  fi
  echo "postgres (embedded): $([[ -n $pg ]] && "$pg" --version); live settings: $settings"
  echo "postfix: $(/usr/sbin/postconf -d mail_version 2>/dev/null | cut -d' ' -f3)"
  echo "dovecot: $(dovecot --version 2>/dev/null)"
  echo "postroom: $(cd "$PROJECT_ROOT" && git describe --always --dirty 2>/dev/null)"
  echo "postroom JVM: $POSTROOM_JAVA_OPTS"
  echo "postroom settings: defaults, but postroom.smtp.max-connections-per-ip=$PER_IP_LIMIT and postroom.auth.max-failures, account-failures=$AUTH_LIMIT (one client address, one submission account)"
}

# start_both WORKDIR LOGDIR: Postroom (from WORKDIR, provisioned with bench.test and user0..user99,
# password $BENCH_PASSWORD) and the reference peer, both stopped again when the calling script
# exits (WORKDIR removed unless KEEP=1). Exits the caller if either does not start.
start_both() {
  local work=$1 logs=$2
  BOTH_WORK=$work
  trap stop_both EXIT
  trap 'exit 130' INT TERM
  ensure_jar "$work" || exit 1
  start_postroom "$work" || exit 1
  provision bench.test 100 "$BENCH_PASSWORD" || exit 1
  "$SHARED/peer/start.sh" > "$logs/peer-start.log" 2>&1 || { log "peer did not start, see $logs/peer-start.log"; exit 1; }
}

# A script that started more (rspamd.sh: its rspamd) defines after_stop_both to stop that too.
stop_both() {
  stop_postroom
  [[ -n ${DNS_PID:-} ]] && kill "$DNS_PID" 2>/dev/null
  "$SHARED/peer/stop.sh" > /dev/null 2>&1
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$BOTH_WORK"
  if declare -F after_stop_both > /dev/null; then after_stop_both; fi
}

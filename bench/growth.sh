#!/bin/bash
# growth.sh: does intake slow down as the store grows, and does POP3 stay fast on a big maildrop?
#
#   bench/growth.sh                                   # 1 million messages across 10 000 mailboxes
#   MAILBOXES=1000 PER_MAILBOX=100 bench/growth.sh    # a smaller store, for a quick look
#
#  1. starts Postroom like compare.sh (temp dir, embedded PostgreSQL with durable settings, free
#     ports) and provisions bench.test with user0..user99 through the REST API;
#  2. warms up (1000 messages, not measured), then measures MX intake on the empty store (the shared
#     smtp-load.sh, 4 KiB, 10 sessions, REPS times, exactly-once checked);
#  3. seeds the store through SQL (storage-module's GrowthSeeder): MAILBOXES users grow0.. with
#     PER_MAILBOX messages of SEED_SIZE bytes each, and the user bigdrop@bench.test with BIG_DROP
#     messages; all with the bench password;
#  4. measures the same intake again, on the full store;
#  5. times POP3 PASS/STAT/LIST/UIDL on bigdrop's maildrop (pop3-bigdrop.py);
#  6. writes results/growth-<time>/table.md and prints it; stops Postroom.
#
# Env: MAILBOXES (10000), PER_MAILBOX (100), SEED_SIZE (4096), BIG_DROP (50000), REPS (3),
# N (messages per intake run, 3000), BENCH_PASSWORD, POSTROOM_JAVA_OPTS, RESULTS_DIR, IDLE_WAIT, KEEP.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SHARED=$(shared_dir) || exit 1
: "${MAILBOXES:=10000}" "${PER_MAILBOX:=100}" "${SEED_SIZE:=4096}" "${BIG_DROP:=50000}" "${REPS:=3}" "${N:=3000}"
: "${BENCH_PASSWORD:=postroom-bench-1}"
OUT="${RESULTS_DIR:-$BENCH_HOME/results}/growth-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/postroom-growth.XXXXXX)
cleanup() { stop_postroom; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

log "compiling the seeder (storage-module test classes)"
(cd "$PROJECT_ROOT" && ./mvnw -B -q -pl storage-module test-compile) >&2 || exit 1
ensure_jar "$WORK" || exit 1
mkdir -p "$WORK/lib" && unzip -q -j -o "$WORK/postroom.jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK/lib" || exit 1
start_postroom "$WORK" || exit 1
provision bench.test 100 "$BENCH_PASSWORD" || exit 1
machine_info "$WORK" > "$OUT/machine.txt"
TARGET_ENV=(HOST=127.0.0.1 "SMTP_PORT=$PR_SMTP" "SUB_PORT=$PR_SUB" "POP3_PORT=$PR_POP3" DOMAIN=bench.test
            "PASSWORD=$BENCH_PASSWORD" "RSS_PIDS_CMD=$(postroom_pids_cmd "$WORK")")

intake() {   # intake LABEL: REPS runs of the shared smtp-load.sh
  local label=$1 rep
  for rep in $(seq 1 "$REPS"); do
    echo "$label rep=$rep loadavg_before=$(wait_for_idle)" >> "$OUT/loads.txt"
    (cd "$SHARED/bench" && env "${TARGET_ENV[@]}" N="$N" SIZE=4096 CONC=10 ./smtp-load.sh) > "$OUT/intake-$label.$rep.log" 2>&1
    log "intake $label rep $rep: $(tail -1 "$OUT/intake-$label.$rep.log")"
  done
}

# one unmeasured run first: otherwise the empty store is measured while the JIT still compiles
(cd "$SHARED/bench" && env "${TARGET_ENV[@]}" N=1000 SIZE=4096 CONC=10 ./smtp-load.sh) > "$OUT/warmup.log" 2>&1
intake empty
PG_PORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
log "seeding $MAILBOXES mailboxes x $PER_MAILBOX messages of $SEED_SIZE bytes, and bigdrop with $BIG_DROP"
PGPASSWORD=$(cut -d: -f5 "$WORK/data/postgres/postroom.pgpass") \
java -cp "$PROJECT_ROOT/storage-module/target/test-classes:$(ls "$WORK"/lib/postgresql-*.jar)" \
  org.postroom.storage.bench.GrowthSeeder "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" bench.test user0@bench.test \
  "$MAILBOXES" "$PER_MAILBOX" "$SEED_SIZE" "$BIG_DROP" > "$OUT/seed.log" 2>&1 || { log "seeding failed, see $OUT/seed.log"; exit 1; }
log "$(tail -1 "$OUT/seed.log")"
du -sh "$WORK/data/postgres" | awk '{print "store size on disk: " $1}' >> "$OUT/machine.txt"
intake full
(cd "$BENCH_HOME" && env HOST=127.0.0.1 POP3_PORT="$PR_POP3" USER_ADDRESS=bigdrop@bench.test PASSWORD="$BENCH_PASSWORD" \
  ./pop3-bigdrop.py) > "$OUT/pop3-bigdrop.log" 2>&1
log "$(tail -1 "$OUT/pop3-bigdrop.log")"

python3 - "$OUT" "$MAILBOXES" "$PER_MAILBOX" "$BIG_DROP" <<'PY' | tee "$OUT/table.md"
import glob, json, os, re, statistics, sys
out, mailboxes, per, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def runs(label):
    rs = []
    for f in sorted(glob.glob(os.path.join(out, f"intake-{label}.*.log"))):
        for line in open(f):
            if line.startswith("RESULT "):
                rs.append(json.loads(line[7:]))
    return rs
print(f"# Growth: {os.path.basename(out)}\n\n```\n{open(os.path.join(out, 'machine.txt')).read().strip()}\n```\n")
print(f"Store when full: {mailboxes * per + big:,} messages in {mailboxes + 101:,} mailboxes "
      f"({mailboxes:,} x {per} seeded, one maildrop of {big:,}, and the 100 bench users).\n")
print("| MX intake, 4 KiB, 10 sessions | msgs/s median (min–max) | p50 ms | p99 ms | exactly-once |")
print("|---|---|---|---|---|")
med = {}
for label in ("empty", "full"):
    rs = runs(label)
    ok = [r for r in rs if r.get("exactly_once")]
    xs = [r["msgs_per_s"] for r in ok]
    med[label] = statistics.median(xs) if xs else None
    rng = f"{statistics.median(xs):.1f} ({min(xs):.1f}–{max(xs):.1f})" if xs else "–"
    p50 = statistics.median([r["tx_p50_ms"] for r in ok]) if ok else float("nan")
    p99 = statistics.median([r["tx_p99_ms"] for r in ok]) if ok else float("nan")
    print(f"| {label} store | {rng} | {p50:.1f} | {p99:.1f} | {len(ok)}/{len(rs)} |")
if med.get("empty") and med.get("full"):
    change = (med["full"] / med["empty"] - 1) * 100
    print(f"\nFull vs empty: {change:+.1f} % (target: within 10 %) -> {'met' if abs(change) <= 10 or change > 0 else 'NOT met'}")
print("\nPOP3 on the large maildrop (STLS login each time; ms from command to last line):\n")
print("```\n" + open(os.path.join(out, "pop3-bigdrop.log")).read().strip() + "\n```")
PY
echo "table=$OUT/table.md"

#!/bin/bash
# fuzz.sh: fuzzes every fuzz target (the *FuzzTest classes, Jazzer) for a given time each, one after
# the other, and writes what each run did to results/fuzz-<time>/summary.md.
#
#   bench/fuzz.sh                                          # every target for 10 minutes
#   DURATION=1h bench/fuzz.sh                              # every target for an hour
#   DURATION=30m TARGETS="SmtpDataFuzzTest Pop3CommandsFuzzTest" bench/fuzz.sh
#
# Each target runs in the build's own fuzz execution (a JVM of its own, see the parent pom), exactly
# as `./mvnw verify` fuzzes it for fuzz.duration, only longer: first the seeds and findings kept in
# <Class>Inputs/<method>/ of its module's test resources, then new inputs. The corpus a target grows
# is kept in <module>/.cifuzz-corpus/ (not committed) and picked up by the next run. A finding stops
# that target, is written into <Class>Inputs/<method>/ as crash-<sha1> (or timeout-<sha1>) and named
# in the summary: make it a regression test by committing it with the fix, then every build replays it.
#
# Env: DURATION (10m; what Jazzer reads: 30s, 10m, 2h), TARGETS (all), INSTRUMENT (the classes whose
# coverage steers the fuzzer: Postroom's and the James libraries it parses with; the build's default
# is Postroom's alone, for a quicker start), MVN_FLAGS (-B -o: offline, as after one build; drop -o on
# a machine that has not fetched Jazzer yet).
set -uo pipefail
PROJECT_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${DURATION:=10m}" "${MVN_FLAGS:=-B -o}" "${INSTRUMENT:=org.postroom.**,org.apache.james.**}"

# module of each target
declare -A MODULE=(
  [SmtpCommandsFuzzTest]=smtp-module
  [SmtpDataFuzzTest]=smtp-module
  [HeaderFieldsFuzzTest]=smtp-module
  [RemoteRepliesFuzzTest]=smtp-module
  [Pop3CommandsFuzzTest]=pop3-module
  [AutodiscoverFuzzTest]=admin-web
)
: "${TARGETS:=SmtpCommandsFuzzTest SmtpDataFuzzTest HeaderFieldsFuzzTest RemoteRepliesFuzzTest Pop3CommandsFuzzTest AutodiscoverFuzzTest}"

OUT="$PROJECT_ROOT/bench/results/fuzz-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
log() { echo "[fuzz $(date +%H:%M:%S)] $*" >&2; }

cd "$PROJECT_ROOT" || exit 1
{
  echo "# Fuzzing, $(date -u '+%Y-%m-%d %H:%M UTC'), $DURATION per target"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
  echo
  echo "| target | module | result | inputs run | wall time | corpus (files) | new findings |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} > "$OUT/summary.md"

failed=0
for target in $TARGETS; do
  module=${MODULE[$target]:-}
  [[ -n $module ]] || { log "unknown target $target"; exit 2; }
  log "$target ($module) for $DURATION"
  before=$(git status --porcelain --untracked-files=all -- "$module/src/test/resources" | sort)
  start=$(date +%s)
  # the fuzz execution only (fuzz.only skips every other test), for this one class; the modules -am
  # builds first have no such class
  # shellcheck disable=SC2086
  ./mvnw $MVN_FLAGS -pl "$module" -am test -Dfuzz.only=true -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz=1 -Dfuzz.duration="$DURATION" -Dfuzz.instrument="$INSTRUMENT" > "$OUT/$target.log" 2>&1
  status=$?
  wall=$(( $(date +%s) - start ))
  report="$module/target/surefire-reports/$(find "$module/target/surefire-reports" -name "*.$target-output.txt" -printf '%f\n' 2>/dev/null | head -1)"
  cp "$report" "$OUT/$target-output.txt" 2>/dev/null
  # FuzzRun's line: "fuzz run: SmtpDataFuzzTest 12345 inputs in 600 s"
  runs=$(grep -aoE "^fuzz run: $target [0-9]+ inputs" "$OUT/$target-output.txt" 2>/dev/null | tail -1 | awk '{print $4}')
  corpus=$(find "$module/.cifuzz-corpus" -path "*.$target/*" -type f 2>/dev/null | wc -l)
  findings=$(comm -13 <(echo "$before") <(git status --porcelain --untracked-files=all -- "$module/src/test/resources" | sort) \
    | awk '{print $2}' | tr '\n' ' ')
  result=$([[ $status == 0 ]] && echo passed || echo FAILED)
  [[ $status == 0 ]] || failed=1
  echo "| $target | $module | $result | ${runs:-?} | ${wall} s | ${corpus:-?} | ${findings:-none} |" >> "$OUT/summary.md"
  log "$target: $result, ${runs:-?} runs in ${wall} s${findings:+, findings: $findings}"
done

echo >> "$OUT/summary.md"
echo "Logs: the Maven log and the test output (with FuzzRun's line) of each target beside this file." >> "$OUT/summary.md"
cat "$OUT/summary.md"
exit $failed

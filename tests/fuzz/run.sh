#!/bin/sh
# run.sh SECONDS [WORKDIR]: runs each libFuzzer harness (build/fuzz/fuzz_*)
# for SECONDS, from its seeds in tests/fuzz/corpus/<name>/ and what earlier
# runs kept in WORKDIR/<name>/ (new inputs go there; a crash is written as
# WORKDIR/<name>-crash-…). One TAP line each, with its executions: a
# harness that crashed, leaked, timed out or did not run is "not ok".
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:?seconds}
WORK=${2:-var/fuzz}
mkdir -p "$WORK"
n=0
total=0
for bin in build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin" | sed 's/^fuzz_//')
	n=$((n + 1))
	mkdir -p "$WORK/$name"
	log="$WORK/$name.log"
	# ASan's leak check at the end, UBSan stops at the first report
	# (built with -fno-sanitize-recover).
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	"$bin" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$WORK/$name-" "$WORK/$name" "tests/fuzz/corpus/$name" \
		> "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
	kept=$(find "$WORK/$name" -type f | wc -l)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		echo "ok $n - fuzz $name: $runs executions in ${SECONDS_EACH} s, 0 crashes, corpus $kept, peak ${rss:-?} MB"
		total=$((total + runs))
	else
		echo "not ok $n - fuzz $name: exit $rc after ${runs:-0} executions (log $log)"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5 | sed 's/^/# /'
	fi
done
[ "$n" -gt 0 ] || { echo "not ok - no fuzz harness built (make fuzzers)"; exit 1; }
echo "# $total executions in all"

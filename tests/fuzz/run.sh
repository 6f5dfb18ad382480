#!/bin/sh
# run.sh SECONDS [WORKDIR]: runs each libFuzzer harness (tests/fuzz/fuzz_*.c,
# built as build/fuzz/fuzz_*) for SECONDS, from its seeds in
# tests/fuzz/corpus/<name>/ and what earlier runs kept in WORKDIR/<name>/
# (new inputs go there; a crash is written as WORKDIR/<name>-crash-…). One
# TAP line each, with its executions: a harness that crashed, leaked, timed
# out, was not built or did not run is "not ok".
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:?seconds}
WORK=${2:-var/fuzz}
mkdir -p "$WORK"
n=0
failed=0
total=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c | sed 's/^fuzz_//')
	bin=build/fuzz/fuzz_$name
	n=$((n + 1))
	if [ ! -x "$bin" ] || [ "$bin" -ot "$src" ]; then
		echo "not ok $n - fuzz $name: $bin is not built, or older than its source (make fuzzers)"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "$WORK/$name"
	log="$WORK/$name.log"
	# ASan's leak check at the end; UBSan stops at the first report
	# (built with -fno-sanitize-recover).
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	"$bin" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$WORK/$name-" "$WORK/$name" "tests/fuzz/corpus/$name" \
		> "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
	kept=$(find "$WORK/$name" -type f | wc -l)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ] && [ "$runs" -gt 0 ]; then
		echo "ok $n - fuzz $name: $runs executions in ${SECONDS_EACH} s, 0 crashes, corpus $kept, peak ${rss:-?} MB"
		total=$((total + runs))
	else
		echo "not ok $n - fuzz $name: exit $rc after ${runs:-0} executions (log $log)"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "1..$n"
echo "# $total executions in all"
[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]

#!/bin/sh
# run.sh: one FastCGI process serves 10,000 requests; its resident memory
# must not grow by more than 1 MiB after warming up. Under SANITIZE=1 the
# process runs under LeakSanitizer instead, which reports any leak at exit.
set -u
cd "$(dirname "$0")/../.."
RUN=$(build/sbin/portalctl config-get Paths.Run)
LOAD=build/tests/bin/fcgi-load
N=0
FAILED=0

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

check() { # binary path status
	bin=$1 path=$2 status=$3
	sock="$RUN/leak-$bin.sock"
	log="$RUN/leak-$bin.log"
	rm -f "$sock"
	ASAN_OPTIONS=detect_leaks=1:exitcode=23 spawn-fcgi -n -s "$sock" -M 0600 -- \
		"build/cgi-bin/$bin.fcgi" 2> "$log" &
	pid=$!
	i=0
	while [ ! -S "$sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	$LOAD "$sock" 1000 "$path" "$status" > /dev/null
	before=$(rss_kib $pid)
	out=$($LOAD "$sock" 10000 "$path" "$status")
	rc=$?
	after=$(rss_kib $pid)
	kill -TERM $pid
	wait $pid
	exitrc=$?
	growth=$((after - before))
	N=$((N + 1))
	if [ $rc -ne 0 ]; then
		echo "not ok $N - $bin $path answers 10000 requests ($out)"
		FAILED=$((FAILED + 1))
	elif [ "${SANITIZE:-}" = 1 ]; then
		if [ $exitrc -eq 23 ] || grep -q 'LeakSanitizer' "$log"; then
			echo "not ok $N - $bin $path leaks (LeakSanitizer)"
			grep -A20 'LeakSanitizer' "$log" | sed 's/^/#   /' | head -40
			FAILED=$((FAILED + 1))
		else
			echo "ok $N - $bin $path: no leak reported by LeakSanitizer after 11000 requests"
		fi
	elif [ $growth -gt 1024 ]; then
		echo "not ok $N - $bin $path RSS grew by $growth KiB over 10000 requests"
		FAILED=$((FAILED + 1))
	else
		echo "ok $N - $bin $path RSS grew by $growth KiB over 10000 requests (limit 1024)"
	fi
	rm -f "$sock" "$log"
}

check login /login 200
check home /healthz 200
check home /nowhere 404

echo "1..$N"
[ "$FAILED" -eq 0 ]

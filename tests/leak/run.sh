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

check() { # binary path status [count [cookie]]
	bin=$1 path=$2 status=$3 count=${4:-10000} cookie=${5:-}
	sock="$RUN/leak-$bin.sock"
	log="$RUN/leak-$bin.log"
	rm -f "$sock"
	ASAN_OPTIONS=detect_leaks=1:exitcode=23 spawn-fcgi -n -s "$sock" -M 0600 -- \
		"build/cgi-bin/$bin.fcgi" 2> "$log" &
	pid=$!
	i=0
	while [ ! -S "$sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	$LOAD "$sock" 1000 "$path" "$status" "$cookie" > /dev/null
	before=$(rss_kib $pid)
	out=$($LOAD "$sock" "$count" "$path" "$status" "$cookie")
	rc=$?
	after=$(rss_kib $pid)
	kill -TERM $pid
	wait $pid
	exitrc=$?
	growth=$((after - before))
	N=$((N + 1))
	if [ $rc -ne 0 ]; then
		echo "not ok $N - $bin $path answers $count requests ($out)"
		FAILED=$((FAILED + 1))
	elif [ "${SANITIZE:-}" = 1 ]; then
		if [ $exitrc -eq 23 ] || grep -q 'LeakSanitizer' "$log"; then
			echo "not ok $N - $bin $path leaks (LeakSanitizer)"
			grep -A20 'LeakSanitizer' "$log" | sed 's/^/#   /' | head -40
			FAILED=$((FAILED + 1))
		else
			echo "ok $N - $bin $path: no leak reported by LeakSanitizer after $((count + 1000)) requests"
		fi
	elif [ $growth -gt 1024 ]; then
		echo "not ok $N - $bin $path RSS grew by $growth KiB over $count requests"
		FAILED=$((FAILED + 1))
	else
		echo "ok $N - $bin $path RSS grew by $growth KiB over $count requests (limit 1024)"
	fi
	rm -f "$sock" "$log"
}

check login /login 200
check home /healthz 200
check home /nowhere 404

# Logged-in pages of every module, with a session made in the database
# for the agency admin, who may see them all.
DB="mariadb --no-defaults -S $(build/sbin/portalctl config-get Database.Socket) -u root -N -B $(build/sbin/portalctl config-get Database.Name)"
TOK=$(openssl rand 32 | base64 | tr '+/' '-_' | tr -d '=')
HASH=$(printf '%s' "$TOK" | sha256sum | cut -d' ' -f1)
$DB -e "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at)
	SELECT UNHEX('$HASH'), id, 'full', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users
	WHERE email = 'admin@uitzendbureau.example'"
check home / 200 3000 "__Host-session=$TOK"
for page in admin:/admin/users documents:/documents/ vacancies:/vacancies/ planning:/planning/; do
	[ -x "build/cgi-bin/${page%%:*}.fcgi" ] && check "${page%%:*}" "${page#*:}" 200 3000 "__Host-session=$TOK"
done
# The day view of a demo team, on the Monday of the demo's week.
UNIT=$($DB -e "SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")
DAY=$($DB -e "SELECT DATE(UTC_TIMESTAMP()) - INTERVAL WEEKDAY(UTC_TIMESTAMP()) DAY")
check planning "/planning/day?unit=$UNIT&date=$DAY" 200 3000 "__Host-session=$TOK"

echo "1..$N"
[ "$FAILED" -eq 0 ]

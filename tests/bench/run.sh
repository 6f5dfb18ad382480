#!/bin/sh
# run.sh: `make bench` — wrk against the login page (nginx → FastCGI →
# ClearSilver) and, in the same run, against a static file of the same size
# served by nginx; prints requests/s, p50 and p99, their ratio, and the
# resident memory of every FastCGI process. Uses the ports and var dir of
# PORTAL_CONF (conf/bench.hdf: the test stack's). The figures of the
# planning's week view and of the timesheets' approval list stand beside
# those of plain PHP peers (tests/bench/peer/) measured in the same run.
set -eu
cd "$(dirname "$0")/../.."
export PORTAL_CONF=${PORTAL_CONF:-conf/bench.hdf}
CTL=build/sbin/portalctl
BASE=$($CTL config-get Portal.BaseURL)
VAR=$($CTL config-get Paths.Var)
RUN=$($CTL config-get Paths.Run)
DURATION=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-32}

# A fresh database, so that the demo passwords carry the bench's cost.
scripts/stack.sh --test stop >/dev/null 2>&1 || true
rm -rf "$VAR"
mkdir -p "$VAR"
scripts/stack.sh --test start >/dev/null
# php-fpm for the peer ends with the stack, whatever ends the bench.
trap 'tests/bench/peer/peer.sh stop; scripts/stack.sh --test stop >/dev/null' EXIT
tests/bench/peer/peer.sh start
$CTL seed-demo >/dev/null

mkdir -p "$VAR/bench"
curl -sk "$BASE/login" > "$VAR/bench/static.html"
SIZE=$(wc -c < "$VAR/bench/static.html")
curl -skf "$BASE/bench/static.html" >/dev/null || { echo "bench: static file not served" >&2; exit 1; }

# wrk URL [SESSION] → "rps p50_ms p99_ms non-2xx", logged in with SESSION
# when given.
measure() {
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency ${2:+-H "Cookie: __Host-session=$2"} "$1" \
		> "$VAR/bench/wrk.out" 2>&1
	awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx/ { bad = $NF }
	END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }' "$VAR/bench/wrk.out"
}

ROUNDS=${BENCH_ROUNDS:-3}
echo "make bench: $CONNS connections, ${DURATION}s a run, $ROUNDS rounds of (static, login) interleaved; page size $SIZE bytes"
: > "$VAR/bench/static.runs"
: > "$VAR/bench/login.runs"
i=0
while [ $i -lt "$ROUNDS" ]; do
	measure "$BASE/bench/static.html" >> "$VAR/bench/static.runs"
	measure "$BASE/login" >> "$VAR/bench/login.runs"
	i=$((i + 1))
done
# The machine's speed drifts: the median run of each, by requests/s.
median() { sort -n "$1" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }
set -- $(median "$VAR/bench/static.runs")
S_RPS=$1 S_P50=$2 S_P99=$3
set -- $(median "$VAR/bench/login.runs")
L_RPS=$1 L_P50=$2 L_P99=$3
L_BAD=$(awk '{ s += $4 } END { print s + 0 }' "$VAR/bench/login.runs")
echo "runs (req/s): static $(cut -d' ' -f1 "$VAR/bench/static.runs" | tr '\n' ' ')| login $(cut -d' ' -f1 "$VAR/bench/login.runs" | tr '\n' ' ')"
printf '%-28s %10s %9s %9s\n' "" "req/s" "p50 ms" "p99 ms"
printf '%-28s %10s %9s %9s\n' "static file (nginx)" "$S_RPS" "$S_P50" "$S_P99"
printf '%-28s %10s %9s %9s\n' "login page (FastCGI)" "$L_RPS" "$L_P50" "$L_P99"
awk -v l="$L_RPS" -v s="$S_RPS" 'BEGIN { printf "login page / static file: %.1f %% (target: at least 15 %%)\n", 100 * l / s }'
[ "$L_BAD" -eq 0 ] || echo "WARNING: $L_BAD responses of the login page were not 2xx"
awk -v p="$L_P99" 'BEGIN { printf "login page p99: %.2f ms (target: under 10 ms)\n", p }'
echo "resident memory of the FastCGI processes:"
for f in "$RUN"/*-[0-9].pid; do
	pid=$(cat "$f")
	printf '  %-12s %6s KiB\n' "$(basename "$f" .pid)" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
done

# --- logins and an authenticated page ---------------------------------------
DB="mariadb --no-defaults -S $($CTL config-get Database.Socket) -u root -N -B $($CTL config-get Database.Name)"
LOAD=build/tests/bin/fcgi-load
SOCK="$RUN/login-1.sock"

# session EMAIL → a session token of that user, made in the database as the
# tests do.
session() {
	t=$(openssl rand 32 | base64 | tr '+/' '-_' | tr -d '=')
	h=$(printf '%s' "$t" | sha256sum | cut -d' ' -f1)
	$DB -e "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at)
		SELECT UNHEX('$h'), id, 'full', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users WHERE email = '$1'"
	echo "$t"
}

# restart_module NAME CONF: a module's FastCGI processes again, with
# another configuration — NOCACHE keeps no page (Cache.Bytes = 0), for
# what a request costs that reads everything from the database.
NOCACHE=$VAR/bench/nocache.hdf
case $PORTAL_CONF in
/*) printf '#include "%s"\nCache.Bytes = 0\n' "$PORTAL_CONF" ;;
*) printf '#include "%s"\nCache.Bytes = 0\n' "$(pwd)/$PORTAL_CONF" ;;
esac > "$NOCACHE"
restart_module() {
	for f in "$RUN/$1"-*.pid; do kill "$(cat "$f")"; done
	sleep 0.5
	PORTAL_CONF=$2 scripts/stack.sh --test restart-one "$1" >/dev/null
}

# page LABEL TOKEN PATH: one wrk run of a logged-in page → a line of a table.
page() {
	curl -skf -o /dev/null -H "Cookie: __Host-session=$2" "$BASE$3" ||
		{ echo "bench: $3 does not answer 200" >&2; return 1; }
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: __Host-session=$2" "$BASE$3" |
	awk -v label="$1" 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { r = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
	END { printf "%-32s %10.0f %9.2f %9.2f%s\n", label, r, p50, p99, bad ? "  (" bad " not 2xx)" : "" }'
}

KEY=$(sed -n 's/^Keys\.Csrf = //p' "$($CTL config-get Paths.Secrets)")
PRE=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
TOKEN=$(printf 'pre:%s' "$PRE" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary |
	base64 | tr '+/' '-_' | tr -d '=')
N=20
start=$(date +%s.%N)
$LOAD "$SOCK" $N /login 303 "__Host-pre=$PRE" \
	"csrf=$TOKEN&email=planner%40klant.example&password=Flexportal-demo-2026" >/dev/null
end=$(date +%s.%N)
awk -v n=$N -v s="$start" -v e="$end" -v c="$($CTL config-get Passwords.BcryptCost)" 'BEGIN {
	printf "logins (bcrypt cost %s): %.1f per second per FastCGI process (%d in a row, no nginx);\n", c, n / (e - s), n
	printf "  nginx allows 5 login POSTs a second per address (burst 10)\n" }'

TOK=$(session planner@klant.example)
HASH=$(printf '%s' "$TOK" | sha256sum | cut -d' ' -f1)
before=$($DB -e "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2)
$LOAD "$RUN/home-1.sock" 1000 / 200 "__Host-session=$TOK" >/dev/null
after=$($DB -e "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2)
awk -v b="$before" -v a="$after" 'BEGIN { printf "authenticated dashboard: %.2f statements per request (1000 requests)\n", (a - b) / 1000 }'
$DB -e "EXPLAIN SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
	WHERE s.token_hash = UNHEX('$HASH') AND s.ended_at IS NULL" |
	awk -F'\t' '{ printf "  EXPLAIN: table %s, access %s, key %s, rows %s\n", $3, $4, $6, $9 }'
set -- $(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: __Host-session=$TOK" "$BASE/" |
	awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { r = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
	END { printf "%.0f %.2f %.2f\n", r, p50, p99 }')
printf '%-28s %10s %9s %9s\n' "dashboard, logged in" "$1" "$2" "$3"

# --- a 5 MB document through the portal, and the same file from nginx -------
head -c 5242880 /dev/urandom > "$VAR/bench/body.bin"
{ printf '%%PDF-1.4\n'; cat "$VAR/bench/body.bin"; } > "$VAR/bench/document.pdf"
UNIT=$($DB -e "SELECT id FROM org_units WHERE name = 'Klant NV'")
DOC=$($CTL import-document other "$UNIT" "Benchmark 5 MB" "$VAR/bench/document.pdf")
FIN=$(session finance@klant.example)
curl -skf -H "Cookie: __Host-session=$FIN" "$BASE/documents/$DOC/download" | cmp - "$VAR/bench/document.pdf" ||
	echo "WARNING: the document did not come back as stored"
: > "$VAR/bench/docnginx.runs"
: > "$VAR/bench/docportal.runs"
i=0
while [ $i -lt "$ROUNDS" ]; do
	measure "$BASE/bench/document.pdf" >> "$VAR/bench/docnginx.runs"
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: __Host-session=$FIN" \
		"$BASE/documents/$DOC/download" > "$VAR/bench/wrk.out" 2>&1
	awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { r = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
	END { printf "%.1f %.2f %.2f %d\n", r, p50, p99, bad }' "$VAR/bench/wrk.out" >> "$VAR/bench/docportal.runs"
	i=$((i + 1))
done
set -- $(median "$VAR/bench/docnginx.runs")
N_RPS=$1 N_P99=$3
set -- $(median "$VAR/bench/docportal.runs")
D_RPS=$1 D_P99=$3
echo "5 MB document: nginx (plain file) $N_RPS req/s, p99 $N_P99 ms; portal (decrypting, audited) $D_RPS req/s, p99 $D_P99 ms"
awk -v d="$D_RPS" -v n="$N_RPS" 'BEGIN { printf "document through the portal / nginx: %.1f %% (target: at least 30 %%)\n", 100 * d / n }'

# --- vacancies: 1,000 vacancies and 10,000 candidates -----------------------
. tests/bench/vacancies.sh

# --- planning: 20,000 temp workers, a team of 50 and a department of 200 ----
. tests/bench/planning.sh

# --- timesheets: a unit's 500 submitted weeks, listed and approved at once --
. tests/bench/timesheets.sh

# --- reports: five years of hours and invoices, the client report beside a peer's
. tests/bench/reports.sh

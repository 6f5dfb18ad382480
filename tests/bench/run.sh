#!/bin/sh
# run.sh: `make bench` — wrk against the login page (nginx → FastCGI →
# ClearSilver) and, in the same run, against a static file of the same size
# served by nginx; prints requests/s, p50 and p99, their ratio, and the
# resident memory of every FastCGI process. Uses the test stack's ports.
set -eu
cd "$(dirname "$0")/../.."
export PORTAL_CONF=conf/test.hdf
CTL=build/sbin/portalctl
BASE=$($CTL config-get Portal.BaseURL)
VAR=$($CTL config-get Paths.Var)
RUN=$($CTL config-get Paths.Run)
DURATION=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-32}

scripts/stack.sh --test start >/dev/null
trap 'scripts/stack.sh --test stop >/dev/null' EXIT
$CTL seed-demo >/dev/null

mkdir -p "$VAR/bench"
curl -sk "$BASE/login" > "$VAR/bench/static.html"
SIZE=$(wc -c < "$VAR/bench/static.html")
curl -skf "$BASE/bench/static.html" >/dev/null || { echo "bench: static file not served" >&2; exit 1; }

# wrk URL → "rps p50_ms p99_ms"
measure() {
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$1" > "$VAR/bench/wrk.out" 2>&1
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

# reports.sh: `make bench`'s client report over five years of hours and invoices, beside a PHP peer's
#
# Sourced by run.sh after timesheets.sh; run.sh sets CTL, BASE, DB, CONNS,
# DURATION, ROUNDS, VAR and RUN, and gives session, median and
# restart_module. First scripts/bench-data.sh at scale 1: 200 clients,
# 50,000 temp workers, some 5,000,000 approved days and 2,000,000 invoice
# lines over five years, with the summary tables. Then, as the agency's
# admin (report.view and invoice.view at the agency's root):
#
#   * the client report of last year against the year before
#     (/reports/?unit=U&from=YYYY-01&to=YYYY-12; the module keeps
#     nothing) of a client of some 225 temp workers and of the big one of
#     5,000, each round interleaved with the same report of the peer
#     (tests/bench/peer/reports.php: plain PHP, PDO, the figures straight
#     from the raw rows) under the same wrk: requests/s, p50, p95 and p99
#     and the ratios portal/peer. Both must show the same figures first
#     (the portal's as its CSV), or there is nothing to compare;
#   * an XLSX of the invoice lines of the big client's unit whose year
#     comes nearest 10,000 lines (/reports/invoices.xlsx), three downloads;
#   * with BENCH_REPORT_10X=1, the report again over ten times the data:
#     scale 10 in a database of its own, which takes long (off by default).

ROOT=$(pwd)
abs() { case "$1" in /*) echo "$1" ;; *) echo "$ROOT/$1" ;; esac; }
YEAR=$(($(date -u +%Y) - 1))
# Fewer connections and longer runs than the other pages': a report is
# opened by a few at once, and the peer's report of the big client takes
# over a second, so that a short run would hold a handful of its answers.
R_CONNS=${BENCH_REPORT_CONNECTIONS:-8}
R_DURATION=${BENCH_REPORT_SECONDS:-$((DURATION > 10 ? DURATION : 10))}

# The worker pulls every client's invoices from the back-office on each of
# its rounds (Invoices.PullMinutes = 0 in conf/test.hdf): with 200 clients
# more, that is some 400 calls a second on the bench's two cores. It rests
# while the reports are measured.
worker_pid=$(cat "$RUN/worker.pid" 2>/dev/null || true)
[ -z "$worker_pid" ] || kill "$worker_pid" 2>/dev/null || true
rm -f "$RUN/worker.pid"

scripts/bench-data.sh
$DB -e "SET GLOBAL innodb_max_purge_lag_wait = 0"
# The load's pages written out before measuring (at most two minutes):
# what is measured is a report, not the flushing of seven million rows.
w=0
until [ "$($DB -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
	WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")" -lt 100 ] || [ $w -ge 120 ]; do
	sleep 1
	w=$((w + 1))
done

# The two clients and what lies below them in the year of the report.
unit_of() { $DB -e "SELECT id FROM org_units WHERE kind = 'client' AND name = '$1'"; }
SMALL=$(unit_of 'Bench klant 0002')
BIGU=$(unit_of 'Bench klant 0001')
[ -n "$SMALL" ] && [ -n "$BIGU" ] || { echo "bench: bench-data made no Bench klant 0001 and 0002" >&2; exit 1; }
# rows UNIT → "invoice-lines approved-timesheets approved-days workers" in YEAR.
rows() {
	$DB -e "
	SET @path = (SELECT path FROM org_units WHERE id = $1);
	SELECT (SELECT COUNT(*) FROM org_units o JOIN invoice_lines l ON l.unit_id = o.id
	    WHERE o.path LIKE CONCAT(@path, '%') AND l.invoice_date BETWEEN '$YEAR-01-01' AND '$YEAR-12-31'),
	  COUNT(DISTINCT t.id), COUNT(*), COUNT(DISTINCT t.worker_user_id)
	FROM org_units o JOIN timesheets t ON t.unit_id = o.id AND t.state = 'approved'
	JOIN timesheet_entries e ON e.timesheet_id = t.id AND e.day BETWEEN '$YEAR-01-01' AND '$YEAR-12-31'
	WHERE o.path LIKE CONCAT(@path, '%')" | tr '\t' ' '
}
set -- $(rows "$SMALL")
SMALL_ROWS="$4 temp workers in $YEAR: $2 approved weeks, $3 days, $1 invoice lines"
set -- $(rows "$BIGU")
BIG_ROWS="$4 temp workers in $YEAR: $2 approved weeks, $3 days, $1 invoice lines"

ADM=$(session admin@uitzendbureau.example)
QS="from=$YEAR-01&to=$YEAR-12"
P_SMALL="$BASE/reports/?unit=$SMALL&$QS"
P_BIG="$BASE/reports/?unit=$BIGU&$QS"
Q_SMALL="$BASE/bench/peer/reports.php?unit=$SMALL&$QS"
Q_BIG="$BASE/bench/peer/reports.php?unit=$BIGU&$QS"

# Once before measuring: the portal's figures (its CSV of the same report)
# and the peer's page agree, or there is nothing to compare.
for u in "small $SMALL" "big $BIGU"; do
	set -- $u
	curl -skf -o "$VAR/bench/rep-$1-portal.html" -H "Cookie: __Host-session=$ADM" "$BASE/reports/?unit=$2&$QS" ||
		{ echo "bench: the portal's client report does not answer 200 (/reports/?unit=$2&$QS)" >&2; exit 1; }
	curl -skf -o "$VAR/bench/rep-$1-portal.csv" -H "Cookie: __Host-session=$ADM" "$BASE/reports/client.csv?unit=$2&$QS" ||
		{ echo "bench: the portal's client report as CSV does not answer 200" >&2; exit 1; }
	curl -skf -o "$VAR/bench/rep-$1-peer.html" -H "Cookie: __Host-session=$ADM" "$BASE/bench/peer/reports.php?unit=$2&$QS" ||
		{ echo "bench: the peer's client report does not answer 200 (/bench/peer/reports.php?unit=$2&$QS)" >&2; exit 1; }
	python3 - "$1" "$VAR/bench/rep-$1-portal.csv" "$VAR/bench/rep-$1-peer.html" <<'EOS' ||
import csv, sys
from html.parser import HTMLParser

class Rows(HTMLParser):
    """The peer's table: per row of its body and foot the cells after the first."""
    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.part = [], None, None
    def handle_starttag(self, tag, attrs):
        if tag in ("tbody", "tfoot"):
            self.part = tag
        elif self.part and tag == "tr":
            self.rows.append([])
        elif self.part and tag in ("td", "th"):
            self.cell = []
    def handle_endtag(self, tag):
        if tag in ("tbody", "tfoot"):
            self.part = None
        elif self.part and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

def value(s):
    s = s.replace(",", "").replace("%", "").replace("+", "").strip()
    return round(float(s), 2) if s else None

label, portal_csv, peer_html = sys.argv[1:]
with open(portal_csv, encoding="utf-8-sig") as f:
    portal = [[value(c) for c in row[1:]] for row in list(csv.reader(f))[1:]]
p = Rows()
with open(peer_html, encoding="utf-8") as f:
    p.feed(f.read())
peer = [[value(c) for c in row[1:]] for row in p.rows]
if len(portal) != len(peer):
    sys.exit(f"reports: {label} client: the portal has {len(portal)} rows, the peer {len(peer)}")
for i, (a, b) in enumerate(zip(portal, peer)):
    if a != b:
        sys.exit(f"reports: {label} client: row {i + 1} differs:\n  portal: {a}\n  peer:   {b}")
print(f"same figures, {label} client: {len(portal) - 1} months and the total; invoiced {portal[-1][0]:,.2f} EUR,"
      f" {portal[-1][3]:.0f} temp workers, {portal[-1][6]:.2f} at work a working day")
EOS
		{ echo "bench: the portal's and the peer's client report differ: no comparison" >&2; exit 1; }
done

# wrk URL TOKEN → "rps p50_ms p95_ms p99_ms errors": the percentiles from
# wrk's own histogram (its Lua done()), errors the non-2xx answers and
# the timeouts. A generous timeout: the peer may be slow.
cat > "$VAR/bench/percentiles.lua" <<'EOS'
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("percentiles %.3f %.3f %.3f %d\n", latency:percentile(50) / 1000,
		latency:percentile(95) / 1000, latency:percentile(99) / 1000, e.timeout + e.status))
end
EOS
measure95() {
	wrk -t2 -c"$R_CONNS" -d"${R_DURATION}s" --timeout 30s -s "$VAR/bench/percentiles.lua" \
		-H "Cookie: __Host-session=$2" "$1" > "$VAR/bench/wrk.out" 2>&1
	awk '/Requests\/sec/ { rps = $2 } /^percentiles/ { p50 = $2; p95 = $3; p99 = $4; bad = $5 }
	END { printf "%.1f %.2f %.2f %.2f %d\n", rps, p50, p95, p99, bad }' "$VAR/bench/wrk.out"
}
# LABEL PORTAL_RUNS PEER_RUNS: a line of the table, medians by req/s.
beside95() {
	set -- "$1" $(median "$2") $(median "$3") \
		"$(cat "$2" "$3" | awk '{ s += $5 } END { print s + 0 }')"
	awk -v l="$1" -v r="$2" -v a="$3" -v c="$4" -v d="$5" -v R="$7" -v A="$8" -v C="$9" -v D="${10}" \
		-v bad="${12}" 'BEGIN {
		printf "%-20s %8.1f %7.2f %7.2f %7.2f | %8.1f %8.2f %8.2f %8.2f | %7.2f %7.2f%s\n", l, r, a, c, d,
			R, A, C, D, R ? r / R : 0, C ? c / C : 0, bad ? "  (" bad " not 2xx or timed out)" : "" }'
}

echo "reports: the client report of $YEAR against $((YEAR - 1)) (12 months), as the agency's admin, of"
echo "  a client (Bench klant 0002, some 225 temp workers in five years): $SMALL_ROWS;"
echo "  the big client (Bench klant 0001, 5,000 in five years): $BIG_ROWS"
echo "  $R_CONNS connections, ${R_DURATION}s a run, $ROUNDS rounds of (portal, peer) × (client, big client),"
echo "  nothing kept (the module keeps nothing), after 2 s of each unmeasured; medians by req/s"
echo "  peer: tests/bench/peer/reports.php, PHP $(php -r 'echo PHP_VERSION;') under php-fpm" \
	"(pm = static, $($CTL config-get Stack.Instances) children), PDO, opcache; from the raw rows, no summaries"
echo "  page sizes (portal / peer): client $(wc -c < "$VAR/bench/rep-small-portal.html")" \
	"/ $(wc -c < "$VAR/bench/rep-small-peer.html") bytes, big client" \
	"$(wc -c < "$VAR/bench/rep-big-portal.html") / $(wc -c < "$VAR/bench/rep-big-peer.html") bytes"
rm -f "$VAR"/bench/rep-*.runs
# Two seconds of each first, unmeasured: the database's pages of each
# client read once from disk (the module itself keeps nothing).
for u in "$P_SMALL" "$Q_SMALL" "$P_BIG" "$Q_BIG"; do
	wrk -t2 -c"$R_CONNS" -d2s --timeout 30s -H "Cookie: __Host-session=$ADM" "$u" >/dev/null 2>&1
done
i=0
while [ $i -lt "$ROUNDS" ]; do
	measure95 "$P_SMALL" "$ADM" >> "$VAR/bench/rep-small.runs"
	measure95 "$Q_SMALL" "$ADM" >> "$VAR/bench/rep-small-peer.runs"
	measure95 "$P_BIG" "$ADM" >> "$VAR/bench/rep-big.runs"
	measure95 "$Q_BIG" "$ADM" >> "$VAR/bench/rep-big-peer.runs"
	i=$((i + 1))
done
printf '%-20s %8s %7s %7s %7s | %8s %8s %8s %8s | %7s %7s\n' "client report" "portal" "p50 ms" "p95 ms" "p99 ms" \
	"peer" "p50 ms" "p95 ms" "p99 ms" "req/s" "p95"
printf '%-20s %8s %7s %7s %7s | %8s %8s %8s %8s | %7s %7s\n' "" "req/s" "" "" "" "req/s" "" "" "" "po/peer" "po/peer"
beside95 "client" "$VAR/bench/rep-small.runs" "$VAR/bench/rep-small-peer.runs"
beside95 "big client" "$VAR/bench/rep-big.runs" "$VAR/bench/rep-big-peer.runs"

# --- an XLSX of some 10,000 invoice lines -------------------------------------
# The unit of the big client (itself, a site, a department or a team)
# whose lines of the year come nearest 10,000.
set -- $($DB -e "SELECT o.id, COUNT(*) FROM org_units o JOIN org_units x ON x.path LIKE CONCAT(o.path, '%')
	JOIN invoice_lines l ON l.unit_id = x.id AND l.invoice_date BETWEEN '$YEAR-01-01' AND '$YEAR-12-31'
	WHERE o.client_id = (SELECT client_id FROM org_units WHERE id = $BIGU)
	GROUP BY o.id ORDER BY ABS(COUNT(*) - 10000) LIMIT 1")
XU=$1 XN=$2
XNAME=$($DB -e "SELECT name FROM org_units WHERE id = $XU")
: > "$VAR/bench/rep-xlsx.runs"
i=0
while [ $i -lt 3 ]; do
	set -- $(curl -sk -o "$VAR/bench/invoices.xlsx" -w '%{http_code} %{time_total} %{size_download}' \
		-H "Cookie: __Host-session=$ADM" "$BASE/reports/invoices.xlsx?unit=$XU&$QS")
	[ "$1" = 200 ] || { echo "bench: /reports/invoices.xlsx?unit=$XU&$QS answered $1, not 200" >&2; exit 1; }
	echo "$2 $3" >> "$VAR/bench/rep-xlsx.runs"
	i=$((i + 1))
done
XROWS=$(python3 -c 'import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]
print(len(re.findall(rb"<row ", z.read(sheet))))' "$VAR/bench/invoices.xlsx" 2>/dev/null || echo "?")
sort -n "$VAR/bench/rep-xlsx.runs" | awk -v n="$XN" -v u="$XNAME" -v r="$XROWS" -v y="$YEAR" '{ t[NR] = $1; b = $2 } END {
	printf "invoice lines as XLSX: %s, %d: %d lines in the database, %s rows in the workbook (%.1f MB)\n",
		u, y, n, r, b / 1048576
	printf "  one download: median %.2f s of 3 (%.2f to %.2f s)\n", t[2], t[1], t[3] }'

# --- ten times the data -------------------------------------------------------
# The same report over a database ten times the size: scale 10 in a
# database of its own (and the demo), the report's processes pointed at
# it for the measure and back after; the database dropped after.
if [ "${BENCH_REPORT_10X:-0}" = 1 ]; then
	DB10=$($CTL config-get Database.Name)_x10
	CONF10=$VAR/bench/x10.hdf
	printf '#include "%s"\nDatabase.Name = %s\n' "$(abs "$PORTAL_CONF")" "$DB10" > "$CONF10"
	DBR10="mariadb --no-defaults -S $($CTL config-get Database.Socket) -u root -N -B"
	$DBR10 -e "DROP DATABASE IF EXISTS \`$DB10\`;
		CREATE DATABASE \`$DB10\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		GRANT ALL PRIVILEGES ON \`$DB10\`.* TO '$($CTL config-get Database.User)'@'localhost'"
	PORTAL_CONF=$CONF10 $CTL migrate >/dev/null
	PORTAL_CONF=$CONF10 $CTL seed-demo >/dev/null
	# The generation with a buffer pool that holds it (an hour with the
	# stack's 256 MB, for writing what does not fit again and again);
	# the measure with the stack's own, as at scale 1.
	POOL=$($DBR10 -e "SELECT @@innodb_buffer_pool_size")
	$DBR10 -e "SET GLOBAL innodb_buffer_pool_size = 4294967296"
	start10=$(date +%s)
	BENCH_DATA_SCALE=10 PORTAL_CONF=$CONF10 scripts/bench-data.sh
	echo "  (scale 10 generated in $(($(date +%s) - start10)) s)"
	$DBR10 -e "SET GLOBAL innodb_buffer_pool_size = $POOL"
	w=0
	until $DBR10 -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'" | grep -qi 'completed' ||
		[ $w -ge 120 ]; do
		sleep 1
		w=$((w + 1))
	done
	w=0
	until [ "$($DBR10 -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")" -lt 100 ] || [ $w -ge 120 ]; do
		sleep 1
		w=$((w + 1))
	done
	$DBR10 -e "SET GLOBAL innodb_max_purge_lag_wait = 0"
	t=$(openssl rand 32 | base64 | tr '+/' '-_' | tr -d '=')
	$DBR10 "$DB10" -e "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at)
		SELECT UNHEX('$(printf '%s' "$t" | sha256sum | cut -d' ' -f1)'), id, 'full', UTC_TIMESTAMP(), UTC_TIMESTAMP()
		FROM users WHERE email = 'admin@uitzendbureau.example'"
	S10=$($DBR10 "$DB10" -e "SELECT id FROM org_units WHERE kind = 'client' AND name = 'Bench klant 0002'")
	B10=$($DBR10 "$DB10" -e "SELECT id FROM org_units WHERE kind = 'client' AND name = 'Bench klant 0001'")
	restart_module reports "$CONF10"
	curl -skf -o /dev/null -H "Cookie: __Host-session=$t" "$BASE/reports/?unit=$S10&$QS" ||
		{ echo "bench: the client report over scale 10 does not answer 200" >&2; exit 1; }
	rm -f "$VAR"/bench/rep10-*.runs
	for u in "$BASE/reports/?unit=$S10&$QS" "$BASE/reports/?unit=$B10&$QS"; do
		wrk -t2 -c"$R_CONNS" -d2s --timeout 30s -H "Cookie: __Host-session=$t" "$u" >/dev/null 2>&1
	done
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		measure95 "$BASE/reports/?unit=$S10&$QS" "$t" >> "$VAR/bench/rep10-small.runs"
		measure95 "$BASE/reports/?unit=$B10&$QS" "$t" >> "$VAR/bench/rep10-big.runs"
		i=$((i + 1))
	done
	restart_module reports "$PORTAL_CONF"
	$DBR10 -e "DROP DATABASE \`$DB10\`"
	printf '%-20s %8s %7s %7s | %8s %7s %7s\n' "client report" "scale 1" "p50 ms" "p95 ms" "scale 10" "p50 ms" "p95 ms"
	for k in small big; do
		set -- $(median "$VAR/bench/rep-$k.runs") $(median "$VAR/bench/rep10-$k.runs")
		printf '%-20s %8s %7s %7s | %8s %7s %7s\n' "$([ $k = small ] && echo client || echo "big client")" \
			"$1" "$2" "$3" "$6" "$7" "$8"
	done
else
	echo "reports: the 10× check skipped (BENCH_REPORT_10X=1 runs it: scale 10 takes a long while)"
fi

# The worker back at its rounds.
scripts/stack.sh --test restart-one worker >/dev/null

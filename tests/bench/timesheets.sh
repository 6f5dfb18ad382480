# timesheets.sh: `make bench`'s approval list of 500 submitted weeks, beside a PHP peer's
#
# Sourced by run.sh after planning.sh, whose 20,000 temp workers it gives
# timesheets; run.sh sets BASE, DB, CONNS, DURATION, ROUNDS, VAR, RUN and
# NOCACHE, and gives session, measure, median and restart_module;
# planning.sh gives beside. A team of Afdeling B with 500 weeks submitted
# last week, among some 14,000 timesheets (its workers' weeks before,
# approved; rejected weeks and drafts; other teams' and another client's
# weeks), and a supervisor there. The list that supervisor approves from
# (/timesheets/?unit=U: submitted weeks), kept and with nothing kept, each
# round interleaved with the same page of the peer
# (tests/bench/peer/timesheets.php: plain PHP, PDO) under the same wrk;
# then the 500 approved in one request, a few times over. Targets: the
# portal at least 1.5× the peer's req/s with p99 at most the peer's; the
# bulk approval under 2 s.

$DB -e "
SET @client = (SELECT client_id FROM org_units WHERE name = 'Afdeling B — Logistiek');
SET @dept = (SELECT id FROM org_units WHERE name = 'Afdeling B — Logistiek');
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
VALUES (@dept, @client, 'team', 'Bench uren', '', 'Europe/Brussels', UTC_TIMESTAMP());
UPDATE org_units o JOIN org_units p ON p.id = o.parent_id SET o.path = CONCAT(p.path, o.id, '/')
WHERE o.name = 'Bench uren';
SET @unit = (SELECT id FROM org_units WHERE name = 'Bench uren');
SET @sup = (SELECT id FROM users WHERE email = 'supervisor@klant.example');
SET @monday = DATE(UTC_TIMESTAMP()) - INTERVAL WEEKDAY(UTC_TIMESTAMP()) DAY;
SET @last = @monday - INTERVAL 7 DAY;
-- The weeks to approve: 500 workers' last week, submitted on Saturday.
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, submitted_at, created_at, updated_at)
SELECT u.id, @unit, ELT(1 + s.seq % 3, 'Orderpicker', 'Heftruckchauffeur', 'Logistiek medewerker'), @last,
  'submitted', @last + INTERVAL 5 DAY + INTERVAL s.seq % 1440 MINUTE, @last + INTERVAL 4 DAY,
  @last + INTERVAL 5 DAY + INTERVAL s.seq % 1440 MINUTE
FROM seq_5001_to_5500 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example');
-- Their six weeks before, approved by the supervisor.
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, submitted_at, decided_at,
  decided_by, created_at, updated_at)
SELECT u.id, @unit, ELT(1 + s.seq % 3, 'Orderpicker', 'Heftruckchauffeur', 'Logistiek medewerker'),
  @last - INTERVAL w.seq WEEK, 'approved', 1, @last - INTERVAL w.seq WEEK + INTERVAL 5 DAY,
  @last - INTERVAL w.seq WEEK + INTERVAL 8 DAY, @sup, @last - INTERVAL w.seq WEEK + INTERVAL 4 DAY,
  @last - INTERVAL w.seq WEEK + INTERVAL 8 DAY
FROM seq_5001_to_5500 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example') JOIN seq_1_to_6 w;
-- Twenty of last week rejected, back with their workers.
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, reason, submitted_at, decided_at,
  decided_by, created_at, updated_at)
SELECT u.id, @unit, 'Orderpicker', @last, 'rejected', 'De pauzes ontbreken.', @last + INTERVAL 5 DAY,
  @last + INTERVAL 6 DAY, @sup, @last + INTERVAL 4 DAY, @last + INTERVAL 6 DAY
FROM seq_5501_to_5520 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example');
-- Drafts, which no list shows: the 500's week now, and 30 of last week not submitted.
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, created_at, updated_at)
SELECT u.id, @unit, ELT(1 + s.seq % 3, 'Orderpicker', 'Heftruckchauffeur', 'Logistiek medewerker'),
  IF(s.seq <= 5500, @monday, @last), 'draft', @last + INTERVAL 4 DAY, @last + INTERVAL 4 DAY
FROM seq_5001_to_5550 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example') WHERE s.seq NOT BETWEEN 5501 AND 5520;
-- Other teams of the client (Team A1 among them, where the supervisor
-- approves too) and a team of another client: 2,000 workers, last week
-- submitted and the four before approved.
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, submitted_at, decided_at,
  created_at, updated_at)
SELECT u.id, o.id, 'Magazijnmedewerker', @last - INTERVAL w.seq WEEK, IF(w.seq, 'approved', 'submitted'), w.seq > 0,
  @last - INTERVAL w.seq WEEK + INTERVAL 5 DAY, IF(w.seq, @last - INTERVAL w.seq WEEK + INTERVAL 8 DAY, NULL),
  @last - INTERVAL w.seq WEEK + INTERVAL 4 DAY, @last - INTERVAL w.seq WEEK + INTERVAL 5 DAY
FROM seq_6001_to_8000 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example')
JOIN org_units o ON o.name = ELT(1 + s.seq % 6, 'Bench team 2', 'Bench team 3', 'Bench team 4',
  'Team B1 — Ontvangst', 'Team A1 — Inpak', 'Team Gent 1')
JOIN seq_0_to_4 w;
-- Five days' work each from 06:00 at the unit (05:00 UTC), 8 hours with a
-- half-hour break, some days a quarter or more longer; the weeks' minutes
-- summed from them.
INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,
  created_at, updated_at)
SELECT t.id, t.week + INTERVAL d.seq DAY, TIMESTAMP(t.week + INTERVAL d.seq DAY, '05:00:00'),
  TIMESTAMP(t.week + INTERVAL d.seq DAY, '05:00:00') + INTERVAL (480 + (t.id + d.seq) % 4 * 15) MINUTE, 30,
  450 + (t.id + d.seq) % 4 * 15, t.position, t.created_at, t.updated_at
FROM timesheets t JOIN users u ON u.id = t.worker_user_id JOIN seq_0_to_4 d WHERE u.email LIKE 'bench%@flex.example';
UPDATE timesheets t JOIN users u ON u.id = t.worker_user_id
JOIN (SELECT timesheet_id, SUM(minutes) AS m FROM timesheet_entries GROUP BY timesheet_id) e ON e.timesheet_id = t.id
SET t.minutes = e.m WHERE u.email LIKE 'bench%@flex.example';
-- The approved weeks' versions, as sent to the back-office.
INSERT INTO timesheet_versions (timesheet_id, version, entries, minutes, made_by, made_at, sent_at)
SELECT t.id, 1, JSON_ARRAYAGG(JSON_OBJECT('day', e.day, 'start', e.starts_at, 'end', e.ends_at,
  'break_minutes', e.break_minutes, 'minutes', e.minutes)), t.minutes, t.decided_by, t.decided_at, t.decided_at
FROM timesheets t JOIN users u ON u.id = t.worker_user_id JOIN timesheet_entries e ON e.timesheet_id = t.id
WHERE t.state = 'approved' AND u.email LIKE 'bench%@flex.example' GROUP BY t.id;
INSERT INTO grants (user_id, role, unit_id, created_at) VALUES (@sup, 'supervisor', @unit, UTC_TIMESTAMP());
ANALYZE TABLE timesheets, timesheet_entries, timesheet_versions;" >/dev/null
$DB -e "SET GLOBAL innodb_max_purge_lag_wait = 0"
TSU=$($DB -e "SELECT id FROM org_units WHERE name = 'Bench uren'")
LAST=$($DB -e "SELECT DATE(UTC_TIMESTAMP()) - INTERVAL WEEKDAY(UTC_TIMESTAMP()) + 7 DAY")
NS=$($DB -e "SELECT COUNT(*) FROM timesheets")
NDRAFT=$($DB -e "SELECT COUNT(*) FROM timesheets WHERE state = 'draft'")
NHIST=$($DB -e "SELECT COUNT(*) FROM timesheets WHERE unit_id = $TSU AND state <> 'draft'")
SUP=$(session supervisor@klant.example)

P_TS="$BASE/timesheets/?unit=$TSU"
Q_TS="$BASE/bench/peer/timesheets.php?unit=$TSU"

# Once before measuring: both list the same weeks with the same counts, or
# there is nothing to compare.
for side in portal peer; do
	url=$P_TS
	[ $side = peer ] && url=$Q_TS
	curl -skf -o "$VAR/bench/ts-$side.html" -H "Cookie: __Host-session=$SUP" "$url" ||
		{ echo "bench: the $side's approval list does not answer 200 ($url)" >&2; exit 1; }
done
python3 tests/bench/peer/same_list.py "the unit" "$VAR/bench/ts-portal.html" "$VAR/bench/ts-peer.html" ||
	{ echo "bench: the portal's and the peer's approval list differ: no comparison" >&2; exit 1; }

# One round: the portal's list, then the peer's. $1: kept or nk.
timesheets_round() {
	measure "$P_TS" "$SUP" >> "$VAR/bench/ts-list-$1.runs"
	measure "$Q_TS" "$SUP" >> "$VAR/bench/ts-list-peer-$1.runs"
}

echo "timesheets: $NS in the database ($NDRAFT drafts); the list of a unit with $NHIST that are not drafts,"
echo "  500 of them submitted (the rest counted by state); $CONNS connections, ${DURATION}s a run, $ROUNDS rounds"
echo "  of (portal, peer), kept and with nothing kept; medians by req/s"
echo "  peer: tests/bench/peer/timesheets.php, PHP $(php -r 'echo PHP_VERSION;') under php-fpm" \
	"(pm = static, $($CTL config-get Stack.Instances) children), PDO, opcache"
echo "  page sizes (portal / peer): $(wc -c < "$VAR/bench/ts-portal.html") / $(wc -c < "$VAR/bench/ts-peer.html") bytes"
rm -f "$VAR"/bench/ts-*.runs
# Kept, then with nothing kept (Cache.Bytes = 0), as the planning is: the
# list keeps nothing per process, so the two should come out alike. All
# before the first approval, so that the worker has no call to deliver
# meanwhile.
i=0
while [ $i -lt "$ROUNDS" ]; do
	timesheets_round kept
	restart_module timesheets "$NOCACHE"
	timesheets_round nk
	restart_module timesheets "$PORTAL_CONF"
	i=$((i + 1))
done
printf '%-26s %9s %7s %7s | %9s %7s %7s | %8s %8s\n' "approval list (500)" "portal" "p50 ms" "p99 ms" \
	"peer" "p50 ms" "p99 ms" "req/s" "p99"
printf '%-26s %9s %7s %7s | %9s %7s %7s | %8s %8s\n' "" "req/s" "" "" "req/s" "" "" "po/peer" "po/peer"
beside "unit, kept" "$VAR/bench/ts-list-kept.runs" "$VAR/bench/ts-list-peer-kept.runs"
beside "unit, nothing kept" "$VAR/bench/ts-list-nk.runs" "$VAR/bench/ts-list-peer-nk.runs"
echo "target: portal at least 1.5× the peer's req/s with p99 at most the peer's"

# The bulk approval: the 500 ticked on the list and approved in one POST,
# timed to its answer; then, once the worker has delivered their calls to
# the back-office, the weeks submitted again (their versions and calls
# gone) for the next round.
ts_pending() {
	$DB -e "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'timesheet:%' AND state NOT IN ('done', 'dead')"
}
: > "$VAR/bench/ts-approve.runs"
delivered=""
i=0
while [ $i -lt "$ROUNDS" ]; do
	curl -skf -H "Cookie: __Host-session=$SUP" "$P_TS" > "$VAR/bench/ts-approve.html" ||
		{ echo "bench: the approval list does not answer 200" >&2; exit 1; }
	csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$VAR/bench/ts-approve.html" | head -n 1)
	{
		printf 'csrf=%s&back=%%2Ftimesheets%%2F%%3Funit%%3D%s' "$csrf" "$TSU"
		grep -o 'name="sheet" value="[0-9]*"' "$VAR/bench/ts-approve.html" | sed 's/.*value="\([0-9]*\)"/\&sheet=\1/' | tr -d '\n'
	} > "$VAR/bench/ts-approve.body"
	n=$(grep -o '&sheet=' "$VAR/bench/ts-approve.body" | wc -l)
	[ "$n" -eq 500 ] || { echo "bench: the list offers $n weeks to approve, not 500" >&2; exit 1; }
	set -- $(curl -sk -o /dev/null -D "$VAR/bench/ts-approve.head" -w '%{http_code} %{time_total}' \
		-H "Cookie: __Host-session=$SUP" -H "Origin: $BASE" -H "Content-Type: application/x-www-form-urlencoded" \
		--data-binary @"$VAR/bench/ts-approve.body" "$BASE/timesheets/approve")
	grep -qi "^location: .*done=approved_many&count=500" "$VAR/bench/ts-approve.head" ||
		{ echo "bench: the bulk approval answered $1, not 303 to count=500:" >&2; cat "$VAR/bench/ts-approve.head" >&2; exit 1; }
	echo "$2" >> "$VAR/bench/ts-approve.runs"
	start=$(date +%s.%N)
	j=0
	while [ "$(ts_pending)" -gt 0 ] && [ $j -lt 240 ]; do
		sleep 0.5
		j=$((j + 1))
	done
	[ -n "$delivered" ] || delivered=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	[ "$(ts_pending)" -eq 0 ] || echo "WARNING: the worker still had timesheet calls to deliver after 120 s"
	$DB -e "
	DELETE o FROM outbox o JOIN timesheets t ON o.idempotency_key LIKE CONCAT('timesheet:', t.id, ':%')
	WHERE t.unit_id = $TSU AND t.week = '$LAST' AND t.state = 'approved';
	DELETE v FROM timesheet_versions v JOIN timesheets t ON t.id = v.timesheet_id
	WHERE t.unit_id = $TSU AND t.week = '$LAST' AND t.state = 'approved';
	UPDATE timesheets SET state = 'submitted', version = 0, decided_at = NULL, decided_by = NULL, updated_at = submitted_at
	WHERE unit_id = $TSU AND week = '$LAST' AND state = 'approved';"
	i=$((i + 1))
done
sort -n "$VAR/bench/ts-approve.runs" | awk -v d="$delivered" '{ t[NR] = $1 } END {
	printf "bulk approval of 500 weeks in one request: median %.2f s, max %.2f s (%d rounds; target: under 2 s)\n",
		t[int((NR + 1) / 2)], t[NR], NR
	printf "  the worker delivered the 500 calls of the first round to the back-office within %s s of its answer\n", d }'

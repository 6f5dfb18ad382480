# planning.sh: `make bench`'s week views of a team and a department, beside a PHP peer's
#
# Sourced by run.sh, which sets BASE, DB, CONNS, DURATION, ROUNDS, VAR, RUN
# and NOCACHE, and gives session, measure, median and restart_module.
# 20,000 temp workers in the database, then the week view of a team of 50
# workers with 250 shifts (and a few open ones, and some of its workers
# busy at another client) and of the department of 200 workers around it
# with 1,000 shifts, kept and with nothing kept, each round interleaved
# with the same pages of the peer (tests/bench/peer/week.php: plain PHP,
# PDO) under the same wrk; then the team's week while another client's
# shifts change 20 times a second. Targets: the team at least 1,000
# requests/s with p99 under 15 ms; the department p99 under 40 ms; with
# writes elsewhere at least 90 % of the calm figure.

$DB -e "
SET @client = (SELECT client_id FROM org_units WHERE name = 'Afdeling B — Logistiek');
SET @dept = (SELECT id FROM org_units WHERE name = 'Afdeling B — Logistiek');
SET @dpath = (SELECT path FROM org_units WHERE id = @dept);
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT @dept, @client, 'team', CONCAT('Bench team ', s.seq), '', 'Europe/Brussels', UTC_TIMESTAMP() FROM seq_1_to_4 s;
UPDATE org_units SET path = CONCAT(@dpath, id, '/') WHERE name LIKE 'Bench team %';
INSERT INTO users (kind, email, first_name, last_name, status, created_at)
SELECT 'worker', CONCAT('bench', s.seq, '@flex.example'), CONCAT('Werker', s.seq), CONCAT('Bench', s.seq % 997),
  'active', UTC_TIMESTAMP() FROM seq_1_to_20000 s;
INSERT INTO availability_week (worker_user_id, weekday, starts, ends)
SELECT u.id, d.seq, '06:00', '22:00' FROM users u JOIN seq_1_to_5 d WHERE u.email LIKE 'bench%@flex.example';
INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)
SELECT u.id, t.id, 'Logistiek medewerker', 'agency', UTC_TIMESTAMP()
FROM seq_1_to_200 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example')
JOIN org_units t ON t.name = CONCAT('Bench team ', 1 + (s.seq - 1) DIV 50);
INSERT INTO worker_skills (worker_user_id, client_id, position, created_at)
SELECT worker_user_id, @client, position, UTC_TIMESTAMP() FROM pool p JOIN org_units t ON t.id = p.unit_id
WHERE t.name LIKE 'Bench team %';
SET @monday = DATE(UTC_TIMESTAMP()) - INTERVAL WEEKDAY(UTC_TIMESTAMP()) DAY;
INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, break_minutes, created_at, updated_at)
SELECT p.unit_id, p.position, p.worker_user_id, @monday + INTERVAL d.seq - 1 DAY + INTERVAL 6 HOUR,
  @monday + INTERVAL d.seq - 1 DAY + INTERVAL 14 HOUR, 30, UTC_TIMESTAMP(), UTC_TIMESTAMP()
FROM pool p JOIN org_units t ON t.id = p.unit_id JOIN seq_1_to_5 d WHERE t.name LIKE 'Bench team %';
-- Open shifts at the team, one a weekday.
INSERT INTO shifts (unit_id, position, starts_at, ends_at, break_minutes, created_at, updated_at)
SELECT t.id, 'Logistiek medewerker', @monday + INTERVAL d.seq - 1 DAY + INTERVAL 13 HOUR,
  @monday + INTERVAL d.seq - 1 DAY + INTERVAL 20 HOUR, 30, UTC_TIMESTAMP(), UTC_TIMESTAMP()
FROM org_units t JOIN seq_1_to_5 d WHERE t.name = 'Bench team 1';
-- Ten of the team's workers also work on Saturday at another client:
-- busy elsewhere, in both week views.
SET @gent = (SELECT id FROM org_units WHERE name = 'Team Gent 1');
SET @other = (SELECT client_id FROM org_units WHERE id = @gent);
INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)
SELECT u.id, @gent, 'Magazijnmedewerker', 'agency', UTC_TIMESTAMP()
FROM seq_1_to_10 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example');
INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, break_minutes, created_at, updated_at)
SELECT @gent, 'Magazijnmedewerker', u.id, @monday + INTERVAL 5 DAY + INTERVAL 7 HOUR,
  @monday + INTERVAL 5 DAY + INTERVAL 11 HOUR, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()
FROM seq_1_to_10 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example');
-- The unit of that other client whose shifts change under the writes
-- elsewhere: 50 other workers, 250 shifts.
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT parent_id, @other, 'team', 'Bench Gent 2', '', time_zone, UTC_TIMESTAMP() FROM org_units WHERE id = @gent;
UPDATE org_units o JOIN org_units p ON p.id = o.parent_id SET o.path = CONCAT(p.path, o.id, '/')
WHERE o.name = 'Bench Gent 2';
INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)
SELECT u.id, t.id, 'Magazijnmedewerker', 'agency', UTC_TIMESTAMP()
FROM seq_201_to_250 s JOIN users u ON u.email = CONCAT('bench', s.seq, '@flex.example')
JOIN org_units t ON t.name = 'Bench Gent 2';
INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, break_minutes, created_at, updated_at)
SELECT p.unit_id, p.position, p.worker_user_id, @monday + INTERVAL d.seq - 1 DAY + INTERVAL 5 HOUR,
  @monday + INTERVAL d.seq - 1 DAY + INTERVAL 13 HOUR, 30, UTC_TIMESTAMP(), UTC_TIMESTAMP()
FROM pool p JOIN org_units t ON t.id = p.unit_id JOIN seq_1_to_5 d WHERE t.name = 'Bench Gent 2';
ANALYZE TABLE users, pool, shifts, availability_week, worker_skills;" >/dev/null
# The load's history purged before measuring (its triggers moved a clock
# row once per row): the steady state, not the clean-up after a bulk load.
$DB -e "SET GLOBAL innodb_max_purge_lag_wait = 0"
TEAM=$($DB -e "SELECT id FROM org_units WHERE name = 'Bench team 1'")
DEPT=$($DB -e "SELECT id FROM org_units WHERE name = 'Afdeling B — Logistiek'")
PL=$($DB -e "SELECT COUNT(*) FROM users WHERE kind = 'worker'")
NT=$($DB -e "SELECT COUNT(*) FROM shifts s WHERE s.unit_id = $TEAM")
ND=$($DB -e "SELECT COUNT(*) FROM shifts s JOIN org_units o ON o.id = s.unit_id WHERE o.parent_id = $DEPT")

$DB -e "INSERT INTO grants (user_id, role, unit_id, created_at)
	SELECT id, 'planner', $DEPT, UTC_TIMESTAMP() FROM users WHERE email = 'planner@klant.example'"
PLAN=$(session planner@klant.example)

WEEK=$($DB -e "SELECT DATE(UTC_TIMESTAMP()) - INTERVAL WEEKDAY(UTC_TIMESTAMP()) DAY")
GENT2=$($DB -e "SELECT id FROM org_units WHERE name = 'Bench Gent 2'")
# The pages, each of the portal and of the peer, for the same unit and week.
P_TEAM="$BASE/planning/?unit=$TEAM&week=$WEEK"
P_DEPT="$BASE/planning/?unit=$DEPT&week=$WEEK"
Q_TEAM="$BASE/bench/peer/week.php?unit=$TEAM&week=$WEEK"
Q_DEPT="$BASE/bench/peer/week.php?unit=$DEPT&week=$WEEK"

# Once before measuring: both show the same workers, availability and
# shifts, or there is nothing to compare.
for u in "team $P_TEAM $Q_TEAM" "department $P_DEPT $Q_DEPT"; do
	set -- $u
	for side in portal peer; do
		url=$2
		[ $side = peer ] && url=$3
		curl -skf -o "$VAR/bench/week-$1-$side.html" -H "Cookie: __Host-session=$PLAN" "$url" ||
			{ echo "bench: the $side's week of the $1 does not answer 200 ($url)" >&2; exit 1; }
	done
	python3 tests/bench/peer/same.py "$1" "$VAR/bench/week-$1-portal.html" "$VAR/bench/week-$1-peer.html" ||
		{ echo "bench: the portal's and the peer's week of the $1 differ: no comparison" >&2; exit 1; }
done

# One round: the portal's and the peer's team, the same of the
# department, then the portal's team again while another client's unit
# (GENT2) has a shift changed 20 times a second, by a writer that starts
# before wrk and stops after it. $1: kept or nk (nothing kept).
planning_round() {
	measure "$P_TEAM" "$PLAN" >> "$VAR/bench/pl-team-$1.runs"
	measure "$Q_TEAM" "$PLAN" >> "$VAR/bench/pl-team-peer-$1.runs"
	measure "$P_DEPT" "$PLAN" >> "$VAR/bench/pl-dept-$1.runs"
	measure "$Q_DEPT" "$PLAN" >> "$VAR/bench/pl-dept-peer-$1.runs"
	tests/bench/peer/peer.sh writes "$GENT2" 20 $((DURATION + 1)) >> "$VAR/bench/pl-writer-$1.runs" &
	writer=$!
	# In the stack's pid files: `stack.sh stop` ends it if the bench dies.
	echo $writer > "$RUN/bench-writer.pid"
	sleep 0.5
	measure "$P_TEAM" "$PLAN" >> "$VAR/bench/pl-team-writes-$1.runs"
	wait $writer || { echo "bench: the writer failed" >&2; exit 1; }
	rm -f "$RUN/bench-writer.pid"
}

echo "planning: $PL temp workers in the database; the week of a team of 50 ($NT shifts) and of"
echo "  its department of 200 ($ND shifts); $CONNS connections, ${DURATION}s a run, $ROUNDS rounds of"
echo "  (portal, peer) × (team, department) and the team with writes elsewhere, kept and with"
echo "  nothing kept; medians by req/s"
echo "  peer: tests/bench/peer/week.php, PHP $(php -r 'echo PHP_VERSION;') under php-fpm" \
	"(pm = static, $($CTL config-get Stack.Instances) children), PDO, opcache"
echo "  page sizes (portal / peer): team $(wc -c < "$VAR/bench/week-team-portal.html")" \
	"/ $(wc -c < "$VAR/bench/week-team-peer.html") bytes, department" \
	"$(wc -c < "$VAR/bench/week-department-portal.html") / $(wc -c < "$VAR/bench/week-department-peer.html") bytes"
rm -f "$VAR"/bench/pl-*.runs
# Each round kept, then with nothing kept (Cache.Bytes = 0: every request
# reads the planning — what the first request after each change costs),
# so that the peer's figures and the portal's are never far apart in time.
i=0
while [ $i -lt "$ROUNDS" ]; do
	planning_round kept
	restart_module planning "$NOCACHE"
	planning_round nk
	restart_module planning "$PORTAL_CONF"
	i=$((i + 1))
done

# LABEL PORTAL_RUNS PEER_RUNS: a line of the table.
beside() {
	set -- "$1" $(median "$2") $(median "$3") \
		"$(cat "$2" "$3" | awk '{ s += $4 } END { print s + 0 }')"
	awk -v l="$1" -v r="$2" -v a="$3" -v b="$4" -v R="$6" -v A="$7" -v B="$8" -v bad="${10}" 'BEGIN {
		printf "%-26s %9.0f %7.2f %7.2f | %9.0f %7.2f %7.2f | %8.2f %8.2f%s\n", l, r, a, b, R, A, B,
			R ? r / R : 0, B ? b / B : 0, bad ? "  (" bad " not 2xx)" : "" }'
}
printf '%-26s %9s %7s %7s | %9s %7s %7s | %8s %8s\n' "week view" "portal" "p50 ms" "p99 ms" \
	"peer" "p50 ms" "p99 ms" "req/s" "p99"
printf '%-26s %9s %7s %7s | %9s %7s %7s | %8s %8s\n' "" "req/s" "" "" "req/s" "" "" "po/peer" "po/peer"
beside "team, kept" "$VAR/bench/pl-team-kept.runs" "$VAR/bench/pl-team-peer-kept.runs"
beside "team, nothing kept" "$VAR/bench/pl-team-nk.runs" "$VAR/bench/pl-team-peer-nk.runs"
beside "department, kept" "$VAR/bench/pl-dept-kept.runs" "$VAR/bench/pl-dept-peer-kept.runs"
beside "department, nothing kept" "$VAR/bench/pl-dept-nk.runs" "$VAR/bench/pl-dept-peer-nk.runs"
echo "targets: team at least 1,000 req/s with p99 under 15 ms; department p99 under 40 ms"

# The writes elsewhere beside the calm figures of the same rounds.
rate=$(cat "$VAR"/bench/pl-writer-*.runs | awk '{ n += $2; t += $3 } END { printf "%.1f", t ? n / t : 0 }')
echo "writes elsewhere: the team's week while a shift of another client changes 20 times a second"
echo "  (UPDATE shifts at $($DB -e "SELECT name FROM org_units WHERE id = $GENT2"), through the planning's triggers; $rate writes/s made)"
calm() {
	set -- "$1" $(median "$2") $(median "$3") "$(awk '{ s += $4 } END { print s + 0 }' "$3")"
	awk -v l="$1" -v r="$2" -v b="$4" -v R="$6" -v B="$8" -v bad="${10}" 'BEGIN {
		printf "%-26s %9.0f %7.2f | %9.0f %7.2f | %6.1f %% %6.1f %%%s\n", l, r, b, R, B,
			r ? 100 * R / r : 0, b ? 100 * B / b : 0, bad ? "  (" bad " not 2xx)" : "" }'
}
printf '%-26s %9s %7s | %9s %7s | %8s %8s\n' "" "calm" "p99 ms" "writes" "p99 ms" "req/s" "p99"
printf '%-26s %9s %7s | %9s %7s | %8s %8s\n' "" "req/s" "" "req/s" "" "w/calm" "w/calm"
calm "team, kept" "$VAR/bench/pl-team-kept.runs" "$VAR/bench/pl-team-writes-kept.runs"
calm "team, nothing kept" "$VAR/bench/pl-team-nk.runs" "$VAR/bench/pl-team-writes-nk.runs"
echo "target: with writes elsewhere at least 90 % of the calm req/s"

# Publishing: the department's week (1,000 shifts) through the outbox to the
# back-office simulator, timed until every shift is contracted.
CSRF=$(curl -skf -H "Cookie: __Host-session=$PLAN" "$BASE/planning/?unit=$DEPT" |
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
start=$(date +%s.%N)
curl -sk -o /dev/null -H "Cookie: __Host-session=$PLAN" -H "Origin: $BASE" \
	--data-urlencode "csrf=$CSRF" --data-urlencode "unit=$DEPT" --data-urlencode "week=$WEEK" \
	"$BASE/planning/publish"
PUB=$($DB -e "SELECT COUNT(*) FROM shifts s JOIN org_units o ON o.id = s.unit_id
	WHERE o.parent_id = $DEPT AND s.state <> 'planned'")
done_n=0
i=0
while [ $i -lt 240 ]; do
	done_n=$($DB -e "SELECT COUNT(*) FROM shifts s JOIN org_units o ON o.id = s.unit_id
		WHERE o.parent_id = $DEPT AND s.state IN ('contracted', 'refused')")
	[ "$done_n" -ge "$PUB" ] && break
	sleep 0.5
	i=$((i + 1))
done
end=$(date +%s.%N)
OK=$($DB -e "SELECT COUNT(*) FROM shifts s JOIN org_units o ON o.id = s.unit_id
	WHERE o.parent_id = $DEPT AND s.state = 'contracted'")
PDF=$($DB -e "SELECT COUNT(*) FROM contracts c JOIN shifts s ON s.id = c.shift_id JOIN org_units o
	ON o.id = s.unit_id WHERE o.parent_id = $DEPT AND c.document_id IS NOT NULL")
awk -v n="$done_n" -v p="$PUB" -v ok="$OK" -v pdf="$PDF" -v s="$start" -v e="$end" 'BEGIN {
	printf "publishing %d shifts: %d answered by the back-office in %.1f s, %d contracted, %d PDFs stored\n", p, n, e - s, ok, pdf
	printf "  (target: 1,000 contracted within 60 s)\n" }'

#!/bin/sh
# bench-data.sh: `make bench-data` — five years of clients, approved hours and invoices for the reports
#
#   BENCH_DATA_SCALE=N scripts/bench-data.sh      (N from 1 to 100; default 1)
#
# Into the database of PORTAL_CONF (Database.Socket and Database.Name; as
# MariaDB's root over the socket, like make bench), below the agency's
# root unit (portalctl seed-demo makes it), at scale N:
#
#   * 200·N clients "Bench klant 0001" …, each a root unit with 2 sites of
#     2 departments of 2 or 3 teams, paths materialised as org_create does;
#   * 50,000·N temp workers (users of kind worker, no client), each at one
#     client for a stint of 20 to 60 weeks (1 in 25 moves to a second
#     client half-way). Bench klant 0001 is a big client of 5,000 of them
#     at every scale; the others share the rest, about 225 each;
#   * a timesheet per worker, week and team, with 1 to 4 days' entries
#     (about 2,000,000·N timesheets and 5,000,000·N entries) over the weeks
#     of the 5 calendar years ending with this one, up to last week: last
#     week's submitted, 1 in 101 of the others rejected, the rest approved
#     (no timesheet_versions: the reports read none);
#   * an invoice per client and week (dated the week's Sunday) with a line
#     per approved timesheet, priced as the back-office does
#     (amount = (minutes·rate + 30) div 60, VAT = (amount·21 + 50) div 100),
#     the invoice's totals the sums of its lines: about 2,000,000·N lines;
#   * report_invoiced, report_presence and report_presence_year for all
#     of it, the rows lib/report.c keeps (report_invoice_line per line,
#     presence_month per worker, unit and month, presence_year per worker,
#     unit and year), computed here in one pass each.
#
# It refuses to run into a database that holds generated clients already
# (it wipes nothing: generate into a fresh database instead). Everything
# is one transaction: a failure leaves the database as it was.
set -eu
cd "$(dirname "$0")/.."
export PORTAL_CONF=${PORTAL_CONF:-conf/portal.hdf}
CTL=build/sbin/portalctl

die() { echo "bench-data: $*" >&2; exit 1; }
[ -x "$CTL" ] || die "build first: make"
SCALE=${BENCH_DATA_SCALE:-1}
case $SCALE in '' | *[!0-9]*) die "BENCH_DATA_SCALE is a whole number from 1 to 100" ;; esac
[ "$SCALE" -ge 1 ] && [ "$SCALE" -le 100 ] || die "BENCH_DATA_SCALE is a whole number from 1 to 100"
SOCK=$($CTL config-get Database.Socket) || die "cannot read Database.Socket from $PORTAL_CONF"
DBNAME=$($CTL config-get Database.Name) || die "cannot read Database.Name from $PORTAL_CONF"
ZONE=$($CTL config-get Planning.TimeZone) || die "cannot read Planning.TimeZone from $PORTAL_CONF"
DB="mariadb --no-defaults -S $SOCK -u root -N -B $DBNAME"

CLIENTS=$((200 * SCALE))
WORKERS=$((50000 * SCALE))
BIG=5000

$DB -e "SELECT 1" >/dev/null 2>&1 || die "no database $DBNAME at $SOCK (is the stack running?)"
set -- $($DB -e "SELECT id, path FROM org_units WHERE kind = 'agency' AND parent_id IS NULL ORDER BY id LIMIT 1")
[ $# -eq 2 ] || die "no agency unit in $DBNAME: load the demo first (portalctl seed-demo)"
AGENCY=$1 APATH=$2
[ "$($DB -e "SELECT COUNT(*) FROM org_units WHERE kind = 'client' AND name LIKE 'Bench klant %'")" -eq 0 ] ||
	die "$DBNAME holds generated clients already: generate into a fresh database"
[ "$($DB -e "SELECT COUNT(*) FROM users WHERE email LIKE '%@bench-data.example'")" -eq 0 ] ||
	die "$DBNAME holds generated workers already: generate into a fresh database"

echo "bench-data: scale $SCALE into $DBNAME: $CLIENTS clients, $WORKERS temp workers, 5 years"
start=$(date +%s.%N)

# One session (its temporary tables and variables carry from one step to
# the next) and one transaction; each step says how long it took. Foreign
# keys and unique checks are off for the load: every row refers to rows
# made just before, and every key is unique by construction.
$DB --unbuffered <<EOS
SET SESSION foreign_key_checks = 0, unique_checks = 0;
SET SESSION tmp_table_size = 1073741824, max_heap_table_size = 1073741824;
SET @clients = $CLIENTS, @workers = $WORKERS, @big = $BIG, @agency = $AGENCY, @apath = '$APATH', @zone = '$ZONE';
SET @digits = GREATEST(4, LENGTH(@clients));
SET @y0 = YEAR(UTC_DATE()) - 4;
-- The Monday of the week of 1 January, five years ago, to last week's.
SET @first = MAKEDATE(@y0, 1) - INTERVAL WEEKDAY(MAKEDATE(@y0, 1)) DAY;
SET @last = UTC_DATE() - INTERVAL WEEKDAY(UTC_DATE()) + 7 DAY;
SET @weeks = DATEDIFF(@last, @first) DIV 7 + 1;
SET @made = TIMESTAMP(@first - INTERVAL 30 DAY, '09:00:00');
SELECT CONCAT('  weeks ', @first, ' to ', @last, ' (', @weeks, ')');
SET @t = NOW(6);
START TRANSACTION;

-- --- the clients and their units -------------------------------------------
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT @agency, NULL, 'client', CONCAT('Bench klant ', LPAD(s.seq, @digits, '0')), '', @zone, @made
FROM seq_1_to_$CLIENTS s ORDER BY s.seq;
CREATE TEMPORARY TABLE bench_client (
  no INT UNSIGNED NOT NULL PRIMARY KEY,
  unit_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NULL,
  teams INT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY (client_id)
) ENGINE=MEMORY;
INSERT INTO bench_client (no, unit_id)
SELECT CAST(SUBSTRING(name, 13) AS UNSIGNED), id FROM org_units
WHERE parent_id = @agency AND kind = 'client' AND name LIKE 'Bench klant %';
UPDATE org_units o JOIN bench_client b ON b.unit_id = o.id SET o.path = CONCAT(@apath, o.id, '/');
INSERT INTO clients (unit_id, name, created_at)
SELECT o.id, o.name, @made FROM bench_client b JOIN org_units o ON o.id = b.unit_id ORDER BY b.no;
UPDATE bench_client b JOIN clients c ON c.unit_id = b.unit_id SET b.client_id = c.id;
UPDATE org_units o JOIN bench_client b ON b.unit_id = o.id SET o.client_id = b.client_id;
-- Two sites a client, two departments a site, two or three teams a
-- department; each level's paths from its parent's.
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT b.unit_id, b.client_id, 'site', CONCAT('Bench ', LPAD(b.no, @digits, '0'), ' vestiging ', s.seq), '', @zone, @made
FROM bench_client b JOIN seq_1_to_2 s ORDER BY b.no, s.seq;
UPDATE org_units o JOIN bench_client b ON b.client_id = o.client_id JOIN org_units p ON p.id = o.parent_id
SET o.path = CONCAT(p.path, o.id, '/') WHERE o.kind = 'site';
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT o.id, o.client_id, 'department', CONCAT(REPLACE(o.name, ' vestiging ', ' afdeling '), '.', s.seq), '', @zone, @made
FROM bench_client b JOIN org_units o ON o.client_id = b.client_id AND o.kind = 'site' JOIN seq_1_to_2 s
ORDER BY o.id, s.seq;
UPDATE org_units o JOIN bench_client b ON b.client_id = o.client_id JOIN org_units p ON p.id = o.parent_id
SET o.path = CONCAT(p.path, o.id, '/') WHERE o.kind = 'department';
INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)
SELECT o.id, o.client_id, 'team', CONCAT(REPLACE(o.name, ' afdeling ', ' team '), '.', s.seq), '', @zone, @made
FROM bench_client b JOIN org_units o ON o.client_id = b.client_id AND o.kind = 'department' JOIN seq_1_to_3 s
WHERE s.seq <= 2 + (b.no + o.id) % 2 ORDER BY o.id, s.seq;
UPDATE org_units o JOIN bench_client b ON b.client_id = o.client_id JOIN org_units p ON p.id = o.parent_id
SET o.path = CONCAT(p.path, o.id, '/') WHERE o.kind = 'team';
-- The teams of each client, numbered from 0.
CREATE TEMPORARY TABLE bench_team (
  client_no INT UNSIGNED NOT NULL,
  k INT UNSIGNED NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (client_no, k),
  UNIQUE KEY (unit_id)
) ENGINE=MEMORY;
INSERT INTO bench_team (client_no, k, unit_id)
SELECT b.no, ROW_NUMBER() OVER (PARTITION BY b.no ORDER BY o.id) - 1, o.id
FROM bench_client b JOIN org_units o ON o.client_id = b.client_id AND o.kind = 'team';
UPDATE bench_client b JOIN (SELECT client_no, COUNT(*) AS n FROM bench_team GROUP BY client_no) t
  ON t.client_no = b.no SET b.teams = t.n;
SELECT CONCAT('  units: ', (SELECT COUNT(*) FROM bench_client), ' clients, ',
  (SELECT COUNT(*) FROM bench_team), ' teams, in ', ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SET @t = NOW(6);

-- --- the temp workers -------------------------------------------------------
INSERT INTO users (kind, client_id, email, first_name, last_name, job_title, status, created_at, last_activity_at)
SELECT 'worker', NULL, CONCAT('w', LPAD(s.seq, 7, '0'), '@bench-data.example'),
  ELT(1 + s.seq % 12, 'Jan', 'Sanne', 'Youssef', 'Lisa', 'Tom', 'Emma', 'Noah', 'Fatima', 'Daan', 'Julia',
    'Mehmet', 'Sophie'),
  CONCAT('Bench-', s.seq), '', 'active', @made, @made
FROM seq_1_to_$WORKERS s ORDER BY s.seq;
-- Where each works: the big client's 5,000 first, then the others in
-- turn; a team of the client by his number; a stint of 20 to 60 weeks
-- from a week of his own (wrapping round the five years); 1 in 25 half
-- of it at a second client.
CREATE TEMPORARY TABLE bench_worker (
  w INT UNSIGNED NOT NULL PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  c1 INT UNSIGNED NOT NULL,
  n1 INT UNSIGNED NOT NULL,
  c2 INT UNSIGNED NOT NULL,
  pos TINYINT UNSIGNED NOT NULL,
  start INT UNSIGNED NOT NULL,
  len INT UNSIGNED NOT NULL,
  t1 BIGINT UNSIGNED NULL,
  t2 BIGINT UNSIGNED NULL
) ENGINE=MEMORY;
INSERT INTO bench_worker (w, user_id, c1, n1, c2, pos, start, len)
SELECT s.seq, u.id,
  IF(s.seq <= @big, 1, 2 + (s.seq - @big - 1) % (@clients - 1)),
  IF(s.seq <= @big, s.seq - 1, (s.seq - @big - 1) DIV (@clients - 1)),
  IF(s.seq % 25, 0, IF(s.seq <= @big, 2 + s.seq % (@clients - 1),
    2 + ((s.seq - @big - 1) % (@clients - 1) + 1 + (s.seq DIV 25) % 5) % (@clients - 1))),
  1 + (s.seq DIV 3) % 5, (s.seq * 7919) % @weeks, 20 + ((s.seq * 104729) DIV 13) % 41
FROM seq_1_to_$WORKERS s JOIN users u ON u.email = CONCAT('w', LPAD(s.seq, 7, '0'), '@bench-data.example');
UPDATE bench_worker w JOIN bench_client b ON b.no = w.c1 JOIN bench_team t ON t.client_no = w.c1 AND t.k = w.n1 % b.teams
SET w.t1 = t.unit_id;
UPDATE bench_worker w JOIN bench_client b ON b.no = w.c2 JOIN bench_team t ON t.client_no = w.c2 AND t.k = w.w % b.teams
SET w.t2 = t.unit_id WHERE w.c2 <> 0 AND w.c2 <> w.c1;
SELECT CONCAT('  workers: ', COUNT(*), ' (', SUM(t2 IS NOT NULL), ' at two clients), in ',
  ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s') FROM bench_worker;
SET @t = NOW(6);

-- --- timesheets and their days ----------------------------------------------
-- A week's shape from (worker, week): h picks 1 to 4 days in a row within
-- Monday to Friday and 4 to 8 hours a day, the same every day of it.
SET @ts0 = (SELECT COALESCE(MAX(id), 0) FROM timesheets);
INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, minutes, reason,
  submitted_at, decided_at, created_at, updated_at)
SELECT user_id, unit_id, position, week,
  IF(week = @last, 'submitted', IF(h % 101 = 0, 'rejected', 'approved')),
  IF(week = @last OR h % 101 = 0, 0, 1),
  (1 + h % 4) * (240 + (h DIV 16) % 9 * 30),
  IF(week < @last AND h % 101 = 0, 'De uren kloppen niet met het rooster.', NULL),
  TIMESTAMP(week + INTERVAL 4 DAY, '15:00:00'),
  IF(week = @last, NULL, TIMESTAMP(week + INTERVAL 8 DAY, '09:00:00')),
  TIMESTAMP(week, '05:00:00'),
  IF(week = @last, TIMESTAMP(week + INTERVAL 4 DAY, '15:00:00'), TIMESTAMP(week + INTERVAL 8 DAY, '09:00:00'))
FROM (
  SELECT w.user_id, IF(w.t2 IS NOT NULL AND k.seq >= w.len DIV 2, w.t2, w.t1) AS unit_id,
    ELT(w.pos, 'Orderpicker', 'Heftruckchauffeur', 'Productiemedewerker', 'Magazijnmedewerker', 'Inpakker') AS position,
    @first + INTERVAL (w.start + k.seq) % @weeks WEEK AS week,
    (w.user_id * 7919 + TO_DAYS(@first + INTERVAL (w.start + k.seq) % @weeks WEEK) * 104729) % 1000003 AS h
  FROM bench_worker w STRAIGHT_JOIN seq_0_to_59 k ON k.seq < w.len
) x;
SET @n_ts = ROW_COUNT();
SELECT CONCAT('  timesheets: ', @n_ts, ', in ', ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SET @t = NOW(6);
-- From 06:00 or 07:00 at the unit (05:00 UTC), with a half-hour break
-- from 6 hours on; no night or weekend minutes.
INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,
  created_at, updated_at)
SELECT x.id, x.week + INTERVAL ((x.h DIV 4) % (5 - x.h % 4) + d.seq) DAY,
  TIMESTAMP(x.week + INTERVAL ((x.h DIV 4) % (5 - x.h % 4) + d.seq) DAY, '05:00:00'),
  TIMESTAMP(x.week + INTERVAL ((x.h DIV 4) % (5 - x.h % 4) + d.seq) DAY, '05:00:00')
    + INTERVAL x.m + IF(x.m >= 360, 30, 0) MINUTE,
  IF(x.m >= 360, 30, 0), x.m, x.position, x.created_at, x.submitted_at
FROM (
  SELECT t.id, t.week, t.position, t.created_at, t.submitted_at,
    (t.worker_user_id * 7919 + TO_DAYS(t.week) * 104729) % 1000003 AS h,
    240 + ((t.worker_user_id * 7919 + TO_DAYS(t.week) * 104729) % 1000003 DIV 16) % 9 * 30 AS m
  FROM timesheets t STRAIGHT_JOIN bench_team b ON b.unit_id = t.unit_id
  WHERE t.id > @ts0
) x STRAIGHT_JOIN seq_0_to_3 d ON d.seq <= x.h % 4;
SET @n_en = ROW_COUNT();
SELECT CONCAT('  entries: ', @n_en, ', in ', ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SET @t = NOW(6);

-- --- invoices and their lines -----------------------------------------------
-- A line per approved timesheet: its client, week and number on the
-- client's invoice of that week (in the order of the timesheets), its
-- rate per client and position in cents an hour (EUR 22 to 33) and its
-- amount.
CREATE TEMPORARY TABLE bench_line (
  timesheet_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  week DATE NOT NULL,
  line_no INT UNSIGNED NOT NULL,
  rate_cents INT NOT NULL,
  amount_cents BIGINT NOT NULL
);
INSERT INTO bench_line (timesheet_id, client_id, week, line_no, rate_cents, amount_cents)
SELECT id, client_id, week, ROW_NUMBER() OVER (PARTITION BY client_id, week ORDER BY id), rate,
  (minutes * rate + 30) DIV 60
FROM (
  SELECT t.id, b.client_id, t.week, t.minutes,
    2200 + (b.no * 7 + FIELD(t.position, 'Orderpicker', 'Heftruckchauffeur', 'Productiemedewerker',
      'Magazijnmedewerker', 'Inpakker') * 3) % 12 * 100 AS rate
  FROM timesheets t STRAIGHT_JOIN bench_team k ON k.unit_id = t.unit_id
  STRAIGHT_JOIN bench_client b ON b.no = k.client_no
  WHERE t.id > @ts0 AND t.state = 'approved'
) x;
SET @inv0 = (SELECT COALESCE(MAX(id), 0) FROM invoices);
INSERT INTO invoices (client_id, number, kind, credits, invoice_date, period_start, period_end, amount_cents,
  vat_cents, imported_at)
SELECT client_id, CONCAT('B', DATE_FORMAT(week, '%x-%v')), 'invoice', NULL, week + INTERVAL 6 DAY, week,
  week + INTERVAL 6 DAY, SUM(amount_cents), SUM((amount_cents * 21 + 50) DIV 100),
  TIMESTAMP(week + INTERVAL 9 DAY, '03:00:00')
FROM bench_line GROUP BY week, client_id ORDER BY NULL;
SET @n_inv = ROW_COUNT();
INSERT INTO invoice_lines (invoice_id, line_no, unit_id, invoice_date, worker_user_id, position, period_start,
  period_end, minutes, rate_cents, amount_cents, vat_cents)
SELECT i.id, l.line_no, t.unit_id, i.invoice_date, t.worker_user_id, t.position, t.week, t.week + INTERVAL 6 DAY,
  t.minutes, l.rate_cents, l.amount_cents, (l.amount_cents * 21 + 50) DIV 100
FROM bench_line l
STRAIGHT_JOIN invoices i ON i.client_id = l.client_id AND i.invoice_date = l.week + INTERVAL 6 DAY
STRAIGHT_JOIN timesheets t ON t.id = l.timesheet_id
WHERE i.id > @inv0;
SET @n_lines = ROW_COUNT();
SELECT CONCAT('  invoices: ', @n_inv, ' with ', @n_lines, ' lines, in ',
  ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SET @t = NOW(6);

-- --- the reports' summaries -------------------------------------------------
-- report_invoice_line's sums: a row per unit, month of the invoice's date
-- and position.
INSERT INTO report_invoiced (unit_id, month, position, amount_cents, vat_cents, minutes, line_count)
SELECT l.unit_id, l.invoice_date - INTERVAL DAYOFMONTH(l.invoice_date) - 1 DAY, l.position,
  SUM(l.amount_cents), SUM(l.vat_cents), SUM(l.minutes), COUNT(*)
FROM invoice_lines l STRAIGHT_JOIN bench_team b ON b.unit_id = l.unit_id
GROUP BY l.unit_id, l.invoice_date - INTERVAL DAYOFMONTH(l.invoice_date) - 1 DAY, l.position;
SET @n_ri = ROW_COUNT();
-- presence_month's rows: the approved days of a worker at a unit in a
-- month, per position.
INSERT INTO report_presence (unit_id, month, position, worker_user_id, days, minutes)
SELECT t.unit_id, e.day - INTERVAL DAYOFMONTH(e.day) - 1 DAY, e.position, t.worker_user_id,
  BIT_OR(1 << (DAYOFMONTH(e.day) - 1)), SUM(e.minutes)
FROM timesheets t STRAIGHT_JOIN bench_team b ON b.unit_id = t.unit_id
STRAIGHT_JOIN timesheet_entries e ON e.timesheet_id = t.id
WHERE t.id > @ts0 AND t.state = 'approved'
GROUP BY t.unit_id, e.day - INTERVAL DAYOFMONTH(e.day) - 1 DAY, e.position, t.worker_user_id;
SET @n_rp = ROW_COUNT();
-- presence_year's: the same a row per worker, unit, position and year.
INSERT INTO report_presence_year (unit_id, year, position, worker_user_id,
  m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
SELECT p.unit_id, YEAR(p.month), p.position, p.worker_user_id,
  BIT_OR(IF(MONTH(p.month) = 1, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 2, p.days, 0)),
  BIT_OR(IF(MONTH(p.month) = 3, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 4, p.days, 0)),
  BIT_OR(IF(MONTH(p.month) = 5, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 6, p.days, 0)),
  BIT_OR(IF(MONTH(p.month) = 7, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 8, p.days, 0)),
  BIT_OR(IF(MONTH(p.month) = 9, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 10, p.days, 0)),
  BIT_OR(IF(MONTH(p.month) = 11, p.days, 0)), BIT_OR(IF(MONTH(p.month) = 12, p.days, 0))
FROM report_presence p STRAIGHT_JOIN bench_team b ON b.unit_id = p.unit_id
GROUP BY p.unit_id, YEAR(p.month), p.position, p.worker_user_id;
SET @n_ry = ROW_COUNT();
SELECT CONCAT('  summaries: ', @n_ri, ' rows of report_invoiced, ', @n_rp, ' of report_presence, ',
  @n_ry, ' of report_presence_year, in ',
  ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SET @t = NOW(6);
COMMIT;
SELECT CONCAT('  commit in ', ROUND(TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 1e6, 1), ' s');
SELECT CONCAT('bench-data: ', (SELECT COUNT(*) FROM bench_client), ' clients (',
  (SELECT COUNT(*) FROM org_units o JOIN bench_client b ON b.client_id = o.client_id), ' units), ',
  (SELECT COUNT(*) FROM bench_worker), ' temp workers, ', @n_ts, ' timesheets (', SUM(state = 'approved'),
  ' approved, ', SUM(state = 'submitted'), ' submitted, ', SUM(state = 'rejected'), ' rejected), ', @n_en,
  ' entries (', SUM(IF(state = 'approved', 1 + (worker_user_id * 7919 + TO_DAYS(week) * 104729) % 1000003 % 4, 0)),
  ' approved), ', @n_inv, ' invoices, ',
  @n_lines, ' invoice lines, ', @n_ri, ' + ', @n_rp, ' + ', @n_ry, ' summary rows')
FROM timesheets WHERE id > @ts0;
EOS
$DB -e "ANALYZE TABLE org_units, clients, users, timesheets, timesheet_entries, invoices, invoice_lines,
	report_invoiced, report_presence, report_presence_year" >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "bench-data: done in %.0f s (analyzed too)\n", e - s }'

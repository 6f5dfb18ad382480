# vacancies.sh: part of `make bench` (sourced by run.sh, which sets BASE, DB,
# CONNS, DURATION, VAR and NOCACHE, and gives session, page and restart_module): 1,000 vacancies and 10,000 candidates in the
# database, then the vacancy list of an HR manager (the whole site), a
# filtered list, a vacancy's board and the consultant's overview, each under
# wrk. Target: p99 under 20 ms for the list and the board.

$DB -e "
SET @units = (SELECT JSON_ARRAYAGG(id) FROM org_units WHERE name IN
  ('Team A1 — Inpak', 'Team A2 — Expeditie', 'Team B1 — Ontvangst', 'Team B2 — Magazijn', 'Team Gent 1'));
SET @consultant = (SELECT id FROM users WHERE email = 'consultant@uitzendbureau.example');
INSERT INTO vacancies (unit_id, title, position, description, hours_per_week, shift_pattern,
  start_date, positions, state, openings, created_by, created_at, updated_at, state_changed_at)
SELECT JSON_VALUE(@units, CONCAT('\$[', s.seq % 5, ']')), CONCAT('Bench vacature ', s.seq),
  ELT(1 + s.seq % 3, 'Orderpicker', 'Productiemedewerker inpak', 'Heftruckchauffeur'),
  'Een vacature van de benchmark.', 38, 'day', UTC_DATE() + INTERVAL s.seq % 60 DAY, 1 + s.seq % 4,
  ELT(1 + s.seq % 10, 'open', 'open', 'open', 'open', 'open', 'open', 'on_hold', 'filled', 'closed', 'draft'),
  1, NULL, UTC_TIMESTAMP() - INTERVAL s.seq * 7 MINUTE, UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL s.seq MINUTE
FROM seq_1_to_1000 s;
INSERT INTO vacancy_events (vacancy_id, state, at)
SELECT id, state, state_changed_at FROM vacancies WHERE title LIKE 'Bench vacature %';
INSERT INTO candidates (vacancy_id, name, contact, proposal, anonymised, state, created_by, created_at, state_changed_at)
SELECT v.id, CONCAT('Kandidaat ', v.id, '-', k.seq), CONCAT('k', v.id, '-', k.seq, '@example.net'),
  'Een voorstel van de benchmark.', k.seq % 4 = 0,
  ELT(1 + k.seq % 5, 'proposed', 'interview', 'accepted', 'rejected', 'withdrawn'), @consultant,
  v.created_at + INTERVAL k.seq HOUR, v.created_at + INTERVAL k.seq * 2 HOUR
FROM vacancies v JOIN seq_1_to_10 k WHERE v.title LIKE 'Bench vacature %';
ANALYZE TABLE vacancies, candidates, vacancy_events;" >/dev/null
# The load's history purged before measuring (its triggers moved a clock
# row once per row): the steady state, not the clean-up after a bulk load.
$DB -e "SET GLOBAL innodb_max_purge_lag_wait = 0"
VAC=$($DB -e "SELECT COUNT(*) FROM vacancies")
CAN=$($DB -e "SELECT COUNT(*) FROM candidates")
BOARD=$($DB -e "SELECT v.id FROM vacancies v JOIN org_units o ON o.id = v.unit_id
	WHERE o.name = 'Team A1 — Inpak' AND v.title LIKE 'Bench vacature %' AND v.state = 'open'
	ORDER BY v.id DESC LIMIT 1")

HR=$(session hr.manager@klant.example)
HM=$(session hiring.manager@klant.example)
CO=$(session consultant@uitzendbureau.example)

echo "vacancies: $VAC vacancies, $CAN candidates in the database; $CONNS connections"
printf '%-32s %10s %9s %9s\n' "" "req/s" "p50 ms" "p99 ms"
page "list, HR manager (site)" "$HR" "/vacancies/"
page "list, filtered and sorted" "$HR" "/vacancies/?state=open&q=Orderpicker&sort=start"
page "list, hiring manager (team)" "$HM" "/vacancies/"
page "board of a vacancy" "$HM" "/vacancies/$BOARD"
page "overview across clients" "$CO" "/vacancies/overview"
echo "target: p99 under 20 ms for the list and the board; the overview p99 under 50 ms"
restart_module vacancies "$NOCACHE"
page "  nothing kept: list, HR manager" "$HR" "/vacancies/"
page "  nothing kept: board" "$HM" "/vacancies/$BOARD"
page "  nothing kept: overview" "$CO" "/vacancies/overview"
restart_module vacancies "$PORTAL_CONF"

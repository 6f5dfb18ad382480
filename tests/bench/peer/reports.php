<?php
// reports.php: the client report in plain PHP, make bench's peer of the portal's /reports/
//
// What a hosting user would write for the same page: PHP-FPM, PDO with
// prepared statements, no framework, no template engine, and no summary
// tables: the figures straight from the rows they come from, with a GROUP
// BY. It shows what the portal's /reports/?unit=U&from=YYYY-MM&to=YYYY-MM
// shows (cgi-bin/reports/client.c): for each month of the period (at most
// twelve) and the same month a year earlier, the amount invoiced without
// VAT (the invoice lines below the unit, in the month of their invoice's
// date, which the line carries), the unique temp workers with approved
// hours there and the temps at work per working day (distinct worker-days
// from Monday to Friday over the working days of the month; this month's
// until today, against as many days of the same month a year earlier),
// each with its difference in per cent; below them the period's totals. Above the
// table, the form: the units the user may choose (at most 500, as the
// portal lists them) and the period.
//
// It checks the session as timesheets.php does (the cookie's SHA-256 in
// sessions, with its user), then the user's grants of a role that holds
// report.view (PEER_ROLES: conf/roles.hdf, as the portal reads it). The
// database account comes from the pool's configuration, never from here.
// The connection is persistent, and the prepares are PDO's own, as in
// week.php.
declare(strict_types=1);

function h(?string $s): string
{
	return htmlspecialchars((string)$s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function fail(int $status, string $text): never
{
	http_response_code($status);
	header('Content-Type: text/plain; charset=utf-8');
	header('Cache-Control: no-store');
	echo $text, "\n";
	exit;
}

// The roles that hold a permission, from roles.hdf: Roles { name { Perms = … } }.
function roles_with(string $file, string $perm): array
{
	$roles = [];
	$role = null;
	foreach (file($file, FILE_IGNORE_NEW_LINES) ?: [] as $line) {
		if (preg_match('/^\s*(\w+)\s*\{\s*$/', $line, $m)) {
			$role = $m[1];
		} elseif ($role !== null && preg_match('/^\s*Perms\s*=\s*(.*)$/', $line, $m)
			&& in_array($perm, preg_split('/\s+/', trim($m[1])), true)) {
			$roles[] = $role;
		}
	}
	return $roles;
}

// Does one of the paths hold the unit at $path?
function under(string $path, array $paths): bool
{
	foreach ($paths as $p) {
		if (str_starts_with($path, $p)) {
			return true;
		}
	}
	return false;
}

// v in units of 10^-$d, as "1,234.56".
function num(int $v, int $d): string
{
	return $d ? number_format($v / 10 ** $d, $d, '.', ',') : number_format($v, 0, '.', ',');
}

// now against before in tenths of a per cent, rounded half away from zero
// (as the portal reckons it); null for nothing against nothing.
function diff(int $now, int $before): ?int
{
	if (!$before) {
		return null;
	}
	$d = intdiv(($now - $before) * 2000, $before);
	return $d >= 0 ? intdiv($d + 1, 2) : -intdiv(-$d + 1, 2);
}

function pct(?int $permille): string
{
	return $permille === null ? '' : ($permille > 0 ? '+' : '') . num($permille, 1) . ' %';
}

// Worker-days over working days, in hundredths, rounded.
function average(int $days, int $working): int
{
	return $working ? intdiv($days * 200 + $working, 2 * $working) : 0;
}

// Monday to Friday in the month "YYYY-MM", up to day $upto.
function working_days(string $ym, int $upto = 31): int
{
	$n = 0;
	$d = new DateTimeImmutable($ym . '-01');
	for ($end = $d->modify('first day of next month'); $d < $end && (int)$d->format('j') <= $upto; $d = $d->modify('+1 day')) {
		$n += (int)$d->format('N') <= 5 ? 1 : 0;
	}
	return $n;
}

$db = new PDO(
	'mysql:unix_socket=' . getenv('PEER_DB_SOCKET') . ';dbname=' . getenv('PEER_DB_NAME') . ';charset=utf8mb4',
	(string)getenv('PEER_DB_USER'),
	(string)getenv('PEER_DB_PASSWORD'),
	[
		PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
		PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
		PDO::ATTR_PERSISTENT => true,
		PDO::MYSQL_ATTR_INIT_COMMAND => "SET time_zone = '+00:00'",
	]
);
$prefix = (string)getenv('PEER_PREFIX');

// --- the session and the user's grants -------------------------------------
$token = $_COOKIE['__Host-session'] ?? '';
if (!is_string($token) || !preg_match('/^[A-Za-z0-9_-]{43}$/', $token)) {
	fail(403, 'Not logged in.');
}
$st = $db->prepare(
	"SELECT u.id, u.first_name, u.last_name FROM sessions s JOIN users u ON u.id = s.user_id
	 WHERE s.token_hash = UNHEX(?) AND s.ended_at IS NULL AND s.stage = 'full' AND u.status = 'active'
	   AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL 30 MINUTE
	   AND s.created_at > UTC_TIMESTAMP() - INTERVAL 12 HOUR"
);
$st->execute([hash('sha256', $token)]);
$user = $st->fetch();
if (!$user) {
	fail(403, 'Not logged in.');
}
$roles = roles_with((string)getenv('PEER_ROLES'), 'report.view');
$st = $db->prepare(
	"SELECT g.role, o.path FROM grants g JOIN org_units o ON o.id = g.unit_id
	 WHERE g.user_id = ? AND o.archived_at IS NULL"
);
$st->execute([$user['id']]);
$paths = [];
foreach ($st as $g) {
	if (in_array($g['role'], $roles, true)) {
		$paths[] = $g['path'];
	}
}
if (!$paths) {
	fail(404, 'No reports to see.');
}

// --- the unit and the period ------------------------------------------------
$unitId = filter_input(INPUT_GET, 'unit', FILTER_VALIDATE_INT, ['options' => ['min_range' => 1]]);
$from = filter_input(INPUT_GET, 'from', FILTER_VALIDATE_REGEXP, ['options' => ['regexp' => '/^\d{4}-(0[1-9]|1[0-2])$/']]);
$to = filter_input(INPUT_GET, 'to', FILTER_VALIDATE_REGEXP, ['options' => ['regexp' => '/^\d{4}-(0[1-9]|1[0-2])$/']]);
if (!$unitId || !$from || !$to) {
	fail(400, 'unit, from and to (YYYY-MM) are required.');
}
$st = $db->prepare("SELECT id, name, path FROM org_units WHERE id = ?");
$st->execute([$unitId]);
$unit = $st->fetch();
if (!$unit || !under($unit['path'], $paths)) {
	fail(404, 'No such unit.');
}
$first = new DateTimeImmutable($from . '-01');
$months = [];
for ($m = $first, $end = new DateTimeImmutable($to . '-01'); $m <= $end; $m = $m->modify('+1 month')) {
	$months[] = $m->format('Y-m');
}
if (!$months || count($months) > 12) {
	fail(400, 'A period of one to twelve months.');
}
$last = (new DateTimeImmutable($to . '-01'))->modify('last day of this month')->format('Y-m-d');
$beforeFirst = $first->modify('-12 months')->format('Y-m-d');
$beforeLast = (new DateTimeImmutable($to . '-01'))->modify('-12 months')->modify('last day of this month')->format('Y-m-d');
$periodFirst = $first->format('Y-m-d');

// --- the figures, from the rows -----------------------------------------------
// Invoiced per month: the lines of the units below, by their invoice's
// date (the line keeps it, indexed with its unit: no need to join the
// invoices).
$st = $db->prepare(
	"SELECT DATE_FORMAT(l.invoice_date, '%Y-%m') AS ym, SUM(l.amount_cents) AS cents
	 FROM org_units o JOIN invoice_lines l ON l.unit_id = o.id
	 WHERE o.path LIKE CONCAT(?, '%') AND l.invoice_date BETWEEN ? AND ?
	 GROUP BY ym"
);
$st->execute([$unit['path'], $beforeFirst, $last]);
$cents = $st->fetchAll(PDO::FETCH_KEY_PAIR);
// Approved days per month, and per period (WITH ROLLUP: the period's
// unique workers, each counted once).
$st = $db->prepare(
	"SELECT e.day >= ? AS now, DATE_FORMAT(e.day, '%Y-%m') AS ym,
	        COUNT(DISTINCT t.worker_user_id) AS workers,
	        COUNT(DISTINCT IF(WEEKDAY(e.day) < 5, t.worker_user_id, NULL), IF(WEEKDAY(e.day) < 5, e.day, NULL)) AS days
	 FROM org_units o
	 JOIN timesheets t ON t.unit_id = o.id AND t.state = 'approved' AND t.week BETWEEN ? - INTERVAL 6 DAY AND ?
	 JOIN timesheet_entries e ON e.timesheet_id = t.id AND (e.day BETWEEN ? AND ? OR e.day BETWEEN ? AND ?)
	 WHERE o.path LIKE CONCAT(?, '%')
	 GROUP BY now, ym WITH ROLLUP"
);
$st->execute([$periodFirst, $beforeFirst, $last, $beforeFirst, $beforeLast, $periodFirst, $last, $unit['path']]);
$presence = [];
$periodWorkers = [0, 0];
foreach ($st as $row) {
	if ($row['now'] === null) {
		continue;
	}
	if ($row['ym'] === null) {
		$periodWorkers[(int)$row['now']] = (int)$row['workers'];
	} else {
		$presence[$row['ym']] = $row;
	}
}

// This month counts until today, and the same month a year earlier as
// far: the average of the days so far against as many days then.
$thisMonth = gmdate('Y-m');
$today = (int)gmdate('j');
$sofar = [];
if (in_array($thisMonth, $months, true)) {
	$now = new DateTimeImmutable($thisMonth . '-01');
	$twin = $now->modify('-12 months');
	$st = $db->prepare(
		"SELECT DATE_FORMAT(e.day, '%Y-%m') AS ym, COUNT(DISTINCT t.worker_user_id, e.day) AS days
		 FROM org_units o
		 JOIN timesheets t ON t.unit_id = o.id AND t.state = 'approved' AND t.week BETWEEN ? - INTERVAL 6 DAY AND ?
		 JOIN timesheet_entries e ON e.timesheet_id = t.id AND WEEKDAY(e.day) < 5
		   AND (e.day BETWEEN ? AND ? + INTERVAL ? DAY OR e.day BETWEEN ? AND ? + INTERVAL ? DAY)
		 WHERE o.path LIKE CONCAT(?, '%')
		 GROUP BY ym"
	);
	$a = $twin->format('Y-m-d');
	$c = $now->format('Y-m-d');
	$st->execute([$a, $last, $a, $a, $today - 1, $c, $c, $today - 1, $unit['path']]);
	$sofar = $st->fetchAll(PDO::FETCH_KEY_PAIR);
}

$rows = [];
$tot = ['cents' => [0, 0], 'days' => [0, 0], 'working' => [0, 0]];
foreach ($months as $ym) {
	$b = (new DateTimeImmutable($ym . '-01'))->modify('-12 months')->format('Y-m');
	$r = [];
	foreach ([1 => $ym, 0 => $b] as $k => $m) {
		if ($ym === $thisMonth) {
			$working = working_days($m, $today);
			$days = (int)($sofar[$m] ?? 0);
		} else {
			$working = $m > $thisMonth ? 0 : working_days($m);
			$days = (int)($presence[$m]['days'] ?? 0);
		}
		$r['cents'][$k] = (int)($cents[$m] ?? 0);
		$r['workers'][$k] = (int)($presence[$m]['workers'] ?? 0);
		$r['atwork'][$k] = average($days, $working);
		$tot['cents'][$k] += $r['cents'][$k];
		$tot['days'][$k] += $days;
		$tot['working'][$k] += $working;
	}
	$rows[$ym] = $r;
}
$total = [
	'cents' => $tot['cents'],
	'workers' => $periodWorkers,
	'atwork' => [average($tot['days'][0], $tot['working'][0]), average($tot['days'][1], $tot['working'][1])],
];

// The units to choose from, as the portal's form lists them.
$scope = '(' . implode(' OR ', array_fill(0, count($paths), "o.path LIKE CONCAT(?, '%')")) . ')';
$st = $db->prepare(
	"SELECT o.id, o.name, o.path FROM org_units o
	 WHERE o.archived_at IS NULL AND $scope AND o.kind <> 'agency' ORDER BY o.path LIMIT 500"
);
$st->execute($paths);
$units = $st->fetchAll();

$monthNames = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// One row of figures: [now, before, difference] three times.
function cells(array $r): string
{
	return '<td class="num">' . num($r['cents'][1], 2) . '</td><td class="num">' . num($r['cents'][0], 2)
		. '</td><td class="num">' . pct(diff($r['cents'][1], $r['cents'][0]))
		. '</td><td class="num">' . num($r['workers'][1], 0) . '</td><td class="num">' . num($r['workers'][0], 0)
		. '</td><td class="num">' . pct(diff($r['workers'][1], $r['workers'][0]))
		. '</td><td class="num">' . num($r['atwork'][1], 2) . '</td><td class="num">' . num($r['atwork'][0], 2)
		. '</td><td class="num">' . pct(diff($r['atwork'][1], $r['atwork'][0])) . '</td>';
}

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
header('X-Content-Type-Options: nosniff');
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Client report</title>
<link rel="stylesheet" href="<?= h($prefix) ?>/static/css/portal.css">
</head>
<body>
<header><p>Logged in as <?= h($user['first_name'] . ' ' . $user['last_name']) ?></p></header>
<main>
<h1>Client report</h1>
<form method="get" action="<?= h($prefix) ?>/bench/peer/reports.php" class="toolbar">
<div class="field"><label for="f-unit">Unit (and everything below it)</label>
<select id="f-unit" name="unit"><?php foreach ($units as $u): ?><option value="<?= (int)$u['id'] ?>"<?= (int)$u['id'] === (int)$unit['id'] ? ' selected' : '' ?>><?= str_repeat('— ', max(0, substr_count($u['path'], '/') - 3)) . h($u['name']) ?></option><?php endforeach ?></select></div>
<div class="field"><label for="f-from">From month</label><input id="f-from" name="from" type="month" value="<?= h($from) ?>"></div>
<div class="field"><label for="f-to">To month</label><input id="f-to" name="to" type="month" value="<?= h($to) ?>"></div>
<div class="actions"><button type="submit" class="btn">Show</button></div>
</form>
<p class="report-scope"><strong><?= h($unit['name']) ?></strong> · Period <?= h($periodFirst) ?> – <?= h($last) ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Client report"><table class="data report">
<thead><tr><th scope="col">Month</th><th scope="col" class="num">Invoiced (EUR)</th><th scope="col" class="num">A year earlier (EUR)</th><th scope="col" class="num">Difference</th><th scope="col" class="num">Temp workers</th><th scope="col" class="num">A year earlier</th><th scope="col" class="num">Difference</th><th scope="col" class="num">Temps at work</th><th scope="col" class="num">A year earlier</th><th scope="col" class="num">Difference</th></tr></thead>
<tbody>
<?php foreach ($rows as $ym => $r): ?>
<tr><th scope="row"><?= $monthNames[(int)substr($ym, 5)] . ' ' . substr($ym, 0, 4) ?></th><?= cells($r) ?></tr>
<?php endforeach ?>
</tbody>
<tfoot><tr><th scope="row">Total</th><?= cells($total) ?></tr></tfoot>
</table></div>
<p class="muted small">Temps at work: the average number of temp workers who worked, per working day (Monday to Friday). Invoiced amounts exclude VAT and are counted in the month of the invoice date; credit notes count negatively.</p>
</main>
</body>
</html>

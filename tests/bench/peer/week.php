<?php
// week.php: the week view in plain PHP, the peer make bench measures the portal's against
//
// What a hosting user would write for the same page: PHP-FPM, PDO with
// prepared statements, no framework, no template engine. It shows what the
// portal's /planning/?unit=U&week=W shows: the workers of the pool under
// the unit by name, a column per day with their availability (a day's
// exception before the week's pattern) and shifts, the open shifts on a
// row of their own, and a worker's shifts at another unit or client as
// "busy" with their times only; times in the unit's zone. It checks the
// session as the portal does (the cookie's SHA-256 in sessions, with its
// user, one indexed query) and no rights beyond that.
//
// The database account comes from the pool's configuration (env[...] in
// the php-fpm.conf that tests/bench/peer/peer.sh writes), never from here.
// The connection is persistent, as the portal's is for the life of its
// process: what is measured is the page, not a connect. The prepares are
// PDO's own for MySQL (emulated: the driver binds the values, one round
// trip a query), as a script gets them unless it asks otherwise; real
// ones would add a prepare and a close to every query, where the portal,
// which keeps its statements prepared, sends only the execute.
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

// "?, ?, ?" for an IN list of n values.
function marks(int $n): string
{
	return implode(', ', array_fill(0, $n, '?'));
}

$db = new PDO(
	'mysql:unix_socket=' . getenv('PEER_DB_SOCKET') . ';dbname=' . getenv('PEER_DB_NAME') . ';charset=utf8mb4',
	(string)getenv('PEER_DB_USER'),
	(string)getenv('PEER_DB_PASSWORD'),
	[
		PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
		PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
		PDO::ATTR_PERSISTENT => true,
		// The database keeps every moment in UTC.
		PDO::MYSQL_ATTR_INIT_COMMAND => "SET time_zone = '+00:00'",
	]
);
$prefix = (string)getenv('PEER_PREFIX');

// --- the session ----------------------------------------------------------
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

// --- the unit and the week ------------------------------------------------
$unitId = filter_input(INPUT_GET, 'unit', FILTER_VALIDATE_INT, ['options' => ['min_range' => 1]]);
if (!$unitId) {
	fail(404, 'No such unit.');
}
$st = $db->prepare(
	"SELECT id, client_id, name, path, time_zone FROM org_units
	 WHERE id = ? AND archived_at IS NULL AND kind <> 'agency'"
);
$st->execute([$unitId]);
$unit = $st->fetch();
if (!$unit) {
	fail(404, 'No such unit.');
}
try {
	$zone = new DateTimeZone($unit['time_zone']);
} catch (Exception $e) {
	$zone = new DateTimeZone('Europe/Brussels');
}
$utc = new DateTimeZone('UTC');

$week = $_GET['week'] ?? '';
$day = is_string($week) ? DateTimeImmutable::createFromFormat('!Y-m-d', $week, $zone) : false;
if (!$day || $day->format('Y-m-d') !== $week) {
	$day = new DateTimeImmutable('today', $zone);
}
$monday = $day->modify('-' . ((int)$day->format('N') - 1) . ' days');
$dates = [];       // 'Y-m-d' => 0 … 6
$days = [];
for ($d = 0; $d < 7; $d++) {
	$date = $monday->modify("+$d days");
	$dates[$date->format('Y-m-d')] = $d;
	$days[] = $date;
}
$today = (new DateTimeImmutable('now', $zone))->format('Y-m-d');
$from = $monday->setTimezone($utc)->format('Y-m-d H:i:s');
$to = $monday->modify('+7 days')->setTimezone($utc)->format('Y-m-d H:i:s');
// A shift lasts at most a day: one that ends in the week began at most a
// day before it.
$early = $monday->modify('-1 day')->setTimezone($utc)->format('Y-m-d H:i:s');

// --- the pool -------------------------------------------------------------
$st = $db->prepare(
	"SELECT u.id, CONCAT_WS(' ', u.first_name, u.last_name) AS name,
	        GROUP_CONCAT(DISTINCT p.position ORDER BY p.position SEPARATOR ', ') AS positions
	 FROM pool p JOIN org_units o ON o.id = p.unit_id JOIN users u ON u.id = p.worker_user_id
	 WHERE o.path LIKE CONCAT(?, '%') AND u.status <> 'revoked'
	 GROUP BY u.id ORDER BY MIN(u.last_name), MIN(u.first_name), u.id LIMIT 500"
);
$st->execute([$unit['path']]);
$workers = [];     // id => ['name', 'positions', 'known', 'days' => [d => cell]]
foreach ($st as $row) {
	$cells = [];
	for ($d = 0; $d < 7; $d++) {
		$cells[$d] = ['avail' => null, 'ranges' => [], 'exception' => false, 'shifts' => []];
	}
	$workers[$row['id']] = $row + ['known' => false, 'days' => $cells];
}
$ids = array_keys($workers);

// --- availability: a day's exception replaces the week's pattern -------
if ($ids) {
	$st = $db->prepare(
		"SELECT worker_user_id, day, available, TIME_FORMAT(starts, '%H:%i') AS starts,
		        TIME_FORMAT(ends, '%H:%i') AS ends
		 FROM availability_days WHERE worker_user_id IN (" . marks(count($ids)) . ")
		   AND day BETWEEN ? AND ? ORDER BY worker_user_id, day, starts"
	);
	$st->execute([...$ids, $monday->format('Y-m-d'), $days[6]->format('Y-m-d')]);
	foreach ($st as $a) {
		$w = &$workers[$a['worker_user_id']];
		$c = &$w['days'][$dates[$a['day']]];
		$w['known'] = true;
		if (!$a['available']) {
			$c['avail'] = 'none';
		} elseif ($a['starts'] !== null) {
			$c['avail'] ??= 'some';
			$c['ranges'][] = $a['starts'] . '–' . $a['ends'];
		} else {
			$c['avail'] = 'all';
		}
		$c['exception'] = true;
		unset($w, $c);
	}
	$st = $db->prepare(
		"SELECT worker_user_id, weekday, TIME_FORMAT(starts, '%H:%i') AS starts,
		        TIME_FORMAT(ends, '%H:%i') AS ends
		 FROM availability_week WHERE worker_user_id IN (" . marks(count($ids)) . ")
		 ORDER BY worker_user_id, weekday, starts"
	);
	$st->execute($ids);
	foreach ($st as $a) {
		$w = &$workers[$a['worker_user_id']];
		$c = &$w['days'][$a['weekday'] - 1];
		$w['known'] = true;
		if (!$c['exception']) {
			if ($a['starts'] === '00:00' && $a['ends'] === '23:59') {
				$c['avail'] = 'all';
			} else {
				$c['avail'] ??= 'some';
				$c['ranges'][] = $a['starts'] . '–' . $a['ends'];
			}
		}
		unset($w, $c);
	}
}

// --- shifts: the unit's (open ones too), and its workers' elsewhere -----
$st = $db->prepare(
	"SELECT s.id, s.worker_user_id, s.position, s.starts_at, s.ends_at, s.state, s.violations, 1 AS here
	 FROM org_units o JOIN shifts s ON s.unit_id = o.id
	 WHERE o.path LIKE CONCAT(?, '%') AND s.starts_at >= ? AND s.starts_at < ? AND s.ends_at > ?
	   AND s.state <> 'cancelled'"
);
$st->execute([$unit['path'], $early, $to, $from]);
$shifts = $st->fetchAll();
if ($ids) {
	$st = $db->prepare(
		"SELECT s.id, s.worker_user_id, s.starts_at, s.ends_at, 0 AS here
		 FROM shifts s JOIN org_units o ON o.id = s.unit_id
		 WHERE s.worker_user_id IN (" . marks(count($ids)) . ")
		   AND s.starts_at >= ? AND s.starts_at < ? AND s.ends_at > ? AND s.state <> 'cancelled'
		   AND o.path NOT LIKE CONCAT(?, '%')"
	);
	$st->execute([...$ids, $early, $to, $from, $unit['path']]);
	$shifts = array_merge($shifts, $st->fetchAll());
}
usort($shifts, fn($a, $b) => [$a['starts_at'], $a['id']] <=> [$b['starts_at'], $b['id']]);

$open = [[], [], [], [], [], [], []];
$openCount = 0;
$monDate = $monday->format('Y-m-d');
foreach ($shifts as $s) {
	$start = (new DateTimeImmutable($s['starts_at'], $utc))->setTimezone($zone);
	$end = (new DateTimeImmutable($s['ends_at'], $utc))->setTimezone($zone);
	$date = $start->format('Y-m-d');
	if ($date < $monDate) {
		$d = 0; // began the Sunday before: shown on Monday
	} elseif (isset($dates[$date])) {
		$d = $dates[$date];
	} else {
		continue;
	}
	$shift = ['id' => $s['id'], 'start' => $start->format('H:i'), 'end' => $end->format('H:i'), 'here' => $s['here']];
	if ($s['here']) {
		$shift['state'] = $s['state'];
		$shift['position'] = $s['position'];
		$shift['rules'] = [];
		foreach (json_decode((string)$s['violations'], true) ?: [] as $v) {
			$shift['rules'][] = is_string($v['rule'] ?? null) ? $v['rule'] : 'other';
		}
	}
	if ($s['worker_user_id'] === null) {
		$open[$d][] = $shift;
		$openCount++;
	} elseif (isset($workers[$s['worker_user_id']])) {
		$workers[$s['worker_user_id']]['days'][$d]['shifts'][] = $shift;
	} // else at the unit, but not of its pool any more
}

// One shift in a cell; $positions: what the row says already.
function shift_html(array $s, string $positions, string $prefix, int $unitId): string
{
	$times = h($s['start']) . '–' . h($s['end']);
	if (!$s['here']) {
		return '<span class="shift elsewhere" title="Works elsewhere at this time">' . $times . ' busy</span>';
	}
	$html = '<span class="shift state-' . h($s['state']) . '">';
	if ($s['state'] === 'planned') {
		$html .= '<a href="' . h($prefix . '/planning/shifts/' . $s['id'] . '/edit?view=' . $unitId) . '">' . $times . '</a>';
	} else {
		$html .= $times;
	}
	if ($s['position'] !== $positions) {
		$html .= ' <span class="small">' . h($s['position']) . '</span>';
	}
	if ($s['state'] !== 'planned') {
		$html .= ' <span class="small muted">' . h($s['state']) . '</span>';
	}
	foreach ($s['rules'] as $r) {
		$html .= ' <span class="small rule">' . h($r) . '</span>';
	}
	return $html . '</span>';
}

$availText = ['all' => 'Available', 'none' => 'Not available', 'unknown' => 'Availability unknown'];
$weekNo = $monday->modify('+3 days')->format('W');

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
header('X-Content-Type-Options: nosniff');
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Planning — <?= h($unit['name']) ?></title>
<link rel="stylesheet" href="<?= h($prefix) ?>/static/css/portal.css">
</head>
<body>
<header><p>Logged in as <?= h($user['first_name'] . ' ' . $user['last_name']) ?></p></header>
<main>
<h1>Planning — <?= h($unit['name']) ?></h1>
<nav class="week-nav">
  <a href="?unit=<?= (int)$unit['id'] ?>&amp;week=<?= h($monday->modify('-7 days')->format('Y-m-d')) ?>">&larr; Previous week</a>
  <strong>Week <?= h($weekNo) ?></strong>
  <a href="?unit=<?= (int)$unit['id'] ?>&amp;week=<?= h($monday->modify('+7 days')->format('Y-m-d')) ?>">Next week &rarr;</a>
</nav>
<p class="muted small">Times in <?= h($zone->getName()) ?></p>
<div class="table-wrap"><table class="data week">
  <thead><tr><th scope="col">Worker</th><?php foreach ($days as $date): ?><th scope="col"<?= $date->format('Y-m-d') === $today ? ' class="today"' : '' ?>><?= h($date->format('D j-n')) ?></th><?php endforeach ?></tr></thead>
  <tbody>
<?php if ($openCount): ?>
  <tr class="open-row"><th scope="row">Open shifts</th><?php foreach ($open as $cell): ?><td><?php foreach ($cell as $s) echo shift_html($s, '', $prefix, $unit['id']) ?></td><?php endforeach ?></tr>
<?php endif ?>
<?php foreach ($workers as $id => $w): ?>
  <tr><th scope="row"><?= h($w['name']) ?><br><span class="muted small"><?= h($w['positions']) ?></span></th><?php
	foreach ($w['days'] as $d => $c):
		$avail = $c['avail'] ?? ($w['known'] ? 'none' : 'unknown');
		?><td class="avail-<?= $avail ?>"><span class="avail"><?= $avail === 'some' ? h(implode(' ', $c['ranges'])) : $availText[$avail] ?></span><?php
		foreach ($c['shifts'] as $s) echo shift_html($s, (string)$w['positions'], $prefix, $unit['id']);
		?><a class="add" href="<?= h($prefix . '/planning/shifts/new?view=' . $unit['id'] . '&worker=' . $id . '&date=' . $days[$d]->format('Y-m-d')) ?>">+</a></td><?php
	endforeach ?></tr>
<?php endforeach ?>
  </tbody>
</table></div>
<?php if (!$workers): ?><p>No workers in this pool.</p><?php endif ?>
</main>
</body>
</html>

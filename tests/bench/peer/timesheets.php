<?php
// timesheets.php: the approval list in plain PHP, make bench's peer of the portal's
//
// What a hosting user would write for the same page: PHP-FPM, PDO with
// prepared statements, no framework, no template engine. It shows what the
// portal's /timesheets/?unit=U shows: the weeks submitted at the unit and
// below it, within the user's grants of a role that holds timesheet.view
// (never a draft: that is the worker's alone), newest week first, then by
// name, at most 500; per row a box to tick where the user may approve
// (timesheet.approve), the worker linked to the timesheet, the week, the
// unit and position, the hours as H:MM and the state; above the table the
// count per state. It checks the session as week.php does (the cookie's
// SHA-256 in sessions, with its user), then reads the user's grants.
//
// The roles' permissions are those of conf/roles.hdf (PEER_ROLES, from the
// pool's configuration), as the portal reads them; the database account
// comes from the same place, never from here. The connection is
// persistent, and the prepares are PDO's own, as in week.php.
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

// Does one of the paths hold the unit at $path (a unit's path begins with
// those of the units above it)?
function under(string $path, array $paths): bool
{
	foreach ($paths as $p) {
		if (str_starts_with($path, $p)) {
			return true;
		}
	}
	return false;
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
$rolesFile = (string)getenv('PEER_ROLES');
$viewRoles = roles_with($rolesFile, 'timesheet.view');
$approveRoles = roles_with($rolesFile, 'timesheet.approve');
$st = $db->prepare(
	"SELECT g.role, o.path FROM grants g JOIN org_units o ON o.id = g.unit_id
	 WHERE g.user_id = ? AND o.archived_at IS NULL"
);
$st->execute([$user['id']]);
$viewPaths = $approvePaths = [];
foreach ($st as $g) {
	if (in_array($g['role'], $viewRoles, true)) {
		$viewPaths[] = $g['path'];
	}
	if (in_array($g['role'], $approveRoles, true)) {
		$approvePaths[] = $g['path'];
	}
}
if (!$viewPaths) {
	fail(404, 'No timesheets to see.');
}

// --- the unit: below it, when it lies in the user's part ------------------
$unit = null;
$unitId = filter_input(INPUT_GET, 'unit', FILTER_VALIDATE_INT, ['options' => ['min_range' => 1]]);
if ($unitId) {
	$st = $db->prepare("SELECT id, name, path FROM org_units WHERE id = ?");
	$st->execute([$unitId]);
	$unit = $st->fetch() ?: null;
	if ($unit && !under($unit['path'], $viewPaths)) {
		$unit = null; // not his to see: the whole of his part, as the portal does
	}
}
// Everything below a unit of his is his to see; without one, all of his.
$paths = $unit ? [$unit['path']] : $viewPaths;
$scope = '(' . implode(' OR ', array_fill(0, count($paths), "o.path LIKE CONCAT(?, '%')")) . ')';

// --- the count per state, then the submitted weeks --------------------------
$st = $db->prepare(
	"SELECT t.state, COUNT(*) AS n FROM timesheets t JOIN org_units o ON o.id = t.unit_id
	 WHERE $scope AND t.state <> 'draft' GROUP BY t.state"
);
$st->execute($paths);
$counts = $st->fetchAll(PDO::FETCH_KEY_PAIR);
$st = $db->prepare(
	"SELECT t.id, t.state, t.week, t.minutes, t.position, t.version, o.name AS unit, o.path,
	        CONCAT_WS(' ', u.first_name, u.last_name) AS name
	 FROM timesheets t JOIN org_units o ON o.id = t.unit_id JOIN users u ON u.id = t.worker_user_id
	 WHERE $scope AND t.state = 'submitted'
	 ORDER BY t.week DESC, u.last_name, u.first_name, t.id LIMIT 500"
);
$st->execute($paths);
$rows = $st->fetchAll();
$mayApprove = false;
foreach ($rows as &$row) {
	$row['may'] = under($row['path'], $approvePaths);
	$mayApprove = $mayApprove || $row['may'];
}
unset($row);
$total = (int)($counts['submitted'] ?? 0);

$states = ['submitted' => 'Submitted', 'approved' => 'Approved', 'rejected' => 'Rejected'];

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
header('X-Content-Type-Options: nosniff');
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hours</title>
<link rel="stylesheet" href="<?= h($prefix) ?>/static/css/portal.css">
</head>
<body>
<header><p>Logged in as <?= h($user['first_name'] . ' ' . $user['last_name']) ?></p></header>
<main>
<h1>Hours<?= $unit ? ' — ' . h($unit['name']) : '' ?></h1>
<p class="muted small"><?php foreach ($states as $s => $word): ?><span class="nowrap"><?= $word ?>: <strong><?= (int)($counts[$s] ?? 0) ?></strong></span> · <?php endforeach ?>Shown: <?= count($rows) ?></p>
<?php if ($total > count($rows)): ?><div class="alert alert-info" role="status">Only the first 500 are shown.</div><?php endif ?>
<?php if ($rows): ?>
<!-- The peer shows the list; approving is the portal's. -->
<form method="post" action="<?= h($prefix) ?>/timesheets/approve">
<div class="table-wrap" tabindex="0"><table class="data">
  <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Temp worker</th><th scope="col">Week</th><th scope="col">Unit</th><th scope="col" class="num">Hours</th><th scope="col">State</th></tr></thead>
  <tbody>
<?php foreach ($rows as $r): ?>
<tr><td class="pick"><?php if ($r['may']): ?><input type="checkbox" name="sheet" value="<?= (int)$r['id'] ?>" aria-label="Select <?= h($r['name']) ?> <?= h($r['week']) ?>"><?php endif ?></td><td><a href="<?= h($prefix . '/timesheets/' . $r['id']) ?>"><?= h($r['name']) ?></a></td><td class="nowrap"><?= h($r['week']) ?></td><td><?= h($r['unit']) ?><br><span class="muted small"><?= h($r['position']) ?></span></td><td class="num"><?= intdiv((int)$r['minutes'], 60) . ':' . sprintf('%02d', (int)$r['minutes'] % 60) ?></td><td><span class="badge state-<?= h($r['state']) ?>"><?= h($states[$r['state']]) ?></span><?php if ($r['version'] > 1): ?> <span class="muted small">v<?= (int)$r['version'] ?></span><?php endif ?></td></tr>
<?php endforeach ?>
  </tbody>
</table></div>
<?php if ($mayApprove): ?><div class="actions"><button type="submit" class="btn btn-primary">Approve selected weeks</button></div><?php endif ?>
</form>
<?php else: ?>
<div class="panel"><p>No timesheets for these filters.</p></div>
<?php endif ?>
</main>
</body>
</html>

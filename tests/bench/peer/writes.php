<?php
// writes.php: a planner elsewhere, for make bench: one unit's shifts changed at a steady rate
//
//   php writes.php UNIT RATE SECONDS     (database account in PEER_DB_*)
//
// Each write is its own transaction: a shift of UNIT ends 15 minutes later
// or earlier (back and forth), its version and updated_at moved, as a
// planner's change would, through the same triggers. The writes keep to
// the clock (a late one is made up at once, never skipped), stop after
// SECONDS and print "writes N SECONDS_TAKEN".
declare(strict_types=1);

[$unit, $rate, $seconds] = [(int)($argv[1] ?? 0), (float)($argv[2] ?? 0), (float)($argv[3] ?? 0)];
if ($unit < 1 || $rate <= 0 || $seconds <= 0 || $seconds > 600) {
	fwrite(STDERR, "usage: php writes.php UNIT RATE SECONDS (at most 600)\n");
	exit(2);
}
$db = new PDO(
	'mysql:unix_socket=' . getenv('PEER_DB_SOCKET') . ';dbname=' . getenv('PEER_DB_NAME') . ';charset=utf8mb4',
	(string)getenv('PEER_DB_USER'),
	(string)getenv('PEER_DB_PASSWORD'),
	[PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_EMULATE_PREPARES => false]
);
$st = $db->prepare("SELECT id FROM shifts WHERE unit_id = ? AND state = 'planned' ORDER BY id");
$st->execute([$unit]);
$ids = $st->fetchAll(PDO::FETCH_COLUMN);
if (!$ids) {
	fwrite(STDERR, "writes.php: no planned shift at unit $unit\n");
	exit(1);
}
$change = $db->prepare(
	"UPDATE shifts SET ends_at = IF(MINUTE(ends_at) = 15, ends_at - INTERVAL 15 MINUTE,
	   ends_at + INTERVAL 15 MINUTE), version = version + 1, updated_at = UTC_TIMESTAMP()
	 WHERE id = ? AND state = 'planned'"
);

$step = 1e9 / $rate;
$start = hrtime(true);
$end = $start + $seconds * 1e9;
for ($n = 0; ; $n++) {
	$due = $start + $n * $step;
	if ($due >= $end) {
		break;
	}
	$wait = $due - hrtime(true);
	if ($wait > 0) {
		usleep((int)($wait / 1000));
	}
	$change->execute([$ids[$n % count($ids)]]);
}
// The rate over the whole time asked for, not to the last write.
$wait = $end - hrtime(true);
if ($wait > 0) {
	usleep((int)($wait / 1000));
}
printf("writes %d %.2f\n", $n, (hrtime(true) - $start) / 1e9);

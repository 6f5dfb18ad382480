#!/bin/sh
# migrate.sh: portalctl migrate applies each migration once, records it, and
# refuses a migration that was changed after it was applied.
set -u
cd "$(dirname "$0")/../.."
CTL=build/sbin/portalctl
D=$(mktemp -d "${TMPDIR:-/tmp}/migrate.XXXXXX")
trap 'rm -rf "$D"' EXIT
N=0
FAILED=0
ok() {
	name=$1
	shift
	N=$((N + 1))
	if "$@"; then echo "ok $N - $name"; else echo "not ok $N - $name"; sed 's/^/#   /' "$D/out"; FAILED=$((FAILED + 1)); fi
}

$CTL migrate > "$D/out" 2>&1
ok "a_second_migrate_applies_nothing" grep -q ' 0 applied, ' "$D/out"

# The same database, with sql/ copied and its first migration edited.
cp -R sql "$D/sql"
echo "-- edited" >> "$D/sql/001_outbox.sql"
printf '#include "%s"\nPaths.Sql = %s/sql\n' "${PORTAL_CONF:-conf/test.hdf}" "$D" > "$D/conf.hdf"
PORTAL_CONF="$D/conf.hdf" $CTL migrate > "$D/out" 2>&1
rc=$?
ok "a_changed_migration_is_refused" test $rc -ne 0
ok "the_refusal_names_the_file" grep -q '001_outbox.sql was changed after it was applied' "$D/out"

# A new migration is applied, once.
cp -R sql "$D/sql2"
printf 'CREATE TABLE migrate_probe (id INT PRIMARY KEY);\n' > "$D/sql2/999_probe.sql"
printf '#include "%s"\nPaths.Sql = %s/sql2\n' "${PORTAL_CONF:-conf/test.hdf}" "$D" > "$D/conf2.hdf"
PORTAL_CONF="$D/conf2.hdf" $CTL migrate > "$D/out" 2>&1
ok "a_new_migration_is_applied" grep -q 'applied 999_probe.sql' "$D/out"
PORTAL_CONF="$D/conf2.hdf" $CTL migrate > "$D/out" 2>&1
ok "and_only_once" grep -q ' 0 applied, ' "$D/out"
mariadb --no-defaults -S "$($CTL config-get Database.Socket)" -u root "$($CTL config-get Database.Name)" \
	-e "DROP TABLE migrate_probe; DELETE FROM schema_migrations WHERE name = '999_probe.sql'"

echo "1..$N"
[ "$FAILED" -eq 0 ]

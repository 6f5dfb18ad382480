#!/bin/sh
# run.sh: the operations tests (`make check-ops`): the portal as a hosting
# provider runs it — installed under a prefix, behind nginx and as plain
# CGI. They use the test stack's MariaDB, SMTP sink and back-office
# simulator (conf/test.hdf, a fresh var/test/). Output as tests/run.sh:
# TAP lines, then "N passed, N failed"; non-zero when anything failed.
set -u
cd "$(dirname "$0")/../.."
export PORTAL_CONF=${PORTAL_CONF:-conf/test.hdf}
CTL=build/sbin/portalctl
VAR=$($CTL config-get Paths.Var) || exit 1
OUT=$VAR/results-ops

scripts/stack.sh --test stop >/dev/null 2>&1
rm -rf "$VAR"
mkdir -p "$OUT"

. tests/lib/suite.sh

if stack_up; then
	for t in tests/ops/test_*.py; do
		suite "ops-$(basename "$t" .py)" /usr/bin/python3 "$t"
	done
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]

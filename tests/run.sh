#!/bin/sh
# run.sh: every test of the project, against a stack of its own (conf/test.hdf,
# var/test/). Each suite prints TAP lines ("ok" / "not ok"); the last line
# is the total: "N passed, N failed". The exit status is non-zero when
# anything failed.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Another stack (other ports and var/) with PORTAL_CONF=file.hdf.
export PORTAL_CONF=${PORTAL_CONF:-conf/test.hdf}
CTL=build/sbin/portalctl
VAR=$($CTL config-get Paths.Var) || exit 1
OUT=$VAR/results

# A fresh stack: a new database, no mail, no logs of earlier runs.
scripts/stack.sh --test stop >/dev/null 2>&1
rm -rf "$VAR"
mkdir -p "$OUT"
$CTL init-secrets >/dev/null || exit 1

. tests/lib/suite.sh

# The layout of lib/ and the unit tests (cmocka) need no stack.
suite layout tests/cgi/layout.sh
for t in build/tests/unit/test_*; do
	[ -x "$t" ] || continue
	suite "unit-$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
done
# Nor does portalctl's command table, nor a short run of each fuzzing
# harness (make fuzz runs them long).
suite portalctl tests/cgi/portalctl.sh
suite hardening tests/cgi/hardening.sh
suite fuzz tests/fuzz/run.sh "${FUZZ_CHECK_SECONDS:-20}" "$VAR/fuzz"

if stack_up; then
	$CTL seed-demo >/dev/null
	suite cgi tests/cgi/run.sh
	for t in tests/http/test_*.py; do
		suite "http-$(basename "$t" .py)" /usr/bin/python3 "$t"
	done
	suite e2e tests/e2e/run.sh
	suite leak tests/leak/run.sh
	suite config tests/cgi/config.sh
	suite migrate tests/cgi/migrate.sh
	# Last: what every suite before it made the portal write.
	suite logs /usr/bin/python3 tests/http/check_logs.py
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]

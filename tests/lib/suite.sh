# suite.sh: what tests/run.sh and tests/ops/run.sh share, sourced by them.
# suite NAME COMMAND...: runs it with its output in $OUT/NAME.tap, shows
# it, and adds its "ok" and "not ok" lines to PASS and FAIL; a suite that
# exits non-zero without a "not ok", or runs no test at all, is a failure.
PASS=0
FAIL=0

suite() {
	name=$1
	shift
	echo "# --- $name"
	"$@" > "$OUT/$name.tap" 2>&1
	rc=$?
	cat "$OUT/$name.tap"
	p=$(grep -c '^ok ' "$OUT/$name.tap")
	f=$(grep -c '^not ok ' "$OUT/$name.tap")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name ran no test"
		f=1
	fi
	PASS=$((PASS + p))
	FAIL=$((FAIL + f))
}

# stack_up: starts the test stack, stopped again when the script ends;
# when it does not start, says so as a failure and returns 1.
stack_up() {
	trap 'scripts/stack.sh --test stop >/dev/null 2>&1' EXIT INT TERM
	scripts/stack.sh --test start > "$OUT/stack.log" 2>&1 && return 0
	cat "$OUT/stack.log"
	echo "not ok - the test stack did not start"
	FAIL=$((FAIL + 1))
	return 1
}

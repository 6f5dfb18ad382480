#!/bin/sh
# portalctl.sh: portalctl's command table: help lists it, and what it refuses exits 2.
set -u
cd "$(dirname "$0")/../.."
CTL=build/sbin/portalctl
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
N=0
FAILED=0
ok() {
	name=$1
	shift
	N=$((N + 1))
	if "$@"; then echo "ok $N - $name"; else echo "not ok $N - $name"; sed 's/^/#   /' "$D/err" | head -20; FAILED=$((FAILED + 1)); fi
}

# The table as the source has it, one entry a line: name|synopsis|help.
sed -n 's/^\t{ "\([^"]*\)", "\([^"]*\)", [0-9]*, [0-9]*, [a-z_]*, "\(.*\)" },$/\1|\2|\3/p' \
	sbin/portalctl/main.c > "$D/table"
ok "the_table_is_read_from_the_source" test "$(wc -l < "$D/table")" -ge 10

$CTL help > "$D/help" 2> "$D/err"
rc=$?
ok "help_exits_0" test $rc -eq 0
ok "help_prints_nothing_on_stderr" test ! -s "$D/err"

# listed NAME SYNOPSIS HELP: the synopsis opens a line of the list, and the
# help follows it on that line or on the next.
listed() {
	awk -v syn="  $1${2:+ $2}" -v help="$3" '
		next_line { sub(/^ +/, ""); seen = $0 == help; exit }
		index($0, syn) == 1 { rest = substr($0, length(syn) + 1)
			if (rest == "") { next_line = 1; next }
			if (rest !~ /^ +/) next
			sub(/^ +/, "", rest); seen = rest == help; exit }
		END { exit !seen }' "$D/help"
}
while IFS='|' read -r name synopsis help; do
	ok "help_lists_${name}_with_its_help" listed "$name" "$synopsis" "$help"
done < "$D/table"
ok "help_lists_no_command_outside_the_table" \
	test "$(grep -c '^  [^ ]' "$D/help")" -eq "$(wc -l < "$D/table")"

# The commands others script against (DESIGN §9) and the tests use.
for c in migrate check-config seed-demo create-agency-admin audit-verify send-test-mail files-sweep \
	config-get init-secrets grant import-document; do
	ok "the_table_has_$c" grep -q "^$c|" "$D/table"
done

$CTL no-such-command > "$D/out" 2> "$D/err"
rc=$?
ok "an_unknown_command_exits_2" test $rc -eq 2
ok "an_unknown_command_is_named" grep -q '^portalctl: no such command: no-such-command$' "$D/err"
ok "an_unknown_command_gets_the_table_on_stderr" sh -c "tail -n +2 '$D/err' | cmp -s - '$D/help'"
ok "an_unknown_command_prints_nothing_on_stdout" test ! -s "$D/out"

$CTL > "$D/out" 2> "$D/err"
rc=$?
ok "no_command_exits_2" test $rc -eq 2
ok "no_command_gets_the_table_on_stderr" cmp -s "$D/err" "$D/help"

$CTL grant only-one@example.com > "$D/out" 2> "$D/err"
rc=$?
ok "too_few_arguments_exit_2" test $rc -eq 2
ok "too_few_arguments_name_the_command" grep -q '^portalctl: grant takes EMAIL ROLE$' "$D/err"
ok "too_few_arguments_get_the_table" sh -c "tail -n +2 '$D/err' | cmp -s - '$D/help'"

$CTL migrate now > "$D/out" 2> "$D/err"
rc=$?
ok "too_many_arguments_exit_2" test $rc -eq 2
ok "too_many_arguments_name_the_command" grep -q '^portalctl: migrate takes no arguments$' "$D/err"

$CTL files-sweep --everything > "$D/out" 2> "$D/err"
rc=$?
ok "an_argument_a_command_does_not_take_exits_2" test $rc -eq 2
ok "and_names_the_command" grep -q '^portalctl: files-sweep takes \[--delete\]$' "$D/err"

echo "1..$N"
[ "$FAILED" -eq 0 ]

#!/bin/sh
# config.sh: portalctl check-config names the file, line and option of what is wrong.
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
	if "$@"; then echo "ok $N - $name"; else echo "not ok $N - $name"; sed 's/^/#   /' "$D/out"; FAILED=$((FAILED + 1)); fi
}

SECRETS=$(PORTAL_CONF=${PORTAL_CONF:-conf/test.hdf} $CTL config-get Paths.Secrets)
base() { sed "s|^  Var = var|  Var = $D/var|" conf/portal.hdf > "$D/p.hdf"; mkdir -p "$D/var"; cp "$SECRETS" "$D/var/secrets.hdf"; chmod 0640 "$D/var/secrets.hdf"; }

base
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "shipped_configuration_is_valid" grep -q ': ok$' "$D/out"

base
sed -i 's/^  IdleMinutes = 30/  IdleMinutes = thirty/' "$D/p.hdf"
line=$(grep -n 'IdleMinutes = thirty' "$D/p.hdf" | cut -d: -f1)
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
rc=$?
ok "a_bad_number_is_refused" test $rc -ne 0
ok "the_bad_line_is_named" grep -q "p.hdf:$line: Session.IdleMinutes: must be a whole number" "$D/out"

base
sed -i 's/^  DefaultLang = nl/  DefaultLang = de/' "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "an_unknown_language_is_named" grep -q "Portal.DefaultLang: must be one of: nl en fr" "$D/out"

base
printf 'Sesion {\n  IdleMinutes = 5\n}\n' >> "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "a_misspelt_option_is_named" grep -q "Sesion.IdleMinutes: unknown option" "$D/out"

base
printf 'Portal {\n  Name x\n}\n' >> "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "a_syntax_error_is_named_with_its_line" grep -q 'p.hdf:[0-9]*: not a setting' "$D/out"

base
chmod 0644 "$D/var/secrets.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "a_world_readable_secrets_file_is_refused" grep -q "readable by others" "$D/out"

base
sed -i 's|^  TimeZone = Europe/Brussels|  TimeZone = Europe/Atlantis|' "$D/p.hdf"
line=$(grep -n 'TimeZone = Europe/Atlantis' "$D/p.hdf" | cut -d: -f1)
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "an_unknown_time_zone_is_refused" grep -q "p.hdf:$line: Planning.TimeZone: must be a time zone" "$D/out"

base
sed -i 's|^  TLS = none|  TLS = smtps|' "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
rc=$?
ok "smtps_with_a_plain_smtp_address_is_refused" test $rc -ne 0
ok "and_the_address_is_named" grep -q "Mail.URL: must be an smtps:// address when Mail.TLS = smtps" "$D/out"
sed -i 's|^  URL = smtp://127.0.0.1:2525|  URL = smtps://127.0.0.1:465|' "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "smtps_with_an_smtps_address_is_valid" grep -q ': ok$' "$D/out"
# The worker does not start with it either: it says why and stops.
base
sed -i 's|^  TLS = none|  TLS = smtps|' "$D/p.hdf"
PORTAL_CONF="$D/p.hdf" timeout 10 build/sbin/portal-worker --once > "$D/out" 2>&1
rc=$?
ok "the_worker_refuses_to_start_with_it" test $rc -eq 1
ok "and_says_why" grep -q "Mail.URL: must be an smtps:// address" "$D/out"

# security.txt: an Expires that has passed is named (the processes still
# start: a date that passes must not stop the portal), one near is warned
# of, a Contact must be an address finders can use.
base
sed -i 's/^  Expires = .*/  Expires = 2020-01-31/' "$D/p.hdf"
line=$(grep -n 'Expires = 2020-01-31' "$D/p.hdf" | cut -d: -f1)
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
rc=$?
ok "an_expired_security_txt_is_a_problem" test $rc -ne 0
ok "and_its_line_is_named" grep -q "p.hdf:$line: Security.Expires: 2020-01-31 has passed" "$D/out"
sed -i "s/^  Expires = .*/  Expires = $(date -u -d '+10 days' +%Y-%m-%d)/" "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
rc=$?
ok "one_that_ends_soon_is_a_warning" grep -q "Security.Expires: warning: .* is within 30 days" "$D/out"
ok "that_passes_the_check" test $rc -eq 0
base
sed -i 's/^  Contact = .*/  Contact = security@uitzendbureau.example/' "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "a_contact_without_a_scheme_is_refused" grep -q "Security.Contact: must be mailto:, https:// or tel: addresses" "$D/out"
base
# A value over several lines would add lines of its own to security.txt.
sed -i 's/^  Policy =.*/  Policy << EOM\nhttps:\/\/example.com\/policy\nAcknowledgments:https:\/\/evil.example\nEOM/' "$D/p.hdf"
$CTL check-config "$D/p.hdf" > "$D/out" 2>&1
ok "a_policy_over_two_lines_is_refused" grep -q "Security.Policy: must be an https:// address" "$D/out"

echo "1..$N"
[ "$FAILED" -eq 0 ]

#!/bin/sh
# run.sh: the binaries as plain CGI, given only environment variables and a
# body on stdin (as cgit's tests do). Needs the test database for /healthz.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CONF=${PORTAL_CONF:-conf/test.hdf}
N=0
FAILED=0
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

ok() { # name, then a command that must succeed
	name=$1
	shift
	N=$((N + 1))
	if "$@"; then
		echo "ok $N - $name"
	else
		echo "not ok $N - $name"
		sed 's/^/#   /' "$OUT" | head -30
		FAILED=$((FAILED + 1))
	fi
}

# cgi BINARY METHOD PATH [QUERY [BODY [VAR=VALUE ...]]]: output in $OUT.
cgi() {
	bin=$1 method=$2 path=$3 query=${4:-} body=${5:-}
	if [ $# -ge 5 ]; then shift 5; else shift $#; fi
	printf '%s' "$body" | env -i PORTAL_CONF="$CONF" PATH=/usr/bin:/bin \
		REQUEST_METHOD="$method" PATH_INFO="$path" QUERY_STRING="$query" \
		CONTENT_LENGTH="${#body}" CONTENT_TYPE=application/x-www-form-urlencoded \
		SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=127.0.0.1 "$@" \
		"$ROOT/build/cgi-bin/$bin.fcgi" > "$OUT" 2>/dev/null
}

has() { grep -q -- "$1" "$OUT"; }
status_is() { head -n 1 "$OUT" | grep -q "^Status: $1 "; }

# The CSRF token for a pre-login cookie, computed as lib/session.c does.
KEY=$(sed -n 's/^Keys\.Csrf = //p' "$("$ROOT/build/sbin/portalctl" config-get Paths.Secrets)")
PRE=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
TOKEN=$(printf 'pre:%s' "$PRE" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary |
	base64 | tr '+/' '-_' | tr -d '=')

cgi login GET /login
ok "login_page_is_a_valid_cgi_response" status_is 200
ok "login_page_has_content_type" has '^Content-Type: text/html; charset=utf-8'
ok "login_page_has_content_length" has '^Content-Length: [0-9]' 
ok "login_page_is_dutch" has '<html lang="nl">'
ok "login_page_sets_a_pre_login_cookie" has '^Set-Cookie: __Host-pre='

cgi login POST /login "" "" CONTENT_LENGTH=999999999
ok "oversized_body_is_refused_before_reading" status_is 413

cgi login PUT /login
ok "unknown_method_gets_405" status_is 405

cgi login GET /nowhere
ok "unknown_path_gets_404" status_is 404

cgi login GET /login "next=http://evil.example/"
ok "bad_parameter_gets_400" status_is 400
ok "the_400_page_names_the_field" has '<code>next</code>'

cgi login GET /login "next=/a&next=/b"
ok "a_parameter_given_twice_gets_400" status_is 400

many=$(i=0; while [ $i -lt 300 ]; do printf 'p%d=1&' $i; i=$((i + 1)); done)
cgi login GET /login "$many"
ok "too_many_parameters_get_400" status_is 400

cgi login POST /login "" "email=a%40b.example&password=x"
ok "post_without_token_gets_403" status_is 403

cgi login POST /login "" "csrf=$TOKEN&email=&password=" HTTP_COOKIE="__Host-pre=$PRE"
ok "post_with_token_of_the_pre_login_cookie_is_accepted" status_is 422
ok "empty_fields_are_named" has 'id="e-email"'

cgi login POST /login "" "csrf=$TOKEN&email=a%40b.example&password=x" \
	HTTP_COOKIE="__Host-pre=$PRE" HTTP_ORIGIN=https://evil.example
ok "post_from_another_origin_gets_403" status_is 403

cgi login POST /login "" "csrf=$TOKEN&email=a%40b.example" HTTP_COOKIE="__Host-pre=$PRE" \
	CONTENT_TYPE=application/json
ok "post_of_another_content_type_gets_415" status_is 415

cgi login POST /lang "" "csrf=$TOKEN&lang=fr&next=/login" HTTP_COOKIE="__Host-pre=$PRE"
ok "language_switch_redirects" status_is 303
ok "language_switch_sets_the_cookie" has '^Set-Cookie: __Host-lang=fr;'

cgi login GET /login "" "" HTTP_COOKIE="__Host-lang=en"
ok "language_cookie_is_honoured" has '<html lang="en">'

cgi login GET /login "" "" HTTP_COOKIE="__Host-lang=<script>"
ok "unknown_language_falls_back_to_dutch" has '<html lang="nl">'

printf '' | env -i PORTAL_CONF="$CONF" REQUEST_METHOD=GET "$ROOT/build/cgi-bin/login.fcgi" > "$OUT" 2>/dev/null
ok "a_bare_binary_answers_its_first_route" has '<h1>Inloggen</h1>'

cgi home GET /healthz
ok "healthz_answers_json_as_cgi" has '"database":"up"'

cgi home GET /
ok "home_redirects_to_login_without_session" has '^Location: /login?next=/'

echo "1..$N"
[ "$FAILED" -eq 0 ]

#!/bin/sh
# stack.sh: the local stack — MariaDB, nginx, two instances of every FastCGI
# binary, the SMTP sink, the back-office simulator and the worker — under
# var/ (or var/test/ with --test), as the invoking user.
#
#   scripts/stack.sh [--test] start|stop|status|demo|restart-one NAME
#
# Ports and paths come from the configuration (conf/portal.hdf, or
# conf/test.hdf with --test). `start` when running is harmless; `stop`
# leaves no process behind.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ "${1:-}" = "--test" ]; then
	shift
	PORTAL_CONF=${PORTAL_CONF:-conf/test.hdf}
fi
PORTAL_CONF=${PORTAL_CONF:-conf/portal.hdf}
export PORTAL_CONF

CTL=$ROOT/build/sbin/portalctl
PY=/usr/bin/python3

conf() {
	"$CTL" config-get "$1" || die "cannot read $1 from $PORTAL_CONF"
}

die() { echo "stack: $*" >&2; exit 1; }

[ -x "$CTL" ] || die "build first: make"
mkdir -p "$("$CTL" config-get Paths.Var)"
"$CTL" init-secrets >/dev/null || die "cannot write the secrets file"
VAR=$(conf Paths.Var)
RUN=$(conf Paths.Run)
LOG=$(conf Paths.Log)
TMP=$(conf Paths.Tmp)
SOCK=$(conf Database.Socket)
DBNAME=$(conf Database.Name)
DBUSER=$(conf Database.User)
HTTP_PORT=$(conf Stack.HttpPort)
HTTPS_PORT=$(conf Stack.HttpsPort)
SMTP_PORT=$(conf Stack.SmtpPort)
BO_PORT=$(conf Stack.BackofficePort)
INSTANCES=$(conf Stack.Instances)
MAILDIR=$(conf Stack.MailDir)
PREFIX=$(conf Portal.Prefix)
MAX_BODY=$(conf Limits.MaxBodyBytes)
MAX_UPLOAD=$(conf Limits.MaxUploadBytes)
STATIC=$ROOT/$(conf Paths.Static)
case "$VAR" in /*) ;; *) VAR=$ROOT/$VAR ;; esac
case "$RUN" in /*) ;; *) RUN=$ROOT/$RUN ;; esac
case "$LOG" in /*) ;; *) LOG=$ROOT/$LOG ;; esac
case "$TMP" in /*) ;; *) TMP=$ROOT/$TMP ;; esac
case "$SOCK" in /*) ;; *) SOCK=$ROOT/$SOCK ;; esac
case "$MAILDIR" in /*) ;; *) MAILDIR=$ROOT/$MAILDIR ;; esac
SECRETS=$(conf Paths.Secrets)
DBPASS=$(sed -n 's/^[[:space:]]*Database\.Password[[:space:]]*=[[:space:]]*//p' "$SECRETS" | tail -n 1)
ME=$(id -un)
MYGROUP=$(id -gn)
MODULES=$(ls build/cgi-bin/*.fcgi 2>/dev/null | sed 's|.*/||; s|\.fcgi$||')

mkdir -p "$RUN" "$LOG" "$TMP" "$MAILDIR" "$VAR/db" "$VAR/mariadb" "$VAR/nginx/tmp" "$VAR/tls"
chmod 0700 "$TMP" "$VAR/mariadb" "$VAR/tls"

# Is the process of a pid file running? A zombie (killed, not yet reaped
# by an init that may never reap it) is not.
running() {
	kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}
alive() { [ -f "$1" ] && running "$(cat "$1")"; }

wait_for() { # seconds, command...
	n=$(( $1 * 10 )); shift
	while [ $n -gt 0 ]; do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

# Starts "$@" in the background, detached, with its pid in $RUN/$name.pid.
spawn() {
	name=$1; shift
	alive "$RUN/$name.pid" && return 0
	setsid "$@" >>"$LOG/$name.log" 2>&1 < /dev/null &
	echo $! > "$RUN/$name.pid"
}

# --- MariaDB -----------------------------------------------------------------
db_args() {
	echo --defaults-file="$ROOT/conf/mariadb/portal.cnf" --datadir="$VAR/db" \
		--socket="$SOCK" --pid-file="$RUN/mariadb.pid" --log-error="$LOG/mariadb.log" \
		--file-key-management-filename="$VAR/mariadb/keyfile" --user="$ME" --tmpdir="$TMP"
}

db_root() { mariadb --no-defaults -S "$SOCK" -u root "$@"; }

start_db() {
	if [ -n "$("$CTL" config-get Database.Hosts 2>/dev/null || true)" ]; then
		# A cluster of its own (scripts/galera.sh), its database and
		# users made there: only the schema here.
		"$CTL" migrate >>"$LOG/migrate.log" 2>&1 || { cat "$LOG/migrate.log" >&2; die "migrate failed"; }
		return 0
	fi
	if [ ! -f "$VAR/mariadb/keyfile" ]; then
		( umask 077; echo "1;$(openssl rand -hex 32)" > "$VAR/mariadb/keyfile" )
	fi
	if [ ! -d "$VAR/db/mysql" ]; then
		echo "stack: creating the database files in $VAR/db"
		mariadb-install-db $(db_args) --auth-root-authentication-method=socket \
			--auth-root-socket-user="$ME" --skip-test-db >"$LOG/mariadb-install.log" 2>&1 ||
			die "mariadb-install-db failed; see $LOG/mariadb-install.log"
	fi
	if ! alive "$RUN/mariadb.pid"; then
		setsid mariadbd $(db_args) >>"$LOG/mariadb.log" 2>&1 < /dev/null &
		wait_for 60 db_root -e "SELECT 1" || die "MariaDB did not start; see $LOG/mariadb.log"
	fi
	db_root <<EOS
CREATE DATABASE IF NOT EXISTS \`$DBNAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DBUSER'@'localhost' IDENTIFIED BY '$DBPASS';
ALTER USER '$DBUSER'@'localhost' IDENTIFIED BY '$DBPASS';
GRANT ALL PRIVILEGES ON \`$DBNAME\`.* TO '$DBUSER'@'localhost';
EOS
	"$CTL" migrate >>"$LOG/migrate.log" 2>&1 || { cat "$LOG/migrate.log" >&2; die "migrate failed"; }
}

# --- FastCGI, nginx ----------------------------------------------------------
start_fcgi() {
	for m in $MODULES; do
		i=1
		while [ $i -le "$INSTANCES" ]; do
			if ! alive "$RUN/$m-$i.pid"; then
				rm -f "$RUN/$m-$i.sock"
				spawn "$m-$i" spawn-fcgi -n -s "$RUN/$m-$i.sock" -M 0660 -- \
					"$ROOT/build/cgi-bin/$m.fcgi"
			fi
			i=$((i + 1))
		done
	done
}

write_nginx_conf() {
	if [ ! -f "$VAR/tls/cert.pem" ]; then
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-keyout "$VAR/tls/key.pem" -out "$VAR/tls/cert.pem" -days 825 \
			-subj "/CN=127.0.0.1/O=Flexportal local stack" \
			-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1 ||
			die "openssl could not make the certificate"
	fi
	# make bench compares the portal with a plain file served by nginx,
	# and its week view, approval list and client report with plain PHP
	# pages (tests/bench/peer/).
	{
		printf '    location = %s/bench/static.html {\n        alias %s/bench/static.html;\n    }\n' "$PREFIX" "$VAR"
		printf '    location = %s/bench/document.pdf {\n        alias %s/bench/document.pdf;\n    }\n' "$PREFIX" "$VAR"
		for p in week timesheets reports; do
			printf '    location = %s/bench/peer/%s.php {\n        include %s/nginx/fastcgi.conf;\n' "$PREFIX" $p "$VAR"
			printf '        fastcgi_param SCRIPT_FILENAME %s/tests/bench/peer/%s.php;\n' "$ROOT" $p
			printf '        fastcgi_pass unix:%s/php-fpm.sock;\n    }\n' "$RUN"
		done
	} > "$VAR/nginx/bench-locations.conf"
	$PY scripts/nginx-conf.py "$VAR/nginx" --modules "$MODULES" --sockets "$RUN" \
		--instances "$INSTANCES" --prefix "$PREFIX" --static "$STATIC" \
		--access-log "$LOG/nginx-access.log" --max-body "$MAX_BODY" --max-upload "$MAX_UPLOAD" \
		--listen-http "127.0.0.1:$HTTP_PORT" --listen-https "127.0.0.1:$HTTPS_PORT" \
		--https-port "$HTTPS_PORT" --cert "$VAR/tls/cert.pem" --key "$VAR/tls/key.pem" \
		--extra "$VAR/nginx/bench-locations.conf" || die "cannot write the nginx configuration"
	if [ "$(id -u)" = 0 ]; then userline="user $ME $MYGROUP;"; else userline=""; fi
	cat > "$VAR/nginx/nginx.conf" <<EOS
# Generated by scripts/stack.sh: the local stack's nginx.
$userline
worker_processes 2;
pid $RUN/nginx.pid;
error_log $LOG/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css application/javascript text/plain image/svg+xml;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    server_tokens off;
    client_body_temp_path $VAR/nginx/tmp/body;
    fastcgi_temp_path $VAR/nginx/tmp/fastcgi;
    proxy_temp_path $VAR/nginx/tmp/proxy;
    uwsgi_temp_path $VAR/nginx/tmp/uwsgi;
    scgi_temp_path $VAR/nginx/tmp/scgi;
    include $VAR/nginx/flexportal-http.conf;
    include $VAR/nginx/flexportal-server.conf;
}
EOS
}

start_nginx() {
	write_nginx_conf
	if alive "$RUN/nginx.pid"; then
		nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload
		return 0
	fi
	nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" ||
		die "nginx did not start; see $LOG/nginx-error.log"
	wait_for 10 test -f "$RUN/nginx.pid" || die "nginx did not start"
}

start_all() {
	start_db
	start_fcgi
	start_nginx
	spawn smtp-sink $PY "$ROOT/tests/smtp-sink.py" --port "$SMTP_PORT" --maildir "$MAILDIR"
	spawn backoffice-sim "$ROOT/build/tests/bin/backoffice-sim" --port "$BO_PORT" \
		--token-file "$SECRETS"
	spawn worker "$ROOT/build/sbin/portal-worker"
	wait_for 10 curl -skf "https://127.0.0.1:$HTTPS_PORT$PREFIX/healthz" ||
		die "the portal does not answer on https://127.0.0.1:$HTTPS_PORT$PREFIX/healthz"
	echo "stack: running at https://127.0.0.1:$HTTPS_PORT$PREFIX/ (logs in $LOG)"
}

stop_pid() { # pidfile
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	if running "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		n=100
		while running "$pid" && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$1"
}

stop_all() {
	for f in "$RUN"/*.pid; do
		[ -f "$f" ] || continue
		case $f in */mariadb.pid) continue ;; esac
		stop_pid "$f"
	done
	if alive "$RUN/mariadb.pid"; then
		pid=$(cat "$RUN/mariadb.pid")
		kill -TERM "$pid" 2>/dev/null || true
		n=300
		while running "$pid" && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$RUN"/*.sock "$RUN"/*.pid
	echo "stack: stopped"
}

status_all() {
	rc=0
	for f in "$RUN"/*.pid; do
		[ -f "$f" ] || { echo "stack: not running"; return 1; }
		name=$(basename "$f" .pid)
		if alive "$f"; then echo "running  $name ($(cat "$f"))"; else echo "DEAD     $name"; rc=1; fi
	done
	return $rc
}

demo() {
	"$CTL" seed-demo
	cat <<EOS

Flexportal is running: https://127.0.0.1:$HTTPS_PORT$PREFIX/
(http://127.0.0.1:$HTTP_PORT/ redirects there; the certificate is self-signed)
Mail sent by the portal: $MAILDIR    Back-office simulator: http://127.0.0.1:$BO_PORT/
Stop everything with: make stop

EOS
	sed -n '/^| Login /,/^Demo TOTP/p' README.md
}

case "${1:-}" in
start) start_all ;;
stop) stop_all ;;
status) status_all ;;
demo) demo ;;
restart-one)
	# Restarts one component by name (tests: an SMTP sink that comes back).
	[ -n "${2:-}" ] || die "restart-one NAME"
	case $2 in
	smtp-sink) spawn smtp-sink $PY "$ROOT/tests/smtp-sink.py" --port "$SMTP_PORT" --maildir "$MAILDIR" ;;
	worker) spawn worker "$ROOT/build/sbin/portal-worker" ;;
	backoffice-sim) spawn backoffice-sim "$ROOT/build/tests/bin/backoffice-sim" --port "$BO_PORT" \
		--token-file "$SECRETS" ;;
	mariadb) start_db ;;
	*) start_fcgi ;;
	esac ;;
*) echo "usage: scripts/stack.sh [--test] start|stop|status|demo|restart-one NAME" >&2; exit 2 ;;
esac

#!/bin/sh
# install.sh: `make install` — the built programs, templates, static files,
# migrations, every configuration file the programs read, the nginx
# snippets and the systemd units, in the FHS layout:
#
#   $PREFIX/sbin/                       portalctl, portal-worker
#   $PREFIX/lib/flexportal/cgi-bin/     one FastCGI program per module
#   $PREFIX/share/flexportal/           templates, htdocs/static, sql, nginx/,
#                                       the shipped configuration as examples
#   $SYSCONFDIR/flexportal/             portal.hdf, roles.hdf, documents.hdf,
#                                       privacy.hdf, secrets.hdf.example
#   $PREFIX/lib/systemd/system/         the units
#   $LOCALSTATEDIR/lib/flexportal/      documents, upload temp files
#   $LOCALSTATEDIR/log/flexportal/
#
# Everything under $DESTDIR when it is set (packaging). A configuration
# file already there is kept: the new one is written beside it as .dist.
# The environment (from the Makefile) gives DESTDIR PREFIX SYSCONFDIR
# LOCALSTATEDIR RUNSTATEDIR URL_PREFIX.
set -eu
cd "$(dirname "$0")/.."
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
case $PREFIX in
/usr) SYSCONFDIR=${SYSCONFDIR:-/etc} ;;
*) SYSCONFDIR=${SYSCONFDIR:-$PREFIX/etc} ;;
esac
LOCALSTATEDIR=${LOCALSTATEDIR:-/var}
RUNSTATEDIR=${RUNSTATEDIR:-/run}
URL_PREFIX=${URL_PREFIX:-}
# It lands in nginx's and Apache's locations and in sed: letters, digits
# and - _ ~ only, in parts after a slash.
if [ -n "$URL_PREFIX" ] && ! printf '%s' "$URL_PREFIX" | grep -Eqx '(/[A-Za-z0-9_~-]+)+'; then
	echo "install: URL_PREFIX is a path such as /portal (letters, digits, - _ ~; no trailing slash), or empty" >&2
	exit 2
fi

SBINDIR=$PREFIX/sbin
LIBEXEC=$PREFIX/lib/flexportal/cgi-bin
SHARE=$PREFIX/share/flexportal
UNITDIR=$PREFIX/lib/systemd/system
ETC=$SYSCONFDIR/flexportal
STATE=$LOCALSTATEDIR/lib/flexportal
LOGDIR=$LOCALSTATEDIR/log/flexportal
RUNDIR=$RUNSTATEDIR/flexportal
MODULES=$(ls build/cgi-bin/*.fcgi | sed 's|.*/||; s|\.fcgi$||')

# A folder made when missing; one there keeps its owner and mode (INSTALL
# narrows some).
d() { for x; do [ -d "$DESTDIR$x" ] || install -d "$DESTDIR$x"; done; }
d "$SBINDIR" "$LIBEXEC" "$SHARE" "$SHARE/nginx" "$UNITDIR" "$ETC" "$STATE" "$LOGDIR"

install -m 0755 build/sbin/portalctl build/sbin/portal-worker "$DESTDIR$SBINDIR/"
install -m 0755 build/cgi-bin/*.fcgi "$DESTDIR$LIBEXEC/"
rm -rf "$DESTDIR$SHARE/templates" "$DESTDIR$SHARE/htdocs" "$DESTDIR$SHARE/sql"
cp -R templates "$DESTDIR$SHARE/templates"
mkdir -p "$DESTDIR$SHARE/htdocs"
cp -R htdocs/static "$DESTDIR$SHARE/htdocs/static"
cp -R sql "$DESTDIR$SHARE/sql"

# A configuration file: into $ETC unless one is there (then beside it, as
# .dist, to compare), and always into $SHARE as the example.
conffile() { # name, source file
	install -m 0644 "$2" "$DESTDIR$SHARE/$1.example"
	if [ -e "$DESTDIR$ETC/$1" ]; then
		install -m 0644 "$2" "$DESTDIR$ETC/$1.dist"
		echo "install: kept $DESTDIR$ETC/$1; the new one is $1.dist"
	else
		install -m 0644 "$2" "$DESTDIR$ETC/$1"
	fi
}

# portal.hdf: the shipped one with the installed paths.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -e "s|^  Prefix =.*|  Prefix = $URL_PREFIX|" \
    -e "s|^  Templates = templates|  Templates = $SHARE/templates|" \
    -e "s|^  Static = htdocs/static|  Static = $SHARE/htdocs/static|" \
    -e "s|^  Sql = sql|  Sql = $SHARE/sql|" \
    -e "s|^  Roles = conf/roles.hdf|  Roles = $ETC/roles.hdf|" \
    -e "s|^  DocumentTypes = conf/documents.hdf|  DocumentTypes = $ETC/documents.hdf|" \
    -e "s|^  Privacy = conf/privacy.hdf|  Privacy = $ETC/privacy.hdf|" \
    -e "s|^  Var = var|  Var = $STATE\n  Run = $RUNDIR\n  Log = $LOGDIR\n  Secrets = $ETC/secrets.hdf|" \
    -e "s|^  # Socket = var/run/mysqld.sock|  Socket = $RUNSTATEDIR/mysqld/mysqld.sock|" \
    conf/portal.hdf > "$tmp"
for k in "Prefix = $URL_PREFIX" "Templates = $SHARE/" "Var = $STATE" "Socket = $RUNSTATEDIR/"; do
	grep -q "^  $k" "$tmp" || { echo "install: conf/portal.hdf changed: no line '$k'" >&2; exit 1; }
done
conffile portal.hdf "$tmp"
for f in roles documents privacy; do
	conffile $f.hdf conf/$f.hdf
done
install -m 0644 conf/secrets.hdf.example "$DESTDIR$ETC/secrets.hdf.example"

# nginx: the http-block part, the locations below URL_PREFIX for an
# existing server block, and a server of its own.
/usr/bin/python3 scripts/nginx-conf.py "$DESTDIR$SHARE/nginx" --modules "$MODULES" \
	--sockets "$RUNDIR" --prefix "$URL_PREFIX" --static "$SHARE/htdocs/static" \
	--snippets "$SHARE/nginx" --access-log "$LOCALSTATEDIR/log/nginx/flexportal-access.log" \
	--max-body "$(PORTAL_CONF=conf/portal.hdf build/sbin/portalctl config-get Limits.MaxBodyBytes)" \
	--max-upload "$(PORTAL_CONF=conf/portal.hdf build/sbin/portalctl config-get Limits.MaxUploadBytes)"

# Apache: the same portal as plain CGI (INSTALL, 6).
d "$SHARE/apache"
sed -e "s|@PREFIX@|$URL_PREFIX|g" -e "s|@SHARE@|$SHARE|g" -e "s|@ETC@|$ETC|g" \
    -e "s|@LIBEXEC@|$LIBEXEC|g" \
    -e "s/@MODULES@/$(echo "$MODULES" | grep -vx 'login\|home' | tr '\n' '|' | sed 's/|$//')/" \
    -e "s|@MAX_UPLOAD@|$(PORTAL_CONF=conf/portal.hdf build/sbin/portalctl config-get Limits.MaxUploadBytes)|" \
	conf/apache/cgi.conf.in > "$DESTDIR$SHARE/apache/flexportal-cgi.conf"

# mtail: the request log as Prometheus metrics (INSTALL, 10).
d "$SHARE/mtail"
install -m 0644 conf/mtail/flexportal.mtail "$DESTDIR$SHARE/mtail/"

# The units, with the installed paths.
for u in conf/systemd/*; do
	sed -e "s|@ETC@|$ETC|g" -e "s|@LIBEXEC@|$LIBEXEC|g" -e "s|@SBINDIR@|$SBINDIR|g" \
	    -e "s|@STATE@|$STATE|g" -e "s|@LOGDIR@|$LOGDIR|g" -e "s|@RUNDIR@|$RUNDIR|g" \
		"$u" > "$DESTDIR$UNITDIR/${u##*/}"
	chmod 0644 "$DESTDIR$UNITDIR/${u##*/}"
done

echo "installed under $DESTDIR$PREFIX, configuration in $DESTDIR$ETC; next steps: INSTALL"
echo "install: the jobs (retention, reminders, inactive accounts) run from flexportal-jobs.timer:"
echo "install:   systemctl enable --now flexportal-jobs.timer   (on one host; the worker only delivers)"

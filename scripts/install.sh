#!/bin/sh
# install.sh DESTDIR PREFIX: `make install` — the built programs, templates,
# static files, migrations, an example configuration with the installed
# paths, the nginx snippet and systemd units. Touches nothing outside
# DESTDIR/PREFIX (and DESTDIR/etc when PREFIX is /usr).
set -eu
DESTDIR=$1
PREFIX=$2
case $PREFIX in
/usr) SYSCONFDIR=/etc ;;
*) SYSCONFDIR=$PREFIX/etc ;;
esac
LIBDIR=$PREFIX/lib
SBINDIR=$PREFIX/sbin
SHARE=$PREFIX/share/flexportal

d() { install -d "$DESTDIR$1"; }
d "$SBINDIR"; d "$LIBDIR/flexportal/cgi-bin"; d "$SHARE"; d "$SYSCONFDIR/flexportal"
d "$SHARE/nginx"; d "$LIBDIR/systemd/system"

install -m 0755 build/sbin/portalctl build/sbin/portal-worker "$DESTDIR$SBINDIR/"
install -m 0755 build/cgi-bin/*.fcgi "$DESTDIR$LIBDIR/flexportal/cgi-bin/"
rm -rf "$DESTDIR$SHARE/templates" "$DESTDIR$SHARE/htdocs" "$DESTDIR$SHARE/sql"
cp -R templates "$DESTDIR$SHARE/templates"
mkdir -p "$DESTDIR$SHARE/htdocs"
cp -R htdocs/static "$DESTDIR$SHARE/htdocs/static"
cp -R sql "$DESTDIR$SHARE/sql"
install -m 0644 conf/secrets.hdf.example conf/roles.hdf conf/documents.hdf conf/privacy.hdf "$DESTDIR$SHARE/"
install -m 0644 conf/nginx/fastcgi.conf conf/nginx/static-headers.conf "$DESTDIR$SHARE/nginx/"

# The example configuration: the shipped one with the installed paths.
sed -e "s|^  Templates = templates|  Templates = $SHARE/templates|" \
    -e "s|^  Static = htdocs/static|  Static = $SHARE/htdocs/static|" \
    -e "s|^  Sql = sql|  Sql = $SHARE/sql|" \
    -e "s|^  Roles = conf/roles.hdf|  Roles = $SHARE/roles.hdf|" \
    -e "s|^  DocumentTypes = conf/documents.hdf|  DocumentTypes = $SHARE/documents.hdf|" \
    -e "s|^  Privacy = conf/privacy.hdf|  Privacy = $SHARE/privacy.hdf|" \
    -e "s|^  Var = var|  Var = /var/lib/flexportal\n  Run = /run/flexportal\n  Log = /var/log/flexportal\n  Secrets = $SYSCONFDIR/flexportal/secrets.hdf|" \
    -e "s|^  # Socket = var/run/mysqld.sock|  Socket = /run/mysqld/mysqld.sock|" \
    conf/portal.hdf > "$DESTDIR$SHARE/portal.hdf.example"

# The nginx snippet, two instances of every module.
modules=$(ls build/cgi-bin/*.fcgi | sed 's|.*/||; s|\.fcgi$||')
up=""
locs=""
for m in $modules; do
	up="${up}upstream flexportal_$m {
    server unix:/run/flexportal/$m-1.sock max_fails=1 fail_timeout=5s;
    server unix:/run/flexportal/$m-2.sock max_fails=1 fail_timeout=5s;
}
"
	case $m in login|home) ;; *) locs="${locs}    location /$m/ {
        client_max_body_size 21m;
        include $SHARE/nginx/fastcgi.conf;
        fastcgi_pass flexportal_$m;
    }
" ;; esac
done
UPSTREAMS="$up" MODULE_LOCATIONS="$locs" /usr/bin/python3 - "$DESTDIR$SHARE/nginx/flexportal.conf" "$SHARE" <<'EOS'
import os, sys
share = sys.argv[2]
s = open("conf/nginx/flexportal.conf.in").read()
for k, v in {
    "@UPSTREAMS@": os.environ["UPSTREAMS"],
    "@MODULE_LOCATIONS@": os.environ["MODULE_LOCATIONS"],
    "@STACK_EXTRA@": "",
    "@LISTEN_HTTP@": "80",
    "@LISTEN_HTTPS@": "443",
    "@HTTPS_PORT@": "443",
    "@TLS_CERT@": "/etc/ssl/flexportal/fullchain.pem",
    "@TLS_KEY@": "/etc/ssl/flexportal/privkey.pem",
    "@MAX_BODY@": "1m",
    "@PREFIX@": "",
    "@STATIC@": share + "/htdocs/static",
    "@SNIPPETS@": share + "/nginx",
    "@ACCESS_LOG@": "/var/log/nginx/flexportal-access.log",
}.items():
    s = s.replace(k, v)
s = s.replace("return 301 https://$host:443$request_uri;", "return 301 https://$host$request_uri;")
open(sys.argv[1], "w").write(s)
EOS

for u in flexportal@.socket flexportal@.service flexportal-worker.service; do
	sed -e "s|@SYSCONFDIR@|$SYSCONFDIR|g" -e "s|@LIBDIR@|$LIBDIR|g" -e "s|@SBINDIR@|$SBINDIR|g" \
		"conf/systemd/$u" > "$DESTDIR$LIBDIR/systemd/system/$u"
done
echo "installed under $DESTDIR$PREFIX; next steps: INSTALL"

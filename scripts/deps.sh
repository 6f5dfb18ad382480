#!/bin/sh
# deps.sh: install the Debian 12 packages Flexportal builds, runs and tests with.
# Idempotent: asks apt only for what is missing, and runs `apt-get update`
# once, and only when something has to be installed.
#
#   scripts/deps.sh [--bench | --ops]
#
# --bench adds what only `make bench` needs: PHP-FPM, PDO MySQL and the PHP
# CLI, for the peer the week view is measured against (tests/bench/peer/).
# --ops adds what only `make check-ops` needs: systemd-analyze for the
# shipped units, Apache for the plain-CGI recipe, mariadb-backup, mtail,
# Galera and socat (its state transfer with mariadb-backup).
set -eu

PKGS="make gcc pkg-config ca-certificates curl openssl
libfcgi-dev clearsilver-dev zlib1g-dev
libmariadb-dev mariadb-server mariadb-client
libcrypt-dev libpwquality-dev cracklib-runtime
liboath-dev libqrencode-dev libssl-dev libcurl4-openssl-dev
libjansson-dev libxlsxwriter-dev libzip-dev
libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
nginx-light spawn-fcgi python3 python3-aiosmtpd python3-openpyxl
libcmocka-dev chromium wrk procps tzdata
clang libclang-rt-14-dev binutils"
BENCH_PKGS="php-fpm php-mysql php-cli"
OPS_PKGS="systemd apache2 mariadb-backup mtail galera-4 socat"
case "${1:-}" in
--bench) PKGS="$PKGS $BENCH_PKGS" ;;
--ops) PKGS="$PKGS $OPS_PKGS" ;;
esac

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

# Node.js (for the browser tests' npm playwright-core) may come from
# elsewhere than Debian; only ask Debian for it when there is none at all.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

if [ -z "$missing" ]; then
	exit 0
fi

echo "deps: missing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "deps: not root. Install them as root, then run make again:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
		exit 1
	fi
else
	SUDO=""
fi

export DEBIAN_FRONTEND=noninteractive
# The portal runs its own private mariadbd, nginx and (for the bench)
# php-fpm; keep the package scripts from starting the system-wide services:
# a policy-rc.d that refuses every start while apt runs, unless the machine
# has one of its own already.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
	$SUDO sh -c "printf '#!/bin/sh\nexit 101\n' > $POLICY && chmod 0755 $POLICY"
	trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing

#!/bin/sh
# deps.sh: install the Debian 12 packages Flexportal builds, runs and tests with.
# Idempotent: asks apt only for what is missing, and runs `apt-get update`
# once, and only when something has to be installed.
set -eu

PKGS="make gcc pkg-config ca-certificates curl openssl
libfcgi-dev clearsilver-dev zlib1g-dev
libmariadb-dev mariadb-server mariadb-client
libcrypt-dev libpwquality-dev cracklib-runtime
liboath-dev libqrencode-dev libssl-dev libcurl4-openssl-dev
libjansson-dev libxlsxwriter-dev libzip-dev
nginx-light spawn-fcgi python3 python3-aiosmtpd
libcmocka-dev chromium wrk procps tzdata"

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
# The portal runs its own private mariadbd and nginx; keep the package
# scripts from starting the system-wide services where that is possible.
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing

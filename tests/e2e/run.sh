#!/bin/sh
# run.sh: browser tests — playwright-core (npm) driving Debian's chromium,
# headless, against the test stack. Prints TAP.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ]; then
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
BASE_URL=$(cd ../.. && build/sbin/portalctl config-get Portal.BaseURL)
MAIL_DIR=$(cd ../.. && build/sbin/portalctl config-get Stack.MailDir)
case $MAIL_DIR in /*) ;; *) MAIL_DIR=$(cd ../.. && pwd)/$MAIL_DIR ;; esac
DB_SOCK=$(cd ../.. && build/sbin/portalctl config-get Database.Socket)
case $DB_SOCK in /*) ;; *) DB_SOCK=$(cd ../.. && pwd)/$DB_SOCK ;; esac
DB_NAME=$(cd ../.. && build/sbin/portalctl config-get Database.Name)
export BASE_URL MAIL_DIR DB_SOCK DB_NAME
status=0
for t in *.test.mjs; do
	node "$t" || status=1
done
exit $status

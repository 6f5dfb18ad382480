#!/bin/sh
# layout.sh: lib/ in floors with no arrow back up — the accept loop (app.c)
# on top, nothing below it includes app.h; the request (its types, its
# head, its answer), the database, the configuration and the small helpers
# at the bottom include nothing of the portal's above them.
set -u
cd "$(dirname "$0")/../.."
N=0
FAILED=0
ok() {
	name=$1
	shift
	N=$((N + 1))
	if out=$("$@" 2>&1) && [ -z "$out" ]; then
		echo "ok $N - $name"
	else
		echo "not ok $N - $name"
		echo "$out" | sed 's/^/#   /'
		FAILED=$((FAILED + 1))
	fi
}

# The portal headers a file includes.
includes() { sed -n 's/^#include "\([a-z_]*\.h\)".*/\1/p' "$1"; }

below_app() {
	for f in lib/*.c lib/*.h; do
		[ "$f" = lib/app.c ] && continue
		includes "$f" | grep -qx app.h && echo "$f includes app.h"
	done
	return 0
}

bottom_is_bottom() {
	for h in request http util log conf db crypto tz; do
		for f in lib/$h.h lib/$h.c; do
			[ -f "$f" ] || continue
			for inc in $(includes "$f"); do
				case $inc in
				request.h|http.h|util.h|log.h|conf.h|db.h|crypto.h|tz.h) ;;
				*) echo "$f (bottom floor) includes $inc" ;;
				esac
			done
		done
	done
	return 0
}

ok "nothing_below_the_accept_loop_includes_app_h" below_app
ok "the_bottom_floor_includes_nothing_above_it" bottom_is_bottom
echo "1..$N"
[ "$FAILED" -eq 0 ]

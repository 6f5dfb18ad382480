#!/bin/sh
# hardening.sh: every program the portal installs, as readelf reads it —
# position independent (PIE), its relocations read-only after start (full
# RELRO: GNU_RELRO and BIND_NOW), a stack that is not executable (NX), the
# stack protector and _FORTIFY_SOURCE's checked calls. Skipped in an
# ASan/UBSan build (SANITIZE=1), whose programs are built for finding bugs.
set -u
cd "$(dirname "$0")/../.."
if [ "${SANITIZE:-}" = 1 ]; then
	echo "ok 1 # SKIP the programs of a SANITIZE=1 build are not the ones shipped"
	exit 0
fi
N=0
FAILED=0
for prog in build/cgi-bin/*.fcgi build/sbin/portalctl build/sbin/portal-worker; do
	N=$((N + 1))
	why=""
	readelf -h "$prog" | grep -q 'Type: *DYN' || why="$why not PIE;"
	readelf -lW "$prog" | grep -q 'GNU_RELRO' || why="$why no RELRO;"
	readelf -dW "$prog" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW' || why="$why no BIND_NOW (partial RELRO);"
	stack=$(readelf -lW "$prog" | awk '$1 == "GNU_STACK" { print $7 }')
	[ "$stack" = RW ] || why="$why stack flags '${stack:-none}' (want RW, not executable);"
	# The static ClearSilver archives import __stack_chk_fail and
	# __*_chk themselves, so the portal's own code is read instead: its
	# compile units (the archives carry none) name the stack protector;
	# _FORTIFY_SOURCE leaves no mark but the checked calls its objects
	# make (one rule builds them all; home.c alone makes none).
	producers=$(readelf --debug-dump=info "$prog" 2>/dev/null | grep 'DW_AT_producer')
	[ -n "$producers" ] || why="$why no compile units to read;"
	echo "$producers" | grep -v -- '-fstack-protector-strong' | grep -q . && why="$why code without -fstack-protector-strong;"
	echo "$producers" | grep -q -- '-fno-stack-protector' && why="$why code with -fno-stack-protector;"
	name=$(basename "$prog" .fcgi)
	objs=$(ls build/cgi-bin/"$name".o build/cgi-bin/"$name"/*.o build/obj/sbin/"$name".o \
		build/obj/sbin/"$name"/*.o 2>/dev/null)
	[ -n "$objs" ] || why="$why its objects not found;"
	# shellcheck disable=SC2086
	[ -n "$objs" ] && ! nm -u $objs build/lib/*.o | grep -Eq '__[a-z_]*_chk$' &&
		why="$why its code has no _FORTIFY_SOURCE checks;"
	if [ -z "$why" ]; then
		echo "ok $N - $prog: PIE, full RELRO, NX, stack protector, fortified"
	else
		echo "not ok $N - $prog:$why"
		FAILED=$((FAILED + 1))
	fi
done
echo "1..$N"
[ "$FAILED" -eq 0 ]

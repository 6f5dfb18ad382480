#!/bin/sh
# galera.sh: a three-node MariaDB Galera cluster on loopback, for the
# operations tests (tests/ops/test_galera.py) and to try the portal on one.
# Each node has its own data directory, socket and ports under DIR; the
# data is encrypted at rest with one key file, as on one server.
#
#   scripts/galera.sh DIR start          bootstrap node 1, then join 2 and 3
#   scripts/galera.sh DIR stop
#   scripts/galera.sh DIR kill N         SIGKILL node N (a host that dies)
#   scripts/galera.sh DIR start-node N   node N joins again
#   scripts/galera.sh DIR status         the cluster's size, per node
#
# For tests and trials: `start` after an unclean stop bootstraps from the
# node marked safe, else node 1, which may not have the last transactions.
#
# GALERA_PORT (default 3310): node N answers SQL on GALERA_PORT+N and
# speaks Galera on GALERA_PORT+1260+N (IST +1270, SST +1280).
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
[ $# -ge 2 ] || { echo "usage: scripts/galera.sh DIR start|stop|status|kill N|start-node N" >&2; exit 2; }
DIR=$1
case $DIR in /*) ;; *) DIR=$ROOT/$DIR ;; esac
CMD=$2
BASE=${GALERA_PORT:-3310}
ME=$(id -un)
NODES="1 2 3"

die() { echo "galera: $*" >&2; exit 1; }

cluster() { # the gcomm:// address of every node
	a=""
	for n in $NODES; do a="$a${a:+,}127.0.0.1:$((BASE + 1260 + n))"; done
	echo "gcomm://$a"
}

args() { # node N [extra]
	n=$1; d=$DIR/node$n
	echo --defaults-file="$DIR/node.cnf" \
		--datadir="$d/data" --socket="$d/mysqld.sock" --port=$((BASE + n)) \
		--pid-file="$d/mysqld.pid" --log-error="$d/error.log" --tmpdir="$d/tmp" --user="$ME" \
		--file-key-management-filename="$DIR/keyfile" \
		--wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$((BASE + 1260 + n))" \
		--wsrep-cluster-address="$(cluster)" \
		--wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$((BASE + 1260 + n));ist.recv_addr=127.0.0.1:$((BASE + 1270 + n))" \
		--wsrep-sst-receive-address="127.0.0.1:$((BASE + 1280 + n))"
}

sql() { # node N, then the statement
	mariadb --no-defaults -S "$DIR/node$1/mysqld.sock" -u root -N -B -e "$2"
}

running() { [ -f "$DIR/node$1/mysqld.pid" ] && kill -0 "$(cat "$DIR/node$1/mysqld.pid")" 2>/dev/null; }

wait_synced() { # node N, its pid
	i=0
	while [ $i -lt 600 ]; do
		s=$(sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2) || true
		[ "$s" = Synced ] && return 0
		kill -0 "$2" 2>/dev/null || break
		sleep 0.2; i=$((i + 1))
	done
	tail -n 30 "$DIR/node$1/error.log" >&2
	die "node $1 did not come up Synced"
}

start_node() { # N [--wsrep-new-cluster]
	n=$1; shift
	running "$n" && return 0
	mkdir -p "$DIR/node$n/data" "$DIR/node$n/tmp"
	chmod 0700 "$DIR/node$n/tmp"
	setsid mariadbd $(args "$n") "$@" >>"$DIR/node$n/error.log" 2>&1 < /dev/null &
	wait_synced "$n" $!
}

case $CMD in
start)
	mkdir -p "$DIR"
	# The local stack's server settings, and a node's.
	cat conf/mariadb/portal.cnf conf/mariadb/galera.cnf > "$DIR/node.cnf"
	if [ ! -f "$DIR/keyfile" ]; then
		( umask 077; echo "1;$(openssl rand -hex 32)" > "$DIR/keyfile" )
	fi
	if [ ! -d "$DIR/node1/data/mysql" ]; then
		mkdir -p "$DIR/node1/data" "$DIR/node1/tmp"
		mariadb-install-db $(args 1) --auth-root-authentication-method=socket \
			--auth-root-socket-user="$ME" --skip-test-db > "$DIR/install.log" 2>&1 ||
			die "mariadb-install-db failed; see $DIR/install.log"
		# A new cluster starts from the node that has the data.
		start_node 1 --wsrep-new-cluster
	else
		# Again after a stop: the node that stopped last (safe_to_bootstrap)
		# starts the cluster again.
		first=1
		for n in $NODES; do
			grep -q '^safe_to_bootstrap: 1' "$DIR/node$n/data/grastate.dat" 2>/dev/null && first=$n
		done
		sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$DIR/node$first/data/grastate.dat" 2>/dev/null || true
		start_node "$first" --wsrep-new-cluster
	fi
	for n in $NODES; do start_node "$n"; done
	echo "galera: $(sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2) nodes, SQL on 127.0.0.1:$((BASE + 1))-$((BASE + 3))"
	;;
stop)
	# One after the other: the last one is safe to start the cluster again.
	for n in 3 2 1; do
		running "$n" || continue
		pid=$(cat "$DIR/node$n/mysqld.pid")
		kill -TERM "$pid"
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$pid" 2>/dev/null || true
	done
	echo "galera: stopped"
	;;
kill)
	n=${3:?node}
	running "$n" || die "node $n is not running"
	kill -KILL "$(cat "$DIR/node$n/mysqld.pid")"
	;;
start-node)
	start_node "${3:?node}"
	;;
status)
	for n in $NODES; do
		if running "$n"; then
			echo "node$n $(sql "$n" "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment')" | tr '\n\t' '  ')"
		else
			echo "node$n down"
		fi
	done
	;;
*) die "unknown command $CMD" ;;
esac

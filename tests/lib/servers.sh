# tests/lib/servers.sh — throwaway database servers for the integration tests (sourced).
#
#   . tests/lib/servers.sh
#   srv_setup NAME            a temporary directory, and the trap that cleans up on exit
#   srv_postgres              PostgreSQL 15: sets PG_HOST (socket directory), PG_PORT, PSQL
#   srv_postgres_named NAME [logical]
#                             one more PostgreSQL 15 server (any number per script), in
#                             $srv_tmp/NAME: sets NAME_HOST, NAME_PORT, NAME_DSN (a libpq
#                             key=value DSN: host=NAME_HOST port=NAME_PORT dbname=postgres
#                             user=postgres), NAME_DATA (data directory), NAME_LOG (the
#                             server's log) and PSQL.  NAME is a shell name (SRC, DST).
#                             With `logical`: wal_level = logical, 10 replication slots and
#                             WAL senders, 40 connections, replication connections trusted
#                             on the socket and on 127.0.0.1 -- a logical replication source.
#   srv_track PID...          processes of the test (workloads, cdcc) killed at exit with
#                             their descendants (SIGKILL), before the servers stop;
#                             srv_untrack PID once the test has waited for one
#   srv_mariadb               MariaDB 10.11: sets MY_SOCK, MY_PORT, MARIADB (client)
#   srv_need CMD...           SKIP (exit 77) when a command is missing, an error under CI
#
# Each server is initialised in the temporary directory, listens on 127.0.0.1 on a port
# asked from the kernel and on a socket in the same directory, and is stopped by its pid
# when the script exits, however it exits; the directory is then removed.  As root (as CI
# runs), the servers run as their own users (postgres, mysql) or nobody.
#
# The sessions' settings are the ones cdcc's text forms assume: UTC, ISO dates, UTF-8.

srv_say() { printf '%s: %s\n' "$srv_name" "$*" >&2; }

# SKIP when a piece is missing -- except under CI=true, where every test must run
srv_skip() {
	srv_say "SKIP: $*"
	if [ "${CI:-}" = true ]; then
		srv_say "CI=true: this test must run; install what is missing (./bootstrap test does)"
		exit 2
	fi
	exit 77
}

srv_need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || srv_skip "$c is not installed"
	done
}

srv_setup() {
	srv_name=$1
	srv_pg_dirs= srv_my_pid= srv_child= srv_tracked=
	if [ ! -c /dev/null ]; then
		srv_say "/dev/null is not a character device on this machine: cannot start servers"
		exit 2
	fi
	command -v python3 >/dev/null 2>&1 || { srv_say "python3 is required"; exit 2; }
	# as root, in /tmp: the servers' users must be able to reach the directory
	srv_base=${TMPDIR:-/tmp}
	[ "$(id -u)" = 0 ] && srv_base=/tmp
	srv_tmp=$(mktemp -d "$srv_base/cdcc-$srv_name.XXXXXX") || { srv_say "could not create a temporary directory"; exit 2; }
	chmod 755 "$srv_tmp"
	trap srv_cleanup EXIT
	trap 'exit 2' HUP INT TERM
	# the environment must not change the sessions' settings
	unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGTZ PGDATESTYLE \
		PGPASSWORD PGSSLMODE PGAPPNAME MYSQL_HOST MYSQL_TCP_PORT MYSQL_UNIX_PORT MYSQL_PWD 2>/dev/null
	PGCLIENTENCODING=UTF8
	export PGCLIENTENCODING
}

srv_cleanup() {
	[ -n "$srv_child" ] && kill "$srv_child" 2>/dev/null
	for p in $srv_tracked; do srv_kill_tree "$p"; done
	for d in $srv_pg_dirs; do
		srv_as "$srv_pg_user" "$PG_CTL" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 ||
			{ [ -f "$d/data/postmaster.pid" ] && kill -9 "$(head -n 1 "$d/data/postmaster.pid")" 2>/dev/null; }
	done
	if [ -n "$srv_my_pid" ]; then
		kill "$srv_my_pid" 2>/dev/null
		i=0
		while kill -0 "$srv_my_pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$srv_my_pid" 2>/dev/null
	fi
	rm -rf "$srv_tmp"
}

srv_track() { srv_tracked="$srv_tracked $*"; }
# srv_untrack PID: the process has been waited for (its pid may be reused)
srv_untrack() {
	srv_t=
	for p in $srv_tracked; do [ "$p" = "$1" ] || srv_t="$srv_t $p"; done
	srv_tracked=$srv_t
}

# srv_kill_tree PID: SIGKILL to a process and its descendants (found by parent pid)
srv_kill_tree() {
	kill -STOP "$1" 2>/dev/null
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do srv_kill_tree "$c"; done
	kill -9 "$1" 2>/dev/null
}

# srv_user NAME...: the first of the users that exists, when running as root
srv_user() {
	[ "$(id -u)" = 0 ] || return 0
	for u in "$@" nobody; do
		if id "$u" >/dev/null 2>&1; then echo "$u"; return 0; fi
	done
	srv_say "running as root and no unprivileged user to run the server"
	exit 2
}

srv_as() {
	u=$1; shift
	if [ -n "$u" ]; then runuser -u "$u" -- "$@"; else "$@"; fi
}

srv_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- PostgreSQL 15 ----------------------------------------------------------------------

srv_pg_bins() {
	[ -n "${srv_pg_checked:-}" ] && return 0
	pgbin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
	for b in initdb pg_ctl postgres psql; do
		if [ -x "$pgbin/$b" ]; then p="$pgbin/$b"; else p=$(command -v "$b" 2>/dev/null); fi
		[ -n "$p" ] || srv_skip "PostgreSQL 15 ($b) is not installed"
		case $b in initdb) INITDB=$p ;; pg_ctl) PG_CTL=$p ;; postgres) POSTGRES=$p ;; psql) PSQL=$p ;; esac
	done
	version=$("$POSTGRES" --version 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p')
	[ "$version" = 15 ] || srv_skip "$POSTGRES is not PostgreSQL 15 (${version:-unknown version})"
	[ "$(id -u)" = 0 ] && { command -v runuser >/dev/null 2>&1 || { srv_say "running as root and runuser is missing"; exit 2; }; }
	srv_pg_user=$(srv_user postgres)
	srv_pg_checked=1
}

# srv_pg_start DIR [logical]: initialises and starts a server in DIR (data in DIR/data,
# socket in DIR, log DIR/server.log); sets srv_pg_port
srv_pg_start() {
	srv_pg_bins
	srv_d=$1
	mkdir "$srv_d" "$srv_d/data"
	[ -n "$srv_pg_user" ] && chown "$srv_pg_user" "$srv_d" "$srv_d/data"
	if ! srv_as "$srv_pg_user" "$INITDB" -D "$srv_d/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$srv_d/initdb.log" 2>&1; then
		srv_say "initdb failed:"
		cat "$srv_d/initdb.log" >&2
		exit 2
	fi
	# cdcc's text forms are PostgreSQL's with these settings (runtime/value.c); the
	# C.UTF-8 locale gives lower()/upper() the case mapping cdcc uses (stdlib/fn_text.c)
	cat >>"$srv_d/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$srv_d'
TimeZone = 'UTC'
DateStyle = 'ISO, YMD'
IntervalStyle = 'postgres'
extra_float_digits = 1
bytea_output = 'hex'
standard_conforming_strings = on
lc_messages = 'C'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 16MB
EOF
	case ${2:-} in
	'') ;;
	logical)
		# a logical replication source: slots and WAL senders for cdcc and the tests, and
		# replication connections trusted on the socket and on 127.0.0.1
		cat >>"$srv_d/data/postgresql.conf" <<EOF
wal_level = logical
max_replication_slots = 10
max_wal_senders = 10
max_connections = 40
EOF
		cat >>"$srv_d/data/pg_hba.conf" <<EOF
local replication all trust
host  replication all 127.0.0.1/32 trust
EOF
		;;
	*) srv_say "srv_postgres_named: '$2' is not an option (logical)"; exit 2 ;;
	esac
	# a free port: asked from the kernel, then bound by the server (again if another took it)
	for attempt in 1 2 3; do
		srv_pg_port=$(srv_port)
		echo "port = $srv_pg_port" >>"$srv_d/data/postgresql.conf"
		srv_pg_dirs="$srv_pg_dirs $srv_d"
		srv_as "$srv_pg_user" "$PG_CTL" -D "$srv_d/data" -l "$srv_d/server.log" -w -t 60 start \
			>/dev/null 2>&1 && return 0
		srv_as "$srv_pg_user" "$PG_CTL" -D "$srv_d/data" -m immediate -w stop >/dev/null 2>&1
		srv_pg_dirs=${srv_pg_dirs% "$srv_d"}
	done
	srv_say "the PostgreSQL server did not start:"
	cat "$srv_d/server.log" >&2
	exit 2
}

srv_postgres() {
	srv_pg_start "$srv_tmp/pg"
	PG_HOST=$srv_tmp/pg
	PG_PORT=$srv_pg_port
}

srv_postgres_named() {
	case ${1:-} in
	'' | [0-9]* | *[!A-Za-z0-9_]*) srv_say "srv_postgres_named: '${1:-}' is not a shell name"; exit 2 ;;
	esac
	srv_pg_start "$srv_tmp/$1" "${2:-}"
	eval "${1}_HOST=\$srv_d ${1}_PORT=\$srv_pg_port ${1}_DATA=\$srv_d/data ${1}_LOG=\$srv_d/server.log"
	eval "${1}_DSN=\"host=\$srv_d port=\$srv_pg_port dbname=postgres user=postgres\""
}

# ---- MariaDB 10.11 ----------------------------------------------------------------------

srv_mariadb() {
	for b in mariadbd mariadb-install-db mariadb; do
		p=$(command -v "$b" 2>/dev/null)
		[ -z "$p" ] && [ -x "/usr/sbin/$b" ] && p=/usr/sbin/$b
		[ -n "$p" ] || srv_skip "MariaDB ($b) is not installed"
		case $b in mariadbd) MARIADBD=$p ;; mariadb-install-db) MARIADB_INSTALL=$p ;; mariadb) MARIADB=$p ;; esac
	done
	version=$("$MARIADBD" --version 2>/dev/null | sed -n 's/.*Ver \([0-9]*\.[0-9]*\).*/\1/p')
	case $version in 10.11) ;; *) srv_skip "$MARIADBD is not MariaDB 10.11 (${version:-unknown version})" ;; esac
	my_user=$(srv_user mysql)
	mkdir "$srv_tmp/my"
	[ -n "$my_user" ] && chown "$my_user" "$srv_tmp/my"
	if ! "$MARIADB_INSTALL" --no-defaults --datadir="$srv_tmp/my/data" ${my_user:+--user="$my_user"} \
		--auth-root-authentication-method=normal --skip-test-db >"$srv_tmp/my-install.log" 2>&1; then
		srv_say "mariadb-install-db failed:"
		cat "$srv_tmp/my-install.log" >&2
		exit 2
	fi
	MY_SOCK=$srv_tmp/my/my.sock
	for attempt in 1 2 3; do
		MY_PORT=$(srv_port)
		# UTC sessions, utf8mb4 with the binary collation, LOAD DATA LOCAL allowed, and no
		# durability: the data lives as long as the test
		"$MARIADBD" --no-defaults --datadir="$srv_tmp/my/data" ${my_user:+--user="$my_user"} \
			--socket="$MY_SOCK" --port="$MY_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
			--pid-file="$srv_tmp/my/my.pid" --log-error="$srv_tmp/my/error.log" --skip-log-bin \
			--local-infile=1 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
			--default-time-zone=+00:00 --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
			--innodb-flush-log-at-trx-commit=0 --skip-innodb-doublewrite --max-connections=20 \
			>/dev/null 2>&1 &
		srv_my_pid=$!
		i=0
		while [ $i -lt 300 ] && kill -0 "$srv_my_pid" 2>/dev/null; do
			"$MARIADB" --no-defaults -uroot --socket="$MY_SOCK" -e 'SELECT 1' >/dev/null 2>&1 && return 0
			sleep 0.1
			i=$((i + 1))
		done
		kill "$srv_my_pid" 2>/dev/null
		wait "$srv_my_pid" 2>/dev/null
		srv_my_pid=
	done
	srv_say "the MariaDB server did not start:"
	cat "$srv_tmp/my/error.log" >&2
	exit 2
}

# srv_run CMD...: runs the test itself in the background, so that a signal reaches the
# trap at once, and exits with its status
srv_run() {
	"$@" &
	srv_child=$!
	wait "$srv_child"
	status=$?
	srv_child=
	exit $status
}

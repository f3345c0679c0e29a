#!/bin/sh
# tests/oracle/run.sh — the real oracle: cdcc's VM against a throwaway PostgreSQL 15.
#
#   CDCC=/path/to/cdcc tests/oracle/run.sh [--seed N] [--count N] [gen.py options]
#
# Starts a private PostgreSQL 15 server (initdb in a temporary directory, 127.0.0.1 on a
# free port, socket in the same directory, the settings cdcc's text forms assume), runs
# gen.py, which evaluates a few hundred generated expressions in both and compares them,
# then stops the server and removes the directory, on every exit.
#
# PostgreSQL comes from /usr/lib/postgresql/15/bin (PG_BINDIR to use another directory), else
# from PATH.  Run as root (as CI does), the server runs as the user postgres or nobody.
#
# Exit status: 0 every expression matched, 1 a mismatch, 2 a setup error, 77 (automake's
# SKIP) when PostgreSQL 15's server binaries or psql are not installed -- except under
# CI=true, where a missing PostgreSQL is an error: CI must never skip the oracle.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

say() { printf 'oracle: %s\n' "$*" >&2; }

# ---- cdcc -------------------------------------------------------------------------
if [ -z "${CDCC:-}" ]; then
	for c in "$top/build/cdcc" "$top/cdcc" "$(command -v cdcc 2>/dev/null)"; do
		if [ -n "$c" ] && [ -x "$c" ]; then CDCC=$c; break; fi
	done
fi
if [ -z "${CDCC:-}" ] || [ ! -x "$CDCC" ]; then
	say "no cdcc binary: set CDCC=/path/to/cdcc"
	exit 2
fi
case $CDCC in /*) ;; *) CDCC=$(pwd)/$CDCC ;; esac
command -v python3 >/dev/null 2>&1 || { say "python3 is required"; exit 2; }

# initdb and pg_ctl run shell commands that write to /dev/null
if [ ! -c /dev/null ]; then
	say "/dev/null is not a character device on this machine: cannot start PostgreSQL"
	exit 2
fi

# ---- PostgreSQL 15 ----------------------------------------------------------------
pgbin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
find_bin() {
	if [ -x "$pgbin/$1" ]; then echo "$pgbin/$1"; else command -v "$1" 2>/dev/null; fi
}
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
POSTGRES=$(find_bin postgres)
PSQL=$(find_bin psql)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ] || [ -z "$POSTGRES" ] || [ -z "$PSQL" ]; then
	say "SKIP: PostgreSQL 15 (initdb, pg_ctl, postgres, psql) is not installed"
	[ "${CI:-}" = true ] && { say "CI=true: the oracle must run; install postgresql-15"; exit 2; }
	exit 77
fi
version=$("$POSTGRES" --version 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p')
if [ "$version" != 15 ]; then
	say "SKIP: $POSTGRES is not PostgreSQL 15 (${version:-unknown version})"
	[ "${CI:-}" = true ] && { say "CI=true: the oracle must run; install postgresql-15"; exit 2; }
	exit 77
fi

# initdb refuses to run as root: run the server as an unprivileged user then
as_user=
if [ "$(id -u)" = 0 ]; then
	for u in postgres nobody; do
		if id "$u" >/dev/null 2>&1; then as_user=$u; break; fi
	done
	[ -n "$as_user" ] || { say "running as root and no unprivileged user to run PostgreSQL"; exit 2; }
	command -v runuser >/dev/null 2>&1 || { say "running as root and runuser is missing"; exit 2; }
fi
run_pg() {
	if [ -n "$as_user" ]; then runuser -u "$as_user" -- "$@"; else "$@"; fi
}

# the environment must not change the session's settings
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGTZ PGDATESTYLE \
	PGPASSWORD PGSSLMODE PGAPPNAME 2>/dev/null
PGCLIENTENCODING=UTF8
export PGCLIENTENCODING

# as root, in /tmp: the server's user must be able to reach the directory
tmpbase=${TMPDIR:-/tmp}
[ -n "$as_user" ] && tmpbase=/tmp
tmp=$(mktemp -d "$tmpbase/cdcc-oracle.XXXXXX") || { say "could not create a temporary directory"; exit 2; }
started=
child=
cleanup() {
	[ -n "$child" ] && kill "$child" 2>/dev/null
	if [ -n "$started" ]; then
		run_pg "$PG_CTL" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 ||
			{ [ -f "$tmp/data/postmaster.pid" ] && kill -9 "$(head -n 1 "$tmp/data/postmaster.pid")" 2>/dev/null; }
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

chmod 755 "$tmp"
mkdir "$tmp/data" "$tmp/work"
[ -n "$as_user" ] && chown "$as_user" "$tmp" "$tmp/data"

if ! run_pg "$INITDB" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
	>"$tmp/initdb.log" 2>&1; then
	say "initdb failed:"
	cat "$tmp/initdb.log" >&2
	exit 2
fi

# cdcc's text forms are PostgreSQL's with these settings (runtime/value.c); the C.UTF-8
# locale gives lower()/upper() the case mapping cdcc uses (stdlib/fn_text.c)
cat >>"$tmp/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
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
max_connections = 10
shared_buffers = 16MB
EOF

# a free port: asked from the kernel, then bound by the server (again if another took it)
for attempt in 1 2 3; do
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	echo "port = $port" >>"$tmp/data/postgresql.conf"
	started=1
	run_pg "$PG_CTL" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start >/dev/null 2>&1 && break
	started=
	run_pg "$PG_CTL" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1
done
if [ -z "$started" ]; then
	say "the PostgreSQL server did not start:"
	cat "$tmp/server.log" >&2
	exit 2
fi

# in the background, so that a signal reaches the trap at once
python3 -B "$here/gen.py" --cdcc "$CDCC" --psql "$PSQL" --host "$tmp" --port "$port" \
	--workdir "$tmp/work" "$@" &
child=$!
wait "$child"
status=$?
child=
exit $status

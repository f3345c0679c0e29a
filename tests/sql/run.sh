#!/bin/sh
# tests/sql/run.sh — cdcc's generated SQL executed against PostgreSQL 15 and MariaDB 10.11.
#
#   CDCC=/path/to/cdcc tests/sql/run.sh [--seed N] [--batches N]
#
# Starts a throwaway PostgreSQL 15 and MariaDB 10.11 (tests/lib/servers.sh), runs
# apply.py, which creates the targets of tests/sql/apply.cdc with `cdcc ddl`, applies
# random change batches with the per-batch statements of `cdcc ddl --load` and compares
# the tables with the model of the semantics, then stops both servers.
#
# Exit status: 0 every table matched, 1 a mismatch or an SQL error, 2 a setup error, 77
# (automake's SKIP) when a server is not installed -- except under CI=true, where every
# test must run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/servers.sh"

if [ -z "${CDCC:-}" ]; then
	for c in "$top/build/cdcc" "$top/cdcc"; do
		if [ -x "$c" ]; then CDCC=$c; break; fi
	done
fi
[ -n "${CDCC:-}" ] && [ -x "$CDCC" ] || { echo "sql: no cdcc binary: set CDCC=/path/to/cdcc" >&2; exit 2; }
case $CDCC in /*) ;; *) CDCC=$(pwd)/$CDCC ;; esac

srv_setup sql
srv_postgres
srv_mariadb
mkdir "$srv_tmp/work"
srv_run python3 -B "$here/apply.py" --cdcc "$CDCC" --pipeline "$here/apply.cdc" \
	--migrate-dir "$top/tests/golden/migrate" \
	--psql "$PSQL" --pg-host "$PG_HOST" --pg-port "$PG_PORT" \
	--mariadb "$MARIADB" --my-sock "$MY_SOCK" --workdir "$srv_tmp/work" "$@"

#!/bin/sh
# tests/oracle/run.sh — the real oracle: cdcc's VM against a throwaway PostgreSQL 15.
#
#   CDCC=/path/to/cdcc tests/oracle/run.sh [--seed N] [--count N] [gen.py options]
#
# Starts a private PostgreSQL 15 server (tests/lib/servers.sh), runs gen.py, which
# evaluates a few hundred generated expressions in both and compares them, then stops the
# server and removes its directory, on every exit.
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

. "$top/tests/lib/servers.sh"
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

srv_setup oracle
srv_postgres
mkdir "$srv_tmp/work"
srv_run python3 -B "$here/gen.py" --cdcc "$CDCC" --psql "$PSQL" --host "$PG_HOST" --port "$PG_PORT" \
	--workdir "$srv_tmp/work" "$@"

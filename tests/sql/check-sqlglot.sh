#!/bin/sh
# tests/sql/check-sqlglot.sh — the SQL that `cdcc ddl` prints parses with sqlglot: for
# every example pipeline and every tests/sql/*.cdc, the Redshift DDL and per-batch
# statements (--load) as sqlglot's redshift dialect, the Athena DDL as its hive dialect.
# What sqlglot cannot check (COPY, ...) is listed in sqlglot_check.py.  sqlglot is
# Debian's python3-sqlglot, installed for /usr/bin/python3 only (not for the pyenv
# python3 on PATH): without it the test is skipped (77), or fails (2) under CI=true.
cdcc=${CDCC:-./cdcc}
srcdir=${srcdir:-.}
python=${SQLGLOT_PYTHON:-/usr/bin/python3}
check="$(cd "$srcdir/tests/sql" && pwd)/sqlglot_check.py" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cdcc-sqlglot.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$python" ]; then
	echo "SKIP: no $python to run sqlglot with"
	[ "$CI" = true ] && exit 2
	exit 77
fi
# First prove that the check can fail (it exits 77, or 2 under CI=true, without sqlglot).
"$python" "$check" --self-test
status=$?
[ $status -eq 0 ] || exit $status

fail=0
mkdir -p "$tmp/examples" "$tmp/tests/sql" || exit 2
# Redshift twice: the general per-batch statements, and the one-sort form (--full-rows)
for variant in redshift redshift-full athena; do
	dialect=${variant%-full}
	load=
	[ $dialect = redshift ] && load=--load
	[ $variant = redshift-full ] && load="--load --full-rows"
	set --
	for dir in examples tests/sql; do
		for f in "$srcdir/$dir"/*.cdc; do
			[ -f "$f" ] || continue  # an unmatched glob: no tests/sql/*.cdc yet
			# named after the pipeline, examples/NAME.DIALECT.sql, so that failures say
			# which one (a pipeline with no target of this dialect prints a comment
			# only, which checks as 0 statements)
			out="$dir/$(basename "$f" .cdc).$variant.sql"
			"$cdcc" ddl "$f" --dialect $dialect $load >"$tmp/$out" 2>"$tmp/err"
			status=$?
			if [ $status -ne 0 ]; then
				echo "FAIL: cdcc ddl $f --dialect $dialect${load:+ $load} exited $status"
				sed 's/^/    /' "$tmp/err"
				fail=1
				continue
			fi
			set -- "$@" "$out"
		done
	done
	[ $# -gt 0 ] || { echo "FAIL: no pipelines to check in $srcdir"; fail=1; continue; }
	if ! (cd "$tmp" && "$python" "$check" --dialect $dialect "$@"); then
		cmd="cdcc ddl DIR/NAME.cdc --dialect $dialect${load:+ $load}"
		echo "    (DIR/NAME.$dialect.sql:N is line N of the output of $cmd)"
		fail=1
	fi
done
exit $fail

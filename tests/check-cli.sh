#!/bin/sh
# tests/check-cli.sh — the command line: help, version, exit statuses (0 clean, 1 problems,
# 2 usage or I/O), -Werror, the three formats, fmt in place / --check / stdin, codes, and
# the usage and I/O paths of build, explain, test, eval and ddl (their output is golden-tested).
cdcc=${CDCC:-./cdcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# expect STATUS COMMAND...: runs the command, output in $tmp/out, checks the status
expect() {
	want=$1; shift
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: exit $got, want $want: $*"; sed 's/^/    /' "$tmp/out"; fail=1
	fi
}
# has TEXT: the last command's output contains TEXT
has() {
	grep -qF -- "$1" "$tmp/out" || { echo "FAIL: output lacks \"$1\""; sed 's/^/    /' "$tmp/out"; fail=1; }
}

cat >"$tmp/clean.cdc" <<'CDC'
pipeline p {}

source s postgres {
  dsn       = env("D")
  tables    = [public.t]
  heartbeat = 1m
}

table s.public.t {
  id bigint primary key
}

target w postgres {
  dsn = env("W")
}

merge s.public.t into w.public.t {}
CDC
sed 's/heartbeat = 1m/slot = "x"/' "$tmp/clean.cdc" >"$tmp/warn.cdc"      # W0106 only
sed 's/bigint/bigitn/' "$tmp/clean.cdc" >"$tmp/error.cdc"                  # E0401
printf 'pipeline  p {   }\n' >"$tmp/ugly.cdc"

expect 0 "$cdcc" --version;                 has "cdcc "
expect 0 "$cdcc" --help;                    has "usage: cdcc <command>"
for c in check fmt codes build explain test eval; do expect 0 "$cdcc" "$c" --help; has "usage: cdcc $c"; done
expect 2 "$cdcc";                           has "no command given"
expect 2 "$cdcc" frobnicate;                has "unknown command"
expect 2 "$cdcc" check;                     has "no files to check"
expect 2 "$cdcc" check --format=xml "$tmp/clean.cdc"; has "unknown format"
expect 2 "$cdcc" check "$tmp/missing.cdc";  has "could not read"

expect 0 "$cdcc" check "$tmp/clean.cdc"
[ -s "$tmp/out" ] && { echo "FAIL: a clean check printed something"; fail=1; }
expect 0 "$cdcc" check -v "$tmp/clean.cdc"; has "ok: pipeline \"p\""
expect 0 "$cdcc" check "$tmp/warn.cdc";     has "warning[W0106]"
expect 1 "$cdcc" check -Werror "$tmp/warn.cdc"; has "(warnings are errors: -Werror)"
expect 1 "$cdcc" check "$tmp/error.cdc";    has "error[E0401]"; has "did you mean \"bigint\"?"
expect 1 "$cdcc" check "$tmp/clean.cdc" "$tmp/error.cdc"
expect 1 "$cdcc" check --format=github "$tmp/error.cdc"
has "::error file=$tmp/error.cdc,line=10,col=6,endLine=10,endColumn=12,title=E0401 unknown type::"
expect 1 "$cdcc" check --format=json "$tmp/error.cdc" "$tmp/warn.cdc"
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["errors"] == 1 and d["warnings"] == 1, d
assert [f["errors"] for f in d["files"]] == [1, 0], d["files"]
assert {g["code"] for g in d["diagnostics"]} == {"E0401", "W0106"}, d["diagnostics"]
PY
expect 1 "$cdcc" check - <"$tmp/error.cdc"; has "<stdin>:10:6: error[E0401]"

expect 1 "$cdcc" fmt --check "$tmp/ugly.cdc"; has "ugly.cdc"
expect 0 "$cdcc" fmt --stdout "$tmp/ugly.cdc"; has "pipeline p {}"
expect 0 "$cdcc" fmt "$tmp/ugly.cdc";       has "ugly.cdc"
expect 0 "$cdcc" fmt --check "$tmp/ugly.cdc"
[ "$(cat "$tmp/ugly.cdc")" = "pipeline p {}" ] || { echo "FAIL: fmt did not rewrite the file"; fail=1; }
printf 'pipeline  q {}\n' >"$tmp/in.cdc"
expect 0 "$cdcc" fmt - <"$tmp/in.cdc";      has "pipeline q {}"
expect 1 "$cdcc" fmt --check - <"$tmp/in.cdc"; has "<stdin>"
expect 0 "$cdcc" fmt "$tmp/error.cdc"       # fmt needs a file that parses; semantic errors do not matter
printf 'pipeline p {\n' >"$tmp/syntax.cdc"
expect 1 "$cdcc" fmt "$tmp/syntax.cdc";     has "error[E0102]"

expect 0 "$cdcc" codes;                     has "E0304  error"
expect 0 "$cdcc" codes e0304 W0106;         has "E0304 (error): unknown column"; has "W0106 (warning)"
expect 2 "$cdcc" codes E9999;               has "unknown code"

# build: the default output name, -o -, errors, usage
cp "$tmp/clean.cdc" "$tmp/plan.cdc"
expect 0 "$cdcc" build "$tmp/plan.cdc"
[ -s "$tmp/plan.cdcb" ] || { echo "FAIL: build did not write plan.cdcb"; fail=1; }
expect 0 "$cdcc" build -o - "$tmp/plan.cdc"; has '"cdcc_plan": 1'
expect 1 "$cdcc" build "$tmp/error.cdc";    has "error[E0401]"
[ -e "$tmp/error.cdcb" ] && { echo "FAIL: build wrote a plan for a file with errors"; fail=1; }
expect 1 "$cdcc" build -Werror "$tmp/warn.cdc"; has "warnings are errors"
expect 2 "$cdcc" build;                     has "no pipeline file given"
expect 2 "$cdcc" build "$tmp/plan.cdcb";    has "is already a plan"
expect 2 "$cdcc" build "$tmp/missing.cdc";  has "could not read"
# explain: a plan and its source; unknown table and format
expect 0 "$cdcc" explain "$tmp/plan.cdcb";  has "table s.public.t"
expect 0 "$cdcc" explain --no-code --table s.public.t "$tmp/plan.cdc"; has "output columns and lineage"
expect 2 "$cdcc" explain --table s.public.nope "$tmp/plan.cdc"; has "captures no table"
expect 2 "$cdcc" explain --format=xml "$tmp/plan.cdc"; has "unknown format"
printf '{"cdcc_plan": 99, "cdcc_version": "9.9"}\n' >"$tmp/future.cdcb"
expect 1 "$cdcc" explain "$tmp/future.cdcb"; has "plan format version 99"
# test: no tests, a missing test name, a plan instead of a pipeline
expect 0 "$cdcc" test "$tmp/clean.cdc";     has "0 tests, 0 passed, 0 failed"
expect 1 "$cdcc" test --test nosuch "$tmp/clean.cdc"; has "no test named"
expect 2 "$cdcc" test "$tmp/plan.cdcb";     has "is a plan"
expect 2 "$cdcc" test --env NOEQUALS "$tmp/clean.cdc"; has "--env takes NAME=VALUE"
expect 2 "$cdcc" test;                      has "no files given"
# eval: the table is required and must exist; a plan works as the file
expect 2 "$cdcc" eval "$tmp/plan.cdc";      has "--table is required"
expect 2 "$cdcc" eval "$tmp/plan.cdc" --table s.public.nope </dev/null; has "captures no table"
printf '{"op": "insert", "row": {"id": 7}}\n' >"$tmp/one.jsonl"
expect 0 "$cdcc" eval "$tmp/plan.cdcb" --table s.public.t <"$tmp/one.jsonl"; has '"fate": "applied"'
printf '{"op": "insert", "row": {"id": "x"}}\n' >"$tmp/bad.jsonl"
expect 1 "$cdcc" eval "$tmp/plan.cdc" --table s.public.t <"$tmp/bad.jsonl"; has "line 1"
# ddl: the dialect is required and known; --table and --target must exist; a plan works
# as the file; --migrate-from takes a pipeline, a plan or a schema lock
expect 0 "$cdcc" ddl --help;                has "--migrate-from OLD"
expect 2 "$cdcc" ddl "$tmp/plan.cdc";       has "--dialect is required"
expect 2 "$cdcc" ddl "$tmp/plan.cdc" --dialect oracle; has "unknown dialect \"oracle\""
expect 2 "$cdcc" ddl --dialect postgres;    has "no file given"
expect 0 "$cdcc" ddl "$tmp/plan.cdcb" --dialect postgres; has 'CREATE TABLE IF NOT EXISTS "public"."t"'
expect 0 "$cdcc" ddl "$tmp/plan.cdc" --dialect redshift; has "no redshift target in this pipeline"
expect 2 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --table s.public.nope; has "captures no table"
expect 2 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --target nope; has "has no target \"nope\""
expect 0 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --load --full-rows; has "SELECT DISTINCT ON ("
expect 1 "$cdcc" ddl "$tmp/error.cdc" --dialect postgres; has "error[E0401]"
expect 2 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --migrate-from "$tmp/plan.cdc" --load; has "do not go together"
expect 0 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --migrate-from "$tmp/plan.cdcb"; has "nothing to change"
expect 2 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --migrate-from "$tmp/missing.cdc"; has "could not read"
printf '{"cdcc_schema_lock": 1, "sources": []}\n' >"$tmp/empty.lock.json"
expect 0 "$cdcc" ddl "$tmp/plan.cdc" --dialect postgres --migrate-from "$tmp/empty.lock.json"; has "schema lock empty.lock.json"
# run: usage; a literal credential is refused; a DSN's password never shows in an error,
# however libpq quotes it (these fail before any server is reached)
expect 0 "$cdcc" run --help;                has "--once"
expect 2 "$cdcc" run;                       has "no file given"
expect 2 "$cdcc" run --log-level loud "$tmp/plan.cdc"; has 'unknown log level "loud"'
expect 2 "$cdcc" run --bogus "$tmp/plan.cdc"; has 'unknown option "--bogus"'
cat >"$tmp/literal.cdc" <<'CDC'
pipeline p {}
source s postgres { dsn = "postgresql://etl:Zq7LiteralPw@db/shop"  heartbeat = off  tables = [public.t] }
table s.public.t { id bigint primary key }
target w postgres { dsn = env("CLI_DSN") }
merge s.public.t into w.public.t {}
CDC
expect 2 "$cdcc" run "$tmp/literal.cdc";    has "E0901"
lacks() { ! grep -qF -- "$1" "$tmp/out" || { echo "FAIL: output shows \"$1\""; sed 's/^/    /' "$tmp/out"; fail=1; }; }
lacks "Zq7LiteralPw"
for dsn in 'postgresql://etl:Zq7SecretPw@[::1/db' 'postgresql://etl:Zq7SecretPw@db/x?nosuch=1' \
	'host=/nonexistent user=etl password=Zq7SecretPw' 'postgresql://etl:Zq7SecretPw@db:notaport/x'; do
	D=$dsn W=$dsn expect 1 "$cdcc" run "$tmp/plan.cdc" --once
	has "cannot connect"
	lacks "Zq7SecretPw"
done

[ $fail -eq 0 ] && echo "cli: all checks passed"
exit $fail

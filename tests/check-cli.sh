#!/bin/sh
# tests/check-cli.sh — the command line: help, version, exit statuses (0 clean, 1 problems,
# 2 usage or I/O), -Werror, the three formats, fmt in place / --check / stdin, codes.
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
for c in check fmt codes; do expect 0 "$cdcc" "$c" --help; has "usage: cdcc $c"; done
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

[ $fail -eq 0 ] && echo "cli: all checks passed"
exit $fail

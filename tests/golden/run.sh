#!/bin/sh
# tests/golden/run.sh — golden tests for cdcc diagnostics and formatting.
#
# usage: run.sh [--update] [CDCC]
#
#   CDCC      the compiler to test (default: ../../cdcc relative to this script)
#   --update  rewrite the expected files from the current output instead of comparing
#
# check/NAME.cdc   an input; NAME.txt holds the exact stderr of
#                  `cdcc check --color=never NAME.cdc` (run in check/) plus a final
#                  line "exit: N"; NAME.json the exact stdout of
#                  `cdcc check --format=json NAME.cdc` plus "exit: N".
#                  Auxiliary files (NAME.lock.json, NAME.*.jsonl) sit next to it.
# build/NAME.cdc   NAME.txt holds the stderr of `cdcc build --color=never NAME.cdc -o OUT`
#                  and "exit: N"; when it builds, NAME.cdcb is the exact plan.  Also
#                  checked: a second build gives the same bytes, and the plan explains
#                  (--format=json) exactly as the source does.
# explain/NAME.cdc NAME.txt and NAME.json: `cdcc explain` and `cdcc explain --format=json`.
# plan/NAME.cdcb   a damaged or foreign plan; NAME.txt is the stderr of
#                  `cdcc explain NAME.cdcb` and "exit: N".
# test/NAME.cdc    NAME.txt: the stdout and stderr of `cdcc test NAME.cdc` and "exit: N".
# eval/NAME.cdc    with NAME.jsonl (the changes) and NAME.args (the arguments, one
#                  line); NAME.txt: stdout, then stderr, of `cdcc eval NAME.cdc ARGS
#                  < NAME.jsonl`, and "exit: N".
# ddl/NAME.DIALECT.sql  the stdout, then stderr, of `cdcc ddl NAME.cdc --dialect DIALECT
#                  --load` and "exit: N", for every dialect and every NAME.cdc of
#                  examples/, tests/sql/ and ddl/ (pipelines whose SQL cannot be written).
# migrate/NAME.cdc with NAME.old.cdc or NAME.old.lock.json: NAME.DIALECT.sql holds the
#                  stdout, then stderr, of `cdcc ddl NAME.cdc --dialect DIALECT
#                  --migrate-from NAME.old.*` and "exit: N", for every dialect.
# fmt/NAME.cdc     a valid, badly formatted input; NAME.expected.cdc is the exact
#                  `cdcc fmt --stdout NAME.cdc`.  Also checked: formatting the expected
#                  file changes nothing, `cdcc check` reports the same diagnostics for
#                  both files (formatting must not change meaning), and `cdcc fmt --check`
#                  exits 0 on the expected file and 1 on the input.
#
# Property checks that --update does not silence:
#   - every code listed by `cdcc codes` is the code of a diagnostic in some check/*.json
#     or build/*.txt;
#   - secrets never print: every password or key written in a test input contains the
#     marker "s3cr3t", and no expected or actual output may contain that marker.
#
# Prints one line per failure (with a unified diff where useful) and a summary
# "golden: N passed, M failed"; exits 1 if anything failed, 2 on a usage error.
# Works from any directory and leaves no files behind.

LC_ALL=C
export LC_ALL
unset NO_COLOR CLICOLOR_FORCE

SECRET_MARKER=s3cr3t

update=0
cdcc=
for arg in "$@"; do
	case $arg in
	--update) update=1 ;;
	-h|--help)
		sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
		exit 0 ;;
	-*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
	*)
		if [ -n "$cdcc" ]; then
			echo "run.sh: more than one CDCC given" >&2
			exit 2
		fi
		cdcc=$arg ;;
	esac
done

here=$(cd "$(dirname "$0")" && pwd) || exit 2
[ -n "$cdcc" ] || cdcc=$here/../../cdcc
case $cdcc in
/*) ;;
*) cdcc=$(pwd)/$cdcc ;;
esac
cdcc_dir=$(cd "$(dirname "$cdcc")" 2>/dev/null && pwd) || {
	echo "run.sh: no directory for $cdcc" >&2
	exit 2
}
cdcc=$cdcc_dir/$(basename "$cdcc")
if [ ! -x "$cdcc" ]; then
	echo "run.sh: $cdcc is not an executable" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cdcc-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# compare EXPECTED ACTUAL WHAT: passes if equal; with --update, writes EXPECTED.
compare() {
	if [ "$update" = 1 ]; then
		if [ ! -f "$1" ] || ! cmp -s "$1" "$2"; then
			cp "$2" "$1"
			echo "updated: ${1#"$here"/}"
		fi
		pass
		return
	fi
	if [ ! -f "$1" ]; then
		fail "$3: missing expected file ${1#"$here"/} (run with --update to create it)"
		return
	fi
	if cmp -s "$1" "$2"; then
		pass
	else
		fail "$3: output differs from ${1#"$here"/}"
		diff -u "$1" "$2" | sed 's/^/    /'
	fi
}

# Diagnostics without file names and positions, for comparing two spellings of a file.
diags_only() {
	grep -v -E '^[[:space:]]*"(file|line|column|end_line|end_column)":'
}

# ---- check/ --------------------------------------------------------------------------

mkdir "$tmp/check" "$tmp/fmt" || exit 2
inputs=0
cd "$here/check" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	inputs=$((inputs + 1))
	name=${f%.cdc}
	out=$tmp/check/$name

	"$cdcc" check --color=never "$f" 2>"$out.txt" >/dev/null
	echo "exit: $?" >>"$out.txt"
	compare "$here/check/$name.txt" "$out.txt" "check/$f (text)"

	"$cdcc" check --format=json "$f" >"$out.json" 2>/dev/null
	echo "exit: $?" >>"$out.json"
	compare "$here/check/$name.json" "$out.json" "check/$f (json)"

done
[ "$inputs" -gt 0 ] || fail "no inputs in check/"

# Expected files whose input is gone.
for e in *.txt *.json; do
	[ -f "$e" ] || continue
	case $e in *.lock.json) continue ;; esac
	[ -f "${e%.*}.cdc" ] || fail "check/$e: no input ${e%.*}.cdc for this expected file"
done

# Secrets never print: no expected file may hold one (so --update cannot record a leak,
# and a leak in the output fails the comparison with a clean expected file).
for e in *.txt *.json; do
	[ -f "$e" ] || continue
	case $e in *.lock.json) continue ;; esac
	if grep -q "$SECRET_MARKER" "$e"; then
		fail "check/$e: a secret is printed (\"...$SECRET_MARKER...\"):"
		grep -n "$SECRET_MARKER" "$e" | sed 's/^/    /'
	else
		pass
	fi
done

# ---- build/, explain/, plan/, test/, eval/ ------------------------------------------------

# no_secret FILE WHAT: the secret marker must not appear in FILE.
no_secret() {
	if grep -q "$SECRET_MARKER" "$1"; then
		fail "$2: a secret is printed (\"...$SECRET_MARKER...\")"
	else
		pass
	fi
}

mkdir "$tmp/build" "$tmp/explain" "$tmp/plan" "$tmp/test" "$tmp/eval" || exit 2
cd "$here/build" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	name=${f%.cdc}
	out=$tmp/build/$name
	"$cdcc" build --color=never "$f" -o "$out.cdcb" 2>"$out.txt" >/dev/null
	rc=$?
	echo "exit: $rc" >>"$out.txt"
	compare "$here/build/$name.txt" "$out.txt" "build/$f (diagnostics)"
	no_secret "$out.txt" "build/$f"
	[ "$rc" = 0 ] || continue
	compare "$here/build/$name.cdcb" "$out.cdcb" "build/$f (plan)"
	no_secret "$out.cdcb" "build/$f (plan)"
	"$cdcc" build "$f" -o "$out.again.cdcb" 2>/dev/null
	if cmp -s "$out.cdcb" "$out.again.cdcb"; then pass; else fail "build/$f: two builds differ"; fi
	"$cdcc" explain --format=json "$f" >"$out.src.json" 2>&1
	"$cdcc" explain --format=json "$out.cdcb" >"$out.plan.json" 2>&1
	if cmp -s "$out.src.json" "$out.plan.json"; then
		pass
	else
		fail "build/$f: the plan explains differently from the source"
		diff -u "$out.src.json" "$out.plan.json" | sed 's/^/    /'
	fi
done

cd "$here/explain" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	name=${f%.cdc}
	out=$tmp/explain/$name
	"$cdcc" explain "$f" >"$out.txt" 2>&1
	echo "exit: $?" >>"$out.txt"
	compare "$here/explain/$name.txt" "$out.txt" "explain/$f (text)"
	"$cdcc" explain --format=json "$f" >"$out.json" 2>&1
	echo "exit: $?" >>"$out.json"
	compare "$here/explain/$name.json" "$out.json" "explain/$f (json)"
	no_secret "$out.txt" "explain/$f"
	no_secret "$out.json" "explain/$f"
done

cd "$here/plan" || exit 2
for f in *.cdcb; do
	[ -f "$f" ] || continue
	name=${f%.cdcb}
	out=$tmp/plan/$name
	"$cdcc" explain --no-code "$f" >/dev/null 2>"$out.txt"
	echo "exit: $?" >>"$out.txt"
	compare "$here/plan/$name.txt" "$out.txt" "plan/$f"
done

cd "$here/test" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	name=${f%.cdc}
	out=$tmp/test/$name
	"$cdcc" test "$f" >"$out.txt" 2>&1
	echo "exit: $?" >>"$out.txt"
	compare "$here/test/$name.txt" "$out.txt" "test/$f"
	no_secret "$out.txt" "test/$f"
done

cd "$here/eval" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	name=${f%.cdc}
	out=$tmp/eval/$name
	args=$(cat "$name.args" 2>/dev/null)
	# shellcheck disable=SC2086
	"$cdcc" eval "$f" $args <"$name.jsonl" >"$out.txt" 2>"$out.err"
	rc=$?
	cat "$out.err" >>"$out.txt"
	echo "exit: $rc" >>"$out.txt"
	compare "$here/eval/$name.txt" "$out.txt" "eval/$f"
	no_secret "$out.txt" "eval/$f"
done
cd "$here/check" || exit 2

# ---- coverage: every code is reported by some expected file ----------------------------

"$cdcc" codes >"$tmp/codes" 2>&1 || fail "cdcc codes failed"
awk '{ print $1 }' "$tmp/codes" | sort -u >"$tmp/codes.all"
: >"$tmp/codes.seen"
{
	for f in *.cdc; do
		[ -f "${f%.cdc}.json" ] || continue
		sed -n 's/^[[:space:]]*"code":[[:space:]]*"\([A-Z][0-9]*\)".*/\1/p' "${f%.cdc}.json"
	done
	for f in "$here"/build/*.txt; do
		[ -f "$f" ] || continue
		sed -n 's/.*\(error\|warning\)\[\([A-Z][0-9]*\)\].*/\2/p' "$f"
	done
} | sort -u >"$tmp/codes.seen"
missing=$(comm -23 "$tmp/codes.all" "$tmp/codes.seen")
if [ -n "$missing" ] || [ ! -s "$tmp/codes.all" ]; then
	fail "coverage: codes no check/*.json or build/*.txt reports:" $missing
else
	pass
fi

# ---- ddl/ ------------------------------------------------------------------------------

mkdir "$tmp/ddl" || exit 2
ddl_inputs=0
for f in "$here/../../examples"/*.cdc "$here/../sql"/*.cdc "$here/ddl"/*.cdc; do
	[ -f "$f" ] || continue
	ddl_inputs=$((ddl_inputs + 1))
	name=$(basename "$f" .cdc)
	for d in redshift postgres mysql athena; do
		out=$tmp/ddl/$name.$d.sql
		(cd "$(dirname "$f")" && "$cdcc" ddl "$name.cdc" --dialect $d --load) >"$out" 2>"$out.err"
		rc=$?
		cat "$out.err" >>"$out"
		echo "exit: $rc" >>"$out"
		compare "$here/ddl/$name.$d.sql" "$out" "ddl/$name.cdc --dialect $d"
	done
done
[ "$ddl_inputs" -gt 0 ] || fail "no inputs for ddl/"
for e in "$here/ddl"/*.sql; do
	[ -f "$e" ] || continue
	name=$(basename "$e" .sql)
	name=${name%.*}
	[ -f "$here/../../examples/$name.cdc" ] || [ -f "$here/../sql/$name.cdc" ] || [ -f "$here/ddl/$name.cdc" ] ||
		fail "ddl/$(basename "$e"): no input $name.cdc for this expected file"
done

# ---- migrate/ --------------------------------------------------------------------------

mkdir "$tmp/migrate" || exit 2
cd "$here/migrate" || exit 2
for f in *.cdc; do
	case $f in *.old.cdc) continue ;; esac
	[ -f "$f" ] || continue
	name=${f%.cdc}
	old=$name.old.cdc
	[ -f "$old" ] || old=$name.old.lock.json
	if [ ! -f "$old" ]; then
		fail "migrate/$f: neither $name.old.cdc nor $name.old.lock.json"
		continue
	fi
	for d in redshift postgres mysql athena; do
		out=$tmp/migrate/$name.$d.sql
		"$cdcc" ddl "$f" --dialect $d --migrate-from "$old" >"$out" 2>"$out.err"
		rc=$?
		cat "$out.err" >>"$out"
		echo "exit: $rc" >>"$out"
		compare "$here/migrate/$name.$d.sql" "$out" "migrate/$f --dialect $d"
	done
done

# ---- fmt/ ------------------------------------------------------------------------------

fmt_inputs=0
cd "$here/fmt" || exit 2
for f in *.cdc; do
	[ -f "$f" ] || continue
	case $f in *.expected.cdc) continue ;; esac
	fmt_inputs=$((fmt_inputs + 1))
	name=${f%.cdc}
	exp=$name.expected.cdc
	out=$tmp/fmt/$name

	"$cdcc" fmt --stdout "$f" >"$out.expected.cdc" 2>"$out.err"
	rc=$?
	if [ "$rc" != 0 ]; then
		fail "fmt/$f: cdcc fmt --stdout exited $rc"
		sed 's/^/    /' "$out.err"
		continue
	fi
	compare "$here/fmt/$exp" "$out.expected.cdc" "fmt/$f"
	[ -f "$exp" ] || continue

	# idempotent: formatting the expected file changes nothing
	"$cdcc" fmt --stdout "$exp" >"$out.again" 2>&1
	if cmp -s "$exp" "$out.again"; then
		pass
	else
		fail "fmt/$exp: formatting it again changes it (not idempotent)"
		diff -u "$exp" "$out.again" | sed 's/^/    /'
	fi

	# formatting keeps the meaning: same diagnostics, positions aside
	"$cdcc" check --format=json "$f" >"$out.json.before" 2>/dev/null
	rc=$?
	diags_only <"$out.json.before" >"$out.diags.before"
	echo "exit: $rc" >>"$out.diags.before"
	"$cdcc" check --format=json "$exp" >"$out.json.after" 2>/dev/null
	rc=$?
	diags_only <"$out.json.after" >"$out.diags.after"
	echo "exit: $rc" >>"$out.diags.after"
	if cmp -s "$out.diags.before" "$out.diags.after"; then
		pass
	else
		fail "fmt/$f: cdcc check reports different diagnostics after formatting (meaning changed)"
		diff -u "$out.diags.before" "$out.diags.after" | sed 's/^/    /'
	fi

	# fmt --check: 0 on the formatted file, 1 on the input
	"$cdcc" fmt --check "$exp" >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then pass; else fail "fmt/$exp: cdcc fmt --check exited $rc, expected 0"; fi
	"$cdcc" fmt --check "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 1 ]; then pass; else fail "fmt/$f: cdcc fmt --check exited $rc, expected 1 (input already formatted?)"; fi
done
[ "$fmt_inputs" -gt 0 ] || fail "no inputs in fmt/"

for e in *.expected.cdc; do
	[ -f "$e" ] || continue
	[ -f "${e%.expected.cdc}.cdc" ] || fail "fmt/$e: no input ${e%.expected.cdc}.cdc for this expected file"
done

count() { ls "$here/$1"/*."$2" 2>/dev/null | wc -l | tr -d ' '; }
echo "inputs: $inputs in check/, $fmt_inputs in fmt/, $(count build cdc) in build/, $(count explain cdc) in explain/," \
	"$(count plan cdcb) in plan/, $(count test cdc) in test/, $(count eval cdc) in eval/, $ddl_inputs for ddl/," \
	"$(ls "$here/migrate"/*.old.* 2>/dev/null | wc -l | tr -d ' ') in migrate/"
echo "golden: $passed passed, $failed failed"
[ "$failed" = 0 ]

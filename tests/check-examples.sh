#!/bin/sh
# tests/check-examples.sh — every example pipeline checks without errors or warnings,
# is in canonical format, has test blocks that `cdcc test` passes, and builds into a
# plan that is the same bytes twice and explains the same as its source.
cdcc=${CDCC:-./cdcc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cdcc-examples.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for f in "${srcdir:-.}"/examples/*.cdc; do
	n=$((n + 1))
	name=$(basename "$f" .cdc)
	if ! "$cdcc" check -Werror --color=never "$f"; then
		echo "FAIL: $f does not check cleanly"; fail=1
	fi
	if ! "$cdcc" fmt --check "$f" >/dev/null; then
		echo "FAIL: $f is not formatted (cdcc fmt $f)"; fail=1
	fi
	if ! grep -q '^test ' "$f"; then
		echo "FAIL: $f has no test block"; fail=1
	fi
	if ! "$cdcc" test "$f" >"$tmp/$name.test" 2>&1; then
		echo "FAIL: cdcc test $f"; sed 's/^/    /' "$tmp/$name.test"; fail=1
	fi
	if ! "$cdcc" build -o "$tmp/$name.1.cdcb" "$f" || ! "$cdcc" build -o "$tmp/$name.2.cdcb" "$f"; then
		echo "FAIL: cdcc build $f"; fail=1
		continue
	fi
	if ! cmp -s "$tmp/$name.1.cdcb" "$tmp/$name.2.cdcb"; then
		echo "FAIL: $f: two builds differ"; fail=1
	fi
	"$cdcc" explain --format=json "$f" >"$tmp/$name.src.json" 2>&1
	"$cdcc" explain --format=json "$tmp/$name.1.cdcb" >"$tmp/$name.plan.json" 2>&1
	if ! cmp -s "$tmp/$name.src.json" "$tmp/$name.plan.json"; then
		echo "FAIL: $f: the plan explains differently from the source"
		diff -u "$tmp/$name.src.json" "$tmp/$name.plan.json" | head -40 | sed 's/^/    /'
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "examples: $n check cleanly, are formatted, pass their tests and build reproducibly"
exit $fail

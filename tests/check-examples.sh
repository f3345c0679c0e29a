#!/bin/sh
# tests/check-examples.sh — every example pipeline checks without errors or warnings
# and is in canonical format; every example has at least one test block.
set -e
cdcc=${CDCC:-./cdcc}
fail=0
for f in "${srcdir:-.}"/examples/*.cdc; do
	if ! "$cdcc" check -Werror --color=never "$f"; then
		echo "FAIL: $f does not check cleanly"; fail=1
	fi
	if ! "$cdcc" fmt --check "$f" >/dev/null; then
		echo "FAIL: $f is not formatted (cdcc fmt $f)"; fail=1
	fi
	if ! grep -q '^test ' "$f"; then
		echo "FAIL: $f has no test block"; fail=1
	fi
done
[ $fail -eq 0 ] && echo "examples: all check cleanly, are formatted and have tests"
exit $fail

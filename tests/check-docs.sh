#!/bin/sh
# tests/check-docs.sh — the docs say what the code does:
#  - the generated parts (diagnostics, options, types, functions) match the code's
#    tables (diag.def, options.def, builtins.def, types.c); fix with `make docs`;
#  - every complete pipeline shown in README.md and docs/*.md (a ```cdc fence whose
#    first line starts with `pipeline`) passes `cdcc check` without errors.
set -e
top=${srcdir:-.}
"${GENDOCS:-./gendocs}" --check diagnostics "$top/docs/diagnostics.md"
"${GENDOCS:-./gendocs}" --check sections "$top/docs/language.md"
echo "docs: generated sections up to date"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
for doc in "$top/README.md" "$top"/docs/*.md; do
	[ -f "$doc" ] || continue
	awk -v out="$tmp/ex" '
		/^```cdc[ \t]*$/ { inblk = 1; first = 1; next }
		/^```/ && inblk  { inblk = 0; if (keep) close(file); keep = 0; next }
		inblk {
			if (first) { first = 0; keep = ($0 ~ /^pipeline /); if (keep) { k++; file = out k ".cdc" } }
			if (keep) print > file
		}' "$doc"
	for ex in "$tmp"/ex*.cdc; do
		[ -f "$ex" ] || continue
		n=$((n + 1))
		if ! "${CDCC:-./cdcc}" check --color=never "$ex" >"$tmp/out" 2>&1; then
			echo "FAIL: a pipeline example in $doc does not check:"
			cat "$tmp/out"
			fail=1
		fi
		rm -f "$ex"
	done
done
echo "docs: $n pipeline examples check"
exit $fail

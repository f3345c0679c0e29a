#!/bin/sh
# tests/run-golden.sh — `make check` wrapper for the golden tests (tests/golden/run.sh).
exec "${srcdir:-.}/tests/golden/run.sh" "${CDCC:-./cdcc}"

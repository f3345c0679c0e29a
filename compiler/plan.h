/*
 * compiler/plan.h — the plan file (.cdcb): the IR and its bytecode on disk.
 *
 * `cdcc build` writes it, the runtime and `cdcc explain`/`eval` read it without the
 * pipeline's text.  The format is JSON with a fixed key order, so the same pipeline
 * always gives the same bytes (no timestamps, no paths beyond the file's name):
 *
 *   {"cdcc_plan": 1, "cdcc_version": "0.1.0",
 *    "source": {"file": "shop.cdc", "sha256": "..."},
 *    "pipeline": ..., "options": [...], "sources": [...], "targets": [...],
 *    "tables": [{..., "program": {...}, "routes": [...]}]}
 *
 * docs/plan.md describes every field.  A plan of another format version is refused:
 * the runtime only runs what it can read exactly.  Opcodes and functions are stored by
 * name, types by name and modifiers, constants in their text form; the loader resolves
 * them and verifies every program (cdc_prog_verify) before anything runs it.
 */
#ifndef CDC_PLAN_H
#define CDC_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ir.h"

struct cdc_buf;

#define CDC_PLAN_VERSION 1

/* Appends the plan of ir to out. */
void cdc_plan_write(const cdc_ir *ir, struct cdc_buf *out);

/* Reads a plan into the arena.  On failure returns NULL with a message in why. */
cdc_ir *cdc_plan_read(cdc_arena *a, const char *text, size_t len, char *why, size_t whylen);

/* Does this text look like a plan (rather than a pipeline file)? */
bool cdc_plan_sniff(const char *text, size_t len);

#endif

/*
 * compiler/explain.h — `cdcc explain`: a plan as text or JSON for people and tools.
 */
#ifndef CDC_EXPLAIN_H
#define CDC_EXPLAIN_H

#include "compiler/ir.h"

struct cdc_buf;

typedef struct cdc_explain_opts {
	const char         *table;   /* only this table (display name), or NULL for all */
	bool                code;    /* include the disassembly */
	const cdc_srclines *src;     /* the pipeline's lines, when explaining a .cdc file */
} cdc_explain_opts;

/* Text: the graph, then per table its columns, rules, output lineage, routes and code. */
void cdc_explain_text(const cdc_ir *ir, const cdc_explain_opts *o, struct cdc_buf *out);
/* The same as one JSON document (docs/plan.md describes it). */
void cdc_explain_json(const cdc_ir *ir, const cdc_explain_opts *o, struct cdc_buf *out);

#endif

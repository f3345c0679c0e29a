/*
 * runtime/stage.h — one table's quality rules and transform, applied to one change at a
 * time: the step between a source and the routes.
 *
 * For every change the stage runs the table's program and decides the change's fate:
 *
 *   APPLY       the transformed row goes to every route of the table
 *   FILTER      a filter step removed it (counted)
 *   DROP        a drop rule broke (counted per rule)
 *   QUARANTINE  a quarantine rule broke, or a transform step failed: the change goes to
 *               the quarantine with the rule, the reason, the table, the source position
 *               and the original row (cdc_stage_quarantine_json)
 *   FAIL        a fail rule broke: the pipeline must stop before this change
 *
 * Warn rules are counted and do not change the fate.  An error while evaluating a rule's
 * condition breaks that rule; one in a transform step quarantines the change.  Nothing
 * else happens to a change: every change that enters is counted in exactly one of the
 * fates, so the counters always add up.
 *
 * Columns the source did not send (UNCHANGED) stay UNCHANGED in the output when the
 * output column is computed from them; see program.h.
 */
#ifndef CDC_STAGE_H
#define CDC_STAGE_H

#include <stdint.h>

#include "compiler/ir.h"
#include "runtime/vm.h"

struct cdc_buf;

typedef enum cdc_fate {
	CDC_FATE_APPLY, CDC_FATE_FILTER, CDC_FATE_DROP, CDC_FATE_QUARANTINE, CDC_FATE_FAIL,
	CDC_FATE_COUNT
} cdc_fate;

typedef struct cdc_stage_counts {
	uint64_t  changes;
	uint64_t  fate[CDC_FATE_COUNT];
	uint64_t *rule_broken;    /* per rule of the program, warn rules included */
	uint64_t  step_errors;    /* quarantined because a transform step failed */
} cdc_stage_counts;

typedef struct cdc_stage {
	const cdc_ir_table *table;
	cdc_vm              vm;
	cdc_value          *regs;
	cdc_value          *out;       /* after APPLY: the output row (table->nout values) */
	uint64_t           *unchanged; /* input columns marked unchanged, for the VM */
	cdc_stage_counts    n;
	/* why the last change was not applied */
	int                 rule;      /* index in the program's rules; -1 for a step error */
	const char         *reason;    /* what happened, in words (NUL-terminated, in the stage) */
	uint32_t            line;      /* source line of the rule or step */
	char                reason_buf[384];
} cdc_stage;

/* The stage keeps `event_arena` for what functions allocate; the caller resets it after
 * it is done with each change's output. */
void     cdc_stage_init(cdc_stage *s, const cdc_ir_table *t, cdc_arena *event_arena);
void     cdc_stage_release(cdc_stage *s);
/* The run's IR grew (drift.h): t is the same table with columns passed through after the
 * program's; the counts stay. */
void     cdc_stage_retable(cdc_stage *s, const cdc_ir_table *t);

/* Runs the program on one change: ev describes it, row holds table->ncols input values
 * (UNCHANGED where the source did not send a column). */
cdc_fate cdc_stage_run(cdc_stage *s, const cdc_event_info *ev, const cdc_value *row);

/* Whether the table's program does nothing: no rules, no steps, every output column an
 * input column in order; its changes are applied as they come, so values may pass
 * through unread (CDC_VAL_RAW). */
bool cdc_stage_identity(const cdc_ir_table *t);

/* The name of the rule that decided the last change ("transform" for a step error). */
const char *cdc_stage_rule_name(const cdc_stage *s);

/*
 * The quarantine record of the last change, one JSON object:
 *   {"table": ..., "rule": ..., "reason": ..., "op": "insert", "position": ...,
 *    "commit_time": ..., "row": {column: value, ...}}
 * The row is the change as it arrived (columns the source did not send are left out).
 */
void cdc_stage_quarantine_json(const cdc_stage *s, const cdc_event_info *ev, const cdc_value *row,
                               struct cdc_buf *out);

/* A row as a JSON object of the given columns (UNCHANGED values left out). */
void cdc_row_json(const cdc_ir_col *cols, int n, const cdc_value *row, struct cdc_buf *out);

const char *cdc_fate_name(cdc_fate f);
const char *cdc_evop_name(int op);   /* "insert", "update", "delete", "snapshot" */

#endif

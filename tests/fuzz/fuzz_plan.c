/*
 * tests/fuzz/fuzz_plan.c — libFuzzer target for the plan reader and the VM behind it.
 *
 * A plan is input the runtime trusts only after reading and verifying it: whatever the
 * bytes, cdc_plan_read must refuse them with a message or return an IR whose programs
 * are safe to run.  So every accepted plan is written again (it must read back to the
 * same bytes), every table's program runs on an all-NULL and an all-unchanged row, and
 * its SQL is written in every dialect (a plan's names and option words reach SQL text:
 * the emitters must refuse what they cannot quote, never crash).
 * Seeds: the golden plans (tests/golden/build, tests/golden/plan).
 */
#include "compiler/ir.h"
#include "compiler/plan.h"
#include "compiler/sql.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/stage.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256 * 1024)
		return 0;
	cdc_arena *a = cdc_arena_new("fuzz-plan");
	char why[512];
	cdc_ir *ir = cdc_plan_read(a, (const char *)data, size, why, sizeof why);
	if (!ir) {
		if (!why[0]) {
			fprintf(stderr, "a refused plan without a message\n");
			abort();
		}
		cdc_arena_free(a);
		return 0;
	}
	cdc_buf w1 = CDC_BUF_INIT, w2 = CDC_BUF_INIT;
	cdc_plan_write(ir, &w1);
	cdc_ir *back = cdc_plan_read(a, cdc_buf_str(&w1), w1.len, why, sizeof why);
	if (!back) {
		fprintf(stderr, "an accepted plan, written again, does not read back: %s\n", why);
		abort();
	}
	cdc_plan_write(back, &w2);
	for (int d = 0; d < CDC_DIALECT_COUNT; d++) {
		cdc_sql_opts o = {NULL, NULL, true, d == CDC_DIALECT_REDSHIFT};
		cdc_buf out = CDC_BUF_INIT, errors = CDC_BUF_INIT;
		cdc_sql_emit(&out, (cdc_dialect)d, back, &o, &errors);
		cdc_buf_truncate(&out, 0);
		cdc_sql_migrate(&out, (cdc_dialect)d, ir, back, "fuzz", &o, &errors);
		cdc_buf_free(&out);
		cdc_buf_free(&errors);
	}
	if (w1.len != w2.len || memcmp(w1.data, w2.data, w1.len) != 0) {
		fprintf(stderr, "plan round trip differs\n");
		abort();
	}
	cdc_buf_free(&w1);
	cdc_buf_free(&w2);
	cdc_arena *ev = cdc_arena_new("fuzz-event");
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		cdc_value *row = cdc_arena_zalloc(a, ((size_t)t->ncols + 1) * sizeof *row);
		cdc_event_info info = {0};
		info.table = t->display;
		for (int pass = 0; pass < 2; pass++) {
			for (int c = 0; c < t->ncols; c++)
				row[c].tag = pass ? CDC_VAL_UNCHANGED : CDC_VAL_NULL;
			info.before = pass ? row : NULL;
			cdc_stage st;
			cdc_stage_init(&st, t, ev);
			(void)cdc_stage_run(&st, &info, row);
			cdc_stage_release(&st);
			cdc_arena_reset(ev);
		}
	}
	cdc_arena_free(ev);
	cdc_arena_free(a);
	return 0;
}

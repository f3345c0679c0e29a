/*
 * tests/fuzz/fuzz_check.c — libFuzzer target for the whole front end.
 *
 * Each input is parsed, checked and, when it parses, formatted; the formatter must
 * produce text that parses again, checks to the same number of errors and warnings,
 * and formats to itself.  Diagnostics are printed (to /dev/null) in all three formats
 * so the printers run on hostile input too.  A file without errors is also compiled:
 * its plan must read back to the same plan, the reader must accept what the writer
 * wrote, and every table's program runs on an all-NULL and an all-unchanged row, so
 * the code generator and the VM meet every program the fuzzer can write.  Its SQL is
 * written in every dialect: a pipeline that checks must have Redshift, PostgreSQL and
 * MySQL DDL (cdcc check and cdcc ddl ask one type mapping), and a migration from itself
 * must change nothing.  Any crash,
 * sanitizer report or broken property aborts.  `make fuzz` runs it; `make fuzz-smoke`
 * runs a few thousand inputs.
 */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/fmt.h"
#include "compiler/ir.h"
#include "compiler/plan.h"
#include "compiler/sema.h"
#include "compiler/sql.h"
#include "grammar/grammar.h"
#include "runtime/stage.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct result {
	unsigned syntax, errors, warnings;
	cdc_model *model;
} result;

static FILE *devnull;

static result
compile(cdc_arena *a, const char *text, size_t len, cdc_parse *p)
{
	cdc_srcfile *f = cdc_srcfile_from_mem(a, "fuzz.cdc", text, len);
	memset(p, 0, sizeof *p);
	p->arena = a;
	p->file = f;
	p->diags = cdc_diag_new(a, f);
	cdc_parse_run(p);
	cdc_model *m = NULL;
	if (p->syntax_errors == 0)
		m = cdc_sema_run(a, f, p->diags, p->root);
	cdc_diag_style st = {true};
	cdc_diag_print_text(p->diags, devnull, &st);
	cdc_diag_print_github(p->diags, devnull, &st);
	cJSON *arr = cJSON_CreateArray();
	cdc_diag_to_json(p->diags, arr, &st);
	cJSON_Delete(arr);
	return (result){p->syntax_errors, cdc_diag_errors(p->diags), cdc_diag_warnings(p->diags), m};
}

/* The SQL of every dialect, with and without the per-batch statements; a migration of
 * the pipeline from itself. */
static void
write_sql(const cdc_ir *ir)
{
	for (int d = 0; d < CDC_DIALECT_COUNT; d++)
		for (int form = 0; form < 3; form++) {
			cdc_sql_opts o = {NULL, NULL, form > 0, form == 2};
			cdc_buf out = CDC_BUF_INIT, errors = CDC_BUF_INIT;
			bool ok = cdc_sql_emit(&out, (cdc_dialect)d, ir, &o, &errors);
			if (!ok && d != CDC_DIALECT_ATHENA) {
				fprintf(stderr, "a pipeline that checks has no %s DDL:\n%s", cdc_dialect_word((cdc_dialect)d),
				        cdc_buf_str(&errors));
				abort();
			}
			cdc_buf_free(&out);
			cdc_buf_free(&errors);
		}
	for (int d = 0; d < CDC_DIALECT_COUNT; d++) {
		cdc_sql_opts o = {NULL, NULL, false, false};
		cdc_buf out = CDC_BUF_INIT, errors = CDC_BUF_INIT;
		bool ok = cdc_sql_migrate(&out, (cdc_dialect)d, ir, ir, "itself", &o, &errors);
		const char *text = cdc_buf_str(&out);
		if (ok && !strstr(text, "\n-- nothing to change\n") && !strstr(text, " target in this pipeline")) {
			fprintf(stderr, "a migration from itself changes something (%s):\n%s", cdc_dialect_word((cdc_dialect)d),
			        text);
			abort();
		}
		cdc_buf_free(&out);
		cdc_buf_free(&errors);
	}
}

/* Compiles a checked model; plan round trip; runs every program on NULL and unchanged rows. */
static void
run_programs(cdc_arena *a, const cdc_parse *p, cdc_model *m, const char *text, size_t len)
{
	cdc_ir *ir = cdc_ir_lower(a, p->diags, m, text, len, false);
	if (!ir)
		return;
	cdc_buf w1 = CDC_BUF_INIT, w2 = CDC_BUF_INIT;
	cdc_plan_write(ir, &w1);
	char why[512];
	cdc_ir *back = cdc_plan_read(a, cdc_buf_str(&w1), w1.len, why, sizeof why);
	if (!back) {
		fprintf(stderr, "a written plan does not read back: %s\n%s\n", why, cdc_buf_str(&w1));
		abort();
	}
	cdc_plan_write(back, &w2);
	if (w1.len != w2.len || memcmp(w1.data, w2.data, w1.len) != 0) {
		fprintf(stderr, "plan round trip differs:\n--- written\n%s\n--- read and written\n%s\n", cdc_buf_str(&w1),
		        cdc_buf_str(&w2));
		abort();
	}
	cdc_buf_free(&w1);
	cdc_buf_free(&w2);
	write_sql(back);
	cdc_arena *ev = cdc_arena_new("fuzz-event");
	for (int i = 0; i < back->ntables; i++) {
		const cdc_ir_table *t = &back->tables[i];
		cdc_value *row = cdc_arena_zalloc(a, ((size_t)t->ncols + 1) * sizeof *row);
		cdc_event_info info = {0};
		info.position = "fuzz";
		info.table = t->display;
		for (int pass = 0; pass < 2; pass++) {
			for (int c = 0; c < t->ncols; c++)
				row[c].tag = pass ? CDC_VAL_UNCHANGED : CDC_VAL_NULL;
			info.op = pass ? CDC_EVOP_UPDATE : CDC_EVOP_INSERT;
			info.before = pass ? row : NULL;
			cdc_stage st;
			cdc_stage_init(&st, t, ev);
			cdc_fate f = cdc_stage_run(&st, &info, row);
			uint64_t total = 0;
			for (int k = 0; k < CDC_FATE_COUNT; k++)
				total += st.n.fate[k];
			if (total != 1 || st.n.fate[f] != 1) {
				fprintf(stderr, "the stage's counters do not add up for %s\n", t->display);
				abort();
			}
			cdc_stage_release(&st);
			cdc_arena_reset(ev);
		}
	}
	cdc_arena_free(ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (size > 64 * 1024)
		return 0;
	cdc_arena *a = cdc_arena_new("fuzz");
	cdc_parse p1;
	result r1 = compile(a, (const char *)data, size, &p1);
	if (r1.syntax == 0 && memchr(data, '\0', size) == NULL) {
		cdc_buf f1 = CDC_BUF_INIT, f2 = CDC_BUF_INIT;
		cdc_fmt_file(&f1, &p1);
		cdc_parse p2;
		result r2 = compile(a, cdc_buf_str(&f1), f1.len, &p2);
		if (r2.syntax != 0) {
			fprintf(stderr, "fmt output does not parse:\n%s\n", cdc_buf_str(&f1));
			abort();
		}
		if (r2.errors != r1.errors || r2.warnings != r1.warnings) {
			fprintf(stderr, "fmt changed the diagnostics (%u/%u -> %u/%u):\n%s\n", r1.errors,
			        r1.warnings, r2.errors, r2.warnings, cdc_buf_str(&f1));
			abort();
		}
		cdc_fmt_file(&f2, &p2);
		if (f1.len != f2.len || memcmp(cdc_buf_str(&f1), cdc_buf_str(&f2), f1.len) != 0) {
			fprintf(stderr, "fmt is not idempotent:\n--- first\n%s\n--- second\n%s\n",
			        cdc_buf_str(&f1), cdc_buf_str(&f2));
			abort();
		}
		cdc_buf_free(&f1);
		cdc_buf_free(&f2);
		if (r1.errors == 0 && r1.model)
			run_programs(a, &p1, r1.model, (const char *)data, size);
	}
	cdc_arena_free(a);
	return 0;
}

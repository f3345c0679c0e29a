/*
 * tests/unit/vm_harness.h — for the VM and stdlib suites (test_vm.c, test_stdlib.c):
 * compile a one-table pipeline in memory and push changes through its stage.
 */
#ifndef CDC_VM_HARNESS_H
#define CDC_VM_HARNESS_H

#include "tests/unit/unit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "compiler/ir.h"
#include "runtime/change.h"
#include "runtime/datetime.h"
#include "runtime/program.h"
#include "runtime/stage.h"
#include "runtime/value.h"
#include "runtime/vm.h"
#include "stdlib/builtins.h"

/* ---- harness: a one-table pipeline compiled in memory, changes pushed through it ------
 *
 * A test names
 * the columns ("a numeric(38,2), b text"), the quality rules and transform steps, and a
 * change as JSON; the harness compiles
 *
 *   pipeline p {}
 *   source s postgres { dsn = env("X") heartbeat = 1m tables = [public.t] }
 *   table s.public.t { id bigint primary key  <columns> }
 *   quality s.public.t { <rules> }
 *   transform s.public.t { <steps> }
 *   target d postgres { dsn = env("Y") }
 *   merge s.public.t into d.public.t {}
 *
 * exactly as `cdcc` does (parse, sema, cdc_ir_lower, which runs codegen), reads the change
 * with cdc_change_from_json and runs the table's stage on it.  Values are compared as the
 * text PostgreSQL prints, so every expected value below can be checked with psql.
 */

/* The commit time every change has unless it says otherwise; now() is 1.5 s later. */
#define H_COMMIT "2024-05-01 12:00:00+00"

typedef struct hpipe {
	tunit               u;
	cdc_ir             *ir;
	const cdc_ir_table *t;
	cdc_arena          *ev_arena;
	cdc_stage           st;
	bool                open;        /* compiled, stage initialised */
	cdc_change          ch;
	cdc_event_info      ev;
	cdc_fate            fate;
	char                err[4096];   /* compile diagnostics or why a change was refused */
	uint64_t            ops[2];      /* opcodes in the program, as a bit set */
	uint64_t            fns[2];      /* builtins the program calls, as a bit set */
} hpipe;

/* Splits "a numeric(38,2), b text" at the commas outside parentheses into lines. */
static inline void
h_cols(cdc_buf *b, const char *cols)
{
	int depth = 0;
	cdc_buf_puts(b, "  ");
	for (const char *p = cols; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if (*p == ',' && depth == 0) {
			cdc_buf_puts(b, "\n  ");
			while (p[1] == ' ')
				p++;
			continue;
		}
		cdc_buf_putc(b, *p);
	}
	cdc_buf_putc(b, '\n');
}

/* Compiles the pipeline; false with the diagnostics in p->err if it does not check. */
static inline bool
hp_open(hpipe *p, const char *cols, const char *rules, const char *steps)
{
	memset(p, 0, sizeof *p);
	cdc_buf src = CDC_BUF_INIT;
	cdc_buf_puts(&src, "pipeline p {}\n"
	             "source s postgres { dsn = env(\"X\") heartbeat = 1m tables = [public.t] }\n"
	             "table s.public.t {\n  id bigint primary key\n");
	if (cols && *cols)
		h_cols(&src, cols);
	cdc_buf_puts(&src, "}\n");
	if (rules)
		cdc_buf_printf(&src, "quality s.public.t {\n%s\n}\n", rules);
	if (steps)
		cdc_buf_printf(&src, "transform s.public.t {\n%s\n}\n", steps);
	cdc_buf_puts(&src, "target d postgres { dsn = env(\"Y\") }\nmerge s.public.t into d.public.t {}\n");
	tu_compile(&p->u, cdc_buf_str(&src));
	if (p->u.m && cdc_diag_errors(p->u.d) == 0) {
		p->ir = cdc_ir_lower(p->u.a, p->u.d, p->u.m, src.data, src.len, false);
		p->t = p->ir ? cdc_ir_find_table(p->ir, "s.public.t") : NULL;
	}
	cdc_buf_free(&src);
	if (!p->t || !p->t->prog || cdc_diag_errors(p->u.d)) {
		/* "COMPILE: E0403 message" for each error, on one line */
		cdc_buf b = CDC_BUF_INIT;
		cdc_buf_puts(&b, "COMPILE:");
		cdc_diag_sort(p->u.d);
		for (unsigned i = 0; i < cdc_diag_count(p->u.d); i++) {
			const cdc_diag *g = cdc_diag_at(p->u.d, i);
			if (cdc_diag_info_of(g->code)->code[0] == 'E')
				cdc_buf_printf(&b, " %s %s", cdc_diag_info_of(g->code)->code, g->msg);
		}
		snprintf(p->err, sizeof p->err, "%s", cdc_buf_str(&b));
		cdc_buf_free(&b);
		tu_free(&p->u);
		return false;
	}
	const cdc_program *prog = p->t->prog;
	char why[256];
	ck_assert_msg(cdc_prog_verify(prog, p->t->ncols, why, sizeof why), "generated program fails to verify: %s", why);
	for (uint32_t i = 0; i < prog->ncode; i++)
		p->ops[prog->code[i].op / 64] |= UINT64_C(1) << (prog->code[i].op % 64);
	for (uint32_t i = 0; i < prog->ncalls; i++)
		p->fns[prog->calls[i].fn / 64] |= UINT64_C(1) << (prog->calls[i].fn % 64);
	p->ev_arena = cdc_arena_new("event");
	cdc_stage_init(&p->st, p->t, p->ev_arena);
	p->open = true;
	return true;
}

static inline void
hp_close(hpipe *p)
{
	if (!p->open)
		return;
	cdc_stage_release(&p->st);
	cdc_arena_free(p->ev_arena);
	tu_free(&p->u);
	p->open = false;
}

/*
 * Runs one change: a JSON row object ({"a": 1}) is an insert of that row; a text that
 * starts with {"op" is a whole change (with "before", "position", "txid", ...).  Returns
 * the fate, or -1 with p->err set if the change does not read.
 */
static inline int
hp_run(hpipe *p, const char *change)
{
	cdc_arena_reset(p->ev_arena);
	const char *text = change;
	if (strncmp(change, "{\"op\"", 5) != 0)
		text = cdc_arena_printf(p->ev_arena, "{\"op\": \"insert\", \"row\": %s}", change);
	if (!cdc_change_from_json(p->ev_arena, p->t->cols, p->t->ncols, text, strlen(text), &p->ch, p->err,
	                          sizeof p->err))
		return -1;
	memset(&p->ev, 0, sizeof p->ev);
	p->ev.op = p->ch.op;
	if (p->ch.has_commit_time)
		p->ev.commit_time = p->ch.commit_time;
	else {
		const char *bad;
		ck_assert_int_eq(cdc_dt_parse_timestamptz(H_COMMIT, strlen(H_COMMIT), &p->ev.commit_time, &bad), 0);
	}
	p->ev.position = p->ch.position ? p->ch.position : "0/16B3748";
	p->ev.table = "public.t";
	p->ev.txid = p->ch.txid;
	p->ev.has_txid = p->ch.has_txid;
	p->ev.before = p->ch.before;
	p->ev.now = p->ev.commit_time + 1500000;
	p->fate = cdc_stage_run(&p->st, &p->ev, p->ch.row);
	return (int)p->fate;
}

/* Output column `name` after the last change, as text: its PostgreSQL text form, "NULL",
 * "UNCHANGED", or "(none)" if the output row has no such column. */
static inline const char *
hp_col(hpipe *p, const char *name)
{
	for (int i = 0; i < p->t->nout; i++) {
		if (strcmp(p->t->out[i].name, name) != 0)
			continue;
		cdc_value v = p->st.out[i];
		if (v.tag == CDC_VAL_NULL)
			return "NULL";
		if (v.tag == CDC_VAL_UNCHANGED)
			return "UNCHANGED";
		cdc_buf b = CDC_BUF_INIT;
		cdc_val_format(v, p->t->out[i].type, &b);
		const char *r = cdc_arena_strndup(p->ev_arena, cdc_buf_str(&b), b.len);
		cdc_buf_free(&b);
		return r;
	}
	return "(none)";
}

/* The type of output column `name`, as cdc_rtype_str spells it. */
static inline const char *
hp_type(hpipe *p, const char *name)
{
	for (int i = 0; i < p->t->nout; i++) {
		if (strcmp(p->t->out[i].name, name) != 0)
			continue;
		cdc_buf b = CDC_BUF_INIT;
		cdc_rtype_str(p->t->out[i].type, &b);
		const char *r = cdc_arena_strndup(p->ev_arena, cdc_buf_str(&b), b.len);
		cdc_buf_free(&b);
		return r;
	}
	return "(none)";
}

/* What one change did, in words: the value of `r`, "FILTERED", "ERROR: <the VM's message>"
 * for a failed transform step, "<fate> <rule>: <reason>" for a rule, "BAD CHANGE: ..." or
 * "COMPILE: ..." when it never ran. */
static inline const char *
hp_outcome(hpipe *p, int fate)
{
	if (fate < 0)
		return cdc_arena_printf(p->ev_arena, "BAD CHANGE: %s", p->err);
	switch (fate) {
	case CDC_FATE_APPLY:
		return hp_col(p, "r");
	case CDC_FATE_FILTER:
		return "FILTERED";
	default:
		if (fate == CDC_FATE_QUARANTINE && p->st.rule < 0)
			return cdc_arena_printf(p->ev_arena, "ERROR: %s", p->st.vm.error);
		return cdc_arena_printf(p->ev_arena, "%s %s: %s", cdc_fate_name((cdc_fate)fate), cdc_stage_rule_name(&p->st),
		                        p->st.reason ? p->st.reason : "");
	}
}

static inline bool
h_bit(const uint64_t *set, unsigned i)
{
	return (set[i / 64] >> (i % 64)) & 1;
}

/* Results outlive the pipeline: a ring of buffers, so several fit in one message. */
static inline const char *
h_keep(const char *s)
{
	static char ring[8][4096];
	static int k;
	k = (k + 1) % 8;
	snprintf(ring[k], sizeof ring[k], "%s", s);
	return ring[k];
}

/*
 * The value of `expr` as transform step `r = expr` on the row, with what the program held:
 * ops and fns (may be NULL) receive the opcode and builtin sets, type the result's type.
 */
static inline const char *
h_eval_full(const char *expr, const char *cols, const char *row, uint64_t *ops, uint64_t *fns, const char **type)
{
	hpipe p;
	char step[4096];
	snprintf(step, sizeof step, "r = %s", expr);
	if (!hp_open(&p, cols, NULL, step))
		return h_keep(p.err);
	if (ops)
		memcpy(ops, p.ops, sizeof p.ops);
	if (fns)
		memcpy(fns, p.fns, sizeof p.fns);
	const char *r = h_keep(hp_outcome(&p, hp_run(&p, row)));
	if (type)
		*type = h_keep(hp_type(&p, "r"));
	hp_close(&p);
	return r;
}

static inline const char *
h_eval(const char *expr, const char *cols, const char *row)
{
	return h_eval_full(expr, cols, row, NULL, NULL, NULL);
}

/* EV(expr, cols, row, want): `r = expr` gives exactly `want` on the row. */
#define EV(expr, cols, row, want) do { \
	const char *got_ = h_eval((expr), (cols), (row)); \
	ck_assert_msg(strcmp(got_, (want)) == 0, "%s  [%s | %s]\n  got  %s\n  want %s", (expr), (cols), (row), got_, (want)); \
} while (0)

/* EVT: the same, and the result has type `wtype`. */
#define EVT(expr, cols, row, want, wtype) do { \
	const char *type_ = NULL; \
	const char *got_ = h_eval_full((expr), (cols), (row), NULL, NULL, &type_); \
	ck_assert_msg(strcmp(got_, (want)) == 0, "%s  [%s | %s]\n  got  %s\n  want %s", (expr), (cols), (row), got_, (want)); \
	ck_assert_msg(strcmp(type_, (wtype)) == 0, "%s: type %s, want %s", (expr), type_, (wtype)); \
} while (0)

/* EVOP: the same as EV, and the program really contains opcode CDC_BC_<op>. */
#define EVOP(op, expr, cols, row, want) do { \
	uint64_t ops_[2]; \
	const char *got_ = h_eval_full((expr), (cols), (row), ops_, NULL, NULL); \
	ck_assert_msg(strcmp(got_, (want)) == 0, "%s  [%s | %s]\n  got  %s\n  want %s", (expr), (cols), (row), got_, (want)); \
	ck_assert_msg(h_bit(ops_, CDC_BC_##op), "%s: no %s instruction in the program", (expr), #op); \
} while (0)

/* ---- end of the harness ------------------------------------------------------------ */

#endif

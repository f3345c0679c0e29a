/*
 * runtime/stage.c — quality rules and transform of one table, per change (see stage.h).
 */
#include "runtime/stage.h"
#include "runtime/buf.h"
#include "runtime/datetime.h"
#include "runtime/mem.h"

#include <stdio.h>
#include <string.h>

void
cdc_stage_init(cdc_stage *s, const cdc_ir_table *t, cdc_arena *event_arena)
{
	memset(s, 0, sizeof *s);
	const cdc_program *p = t->prog;
	s->table = t;
	cdc_vm_init(&s->vm, event_arena);
	s->regs = cdc_mem_zalloc(((size_t)p->nregs + 1) * sizeof *s->regs);
	s->out = cdc_mem_zalloc(((size_t)(t->nout > p->nout ? t->nout : p->nout) + 1) * sizeof *s->out);
	s->unchanged = cdc_mem_zalloc(((size_t)p->dep_words + 1) * sizeof *s->unchanged);
	s->n.rule_broken = cdc_mem_zalloc(((size_t)p->nrules + 1) * sizeof *s->n.rule_broken);
	s->vm.warns = s->n.rule_broken;
	s->rule = -1;
	/* the prologue: constants into their registers, once */
	for (uint32_t pc = 0; pc < p->entry; pc++)
		s->regs[p->code[pc].a] = p->code[pc].op == CDC_BC_LOADK ? p->consts[p->code[pc].d] : cdc_val_null();
}

void
cdc_stage_retable(cdc_stage *s, const cdc_ir_table *t)
{
	const cdc_program *p = t->prog;
	s->table = t;
	s->out = cdc_mem_realloc(s->out, ((size_t)(t->nout > p->nout ? t->nout : p->nout) + 1) * sizeof *s->out);
}

void
cdc_stage_release(cdc_stage *s)
{
	cdc_vm_release(&s->vm);
	cdc_mem_free(s->regs);
	cdc_mem_free(s->out);
	cdc_mem_free(s->unchanged);
	cdc_mem_free(s->n.rule_broken);
	memset(s, 0, sizeof *s);
}

static bool
meets(const uint64_t *a, const uint64_t *b, uint16_t words)
{
	for (uint16_t w = 0; w < words; w++)
		if (a[w] & b[w])
			return true;
	return false;
}

/* The first instruction after segment `seg`, or the END instruction. */
static uint32_t
next_segment(const cdc_program *p, const cdc_segment *seg)
{
	size_t i = (size_t)(seg - p->segments) + 1;
	return i < p->nsegments ? p->segments[i].first : p->ncode - 1;
}

static cdc_fate
decide(cdc_stage *s, cdc_fate f)
{
	s->n.fate[f]++;
	return f;
}

static cdc_fate
rule_fate(cdc_stage *s, int rule)
{
	switch (s->table->prog->rules[rule].action) {
	case CDC_ACT_FAIL: return CDC_FATE_FAIL;
	case CDC_ACT_DROP: return CDC_FATE_DROP;
	default: return CDC_FATE_QUARANTINE;
	}
}

cdc_fate
cdc_stage_run(cdc_stage *s, const cdc_event_info *ev, const cdc_value *row)
{
	const cdc_program *p = s->table->prog;
	s->n.changes++;
	s->rule = -1;
	s->reason = NULL;
	s->line = 0;

	bool any_unchanged = false;
	memset(s->unchanged, 0, (size_t)p->dep_words * sizeof *s->unchanged);
	for (uint16_t i = 0; i < p->ninputs; i++) {
		s->regs[i] = row[i];
		if (row[i].tag == CDC_VAL_UNCHANGED) {
			s->unchanged[i / 64] |= 1ull << (i % 64);
			any_unchanged = true;
		}
	}
	s->vm.unchanged = any_unchanged ? s->unchanged : NULL;
	s->vm.ev = ev;

	/* A delete is applied by key: the quality rules judge rows, and a delete carries
	 * only the key (docs/language.md 10.1).  Its transform still runs, for the key
	 * (renames) and the columns computed from the event. */
	uint32_t start = p->entry;
	if (ev->op == CDC_EVOP_DELETE) {
		start = p->ncode - 1;
		for (uint32_t i = 0; i < p->nsegments; i++)
			if (p->segments[i].kind == CDC_SEG_STEP) {
				start = p->segments[i].first;
				break;
			}
	}
	for (;;) {
		switch (cdc_vm_resume(&s->vm, p, s->regs, start)) {
		case CDC_VM_OK:
			for (uint16_t i = 0; i < p->nout; i++) {
				s->out[i] = s->regs[p->out[i]];
				if (any_unchanged && meets(&p->out_deps[(size_t)i * p->dep_words], s->unchanged, p->dep_words))
					s->out[i].tag = CDC_VAL_UNCHANGED;
			}
			/* columns the source gained while the pipeline ran (runtime/drift.h) come after
			 * the program's, and pass through as they are */
			for (int i = p->nout; i < s->table->nout; i++)
				s->out[i] = row[p->ninputs + (i - p->nout)];
			return decide(s, CDC_FATE_APPLY);
		case CDC_VM_FILTERED:
			return decide(s, CDC_FATE_FILTER);
		case CDC_VM_RULE: {
			int r = (int)s->vm.rule;
			s->rule = r;
			s->n.rule_broken[r]++;
			s->line = p->rules[r].line;
			s->reason = "the condition is false";
			return decide(s, rule_fate(s, r));
		}
		case CDC_VM_ERROR: {
			const cdc_segment *seg = cdc_vm_segment(p, s->vm.pc);
			s->line = p->code[s->vm.pc].line;
			if (seg && seg->kind == CDC_SEG_RULE) {
				/* an error in a condition breaks the rule */
				int r = seg->index;
				s->n.rule_broken[r]++;
				if (p->rules[r].action == CDC_ACT_WARN) {
					start = next_segment(p, seg);
					continue;
				}
				s->rule = r;
				snprintf(s->reason_buf, sizeof s->reason_buf, "error in the condition: %s", s->vm.error);
				s->reason = s->reason_buf;
				return decide(s, rule_fate(s, r));
			}
			s->n.step_errors++;
			const cdc_prog_step *step = seg && seg->index < p->nsteps ? &p->steps[seg->index] : NULL;
			if (step && step->kind == CDC_STEP_K_ASSIGN)
				snprintf(s->reason_buf, sizeof s->reason_buf, "column \"%s\" (line %u): %s", step->column,
				         s->line, s->vm.error);
			else
				snprintf(s->reason_buf, sizeof s->reason_buf, "filter (line %u): %s", s->line, s->vm.error);
			s->reason = s->reason_buf;
			return decide(s, CDC_FATE_QUARANTINE);
		}
		}
	}
}

bool
cdc_stage_identity(const cdc_ir_table *t)
{
	const cdc_program *p = t->prog;
	if (p->nrules || p->nsteps || p->nfilters || p->nout != p->ninputs || t->nout != t->ncols)
		return false;
	for (uint16_t i = 0; i < p->nout; i++)
		if (p->out[i] != i)
			return false;
	return true;
}

const char *
cdc_stage_rule_name(const cdc_stage *s)
{
	return s->rule >= 0 ? s->table->prog->rules[s->rule].name : "transform";
}

void
cdc_row_json(const cdc_ir_col *cols, int n, const cdc_value *row, cdc_buf *out)
{
	cdc_buf_putc(out, '{');
	bool first = true;
	for (int i = 0; i < n; i++) {
		if (row[i].tag == CDC_VAL_UNCHANGED)
			continue;
		if (!first)
			cdc_buf_puts(out, ", ");
		first = false;
		cdc_buf_json_string(out, cols[i].name, strlen(cols[i].name));
		cdc_buf_puts(out, ": ");
		cdc_val_json(row[i], cols[i].type, out);
	}
	cdc_buf_putc(out, '}');
}

void
cdc_stage_quarantine_json(const cdc_stage *s, const cdc_event_info *ev, const cdc_value *row, cdc_buf *out)
{
	const cdc_ir_table *t = s->table;
	const char *rule = cdc_stage_rule_name(s), *reason = s->reason ? s->reason : "";
	cdc_buf_puts(out, "{\"table\": ");
	cdc_buf_json_string(out, t->display, strlen(t->display));
	cdc_buf_puts(out, ", \"rule\": ");
	cdc_buf_json_string(out, rule, strlen(rule));
	cdc_buf_puts(out, ", \"reason\": ");
	cdc_buf_json_string(out, reason, strlen(reason));
	cdc_buf_printf(out, ", \"line\": %u, \"op\": \"%s\", \"position\": ", s->line, cdc_evop_name(ev->op));
	if (ev->position)
		cdc_buf_json_string(out, ev->position, strlen(ev->position));
	else
		cdc_buf_puts(out, "null");
	char ts[CDC_DT_MAXLEN];
	size_t n = cdc_dt_format_timestamptz(ev->commit_time, ts, sizeof ts);
	cdc_buf_puts(out, ", \"commit_time\": ");
	cdc_buf_json_string(out, ts, n < sizeof ts ? n : sizeof ts - 1);
	cdc_buf_puts(out, ", \"row\": ");
	cdc_row_json(t->cols, t->ncols, row, out);
	cdc_buf_putc(out, '}');
}

const char *
cdc_fate_name(cdc_fate f)
{
	static const char *const names[] = {"applied", "filtered", "dropped", "quarantined", "failed"};
	return f < CDC_FATE_COUNT ? names[f] : "?";
}

const char *
cdc_evop_name(int op)
{
	static const char *const names[] = {"insert", "update", "delete", "snapshot"};
	return op >= 0 && op <= CDC_EVOP_SNAPSHOT ? names[op] : "?";
}

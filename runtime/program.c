/*
 * runtime/program.c — what is known about programs without running them: opcode names
 * and operand layouts (from opcodes.def), the verifier that every loaded program passes
 * before the VM may run it, and the disassembler behind `cdcc explain`.
 */
#include "runtime/program.h"
#include "runtime/buf.h"
#include "runtime/typeids.h"
#include "stdlib/builtins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[] = {
#define CDC_OP(name, operands, effect) #name,
#include "runtime/opcodes.def"
#undef CDC_OP
};

static const char *const op_operands[] = {
#define CDC_OP(name, operands, effect) operands,
#include "runtime/opcodes.def"
#undef CDC_OP
};

static const char *const op_effects[] = {
#define CDC_OP(name, operands, effect) effect,
#include "runtime/opcodes.def"
#undef CDC_OP
};

const char *
cdc_op_name(cdc_opcode op)
{
	return op < CDC_BC_COUNT ? op_names[op] : "?";
}

const char *
cdc_op_operands(cdc_opcode op)
{
	return op < CDC_BC_COUNT ? op_operands[op] : "";
}

const char *
cdc_op_effect(cdc_opcode op)
{
	return op < CDC_BC_COUNT ? op_effects[op] : "";
}

int
cdc_op_find(const char *name)
{
	for (int i = 0; i < CDC_BC_COUNT; i++)
		if (strcmp(op_names[i], name) == 0)
			return i;
	return -1;
}

static const char *const type_names[] = {
#define X(id, name, fam) name,
	CDC_TYPE_IDS(X)
#undef X
};

const char *
cdc_typeid_name(int id)
{
	return id >= 0 && id < CDC_TY_COUNT ? type_names[id] : "?";
}

int
cdc_typeid_find(const char *name)
{
	for (int i = 0; i < CDC_TY_COUNT; i++)
		if (strcmp(type_names[i], name) == 0)
			return i;
	return -1;
}

/* ---- verification ------------------------------------------------------------------ */

#define CHECK(cond, ...) do { if (!(cond)) { snprintf(why, whylen, __VA_ARGS__); return false; } } while (0)

bool
cdc_prog_verify(const cdc_program *p, int ncols_in, char *why, size_t whylen)
{
	CHECK(p->ncode > 0 && p->code[p->ncode - 1].op == CDC_BC_END, "the program does not end with END");
	CHECK(p->ninputs == ncols_in, "the program reads %u columns, the table has %d", p->ninputs, ncols_in);
	CHECK(p->ninputs <= p->nregs, "fewer registers than inputs");
	CHECK(p->dep_words >= 1 && (uint32_t)p->dep_words * 64 >= p->ninputs, "dependency sets too small");
	CHECK(p->entry < p->ncode, "the program's entry is past its end");
	/* the prologue loads constants once per stage: its registers must never be written
	 * again, or the next change would see another value */
	uint8_t *pro = calloc((size_t)p->nregs + 1, 1);
	for (uint32_t pc = 0; pc < p->entry; pc++) {
		const cdc_instr *in = &p->code[pc];
		if ((in->op != CDC_BC_LOADK && in->op != CDC_BC_LOADNULL) || in->a >= p->nregs || in->a < p->ninputs) {
			free(pro);
			CHECK(false, "instruction %u: the prologue holds only LOADK and LOADNULL of computed registers", pc);
		}
		pro[in->a] = 1;
	}
	for (uint32_t pc = p->entry; pc < p->ncode; pc++) {
		const cdc_instr *in = &p->code[pc];
		if (in->op < CDC_BC_COUNT && strchr(op_operands[in->op], 'A') && in->a < p->nregs && pro[in->a]) {
			free(pro);
			CHECK(false, "instruction %u writes r%u, a constant of the prologue", pc, in->a);
		}
	}
	free(pro);
	for (uint32_t pc = 0; pc < p->ncode; pc++) {
		const cdc_instr *in = &p->code[pc];
		CHECK(in->op < CDC_BC_COUNT, "instruction %u: invalid opcode %u", pc, in->op);
		const char *ops = op_operands[in->op];
		if (strchr(ops, 'A'))
			CHECK(in->a < p->nregs && in->a >= p->ninputs, "instruction %u: bad destination register", pc);
		if (strchr(ops, 'B') && in->op != CDC_BC_BEFORE)
			CHECK(in->b < p->nregs, "instruction %u: bad register", pc);
		if (strchr(ops, 'C'))
			CHECK(in->c < p->nregs, "instruction %u: bad register", pc);
		switch ((cdc_opcode)in->op) {
		case CDC_BC_LOADK:
			CHECK(in->d >= 0 && (uint32_t)in->d < p->nconsts, "instruction %u: bad constant", pc);
			break;
		case CDC_BC_CAST:
			CHECK(in->d >= 0 && (uint32_t)in->d < p->ncasts, "instruction %u: bad cast", pc);
			break;
		case CDC_BC_CALL: {
			CHECK(in->d >= 0 && (uint32_t)in->d < p->ncalls, "instruction %u: bad call", pc);
			const cdc_call *c = &p->calls[in->d];
			CHECK(c->fn < cdc_builtin_count() && c->nargs <= CDC_MAX_CALL_ARGS, "instruction %u: bad call entry", pc);
			/* the function reads its parameters: the call must pass them all (absent
			 * optional ones as NULL registers) */
			const cdc_builtin *fn = cdc_builtin_at(c->fn);
			CHECK(fn->variadic ? c->nargs >= fn->nparams - 1 : c->nargs == fn->nparams,
			      "instruction %u: %s() takes %d argument%s, the call passes %u", pc, fn->name, fn->nparams,
			      fn->nparams == 1 ? "" : "s", c->nargs);
			for (int k = 0; k < fn->nparams && k < 16 && k < c->nargs; k++)
				CHECK(fn->params[k].optional || fn->params[k].variadic || ((c->present >> k) & 1),
				      "instruction %u: %s() needs argument %d", pc, fn->name, k + 1);
			for (uint16_t k = 0; k < c->nargs; k++)
				CHECK(c->args[k] < p->nregs, "instruction %u: bad argument register", pc);
			break;
		}
		case CDC_BC_BEFORE:
			CHECK(in->b < p->ninputs, "instruction %u: bad column", pc);
			break;
		case CDC_BC_EVENT:
			CHECK(in->d >= CDC_EV_OP && in->d <= CDC_EV_NOW, "instruction %u: bad event field", pc);
			break;
		case CDC_BC_JMP:
		case CDC_BC_JMPT:
		case CDC_BC_JMPNT:
		case CDC_BC_JMPNN:
			/* forward only: programs have no loops, so every run ends */
			CHECK(in->d >= 0 && pc + 1 + (uint32_t)in->d < p->ncode, "instruction %u: bad jump", pc);
			break;
		case CDC_BC_RULE:
			CHECK(in->d >= 0 && (uint32_t)in->d < p->nrules, "instruction %u: bad rule", pc);
			break;
		case CDC_BC_FILTER:
			CHECK(in->d >= 0 && (uint32_t)in->d < p->nfilters, "instruction %u: bad filter", pc);
			break;
		case CDC_BC_CMPI: case CDC_BC_CMPN: case CDC_BC_CMPF: case CDC_BC_CMPT: case CDC_BC_CMPV:
			CHECK(in->d >= CDC_CMP_EQ && in->d <= CDC_CMP_GE, "instruction %u: bad comparison", pc);
			break;
		case CDC_BC_DISTINCT:
			CHECK(in->d >= CDC_BC_CMPI && in->d <= CDC_BC_CMPV, "instruction %u: bad comparison", pc);
			break;
		case CDC_BC_INT:
			CHECK(in->d >= 1 && (uint32_t)in->c + (uint32_t)in->d <= p->nregs, "instruction %u: bad list", pc);
			break;
		case CDC_BC_ADDI: case CDC_BC_SUBI: case CDC_BC_MULI: case CDC_BC_DIVI: case CDC_BC_MODI:
		case CDC_BC_NEGI:
			CHECK(in->d == 2 || in->d == 4 || in->d == 8, "instruction %u: bad integer width", pc);
			break;
		case CDC_BC_DIVN:
			CHECK(in->d >= -1 && in->d <= 38, "instruction %u: bad scale", pc);
			break;
		default:
			break;
		}
	}
	for (uint32_t i = 0; i < p->nsegments; i++) {
		const cdc_segment *s = &p->segments[i];
		CHECK(s->first < p->ncode && (i == 0 || s->first >= p->segments[i - 1].first), "bad segment %u", i);
		CHECK(s->kind == CDC_SEG_RULE ? s->index < p->nrules : s->kind == CDC_SEG_STEP && s->index < p->nsteps,
		      "bad segment %u", i);
	}
	for (uint32_t i = 0; i < p->nrules; i++)
		CHECK(p->rules[i].action <= CDC_ACT_WARN, "rule %u: bad action", i);
	for (uint32_t i = 0; i < p->nsteps; i++)
		CHECK(p->steps[i].kind <= CDC_STEP_K_FILTER, "step %u: bad kind", i);
	for (uint16_t i = 0; i < p->nout; i++)
		CHECK(p->out[i] < p->nregs, "output column %u: bad register", i);
	for (uint32_t i = 0; i < p->ncalls; i++)
		CHECK(p->calls[i].result.id < CDC_TY_COUNT, "call %u: bad type", i);
	return true;
}

/* ---- register classes ------------------------------------------------------------------ */

/*
 * The typed opcodes and the functions read the fields of a value that its class has
 * (u.n of a numeric, u.s of a text): a register of the wrong class would be read as
 * something else.  Codegen never does that; a damaged or edited plan could.  So the
 * loader follows each register's class from the instruction that writes it and checks
 * every read against what the reading instruction expects.  Programs only jump forward,
 * so one pass in code order sees every write before the reads it reaches.
 *
 * Classes are value tags (value.h); CDC_VAL_NULL is a register that holds only NULL
 * (LOADNULL), which every instruction accepts.
 */
#define M(tag) (1u << (tag))
#define ANY 0xFFFFFFFFu
enum { UNWRITTEN = 0xFF };

typedef struct tc {
	const cdc_program *p;
	uint8_t           *cls;
	char              *why;
	size_t             whylen;
	uint32_t           pc;
	bool               bad;
} tc;

static const char *
tag_name(int tag)
{
	static const char *const names[] = {"null", "unchanged", "boolean", "integer", "numeric", "float", "text",
	                                    "bytea", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
	                                    "uuid", "json", "array", "raw"};
	return tag >= 0 && tag <= CDC_VAL_RAW ? names[tag] : "?";
}

static uint8_t
reads(tc *t, uint16_t r, uint32_t mask)
{
	if (t->bad)
		return CDC_VAL_NULL;
	uint8_t c = t->cls[r];
	if (c == UNWRITTEN) {
		snprintf(t->why, t->whylen, "instruction %u reads r%u before anything writes it", t->pc, r);
		t->bad = true;
		return CDC_VAL_NULL;
	}
	if (c != CDC_VAL_NULL && !(mask & M(c))) {
		snprintf(t->why, t->whylen, "instruction %u (%s) reads r%u, which holds %s", t->pc,
		         op_names[t->p->code[t->pc].op], r, tag_name(c));
		t->bad = true;
	}
	return c;
}

static void
writes(tc *t, uint16_t r, uint8_t c)
{
	if (t->bad)
		return;
	uint8_t *have = &t->cls[r];
	if (*have == UNWRITTEN || *have == CDC_VAL_NULL)
		*have = c;
	else if (c != CDC_VAL_NULL && c != *have) {
		snprintf(t->why, t->whylen, "instruction %u writes %s into r%u, which holds %s", t->pc, tag_name(c), r,
		         tag_name(*have));
		t->bad = true;
	}
}

/* Two operands of one class (either may be NULL-only); the class, or NULL. */
static uint8_t
same(tc *t, uint16_t b, uint16_t c, uint32_t mask)
{
	uint8_t x = reads(t, b, mask), y = reads(t, c, mask);
	if (!t->bad && x != CDC_VAL_NULL && y != CDC_VAL_NULL && x != y) {
		snprintf(t->why, t->whylen, "instruction %u compares %s with %s", t->pc, tag_name(x), tag_name(y));
		t->bad = true;
	}
	return x != CDC_VAL_NULL ? x : y;
}

static uint32_t
param_mask(cdc_pclass c, uint8_t result)
{
	switch (c) {
	case CDC_PC_STR: return M(CDC_VAL_TEXT);
	case CDC_PC_INT: return M(CDC_VAL_INT);
	case CDC_PC_NUM: return M(CDC_VAL_NUM) | M(CDC_VAL_INT) | M(CDC_VAL_FLOAT);   /* any number */
	case CDC_PC_FLOAT8: return M(CDC_VAL_FLOAT);
	case CDC_PC_BOOL: return M(CDC_VAL_BOOL);
	case CDC_PC_BYTEA: return M(CDC_VAL_BYTES);
	case CDC_PC_STRBYTES: return M(CDC_VAL_TEXT) | M(CDC_VAL_BYTES);
	case CDC_PC_TS: return M(CDC_VAL_TS) | M(CDC_VAL_TSTZ);
	case CDC_PC_TEMPORAL:
		return M(CDC_VAL_DATE) | M(CDC_VAL_TIME) | M(CDC_VAL_TIMETZ) | M(CDC_VAL_TS) | M(CDC_VAL_TSTZ) |
		       M(CDC_VAL_INTERVAL);
	case CDC_PC_JSON: return M(CDC_VAL_JSON);
	case CDC_PC_JSONISH: return M(CDC_VAL_JSON) | M(CDC_VAL_TEXT);
	case CDC_PC_T: return result == CDC_VAL_NULL ? ANY : M(result);
	default: return ANY;
	}
}

static uint32_t
cmp_mask(int op)
{
	switch (op) {
	case CDC_BC_CMPI:
		return M(CDC_VAL_INT) | M(CDC_VAL_DATE) | M(CDC_VAL_TIME) | M(CDC_VAL_TS) | M(CDC_VAL_TSTZ) | M(CDC_VAL_BOOL);
	case CDC_BC_CMPN: return M(CDC_VAL_NUM);
	case CDC_BC_CMPF: return M(CDC_VAL_FLOAT);
	case CDC_BC_CMPT: return M(CDC_VAL_TEXT) | M(CDC_VAL_BYTES);
	default: return ANY & ~M(CDC_VAL_UNCHANGED);
	}
}

bool
cdc_prog_check_types(const cdc_program *p, const cdc_rtype *inputs, const cdc_rtype *outputs, char *why,
                     size_t whylen)
{
	static const uint8_t event_cls[] = {CDC_VAL_TEXT, CDC_VAL_TSTZ, CDC_VAL_TEXT, CDC_VAL_TEXT, CDC_VAL_INT,
	                                    CDC_VAL_TSTZ};
	tc T = {p, NULL, why, whylen, 0, false}, *t = &T;
	uint8_t cls[65536];
	memset(cls, UNWRITTEN, p->nregs);
	t->cls = cls;
	for (uint16_t i = 0; i < p->ninputs; i++)
		cls[i] = (uint8_t)cdc_val_tag_of(inputs[i]);
	const uint32_t num = M(CDC_VAL_NUM), flt = M(CDC_VAL_FLOAT), in = M(CDC_VAL_INT), iv = M(CDC_VAL_INTERVAL),
	               ts = M(CDC_VAL_TS) | M(CDC_VAL_TSTZ), tm = M(CDC_VAL_TIME) | M(CDC_VAL_TIMETZ),
	               txt = M(CDC_VAL_TEXT), bo = M(CDC_VAL_BOOL), dt = M(CDC_VAL_DATE);
	for (uint32_t pc = 0; pc < p->ncode && !t->bad; pc++) {
		const cdc_instr *ins = &p->code[pc];
		t->pc = pc;
		uint8_t x;
		switch ((cdc_opcode)ins->op) {
		case CDC_BC_LOADK: writes(t, ins->a, (uint8_t)cdc_val_tag_of(p->const_types[ins->d])); break;
		case CDC_BC_LOADNULL: writes(t, ins->a, CDC_VAL_NULL); break;
		case CDC_BC_MOVE: writes(t, ins->a, reads(t, ins->b, ANY)); break;
		case CDC_BC_ADDI: case CDC_BC_SUBI: case CDC_BC_MULI: case CDC_BC_DIVI: case CDC_BC_MODI:
			reads(t, ins->b, in), reads(t, ins->c, in), writes(t, ins->a, CDC_VAL_INT);
			break;
		case CDC_BC_NEGI: reads(t, ins->b, in), writes(t, ins->a, CDC_VAL_INT); break;
		case CDC_BC_ADDN: case CDC_BC_SUBN: case CDC_BC_MULN: case CDC_BC_DIVN: case CDC_BC_MODN:
			reads(t, ins->b, num), reads(t, ins->c, num), writes(t, ins->a, CDC_VAL_NUM);
			break;
		case CDC_BC_NEGN: case CDC_BC_FITN: reads(t, ins->b, num), writes(t, ins->a, CDC_VAL_NUM); break;
		case CDC_BC_ADDF: case CDC_BC_SUBF: case CDC_BC_MULF: case CDC_BC_DIVF: case CDC_BC_MODF: case CDC_BC_POWF:
			reads(t, ins->b, flt), reads(t, ins->c, flt), writes(t, ins->a, CDC_VAL_FLOAT);
			break;
		case CDC_BC_NEGF: case CDC_BC_FIT4: reads(t, ins->b, flt), writes(t, ins->a, CDC_VAL_FLOAT); break;
		case CDC_BC_TSADDIV: case CDC_BC_TSSUBIV:
			x = reads(t, ins->b, ts), reads(t, ins->c, iv), writes(t, ins->a, x);
			break;
		case CDC_BC_TSSUBTS: same(t, ins->b, ins->c, ts | M(CDC_VAL_TIME)), writes(t, ins->a, CDC_VAL_INTERVAL); break;
		case CDC_BC_DATEADDI: case CDC_BC_DATESUBI:
			reads(t, ins->b, dt), reads(t, ins->c, in), writes(t, ins->a, CDC_VAL_DATE);
			break;
		case CDC_BC_DATESUBD: reads(t, ins->b, dt), reads(t, ins->c, dt), writes(t, ins->a, CDC_VAL_INT); break;
		case CDC_BC_DATEADDT:
			reads(t, ins->b, dt), reads(t, ins->c, M(CDC_VAL_TIME)), writes(t, ins->a, CDC_VAL_TS);
			break;
		case CDC_BC_TIMEADDIV: case CDC_BC_TIMESUBIV:
			x = reads(t, ins->b, tm), reads(t, ins->c, iv), writes(t, ins->a, x);
			break;
		case CDC_BC_IVADD: case CDC_BC_IVSUB:
			reads(t, ins->b, iv), reads(t, ins->c, iv), writes(t, ins->a, CDC_VAL_INTERVAL);
			break;
		case CDC_BC_IVMUL: case CDC_BC_IVDIV:
			reads(t, ins->b, iv), reads(t, ins->c, flt), writes(t, ins->a, CDC_VAL_INTERVAL);
			break;
		case CDC_BC_IVNEG: reads(t, ins->b, iv), writes(t, ins->a, CDC_VAL_INTERVAL); break;
		case CDC_BC_CONCAT: writes(t, ins->a, same(t, ins->b, ins->c, txt | M(CDC_VAL_BYTES))); break;
		case CDC_BC_CMPI: case CDC_BC_CMPN: case CDC_BC_CMPF: case CDC_BC_CMPT: case CDC_BC_CMPV:
			same(t, ins->b, ins->c, cmp_mask(ins->op)), writes(t, ins->a, CDC_VAL_BOOL);
			break;
		case CDC_BC_DISTINCT: same(t, ins->b, ins->c, cmp_mask(ins->d)), writes(t, ins->a, CDC_VAL_BOOL); break;
		case CDC_BC_AND: case CDC_BC_OR:
			reads(t, ins->b, bo), reads(t, ins->c, bo), writes(t, ins->a, CDC_VAL_BOOL);
			break;
		case CDC_BC_NOT: case CDC_BC_ISTRUE: case CDC_BC_ISFALSE:
			reads(t, ins->b, bo), writes(t, ins->a, CDC_VAL_BOOL);
			break;
		case CDC_BC_ISNULL: reads(t, ins->b, ANY), writes(t, ins->a, CDC_VAL_BOOL); break;
		case CDC_BC_LIKE: reads(t, ins->b, txt), reads(t, ins->c, txt), writes(t, ins->a, CDC_VAL_BOOL); break;
		case CDC_BC_INT:
			reads(t, ins->b, txt);
			for (int32_t k = 0; k < ins->d && !t->bad; k++)
				if (reads(t, (uint16_t)(ins->c + k), txt) != CDC_VAL_TEXT && !t->bad) {
					/* NULL-only items would make IN three-valued: INT lists only values */
					snprintf(why, whylen, "instruction %u: an INT item is not text", pc);
					t->bad = true;
				}
			writes(t, ins->a, CDC_VAL_BOOL);
			break;
		case CDC_BC_CAST: {
			const cdc_cast *c = &p->casts[ins->d];
			reads(t, ins->b, M(cdc_val_tag_of(c->from)));
			writes(t, ins->a, (uint8_t)cdc_val_tag_of(c->to));
			break;
		}
		case CDC_BC_CALL: {
			const cdc_call *c = &p->calls[ins->d];
			const cdc_builtin *fn = cdc_builtin_at(c->fn);
			uint8_t result = (uint8_t)cdc_val_tag_of(c->result);
			for (uint16_t k = 0; k < c->nargs; k++) {
				const cdc_param *pa = &fn->params[k < fn->nparams ? k : fn->nparams - 1];
				reads(t, c->args[k], param_mask(pa->cls, result));
			}
			writes(t, ins->a, result);
			break;
		}
		case CDC_BC_EVENT: writes(t, ins->a, event_cls[ins->d]); break;
		case CDC_BC_BEFORE: writes(t, ins->a, cls[ins->b] == UNWRITTEN ? CDC_VAL_NULL : (uint8_t)cdc_val_tag_of(inputs[ins->b])); break;
		case CDC_BC_JMPT: case CDC_BC_JMPNT: case CDC_BC_JMPNN: case CDC_BC_RULE: case CDC_BC_FILTER:
			reads(t, ins->b, ANY);
			break;
		case CDC_BC_JMP: case CDC_BC_END: case CDC_BC_COUNT: break;
		}
	}
	for (uint16_t i = 0; i < p->nout && !t->bad; i++) {
		uint8_t c = cls[p->out[i]], want = (uint8_t)cdc_val_tag_of(outputs[i]);
		if (c == UNWRITTEN || (c != CDC_VAL_NULL && c != want)) {
			snprintf(why, whylen, "output column %u (%s) comes from r%u, which holds %s", i, tag_name(want), p->out[i],
			         c == UNWRITTEN ? "nothing" : tag_name(c));
			t->bad = true;
		}
	}
	return !t->bad;
}
#undef M
#undef ANY

/* ---- disassembly --------------------------------------------------------------------- */

static const char *const cmp_names[] = {"EQ", "NE", "LT", "LE", "GT", "GE"};
static const char *const event_names[] = {"op", "commit_time", "source_position", "table_name", "txid", "now"};
static const char *const action_names[] = {"fail", "quarantine", "drop", "warn"};

const char *
cdc_stepkind_name(int k)
{
	static const char *const names[] = {"assign", "drop", "rename", "filter"};
	return k >= 0 && k <= CDC_STEP_K_FILTER ? names[k] : "?";
}

const char *
cdc_action_name(int a)
{
	return a >= 0 && a <= CDC_ACT_WARN ? action_names[a] : "?";
}

void
cdc_rtype_str(cdc_rtype t, cdc_buf *out)
{
	cdc_buf_puts(out, cdc_typeid_name(t.id));
	if (t.id == CDC_TY_NUMERIC && t.mod >= 0)
		cdc_buf_printf(out, "(%d,%d)", t.mod, t.scale);
	else if ((t.id == CDC_TY_VARCHAR || t.id == CDC_TY_CHAR || t.id == CDC_TY_TIMESTAMP ||
	          t.id == CDC_TY_TIMESTAMPTZ || t.id == CDC_TY_TIME || t.id == CDC_TY_TIMETZ) && t.mod >= 0)
		cdc_buf_printf(out, "(%d)", t.mod);
	if (t.array)
		cdc_buf_puts(out, "[]");
}

static void
comment_start(cdc_buf *out, size_t line_start)
{
	size_t col = out->len - line_start;
	cdc_buf_pad(out, ' ', col < 34 ? 34 - col : 1);
	cdc_buf_puts(out, "; ");
}

/* The source text of a line, trimmed, for segment headers. */
static void
source_text(cdc_buf *out, const cdc_srclines *src, uint32_t line)
{
	if (!src || line == 0 || line > src->n || !src->lines[line - 1])
		return;
	const char *s = src->lines[line - 1];
	size_t n = src->lens[line - 1];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	cdc_buf_puts(out, ": ");
	cdc_buf_put(out, s, n);
}

void
cdc_prog_disasm(const cdc_program *p, const char *const *input_names, const cdc_srclines *src, cdc_buf *out)
{
	uint32_t seg = 0;
	for (uint32_t pc = 0; pc < p->ncode; pc++) {
		const cdc_instr *in = &p->code[pc];
		if (pc == 0 && p->entry > 0)
			cdc_buf_puts(out, "      -- constants, loaded once\n");
		while (seg < p->nsegments && p->segments[seg].first == pc) {
			const cdc_segment *s = &p->segments[seg++];
			uint32_t line = s->line;
			if (s->kind == CDC_SEG_RULE)
				cdc_buf_printf(out, "      -- rule \"%s\" (%s)", p->rules[s->index].name,
				               action_names[p->rules[s->index].action]);
			else {
				const cdc_prog_step *st = s->index < p->nsteps ? &p->steps[s->index] : NULL;
				cdc_buf_printf(out, "      -- step %u", s->index + 1u);
				if (st && st->kind == CDC_STEP_K_ASSIGN)
					cdc_buf_printf(out, " (%s)", st->column);
				else if (st)
					cdc_buf_printf(out, " (%s)", cdc_stepkind_name(st->kind));
			}
			if (line)
				cdc_buf_printf(out, ", line %u", line);
			source_text(out, src, line);
			cdc_buf_putc(out, '\n');
		}
		size_t start = out->len;
		cdc_buf_printf(out, "%4u  %-9s", pc, op_names[in->op]);
		const char *ops = op_operands[in->op];
		bool first = true;
		for (const char *o = ops; *o; o++) {
			if (*o == ' ')
				continue;
			cdc_buf_puts(out, first ? " " : ", ");
			first = false;
			switch (*o) {
			case 'A': cdc_buf_printf(out, "r%u", in->a); break;
			case 'B':
				if (in->op == CDC_BC_BEFORE)
					cdc_buf_printf(out, "col %u", in->b);
				else
					cdc_buf_printf(out, "r%u", in->b);
				break;
			case 'C': cdc_buf_printf(out, "r%u", in->c); break;
			default:
				switch ((cdc_opcode)in->op) {
				case CDC_BC_LOADK: cdc_buf_printf(out, "k%d", in->d); break;
				case CDC_BC_JMP: case CDC_BC_JMPT: case CDC_BC_JMPNT: case CDC_BC_JMPNN:
					cdc_buf_printf(out, "-> %u", pc + 1 + (uint32_t)in->d);
					break;
				case CDC_BC_CMPI: case CDC_BC_CMPN: case CDC_BC_CMPF: case CDC_BC_CMPT: case CDC_BC_CMPV:
					cdc_buf_puts(out, in->d >= 0 && in->d <= CDC_CMP_GE ? cmp_names[in->d] : "?");
					break;
				case CDC_BC_DISTINCT: cdc_buf_puts(out, cdc_op_name((cdc_opcode)in->d)); break;
				case CDC_BC_FITN: cdc_buf_printf(out, "(%d,%d)", in->d >> 16, in->d & 0xffff); break;
				case CDC_BC_EVENT:
					cdc_buf_puts(out, in->d >= 0 && in->d <= CDC_EV_NOW ? event_names[in->d] : "?");
					break;
				case CDC_BC_CAST: case CDC_BC_CALL: case CDC_BC_RULE: case CDC_BC_FILTER:
					cdc_buf_printf(out, "#%d", in->d);
					break;
				case CDC_BC_LIKE: cdc_buf_puts(out, in->d & 1 ? "ilike" : "like"); break;
				case CDC_BC_INT: cdc_buf_printf(out, "%d items", in->d); break;
				default: cdc_buf_printf(out, "%d", in->d); break;
				}
			}
		}
		/* what the operand stands for */
		switch ((cdc_opcode)in->op) {
		case CDC_BC_LOADK:
			comment_start(out, start);
			if (p->consts[in->d].tag == CDC_VAL_TEXT || p->consts[in->d].tag == CDC_VAL_JSON) {
				cdc_buf tmp = CDC_BUF_INIT;
				cdc_val_format(p->consts[in->d], p->const_types[in->d], &tmp);
				cdc_buf_json_string(out, cdc_buf_str(&tmp), tmp.len < 60 ? tmp.len : 60);
				if (tmp.len > 60)
					cdc_buf_puts(out, "...");
				cdc_buf_free(&tmp);
			} else {
				cdc_val_format(p->consts[in->d], p->const_types[in->d], out);
			}
			cdc_buf_putc(out, ' ');
			cdc_rtype_str(p->const_types[in->d], out);
			break;
		case CDC_BC_CAST:
			comment_start(out, start);
			cdc_rtype_str(p->casts[in->d].from, out);
			cdc_buf_puts(out, " -> ");
			cdc_rtype_str(p->casts[in->d].to, out);
			break;
		case CDC_BC_CALL: {
			const cdc_call *c = &p->calls[in->d];
			comment_start(out, start);
			cdc_buf_printf(out, "%s(", cdc_builtin_at(c->fn)->name);
			for (uint16_t k = 0; k < c->nargs; k++)
				if (k >= 16 || ((c->present >> k) & 1))
					cdc_buf_printf(out, "%sr%u", k ? ", " : "", c->args[k]);
				else
					cdc_buf_printf(out, "%s-", k ? ", " : "");
			cdc_buf_puts(out, ") -> ");
			cdc_rtype_str(c->result, out);
			break;
		}
		case CDC_BC_RULE:
			comment_start(out, start);
			cdc_buf_printf(out, "\"%s\"", p->rules[in->d].name);
			break;
		case CDC_BC_BEFORE:
			if (input_names) {
				comment_start(out, start);
				cdc_buf_printf(out, "before(%s)", input_names[in->b]);
			}
			break;
		default:
			break;
		}
		cdc_buf_putc(out, '\n');
	}
}

/*
 * compiler/codegen.c — code generation for the VM.
 *
 * Walks a table's typed expressions (cdc_texpr) and emits register code.  Registers are
 * handed out by a bump allocator and never reused: programs are small and straight, and
 * the simplicity makes every value's register easy to read in `cdcc explain`.  Codegen
 * makes types line up before every typed opcode — an integer added to a numeric is
 * converted first — so the VM never looks at a value's type to pick an operation.
 * Literals become constants of the type they are used as, converted at compile time.
 *
 * Alongside the code it tracks, per register, the set of input columns the value reads
 * (program.h explains why: unchanged TOAST columns).
 */
#include "compiler/codegen.h"
#include "compiler/types.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/datetime.h"
#include "runtime/numeric.h"
#include "runtime/vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cg {
	cdc_arena         *a;
	cdc_diags         *diags;
	const cdc_table   *t;
	bool               failed;
	uint32_t           line;        /* source line of the construct being compiled */
	/* growing arrays of the program */
	cdc_instr         *code;
	uint32_t           ncode, code_cap;
	cdc_value         *consts;
	cdc_rtype         *const_types;
	uint32_t           nconsts, consts_cap;
	cdc_cast          *casts;
	uint32_t           ncasts, casts_cap;
	cdc_call          *calls;
	uint32_t           ncalls, calls_cap;
	cdc_segment       *segs;
	uint32_t           nsegs, segs_cap;
	/* registers and what each reads */
	uint32_t           nregs;
	uint16_t           words;       /* dep set size */
	uint64_t          *deps;        /* words per register, grown with nregs */
	uint32_t           deps_cap;
	/* the row as the current step sees it */
	uint16_t          *row;
	uint32_t           nrow;
	uint64_t          *filter_deps; /* words per filter */
	uint32_t           nfilters, filters_cap;
	bool               no_fold;     /* compiling a constant to evaluate it now */
	bool               hoist;       /* constants load once, in the prologue (see constant()) */
	uint16_t          *const_regs;  /* hoist: the register of each constant */
	char             **const_text;  /* hoist: each constant's text form, to share equal ones */
	uint16_t           null_const;  /* hoist: the register holding NULL, or 0 */
} cg;

static const cdc_type T_BOOL = {CDC_TY_BOOL, 0, 0, -1};
static const cdc_type T_TEXT = {CDC_TY_TEXT, 0, 0, -1};

cdc_rtype
cdc_cg_rtype(cdc_type t)
{
	cdc_rtype r = {t.id, t.array, t.scale, t.mod};
	return r;
}

#define GROW(arr, n, cap) do {                                                      \
	if ((n) == (cap)) {                                                             \
		uint32_t c2_ = (cap) ? (cap) * 2 : 16;                                      \
		void *p_ = cdc_arena_alloc(g->a, (size_t)c2_ * sizeof *(arr));              \
		if (n)                                                                      \
			memcpy(p_, (arr), (size_t)(n) * sizeof *(arr));                         \
		(arr) = p_;                                                                 \
		(cap) = c2_;                                                                \
	}                                                                               \
} while (0)

/* ---- registers and dependency sets -------------------------------------------------- */

static uint16_t
reg(cg *g)
{
	if (g->nregs >= 65535) {
		cdc_diag_report(g->diags, CDC_E0109, g->t->decl ? g->t->decl->loc : (cdc_loc){0, 0},
		                "the program of \"%s\" needs more than 65535 registers", g->t->display);
		g->failed = true;
		return 0;
	}
	uint32_t r = g->nregs++;
	if (g->nregs > g->deps_cap) {
		uint32_t cap = g->deps_cap ? g->deps_cap * 2 : 64;
		uint64_t *d = cdc_arena_zalloc(g->a, (size_t)cap * g->words * sizeof *d);
		if (g->deps_cap)
			memcpy(d, g->deps, (size_t)g->deps_cap * g->words * sizeof *d);
		g->deps = d;
		g->deps_cap = cap;
	}
	memset(&g->deps[(size_t)r * g->words], 0, g->words * sizeof *g->deps);
	return (uint16_t)r;
}

static uint64_t *
deps_of(cg *g, uint16_t r)
{
	return &g->deps[(size_t)r * g->words];
}

static void
deps_add(cg *g, uint16_t to, uint16_t from)
{
	uint64_t *d = deps_of(g, to), *s = deps_of(g, from);
	for (uint16_t w = 0; w < g->words; w++)
		d[w] |= s[w];
}

/* ---- emitting ------------------------------------------------------------------------ */

static uint32_t
emit(cg *g, cdc_opcode op, uint16_t a, uint16_t b, uint16_t c, int32_t d)
{
	GROW(g->code, g->ncode, g->code_cap);
	cdc_instr *in = &g->code[g->ncode];
	*in = (cdc_instr){(uint8_t)op, 0, a, b, c, d, g->line};
	/* a result reads what its operands read */
	/* (BEFORE's B is a column number, not a register: the before image is known even
	 * when the column's new value is unchanged) */
	if (op != CDC_BC_LOADK && op != CDC_BC_LOADNULL && op != CDC_BC_JMP && op != CDC_BC_EVENT &&
	    op != CDC_BC_BEFORE) {
		const char *ops = cdc_op_operands(op);
		if (ops[0] == 'A') {
			if (strchr(ops, 'B'))
				deps_add(g, a, b);
			if (strchr(ops, 'C'))
				deps_add(g, a, c);
		}
	}
	return g->ncode++;
}

/* A new entry in the constant pool (values, types, registers and texts grow together). */
static uint32_t
const_slot(cg *g)
{
	if (g->nconsts == g->consts_cap) {
		uint32_t cap = g->consts_cap ? g->consts_cap * 2 : 16;
		cdc_value *cv = cdc_arena_alloc(g->a, (size_t)cap * sizeof *cv);
		cdc_rtype *ct = cdc_arena_alloc(g->a, (size_t)cap * sizeof *ct);
		uint16_t *cr = cdc_arena_alloc(g->a, (size_t)cap * sizeof *cr);
		char **cx = cdc_arena_alloc(g->a, (size_t)cap * sizeof *cx);
		if (g->nconsts) {
			memcpy(cv, g->consts, (size_t)g->nconsts * sizeof *cv);
			memcpy(ct, g->const_types, (size_t)g->nconsts * sizeof *ct);
			memcpy(cr, g->const_regs, (size_t)g->nconsts * sizeof *cr);
			memcpy(cx, g->const_text, (size_t)g->nconsts * sizeof *cx);
		}
		g->consts = cv;
		g->const_types = ct;
		g->const_regs = cr;
		g->const_text = cx;
		g->consts_cap = cap;
	}
	return g->nconsts++;
}

/*
 * A constant.  In a table's program constants are hoisted: each distinct constant gets
 * one register, loaded by the program's prologue (the instructions before p->entry),
 * which the stage runs once, not per change; no instruction writes that register again,
 * so it holds the constant for every change.  Equal constants (same type, same text)
 * share a register.
 */
static uint16_t
constant(cg *g, cdc_value v, cdc_type t)
{
	cdc_rtype rt = cdc_cg_rtype(t);
	char *text = NULL;
	if (g->hoist) {
		cdc_buf b = CDC_BUF_INIT;
		cdc_val_format(v, rt, &b);
		text = cdc_arena_strdup(g->a, cdc_buf_str(&b));
		cdc_buf_free(&b);
		for (uint32_t k = 0; k < g->nconsts; k++) {
			cdc_rtype o = g->const_types[k];
			if (o.id == rt.id && o.array == rt.array && o.scale == rt.scale && o.mod == rt.mod &&
			    g->consts[k].tag == v.tag && g->const_text[k] && strcmp(g->const_text[k], text) == 0)
				return g->const_regs[k];
		}
	}
	uint32_t k = const_slot(g);
	uint16_t r = reg(g);
	g->consts[k] = v;
	g->const_types[k] = rt;
	g->const_regs[k] = r;
	g->const_text[k] = text;
	if (!g->hoist)
		emit(g, CDC_BC_LOADK, r, 0, 0, (int32_t)k);
	return r;
}

/* A hoisted constant in a register of its own, never shared with an equal one: for
 * instructions that read constants from consecutive registers (INT). */
static uint16_t
constant_at(cg *g, cdc_value v, cdc_type t)
{
	uint32_t k = const_slot(g);
	uint16_t r = reg(g);
	g->consts[k] = v;
	g->const_types[k] = cdc_cg_rtype(t);
	g->const_regs[k] = r;
	g->const_text[k] = NULL;   /* never matched by constant()'s sharing */
	return r;
}

static uint16_t
null_reg(cg *g)
{
	/* hoisted, one NULL register serves every absent argument: the prologue loads it */
	if (g->hoist && g->null_const)
		return g->null_const;
	uint16_t r = reg(g);
	if (g->hoist)
		g->null_const = r;
	else
		emit(g, CDC_BC_LOADNULL, r, 0, 0, 0);
	return r;
}

static int32_t
cast_entry(cg *g, cdc_type from, cdc_type to)
{
	GROW(g->casts, g->ncasts, g->casts_cap);
	g->casts[g->ncasts] = (cdc_cast){cdc_cg_rtype(from), cdc_cg_rtype(to), 0};
	return (int32_t)g->ncasts++;
}

/* x as the text PostgreSQL's output function prints (concat, pseudonymize): strings as
 * they are (char(n) keeps its padding), boolean as t/f, the rest as the cast to text. */
static uint16_t expr(cg *g, const cdc_texpr *x);
static uint16_t expr_as(cg *g, const cdc_texpr *x, cdc_type to);
static bool const_value(cg *g, const cdc_texpr *x, cdc_type to, cdc_value *v);
static uint16_t numeric_at_scale(cg *g, const cdc_texpr *x, cdc_type other, cdc_type c);

static uint16_t
expr_output(cg *g, const cdc_texpr *x)
{
	cdc_type t = x->type;
	if (t.id == CDC_TY_UNKNOWN || t.id == CDC_TY_ERROR)
		return expr_as(g, x, T_TEXT);
	if (!t.array && (t.id == CDC_TY_TEXT || t.id == CDC_TY_VARCHAR || t.id == CDC_TY_CHAR))
		return expr(g, x);
	if (t.id != CDC_TY_BOOL || t.array)
		return expr_as(g, x, T_TEXT);
	uint16_t r = expr(g, x), out = reg(g);
	GROW(g->casts, g->ncasts, g->casts_cap);
	g->casts[g->ncasts] = (cdc_cast){cdc_cg_rtype(t), cdc_cg_rtype(T_TEXT), 1};
	emit(g, CDC_BC_CAST, out, r, 0, (int32_t)g->ncasts++);
	return out;
}

/* ---- types --------------------------------------------------------------------------- */

static bool
is_int(cdc_type t)
{
	return !t.array && (t.id == CDC_TY_INT2 || t.id == CDC_TY_INT4 || t.id == CDC_TY_INT8);
}

static int
int_width(cdc_type t)
{
	return t.id == CDC_TY_INT2 ? 2 : t.id == CDC_TY_INT4 ? 4 : 8;
}

static bool
is_float(cdc_type t)
{
	return !t.array && (t.id == CDC_TY_FLOAT4 || t.id == CDC_TY_FLOAT8);
}

static bool
same_repr(cdc_type a, cdc_type b)
{
	return a.id == b.id && a.array == b.array && a.mod == b.mod && a.scale == b.scale;
}

/* Converts register r holding a value of type `from` to type `to`. */
static uint16_t
convert(cg *g, uint16_t r, cdc_type from, cdc_type to)
{
	if (same_repr(from, to) || to.id == CDC_TY_UNKNOWN || to.id == CDC_TY_ERROR)
		return r;
	/* numeric(p,s) is a numeric: only a constrained target rounds and checks */
	if (from.id == CDC_TY_NUMERIC && to.id == CDC_TY_NUMERIC && to.mod < 0 && !from.array && !to.array)
		return r;
	/* integers of any width share a representation; only narrowing checks range */
	if (is_int(from) && is_int(to) && int_width(to) >= int_width(from))
		return r;
	/* text family: only a bounded target (varchar(n), char(n)) or a char source needs work */
	if (cdc_type_family(from) == CDC_TF_STRING && to.id == CDC_TY_TEXT && from.id != CDC_TY_CHAR &&
	    !from.array && !to.array)
		return r;
	if (from.id == CDC_TY_UNKNOWN) {
		/* an untyped NULL: nothing to convert */
		return r;
	}
	uint16_t out = reg(g);
	emit(g, CDC_BC_CAST, out, r, 0, cast_entry(g, from, to));
	return out;
}

/* ---- literals ------------------------------------------------------------------------ */

/* A literal as a constant of type `as` (its own type unless it is an untyped string or
 * NULL, which take the type of where they are used). */
static uint16_t
literal(cg *g, const cdc_texpr *x, cdc_type as)
{
	cdc_type t = x->type.id == CDC_TY_UNKNOWN ? as : x->type;
	if (x->lit == CDC_LIT_NULL || t.id == CDC_TY_UNKNOWN || t.id == CDC_TY_ERROR) {
		if (x->lit == CDC_LIT_NULL)
			return null_reg(g);
		t = T_TEXT;
	}
	cdc_value v;
	const char *why = NULL;
	bool ok;
	switch (x->lit) {
	case CDC_LIT_TRUE:
	case CDC_LIT_FALSE:
		v = cdc_val_bool(x->lit == CDC_LIT_TRUE);
		ok = true;
		t = T_BOOL;
		break;
	case CDC_LIT_INTERVAL: {
		cdc_interval iv;
		ok = cdc_dt_parse_interval(x->text, strlen(x->text), &iv, &why) == CDC_DT_OK;
		v = (cdc_value){0};
		v.tag = CDC_VAL_INTERVAL;
		v.u.iv.us = iv.us;
		v.u.iv.months = iv.months;
		v.aux = iv.days;
		t = cdc_type_make(CDC_TY_INTERVAL);
		break;
	}
	default:
		/* numbers and strings: parse the literal text as a value of its type */
		ok = cdc_val_parse(g->a, cdc_cg_rtype(t), x->text, strlen(x->text), &v, &why);
		break;
	}
	if (!ok) {
		cdc_diag_report(g->diags, CDC_E0413, x->node->loc, "'%s' is not a valid %s: %s", x->text,
		                cdc_type_str(t, (char[64]){0}, 64), why ? why : "invalid");
		g->failed = true;
		return null_reg(g);
	}
	return constant(g, v, t);
}

/* ---- expressions --------------------------------------------------------------------- */


static bool fold(cg *g, const cdc_texpr *x, cdc_type to, uint16_t *out);

/* Compiles x as a value of type `to`. */
static uint16_t
expr_as(cg *g, const cdc_texpr *x, cdc_type to)
{
	uint16_t folded;
	if ((x->flags & CDC_TXF_CONST) && !g->no_fold && fold(g, x, to, &folded))
		return folded;
	if (x->kind == CDC_TX_CONST && (x->type.id == CDC_TY_UNKNOWN || x->lit == CDC_LIT_NULL))
		return literal(g, x, to);
	uint16_t r = expr(g, x);
	return convert(g, r, x->type, to);
}

static cdc_opcode
cmp_op(cdc_type t)
{
	if (t.array)
		return CDC_BC_CMPV;
	switch (cdc_type_family(t)) {
	case CDC_TF_NUMBER:
		return is_int(t) ? CDC_BC_CMPI : is_float(t) ? CDC_BC_CMPF : CDC_BC_CMPN;
	case CDC_TF_STRING:
	case CDC_TF_BYTES:
		return CDC_BC_CMPT;
	case CDC_TF_DATETIME:
		return CDC_BC_CMPI;
	case CDC_TF_TIME:
		return t.id == CDC_TY_TIME ? CDC_BC_CMPI : CDC_BC_CMPV;
	default:
		return CDC_BC_CMPV;
	}
}

static int
cmp_kind(int op)
{
	switch (op) {
	case CDC_OP_EQ: return CDC_CMP_EQ;
	case CDC_OP_NE: return CDC_CMP_NE;
	case CDC_OP_LT: return CDC_CMP_LT;
	case CDC_OP_LE: return CDC_CMP_LE;
	case CDC_OP_GT: return CDC_CMP_GT;
	default: return CDC_CMP_GE;
	}
}

static cdc_type
common(cdc_type a, cdc_type b)
{
	cdc_type c;
	if (!cdc_type_common(a, b, &c))
		c = a;
	if (c.id == CDC_TY_UNKNOWN)
		c = T_TEXT;
	/* numeric comparison needs no bound: compare as unconstrained numeric */
	if (c.id == CDC_TY_NUMERIC) {
		c.mod = -1;
		c.scale = 0;
	}
	if (cdc_type_family(c) == CDC_TF_STRING)
		c = T_TEXT;
	return c;
}

static uint16_t
compare(cg *g, const cdc_texpr *l, const cdc_texpr *r, int kind)
{
	cdc_type c = common(l->type, r->type);
	uint16_t a = numeric_at_scale(g, l, r->type, c), b = numeric_at_scale(g, r, l->type, c);
	uint16_t out = reg(g);
	emit(g, cmp_op(c), out, a, b, kind);
	return out;
}

/*
 * x as type c, for a comparison with a value of type `other`.  A numeric constant
 * compared with a numeric(p,s) column is written at the column's scale when that is
 * exact (0 becomes 0.00 for numeric(12,2)): equal scales compare without any scaling
 * at run time.
 */
static uint16_t
numeric_at_scale(cg *g, const cdc_texpr *x, cdc_type other, cdc_type c)
{
	cdc_value v;
	if (g->hoist && c.id == CDC_TY_NUMERIC && !c.array && other.id == CDC_TY_NUMERIC && other.mod >= 0 &&
	    (x->flags & CDC_TXF_CONST) && const_value(g, x, c, &v) && v.tag == CDC_VAL_NUM &&
	    v.kind == CDC_NUM_FINITE && v.scale < other.scale) {
		cdc_num n = {v.u.n, v.scale, v.kind}, r;
		if (cdc_num_rescale(n, other.scale, &r) == CDC_NUM_OK && r.scale == other.scale) {
			v.u.n = r.coef;
			v.scale = r.scale;
			return constant(g, v, c);
		}
	}
	return expr_as(g, x, c);
}

/* Arithmetic on numbers: both operands converted to the result's class. */
static uint16_t
arith_number(cg *g, const cdc_texpr *x)
{
	cdc_type rt = x->type;
	const cdc_texpr *l = x->args[0], *r = x->args[1];
	uint16_t out = reg(g);
	if (x->op == CDC_OP_POW) {
		cdc_type f8 = cdc_type_make(CDC_TY_FLOAT8);
		emit(g, CDC_BC_POWF, out, expr_as(g, l, f8), expr_as(g, r, f8), 0);
		return out;
	}
	if (is_int(rt)) {
		static const cdc_opcode ops[] = {[CDC_OP_ADD] = CDC_BC_ADDI, [CDC_OP_SUB] = CDC_BC_SUBI,
			[CDC_OP_MUL] = CDC_BC_MULI, [CDC_OP_DIV] = CDC_BC_DIVI, [CDC_OP_MOD] = CDC_BC_MODI};
		emit(g, ops[x->op], out, expr_as(g, l, rt), expr_as(g, r, rt), int_width(rt));
		return out;
	}
	if (is_float(rt)) {
		cdc_type f8 = cdc_type_make(CDC_TY_FLOAT8);
		static const cdc_opcode ops[] = {[CDC_OP_ADD] = CDC_BC_ADDF, [CDC_OP_SUB] = CDC_BC_SUBF,
			[CDC_OP_MUL] = CDC_BC_MULF, [CDC_OP_DIV] = CDC_BC_DIVF, [CDC_OP_MOD] = CDC_BC_MODF};
		emit(g, ops[x->op], out, expr_as(g, l, f8), expr_as(g, r, f8), 0);
		if (rt.id == CDC_TY_FLOAT4) {
			uint16_t f = reg(g);
			emit(g, CDC_BC_FIT4, f, out, 0, 0);
			return f;
		}
		return out;
	}
	/* exact: compute on unconstrained numerics, then fit the derived numeric(p,s) */
	cdc_type num = cdc_type_numeric(-1, 0);
	static const cdc_opcode ops[] = {[CDC_OP_ADD] = CDC_BC_ADDN, [CDC_OP_SUB] = CDC_BC_SUBN,
		[CDC_OP_MUL] = CDC_BC_MULN, [CDC_OP_DIV] = CDC_BC_DIVN, [CDC_OP_MOD] = CDC_BC_MODN};
	/* division of unconstrained numerics picks its scale from the operands at run time,
	 * as PostgreSQL does (D = -1); a constrained result is divided at its own scale */
	int32_t scale = x->op == CDC_OP_DIV ? (rt.mod >= 0 ? rt.scale : -1) : 0;
	emit(g, ops[x->op], out, expr_as(g, l, num), expr_as(g, r, num), scale);
	if (rt.mod < 0)
		return out;
	uint16_t f = reg(g);
	emit(g, CDC_BC_FITN, f, out, 0, (int32_t)((uint32_t)rt.mod << 16 | (uint32_t)rt.scale));
	return f;
}

/* Date and time arithmetic: the operand kinds pick the opcode (types.c's rules). */
static uint16_t
arith_time(cg *g, const cdc_texpr *x)
{
	const cdc_texpr *l = x->args[0], *r = x->args[1];
	cdc_typeid a = l->type.id, b = r->type.id;
	bool add = x->op == CDC_OP_ADD;
	cdc_type iv = cdc_type_make(CDC_TY_INTERVAL), i8 = cdc_type_make(CDC_TY_INT8);
	cdc_type f8 = cdc_type_make(CDC_TY_FLOAT8);
	uint16_t out = reg(g);
	/* interval on the left of +: swap, addition commutes */
	if (add && (a == CDC_TY_INTERVAL || is_int(l->type)) && b != CDC_TY_INTERVAL && !is_int(r->type)) {
		const cdc_texpr *t = l;
		l = r;
		r = t;
		a = l->type.id;
		b = r->type.id;
	}
	if (a == CDC_TY_DATE && is_int(r->type)) {
		emit(g, add ? CDC_BC_DATEADDI : CDC_BC_DATESUBI, out, expr(g, l), expr_as(g, r, i8), 0);
	} else if (a == CDC_TY_DATE && b == CDC_TY_DATE) {
		emit(g, CDC_BC_DATESUBD, out, expr(g, l), expr(g, r), 0);
	} else if ((a == CDC_TY_DATE && b == CDC_TY_TIME) || (a == CDC_TY_TIME && b == CDC_TY_DATE)) {
		bool swap = a == CDC_TY_TIME;
		emit(g, CDC_BC_DATEADDT, out, expr(g, swap ? r : l), expr(g, swap ? l : r), 0);
	} else if (cdc_type_family(l->type) == CDC_TF_DATETIME && (b == CDC_TY_INTERVAL || r->type.id == CDC_TY_UNKNOWN)) {
		cdc_type ts = x->type;            /* date + interval is a timestamp */
		emit(g, add ? CDC_BC_TSADDIV : CDC_BC_TSSUBIV, out, expr_as(g, l, ts), expr_as(g, r, iv), 0);
	} else if (cdc_type_family(l->type) == CDC_TF_DATETIME && cdc_type_family(r->type) == CDC_TF_DATETIME) {
		cdc_type c = common(l->type, r->type);
		emit(g, CDC_BC_TSSUBTS, out, expr_as(g, l, c), expr_as(g, r, c), 0);
	} else if (a == CDC_TY_TIME && b == CDC_TY_TIME) {
		/* time - time: microseconds since midnight subtract like timestamps, under a day */
		emit(g, CDC_BC_TSSUBTS, out, expr(g, l), expr(g, r), 0);
	} else if (cdc_type_family(l->type) == CDC_TF_TIME) {
		emit(g, add ? CDC_BC_TIMEADDIV : CDC_BC_TIMESUBIV, out, expr(g, l), expr_as(g, r, iv), 0);
	} else if (a == CDC_TY_INTERVAL && (b == CDC_TY_INTERVAL || b == CDC_TY_UNKNOWN)) {
		emit(g, add ? CDC_BC_IVADD : CDC_BC_IVSUB, out, expr(g, l), expr_as(g, r, iv), 0);
	} else if (x->op == CDC_OP_MUL || x->op == CDC_OP_DIV) {
		const cdc_texpr *ivx = a == CDC_TY_INTERVAL ? l : r, *nx = a == CDC_TY_INTERVAL ? r : l;
		emit(g, x->op == CDC_OP_MUL ? CDC_BC_IVMUL : CDC_BC_IVDIV, out, expr(g, ivx), expr_as(g, nx, f8), 0);
	} else {
		cdc_diag_report(g->diags, CDC_E0403, x->node->loc, "operator %s has no implementation for these types",
		                cdc_ast_op_text(x->op));
		g->failed = true;
	}
	return out;
}

static uint16_t
binary(cg *g, const cdc_texpr *x)
{
	const cdc_texpr *l = x->args[0], *r = x->args[1];
	switch (x->op) {
	case CDC_OP_AND:
	case CDC_OP_OR: {
		uint16_t a = expr_as(g, l, T_BOOL), b = expr_as(g, r, T_BOOL), out = reg(g);
		emit(g, x->op == CDC_OP_AND ? CDC_BC_AND : CDC_BC_OR, out, a, b, 0);
		return out;
	}
	case CDC_OP_EQ: case CDC_OP_NE: case CDC_OP_LT: case CDC_OP_LE: case CDC_OP_GT: case CDC_OP_GE:
		return compare(g, l, r, cmp_kind(x->op));
	case CDC_OP_CONCAT: {
		cdc_type t = x->type.id == CDC_TY_BYTEA ? x->type : T_TEXT;
		uint16_t a = expr_as(g, l, t), b = expr_as(g, r, t), out = reg(g);
		emit(g, CDC_BC_CONCAT, out, a, b, 0);
		return out;
	}
	default:
		/* date - date is an integer, computed by the date opcodes (infinite dates fail) */
		if (cdc_type_family(x->type) == CDC_TF_NUMBER && !(l->type.id == CDC_TY_DATE && r->type.id == CDC_TY_DATE))
			return arith_number(g, x);
		return arith_time(g, x);
	}
}

static uint16_t
unary(cg *g, const cdc_texpr *x)
{
	const cdc_texpr *a = x->args[0];
	if (x->op == CDC_OP_PLUS)
		return expr_as(g, a, x->type);
	uint16_t v = expr_as(g, a, x->op == CDC_OP_NOT ? T_BOOL : x->type), out = reg(g);
	if (x->op == CDC_OP_NOT)
		emit(g, CDC_BC_NOT, out, v, 0, 0);
	else if (is_int(x->type))
		emit(g, CDC_BC_NEGI, out, v, 0, int_width(x->type));
	else if (is_float(x->type))
		emit(g, CDC_BC_NEGF, out, v, 0, 0);
	else if (x->type.id == CDC_TY_INTERVAL)
		emit(g, CDC_BC_IVNEG, out, v, 0, 0);
	else
		emit(g, CDC_BC_NEGN, out, v, 0, 0);
	return out;
}

static uint16_t
negate_if(cg *g, uint16_t r, bool neg)
{
	if (!neg)
		return r;
	uint16_t out = reg(g);
	emit(g, CDC_BC_NOT, out, r, 0, 0);
	return out;
}

static uint16_t
is_test(cg *g, const cdc_texpr *x)
{
	bool neg = x->flags & CDC_TXF_NOT;
	uint16_t out = reg(g);
	if (x->op == CDC_IS_DISTINCT) {
		cdc_type c = common(x->args[0]->type, x->args[1]->type);
		uint16_t a = expr_as(g, x->args[0], c), b = expr_as(g, x->args[1], c);
		emit(g, CDC_BC_DISTINCT, out, a, b, cmp_op(c));
		return negate_if(g, out, neg);
	}
	cdc_type as = x->op == CDC_IS_NULL ? x->args[0]->type : T_BOOL;
	uint16_t a = x->op == CDC_IS_NULL ? expr(g, x->args[0]) : expr_as(g, x->args[0], as);
	emit(g, x->op == CDC_IS_NULL ? CDC_BC_ISNULL : x->op == CDC_IS_TRUE ? CDC_BC_ISTRUE : CDC_BC_ISFALSE,
	     out, a, 0, 0);
	return negate_if(g, out, neg);
}

/* a IN (b, c, ...): a = b OR a = c ..., which gives SQL's answer with NULLs too. */
static uint16_t
in_list(cg *g, const cdc_texpr *x)
{
	cdc_type c = x->args[0]->type;
	for (int i = 1; i < x->nargs; i++)
		c = common(c, x->args[i]->type);
	c = common(c, c);
	uint16_t a = expr_as(g, x->args[0], c), acc = 0;
	/* text against text constants: one INT instruction over the constants, which get
	 * consecutive registers of their own in the prologue */
	bool consts = g->hoist && !c.array && cdc_type_family(c) == CDC_TF_STRING && c.id != CDC_TY_CHAR &&
	              x->nargs - 1 <= 1024;
	cdc_value *vals = consts ? cdc_arena_alloc(g->a, (size_t)x->nargs * sizeof *vals) : NULL;
	for (int i = 1; i < x->nargs && consts; i++)
		consts = (x->args[i]->flags & CDC_TXF_CONST) && const_value(g, x->args[i], c, &vals[i - 1]) &&
		         vals[i - 1].tag == CDC_VAL_TEXT;
	if (consts) {
		uint16_t first = 0;
		for (int i = 1; i < x->nargs; i++) {
			uint16_t r = constant_at(g, vals[i - 1], T_TEXT);
			if (i == 1)
				first = r;
		}
		uint16_t out = reg(g);
		emit(g, CDC_BC_INT, out, a, first, x->nargs - 1);
		return negate_if(g, out, x->flags & CDC_TXF_NOT);
	}
	for (int i = 1; i < x->nargs; i++) {
		uint16_t b = expr_as(g, x->args[i], c), eq = reg(g);
		emit(g, cmp_op(c), eq, a, b, CDC_CMP_EQ);
		if (i == 1) {
			acc = eq;
		} else {
			uint16_t o = reg(g);
			emit(g, CDC_BC_OR, o, acc, eq, 0);
			acc = o;
		}
	}
	return negate_if(g, acc, x->flags & CDC_TXF_NOT);
}

static uint16_t
between(cg *g, const cdc_texpr *x)
{
	cdc_type c = common(common(x->args[0]->type, x->args[1]->type), x->args[2]->type);
	uint16_t v = expr_as(g, x->args[0], c), lo = expr_as(g, x->args[1], c), hi = expr_as(g, x->args[2], c);
	uint16_t ge = reg(g), le = reg(g), out = reg(g);
	emit(g, cmp_op(c), ge, v, lo, CDC_CMP_GE);
	emit(g, cmp_op(c), le, v, hi, CDC_CMP_LE);
	emit(g, CDC_BC_AND, out, ge, le, 0);
	return negate_if(g, out, x->flags & CDC_TXF_NOT);
}

static uint16_t
like(cg *g, const cdc_texpr *x)
{
	/* char(n) is matched with its padding, as PostgreSQL's LIKE on bpchar does */
	const cdc_texpr *a = x->args[0], *b = x->args[1];
	uint16_t s = a->type.id == CDC_TY_CHAR && !a->type.array ? expr(g, a) : expr_as(g, a, T_TEXT);
	uint16_t p = b->type.id == CDC_TY_CHAR && !b->type.array ? expr(g, b) : expr_as(g, b, T_TEXT);
	uint16_t out = reg(g);
	emit(g, CDC_BC_LIKE, out, s, p, x->op == CDC_OP_ILIKE);
	return negate_if(g, out, x->flags & CDC_TXF_NOT);
}

/* CASE: a chain of tests and jumps; every branch moves its value into one register. */
static uint16_t
case_expr(cg *g, const cdc_texpr *x)
{
	uint16_t out = reg(g);
	int i = 0;
	uint16_t operand = 0;
	cdc_type opt = {0};
	if (x->flags & CDC_TXF_OPERAND) {
		operand = expr(g, x->args[0]);
		opt = x->args[0]->type;
		i = 1;
	}
	int nwhen = (x->nargs - i - ((x->flags & CDC_TXF_ELSE) ? 1 : 0)) / 2;
	uint32_t *to_end = cdc_arena_alloc(g->a, (size_t)(nwhen + 1) * sizeof *to_end);
	for (int w = 0; w < nwhen; w++, i += 2) {
		uint16_t cond;
		if (x->flags & CDC_TXF_OPERAND) {
			cdc_type c = common(opt, x->args[i]->type);
			uint16_t a = convert(g, operand, opt, c), b = expr_as(g, x->args[i], c);
			cond = reg(g);
			emit(g, cmp_op(c), cond, a, b, CDC_CMP_EQ);
		} else {
			cond = expr_as(g, x->args[i], T_BOOL);
		}
		uint32_t skip = emit(g, CDC_BC_JMPNT, 0, cond, 0, 0);
		deps_add(g, out, cond);
		uint16_t v = expr_as(g, x->args[i + 1], x->type);
		emit(g, CDC_BC_MOVE, out, v, 0, 0);
		to_end[w] = emit(g, CDC_BC_JMP, 0, 0, 0, 0);
		g->code[skip].d = (int32_t)(g->ncode - skip - 1);
	}
	if (x->flags & CDC_TXF_ELSE) {
		uint16_t v = expr_as(g, x->args[x->nargs - 1], x->type);
		emit(g, CDC_BC_MOVE, out, v, 0, 0);
	} else {
		emit(g, CDC_BC_LOADNULL, out, 0, 0, 0);
	}
	for (int w = 0; w < nwhen; w++)
		g->code[to_end[w]].d = (int32_t)(g->ncode - to_end[w] - 1);
	return out;
}

/* What a parameter of this class receives: codegen's side of the builtins contract. */
static cdc_type
param_type(const cdc_builtin *fn, int k, const cdc_texpr *arg, cdc_type result)
{
	cdc_pclass c = fn->params[k < fn->nparams ? k : fn->nparams - 1].cls;
	cdc_type t = arg->type;
	switch (c) {
	case CDC_PC_STR: return T_TEXT;
	case CDC_PC_INT: return cdc_type_make(CDC_TY_INT8);
	case CDC_PC_FLOAT8: return cdc_type_make(CDC_TY_FLOAT8);
	case CDC_PC_BOOL: return T_BOOL;
	case CDC_PC_BYTEA: return cdc_type_make(CDC_TY_BYTEA);
	case CDC_PC_STRBYTES:
		/* octet_length(char(n)) counts the padding, as in PostgreSQL */
		if (t.id == CDC_TY_CHAR && !t.array && strcmp(fn->name, "octet_length") == 0)
			return t;
		return t.id == CDC_TY_BYTEA ? t : T_TEXT;
	case CDC_PC_NUM: return t.id == CDC_TY_UNKNOWN ? cdc_type_numeric(-1, 0) : t;
	case CDC_PC_TS:
		if (t.id == CDC_TY_DATE)
			return cdc_type_make(CDC_TY_TIMESTAMP);
		return t.id == CDC_TY_UNKNOWN ? cdc_type_make(CDC_TY_TIMESTAMPTZ) : t;
	case CDC_PC_TEMPORAL: return t.id == CDC_TY_UNKNOWN ? cdc_type_make(CDC_TY_TIMESTAMPTZ) : t;
	case CDC_PC_JSON: return t.id == CDC_TY_UNKNOWN ? cdc_type_make(CDC_TY_JSON) : t;
	case CDC_PC_JSONISH: return t.id == CDC_TY_UNKNOWN ? T_TEXT : t;
	case CDC_PC_T: return result;
	default:
		return t.id == CDC_TY_UNKNOWN ? T_TEXT : t;
	}
}

static uint16_t
call(cg *g, const cdc_texpr *x)
{
	const cdc_builtin *fn = x->fn;
	static const struct { const char *name; int field; } events[] = {
		{"op", CDC_EV_OP}, {"commit_time", CDC_EV_COMMIT_TIME}, {"source_position", CDC_EV_POSITION},
		{"table_name", CDC_EV_TABLE}, {"txid", CDC_EV_TXID}, {"now", CDC_EV_NOW},
	};
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		if (strcmp(fn->name, events[i].name) == 0) {
			uint16_t out = reg(g);
			emit(g, CDC_BC_EVENT, out, 0, 0, events[i].field);
			return out;
		}
	if (strcmp(fn->name, "before") == 0) {
		uint16_t out = reg(g);
		emit(g, CDC_BC_BEFORE, out, (uint16_t)x->args[0]->col, 0, 0);
		return out;
	}
	if (strcmp(fn->name, "coalesce") == 0) {
		/* evaluated lazily, as in PostgreSQL: coalesce(a, 1/0) with a not NULL is a */
		uint16_t out = reg(g);
		uint32_t *skips = cdc_arena_alloc(g->a, (size_t)(x->nargs + 1) * sizeof *skips);
		for (int k = 0; k < x->nargs; k++) {
			uint16_t v = expr_as(g, x->args[k], x->type);
			emit(g, CDC_BC_MOVE, out, v, 0, 0);
			if (k + 1 < x->nargs)
				skips[k] = emit(g, CDC_BC_JMPNN, 0, out, 0, 0);
		}
		for (int k = 0; k + 1 < x->nargs; k++)
			g->code[skips[k]].d = (int32_t)(g->ncode - skips[k] - 1);
		return out;
	}
	/* arguments printed as text are passed in their output form */
	bool output = !strcmp(fn->name, "concat") || !strcmp(fn->name, "concat_ws") || !strcmp(fn->name, "pseudonymize");
	/* the call entry lists the argument registers; an absent optional argument reads a
	 * NULL register and has its present bit clear */
	uint16_t *args = cdc_arena_alloc(g->a, (size_t)(x->nargs + 1) * sizeof *args);
	uint16_t present = 0;
	for (int k = 0; k < x->nargs; k++) {
		if (!x->args[k]) {
			args[k] = null_reg(g);
			continue;
		}
		if (k < 16)
			present |= (uint16_t)(1u << k);
		bool prints = output && fn->params[k < fn->nparams ? k : fn->nparams - 1].cls == CDC_PC_ANY;
		args[k] = prints ? expr_output(g, x->args[k]) : expr_as(g, x->args[k], param_type(fn, k, x->args[k], x->type));
	}
	GROW(g->calls, g->ncalls, g->calls_cap);
	g->calls[g->ncalls] = (cdc_call){(uint16_t)fn->id, (uint16_t)x->nargs, present, args, cdc_cg_rtype(x->type),
	                                 fn->impl, fn->strict};
	uint16_t out = reg(g);
	emit(g, CDC_BC_CALL, out, 0, 0, (int32_t)g->ncalls++);
	for (int k = 0; k < x->nargs; k++)
		deps_add(g, out, args[k]);
	return out;
}

static uint16_t
expr(cg *g, const cdc_texpr *x)
{
	uint16_t folded;
	if ((x->flags & CDC_TXF_CONST) && !g->no_fold &&
	    fold(g, x, x->type.id == CDC_TY_UNKNOWN ? T_TEXT : x->type, &folded))
		return folded;
	switch (x->kind) {
	case CDC_TX_CONST:
		return literal(g, x, x->type.id == CDC_TY_UNKNOWN ? T_TEXT : x->type);
	case CDC_TX_COL:
		return g->row[x->col];
	case CDC_TX_UNARY:
		return unary(g, x);
	case CDC_TX_BINARY:
		return binary(g, x);
	case CDC_TX_IS:
		return is_test(g, x);
	case CDC_TX_IN:
		return in_list(g, x);
	case CDC_TX_BETWEEN:
		return between(g, x);
	case CDC_TX_LIKE:
		return like(g, x);
	case CDC_TX_CASE:
		return case_expr(g, x);
	case CDC_TX_CAST:
		if (x->args[0]->kind == CDC_TX_CONST && x->args[0]->type.id == CDC_TY_UNKNOWN)
			return literal(g, x->args[0], x->type);
		return convert(g, expr(g, x->args[0]), x->args[0]->type, x->type);
	default:
		return call(g, x);
	}
}

/* The source line of a rule or step, for explain and run-time errors; 0 for what the
 * pipeline file does not contain. */
static uint32_t
line_of(const cg *g, const cdc_node *n)
{
	const cdc_srcfile *f = cdc_diag_file(g->diags);
	uint32_t line = 0, col;
	if (n && f)
		cdc_srcfile_linecol(f, n->loc.start, &line, &col);
	return line;
}

/* ---- constant folding -------------------------------------------------------------------- */

/* Runs a program of no inputs (a constant expression) and returns register r's value. */
static bool
run_const(cdc_arena *a, cg *sub, uint16_t r, cdc_value *out, char *why, size_t whylen)
{
	cdc_program p = {0};
	p.code = sub->code;
	p.ncode = sub->ncode;
	p.consts = sub->consts;
	p.const_types = sub->const_types;
	p.nconsts = sub->nconsts;
	p.casts = sub->casts;
	p.ncasts = sub->ncasts;
	p.calls = sub->calls;
	p.ncalls = sub->ncalls;
	p.nregs = (uint16_t)sub->nregs;
	p.dep_words = 1;
	cdc_value *regs = cdc_arena_zalloc(a, ((size_t)sub->nregs + 1) * sizeof *regs);
	cdc_event_info ev = {0};
	cdc_vm vm;
	cdc_vm_init(&vm, a);
	vm.ev = &ev;
	cdc_vm_status st = cdc_vm_run(&vm, &p, regs);
	cdc_vm_release(&vm);
	if (st != CDC_VM_OK) {
		snprintf(why, whylen, "%s", vm.error);
		return false;
	}
	*out = regs[r];
	return true;
}

/*
 * An expression that reads no column, no event and nothing volatile (sema's
 * CDC_TXF_CONST) is computed now and becomes one constant: `amount >= 0` compares with
 * a numeric 0, `interval '1 day' * 2` is one interval.  An expression that fails here
 * (1/0) is left to fail at run time, where the rule or step it is in decides the row's
 * fate, as for any other run-time error.
 */
/* The value of a constant expression as type `to`, computed now; false if it fails. */
static bool
const_value(cg *g, const cdc_texpr *x, cdc_type to, cdc_value *v)
{
	if (to.id == CDC_TY_UNKNOWN || to.id == CDC_TY_ERROR)
		return false;
	cg sub = {0};
	sub.a = g->a;
	sub.diags = cdc_diag_new(g->a, NULL);
	sub.t = g->t;
	sub.words = 1;
	sub.no_fold = true;
	uint16_t r = expr_as(&sub, x, to);
	emit(&sub, CDC_BC_END, 0, 0, 0, 0);
	char why[256];
	return !sub.failed && run_const(g->a, &sub, r, v, why, sizeof why);
}

static bool
fold(cg *g, const cdc_texpr *x, cdc_type to, uint16_t *out)
{
	cdc_value v;
	if (!const_value(g, x, to, &v))
		return false;
	if (v.tag == CDC_VAL_NULL) {
		*out = null_reg(g);
		return true;
	}
	*out = constant(g, v, to);
	return true;
}

/* ---- a table --------------------------------------------------------------------------- */

cdc_program *
cdc_cg_table(cdc_arena *a, cdc_diags *d, const cdc_table *t)
{
	cg G = {0}, *g = &G;
	g->a = a;
	g->diags = d;
	g->t = t;
	g->hoist = true;
	g->words = (uint16_t)((t->ncols + 63) / 64);
	if (g->words == 0)
		g->words = 1;
	/* inputs: one register per captured column, each depending on itself */
	uint32_t rowcap = (uint32_t)t->ncols + (uint32_t)t->nsteps + 1;
	g->row = cdc_arena_alloc(a, rowcap * sizeof *g->row);
	for (int i = 0; i < t->ncols; i++) {
		g->row[i] = reg(g);
		deps_of(g, g->row[i])[i / 64] |= 1ull << (i % 64);
	}
	g->nrow = (uint32_t)t->ncols;
	const char **names = cdc_arena_alloc(a, rowcap * sizeof *names);
	for (int i = 0; i < t->ncols; i++)
		names[i] = t->cols[i].name;

	cdc_prog_rule *rules = cdc_arena_zalloc(a, (size_t)(t->nrules + 1) * sizeof *rules);
	uint64_t *rule_deps = cdc_arena_zalloc(a, (size_t)(t->nrules + 1) * g->words * sizeof *rule_deps);
	for (int i = 0; i < t->nrules; i++) {
		const cdc_rule *r = t->rules[i];
		g->line = line_of(g, r->decl);
		GROW(g->segs, g->nsegs, g->segs_cap);
		g->segs[g->nsegs++] = (cdc_segment){g->ncode, CDC_SEG_RULE, (uint16_t)i, g->line};
		uint16_t c = expr_as(g, r->cond, T_BOOL);
		emit(g, CDC_BC_RULE, 0, c, 0, i);
		memcpy(&rule_deps[(size_t)i * g->words], deps_of(g, c), g->words * sizeof *rule_deps);
		rules[i] = (cdc_prog_rule){r->name, (uint8_t)r->action, g->line};
	}
	cdc_prog_step *steps = cdc_arena_zalloc(a, (size_t)(t->nsteps + 1) * sizeof *steps);
	for (int i = 0; i < t->nsteps; i++) {
		const cdc_step *st = &t->steps[i];
		g->line = line_of(g, st->decl);
		static const uint8_t kinds[] = {[CDC_STEP_ASSIGN] = CDC_STEP_K_ASSIGN, [CDC_STEP_DROP] = CDC_STEP_K_DROP,
		                                [CDC_STEP_RENAME] = CDC_STEP_K_RENAME, [CDC_STEP_FILTER] = CDC_STEP_K_FILTER};
		steps[i] = (cdc_prog_step){kinds[st->kind],
		                           st->kind == CDC_STEP_ASSIGN || st->kind == CDC_STEP_RENAME ? st->name : NULL, g->line};
		GROW(g->segs, g->nsegs, g->segs_cap);
		g->segs[g->nsegs++] = (cdc_segment){g->ncode, CDC_SEG_STEP, (uint16_t)i, g->line};
		switch (st->kind) {
		case CDC_STEP_ASSIGN: {
			cdc_type ty = st->expr->type.id == CDC_TY_UNKNOWN ? T_TEXT : st->expr->type;
			uint16_t v = expr_as(g, st->expr, ty);
			if (st->col >= 0) {
				g->row[st->col] = v;
				names[st->col] = st->name;
			} else {
				g->row[g->nrow] = v;
				names[g->nrow++] = st->name;
			}
			break;
		}
		case CDC_STEP_DROP:
			for (const cdc_node *nm = st->decl->a; nm; nm = nm->next)
				for (uint32_t k = 0; k < g->nrow; k++)
					if (strcmp(names[k], nm->key) == 0) {
						memmove(&g->row[k], &g->row[k + 1], (g->nrow - k - 1) * sizeof *g->row);
						memmove(&names[k], &names[k + 1], (g->nrow - k - 1) * sizeof *names);
						g->nrow--;
						break;
					}
			break;
		case CDC_STEP_RENAME:
			if (st->col >= 0)
				names[st->col] = st->name;
			break;
		default: {
			uint16_t c = expr_as(g, st->expr, T_BOOL);
			if (g->nfilters == g->filters_cap) {
				uint32_t cap = g->filters_cap ? g->filters_cap * 2 : 4;
				uint64_t *fd = cdc_arena_zalloc(a, (size_t)cap * g->words * sizeof *fd);
				if (g->nfilters)
					memcpy(fd, g->filter_deps, (size_t)g->nfilters * g->words * sizeof *fd);
				g->filter_deps = fd;
				g->filters_cap = cap;
			}
			memcpy(&g->filter_deps[(size_t)g->nfilters * g->words], deps_of(g, c),
			       g->words * sizeof *g->filter_deps);
			emit(g, CDC_BC_FILTER, 0, c, 0, (int32_t)g->nfilters++);
			break;
		}
		}
	}
	g->line = 0;
	emit(g, CDC_BC_END, 0, 0, 0, 0);
	if (g->nrow != (uint32_t)t->nout) {
		/* the row rebuilt here must be sema's: a mismatch is a bug, never a wrong row */
		cdc_diag_report(g->diags, CDC_E0109, t->decl ? t->decl->loc : (cdc_loc){0, 0},
		                "internal error: \"%s\" compiles to %u columns, sema made %d", t->display, g->nrow, t->nout);
		g->failed = true;
	}
	if (g->failed)
		return NULL;

	/* the prologue: one LOADK per constant (and the NULL register), before everything */
	uint32_t pro = g->nconsts + (g->null_const ? 1 : 0);
	cdc_instr *code = cdc_arena_alloc(a, ((size_t)pro + g->ncode) * sizeof *code);
	for (uint32_t k = 0; k < g->nconsts; k++)
		code[k] = (cdc_instr){CDC_BC_LOADK, 0, g->const_regs[k], 0, 0, (int32_t)k, 0};
	if (g->null_const)
		code[g->nconsts] = (cdc_instr){CDC_BC_LOADNULL, 0, g->null_const, 0, 0, 0, 0};
	memcpy(code + pro, g->code, (size_t)g->ncode * sizeof *code);
	for (uint32_t i = 0; i < g->nsegs; i++)
		g->segs[i].first += pro;

	cdc_program *p = cdc_arena_zalloc(a, sizeof *p);
	p->code = code;
	p->ncode = pro + g->ncode;
	p->entry = pro;
	p->consts = g->consts;
	p->const_types = g->const_types;
	p->nconsts = g->nconsts;
	p->casts = g->casts;
	p->ncasts = g->ncasts;
	p->calls = g->calls;
	p->ncalls = g->ncalls;
	p->segments = g->segs;
	p->nsegments = g->nsegs;
	p->rules = rules;
	p->nrules = (uint32_t)t->nrules;
	p->steps = steps;
	p->nsteps = (uint32_t)t->nsteps;
	p->nregs = (uint16_t)g->nregs;
	p->ninputs = (uint16_t)t->ncols;
	p->nout = (uint16_t)g->nrow;
	p->out = cdc_arena_alloc(a, (g->nrow + 1) * sizeof *p->out);
	memcpy(p->out, g->row, g->nrow * sizeof *p->out);
	p->dep_words = g->words;
	p->rule_deps = rule_deps;
	p->nfilters = g->nfilters;
	p->filter_deps = g->filter_deps;
	p->out_deps = cdc_arena_alloc(a, (size_t)(g->nrow + 1) * g->words * sizeof *p->out_deps);
	for (uint32_t i = 0; i < g->nrow; i++)
		memcpy(&p->out_deps[(size_t)i * g->words], deps_of(g, g->row[i]), g->words * sizeof *p->out_deps);
	return p;
}

/* ---- constant expressions ------------------------------------------------------------ */

bool
cdc_cg_eval_const(cdc_arena *a, const cdc_texpr *x, cdc_type as, cdc_value *out, char *why, size_t whylen)
{
	cg G = {0}, *g = &G;
	cdc_table none = {0};
	none.display = "constant";
	g->a = a;
	g->diags = cdc_diag_new(a, NULL);
	g->t = &none;
	g->words = 1;
	g->no_fold = true;
	uint16_t r = expr_as(g, x, as);
	emit(g, CDC_BC_END, 0, 0, 0, 0);
	if (g->failed) {
		snprintf(why, whylen, "not a valid value of its type");
		return false;
	}
	return run_const(a, g, r, out, why, whylen);
}

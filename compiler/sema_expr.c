/*
 * compiler/sema_expr.c — typing of expressions and of each table's pipeline.
 *
 * An expression is typed against the row it reads (a scope): the captured columns for
 * quality rules, the row as the previous transform step left it for a step.  Typing
 * builds a cdc_texpr tree that the IR lowers; an error yields a node of type "error",
 * which every check accepts, so one mistake is reported once.
 */
#include "compiler/sema_int.h"
#include "compiler/fmt.h"
#include "compiler/suggest.h"
#include "runtime/buf.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- helpers -------------------------------------------------------------------- */

const char *
cdc_sema_type_str(cdc_sema *s, cdc_type t)
{
	char buf[64];
	return cdc_arena_strdup(s->arena, cdc_type_str(t, buf, sizeof buf));
}

const char *
cdc_sema_node_text(cdc_sema *s, const cdc_node *n)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_fmt_expr(&b, n);
	const char *r = cdc_arena_strdup(s->arena, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

int
cdc_sema_find_column(const cdc_column *cols, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(cols[i].name, key) == 0)
			return i;
	return -1;
}

static cdc_texpr *
tx_new(cdc_sema *s, cdc_tx_kind k, const cdc_node *n, cdc_type t, int nargs)
{
	cdc_texpr *x = cdc_arena_zalloc(s->arena, sizeof *x);
	x->kind = k;
	x->node = n;
	x->type = t;
	x->col = -1;
	x->nargs = nargs;
	if (nargs)
		x->args = cdc_arena_zalloc(s->arena, (size_t)nargs * sizeof *x->args);
	return x;
}

/* The result of a failed check: type "error", accepted everywhere. */
static cdc_texpr *
tx_error(cdc_sema *s, const cdc_node *n)
{
	cdc_texpr *x = tx_new(s, CDC_TX_CONST, n, cdc_type_make(CDC_TY_ERROR), 0);
	x->flags = CDC_TXF_CONST;
	x->lit = CDC_LIT_NULL;
	return x;
}

static bool
is_error(const cdc_texpr *x)
{
	return x->type.id == CDC_TY_ERROR;
}

static const char *
tstr(cdc_sema *s, const cdc_texpr *x)
{
	return cdc_sema_type_str(s, x->type);
}

/* Propagates constness: a node is constant when all its arguments are. */
static cdc_texpr *
fold_flags(cdc_texpr *x)
{
	bool c = true;
	for (int i = 0; i < x->nargs; i++)
		if (x->args[i] && !(x->args[i]->flags & CDC_TXF_CONST))
			c = false;
	if (c)
		x->flags |= CDC_TXF_CONST;
	return x;
}

void
cdc_sema_unknown_column(cdc_sema *s, const cdc_scope *sc, const cdc_node *name, const char *verb)
{
	cdc_diag *g;
	const char *where = sc->where ? sc->where : sc->table ? sc->table->display : "this row";
	if (verb)
		g = cdc_diag_report(s->diags, CDC_E0304, name->loc, "cannot %s column \"%s\": \"%s\" has no such column",
		                    verb, name->key, where);
	else
		g = cdc_diag_report(s->diags, CDC_E0304, name->loc, "column \"%s\" does not exist in \"%s\"",
		                    name->key, where);
	for (const cdc_removed *r = sc->removed; r; r = r->next) {
		if (strcmp(r->name, name->key) == 0) {
			if (r->renamed)
				cdc_diag_note_at(g, r->step->loc, "renamed to \"%s\" here", r->renamed);
			else
				cdc_diag_note_at(g, r->step->loc, "dropped here");
			return;
		}
	}
	cdc_suggest sg;
	cdc_suggest_init(&sg, name->key);
	for (int i = 0; i < sc->ncols; i++)
		cdc_suggest_add(&sg, sc->cols[i].name);
	if (cdc_suggest_best(&sg))
		cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	else if ((name->flags & CDC_NF_QUOTED) && !verb)
		cdc_diag_help(g, "in expressions \"%s\" is a quoted column name; write a string as '%s'",
		              name->text, name->text);
}

/* ---- literals ---------------------------------------------------------------------- */

static cdc_texpr *
literal(cdc_sema *s, const cdc_node *e)
{
	cdc_texpr *x = tx_new(s, CDC_TX_CONST, e, cdc_type_make(CDC_TY_UNKNOWN), 0);
	x->lit = e->op;
	x->text = e->text;
	x->flags = CDC_TXF_CONST;
	switch (e->op) {
	case CDC_LIT_INT: {
		const char *t = e->text;
		while (t[0] == '0' && t[1])
			t++;
		size_t n = strlen(t);
		if (n < 10 || (n == 10 && strcmp(t, "2147483647") <= 0))
			x->type = cdc_type_make(CDC_TY_INT4);
		else if (n < 19 || (n == 19 && strcmp(t, "9223372036854775807") <= 0))
			x->type = cdc_type_make(CDC_TY_INT8);
		else if (n <= CDC_NUMERIC_MAX_DIGITS)
			x->type = cdc_type_numeric((int)n, 0);
		else {
			cdc_diag_report(s->diags, CDC_E0411, e->loc,
				"integer literal has %zu digits; exact numbers hold at most %d", n,
				CDC_NUMERIC_MAX_DIGITS);
			return tx_error(s, e);
		}
		break;
	}
	case CDC_LIT_DEC: {
		const char *t = e->text, *dot = strchr(t, '.');
		while (*t == '0' && t < dot)
			t++;
		int i = (int)(dot - t), sc = (int)strlen(dot + 1);
		int p = i + sc;
		if (p > CDC_NUMERIC_MAX_DIGITS) {
			cdc_diag_report(s->diags, CDC_E0411, e->loc,
				"decimal literal has %d digits; exact numbers hold at most %d", p,
				CDC_NUMERIC_MAX_DIGITS);
			return tx_error(s, e);
		}
		x->type = cdc_type_numeric(p < 1 ? 1 : p, sc);
		break;
	}
	case CDC_LIT_FLOAT: {
		char *end;
		double v = strtod(e->text, &end);
		if (v == HUGE_VAL || v == -HUGE_VAL) {
			cdc_diag_report(s->diags, CDC_E0413, e->loc, "%s is not a valid double precision: out of range",
			                e->text);
			return tx_error(s, e);
		}
		x->type = cdc_type_make(CDC_TY_FLOAT8);
		break;
	}
	case CDC_LIT_TRUE:
	case CDC_LIT_FALSE: x->type = cdc_type_make(CDC_TY_BOOL); break;
	case CDC_LIT_INTERVAL: x->type = cdc_type_make(CDC_TY_INTERVAL); break;
	default: break;   /* strings and NULL stay unknown until they meet a type */
	}
	return x;
}

/* The value of an integer literal (or its negation), for constant arguments. */
static bool
const_int(const cdc_texpr *x, long long *v)
{
	if (x->kind == CDC_TX_UNARY && x->op == CDC_OP_NEG && const_int(x->args[0], v)) {
		*v = -*v;
		return true;
	}
	if (x->kind != CDC_TX_CONST || x->lit != CDC_LIT_INT)
		return false;
	*v = strtoll(x->text, NULL, 10);
	return true;
}

static const char *
const_str(const cdc_texpr *x)
{
	return x && x->kind == CDC_TX_CONST && x->lit == CDC_LIT_STRING ? x->text : NULL;
}

/*
 * Reports a literal that is no valid value of type `to` (E0413).  String literals are
 * checked wherever they meet a typed value; number literals only where they become a
 * value of the type (casts, test rows) — in a comparison 123456 may well meet a
 * numeric(4,2).  Returns false after reporting.
 */
bool
cdc_sema_literal_fits(cdc_sema *s, const cdc_texpr *x, cdc_type to, bool numbers)
{
	const cdc_texpr *lit = x;
	bool neg = false;
	if (x->kind == CDC_TX_UNARY && x->op == CDC_OP_NEG && x->args[0]->kind == CDC_TX_CONST) {
		lit = x->args[0];
		neg = true;
	}
	if (lit->kind != CDC_TX_CONST || to.id == CDC_TY_ERROR || to.id == CDC_TY_UNKNOWN)
		return true;
	bool str = lit->lit == CDC_LIT_STRING && !neg;
	bool num = lit->lit == CDC_LIT_INT || lit->lit == CDC_LIT_DEC;
	if (!str && !(num && numbers && cdc_type_family(to) == CDC_TF_NUMBER))
		return true;
	const char *text = neg ? cdc_arena_printf(s->arena, "-%s", lit->text) : lit->text;
	const char *why;
	if (cdc_type_literal_ok(to, text, &why))
		return true;
	cdc_diag_report(s->diags, CDC_E0413, x->node->loc, str ? "'%s' is not a valid %s: %s"
	                : "%s is not a valid %s: %s", text, cdc_sema_type_str(s, to), why);
	return false;
}

/* A string literal on one side of a comparison takes the other side's type. */
static bool
operands_fit(cdc_sema *s, const cdc_texpr *a, const cdc_texpr *b)
{
	return cdc_sema_literal_fits(s, a, b->type, false) && cdc_sema_literal_fits(s, b, a->type, false);
}

/* ---- operators ----------------------------------------------------------------------- */

static bool
is_boolish(cdc_type t)
{
	return (t.id == CDC_TY_BOOL && !t.array) || t.id == CDC_TY_UNKNOWN || t.id == CDC_TY_ERROR;
}

static bool
is_stringish(cdc_type t)
{
	return (!t.array && cdc_type_family(t) == CDC_TF_STRING) || t.id == CDC_TY_UNKNOWN ||
	       t.id == CDC_TY_ERROR;
}

static cdc_texpr *
binary(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *l = cdc_sema_expr(s, sc, e->a), *r = cdc_sema_expr(s, sc, e->b);
	cdc_texpr *x = tx_new(s, CDC_TX_BINARY, e, cdc_type_make(CDC_TY_BOOL), 2);
	x->op = e->op;
	x->args[0] = l;
	x->args[1] = r;
	fold_flags(x);
	if (is_error(l) || is_error(r))
		return x->type = cdc_type_make(CDC_TY_ERROR), x;
	const char *op = cdc_ast_op_text(e->op);
	switch (e->op) {
	case CDC_OP_AND:
	case CDC_OP_OR:
		if (!is_boolish(l->type) || !is_boolish(r->type)) {
			cdc_diag_report(s->diags, CDC_E0403, e->loc, "%s needs boolean operands, not %s and %s",
			                op, tstr(s, l), tstr(s, r));
			return tx_error(s, e);
		}
		return x;
	case CDC_OP_EQ: case CDC_OP_NE: case CDC_OP_LT: case CDC_OP_LE: case CDC_OP_GT: case CDC_OP_GE:
		if (!cdc_type_comparable(l->type, r->type)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0403, e->loc, "cannot compare %s with %s",
			                              tstr(s, l), tstr(s, r));
			cdc_diag_help(g, "cast one side: CAST(x AS type) or x::type");
			return tx_error(s, e);
		}
		if (!operands_fit(s, l, r))
			return tx_error(s, e);
		return x;
	default: {
		cdc_type t;
		if (cdc_type_arith(e->op, l->type, r->type, &t) != CDC_ARITH_OK) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0403, e->loc, "operator %s does not accept %s and %s",
			                              op, tstr(s, l), tstr(s, r));
			if (e->op == CDC_OP_ADD && (is_stringish(l->type) || is_stringish(r->type)))
				cdc_diag_help(g, "concatenate text with ||");
			return tx_error(s, e);
		}
		x->type = t;
		return x;
	}
	}
}

static cdc_texpr *
unary(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *a = cdc_sema_expr(s, sc, e->a);
	cdc_texpr *x = tx_new(s, CDC_TX_UNARY, e, a->type, 1);
	x->op = e->op;
	x->args[0] = a;
	fold_flags(x);
	if (is_error(a))
		return x;
	if (e->op == CDC_OP_NOT) {
		x->type = cdc_type_make(CDC_TY_BOOL);
		if (!is_boolish(a->type)) {
			cdc_diag_report(s->diags, CDC_E0403, e->loc, "NOT needs a boolean operand, not %s", tstr(s, a));
			return tx_error(s, e);
		}
		return x;
	}
	cdc_tfamily f = cdc_type_family(a->type);
	if (a->type.array || (f != CDC_TF_NUMBER && a->type.id != CDC_TY_INTERVAL)) {
		cdc_diag_report(s->diags, CDC_E0403, e->loc, "unary %s does not accept %s",
		                cdc_ast_op_text(e->op), tstr(s, a));
		return tx_error(s, e);
	}
	return x;
}

static cdc_texpr *
is_test(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *a = cdc_sema_expr(s, sc, e->a);
	cdc_texpr *x = tx_new(s, CDC_TX_IS, e, cdc_type_make(CDC_TY_BOOL), e->b ? 2 : 1);
	x->op = e->op;
	x->flags = (e->flags & CDC_NF_NOT) ? CDC_TXF_NOT : 0;
	x->args[0] = a;
	if (e->b)
		x->args[1] = cdc_sema_expr(s, sc, e->b);
	fold_flags(x);
	if ((e->op == CDC_IS_TRUE || e->op == CDC_IS_FALSE) && !is_boolish(a->type)) {
		cdc_diag_report(s->diags, CDC_E0403, e->loc, "IS %s needs a boolean operand, not %s",
		                e->op == CDC_IS_TRUE ? "TRUE" : "FALSE", tstr(s, a));
		return tx_error(s, e);
	}
	if (e->op == CDC_IS_DISTINCT && !cdc_type_comparable(a->type, x->args[1]->type)) {
		cdc_diag_report(s->diags, CDC_E0403, e->loc, "cannot compare %s with %s", tstr(s, a),
		                tstr(s, x->args[1]));
		return tx_error(s, e);
	}
	if (e->op == CDC_IS_DISTINCT && !operands_fit(s, a, x->args[1]))
		return tx_error(s, e);
	return x;
}

static cdc_texpr *
in_list(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	int n = 1 + (int)cdc_ast_list_len(e->b);
	cdc_texpr *x = tx_new(s, CDC_TX_IN, e, cdc_type_make(CDC_TY_BOOL), n);
	x->flags = (e->flags & CDC_NF_NOT) ? CDC_TXF_NOT : 0;
	x->args[0] = cdc_sema_expr(s, sc, e->a);
	cdc_type common = x->args[0]->type;
	int i = 1;
	for (const cdc_node *it = e->b; it; it = it->next, i++) {
		x->args[i] = cdc_sema_expr(s, sc, it);
		cdc_type c;
		if (!cdc_type_common(common, x->args[i]->type, &c)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0408, it->loc,
				"IN list item of type %s does not match %s", tstr(s, x->args[i]),
				cdc_sema_type_str(s, common));
			cdc_diag_note_at(g, e->a->loc, "the value tested is %s", tstr(s, x->args[0]));
			return tx_error(s, e);
		}
		if (!operands_fit(s, x->args[0], x->args[i]))
			return tx_error(s, e);
		common = c;
	}
	return fold_flags(x);
}

static cdc_texpr *
between(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *x = tx_new(s, CDC_TX_BETWEEN, e, cdc_type_make(CDC_TY_BOOL), 3);
	x->flags = (e->flags & CDC_NF_NOT) ? CDC_TXF_NOT : 0;
	x->args[0] = cdc_sema_expr(s, sc, e->a);
	x->args[1] = cdc_sema_expr(s, sc, e->b);
	x->args[2] = cdc_sema_expr(s, sc, e->c);
	for (int i = 1; i < 3; i++)
		if (!cdc_type_comparable(x->args[0]->type, x->args[i]->type)) {
			cdc_diag_report(s->diags, CDC_E0403, x->args[i]->node->loc,
				"BETWEEN bound of type %s cannot be compared with %s", tstr(s, x->args[i]),
				tstr(s, x->args[0]));
			return tx_error(s, e);
		}
	for (int i = 1; i < 3; i++)
		if (!operands_fit(s, x->args[0], x->args[i]))
			return tx_error(s, e);
	return fold_flags(x);
}

static cdc_texpr *
like(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *x = tx_new(s, CDC_TX_LIKE, e, cdc_type_make(CDC_TY_BOOL), 2);
	x->op = e->op;
	x->flags = (e->flags & CDC_NF_NOT) ? CDC_TXF_NOT : 0;
	x->args[0] = cdc_sema_expr(s, sc, e->a);
	x->args[1] = cdc_sema_expr(s, sc, e->b);
	for (int i = 0; i < 2; i++)
		if (!is_stringish(x->args[i]->type)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0403, x->args[i]->node->loc,
				"%s needs text, not %s", cdc_ast_op_text(e->op), tstr(s, x->args[i]));
			cdc_diag_help(g, "cast it: x::text");
			return tx_error(s, e);
		}
	return fold_flags(x);
}

static cdc_texpr *
case_expr(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	int nwhen = (int)cdc_ast_list_len(e->b);
	int n = 2 * nwhen + (e->a ? 1 : 0) + (e->c ? 1 : 0);
	cdc_texpr *x = tx_new(s, CDC_TX_CASE, e, cdc_type_make(CDC_TY_UNKNOWN), n);
	int i = 0;
	cdc_texpr *operand = NULL;
	if (e->a) {
		x->flags |= CDC_TXF_OPERAND;
		operand = x->args[i++] = cdc_sema_expr(s, sc, e->a);
	}
	cdc_type result = cdc_type_make(CDC_TY_UNKNOWN);
	const cdc_node *first = NULL;
	bool bad = false;
	for (const cdc_node *w = e->b; w; w = w->next) {
		cdc_texpr *cond = operand ? cdc_sema_expr(s, sc, w->a) : cdc_sema_cond(s, sc, w->a, "WHEN");
		if (operand && !cdc_type_comparable(operand->type, cond->type)) {
			cdc_diag_report(s->diags, CDC_E0408, w->a->loc, "WHEN value of type %s does not match %s",
			                tstr(s, cond), tstr(s, operand));
			bad = true;
		} else if (operand && !operands_fit(s, operand, cond)) {
			bad = true;
		}
		cdc_texpr *then = cdc_sema_expr(s, sc, w->b);
		x->args[i++] = cond;
		x->args[i++] = then;
		cdc_type c;
		if (!cdc_type_common(result, then->type, &c)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0408, w->b->loc,
				"CASE branch of type %s does not match %s", tstr(s, then),
				cdc_sema_type_str(s, result));
			cdc_diag_note_at(g, first->loc, "the first branch is here");
			bad = true;
		} else {
			result = c;
		}
		if (!first)
			first = w->b;
	}
	if (e->c) {
		x->flags |= CDC_TXF_ELSE;
		cdc_texpr *els = x->args[i++] = cdc_sema_expr(s, sc, e->c);
		cdc_type c;
		if (!cdc_type_common(result, els->type, &c)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0408, e->c->loc,
				"ELSE branch of type %s does not match %s", tstr(s, els),
				cdc_sema_type_str(s, result));
			cdc_diag_note_at(g, first->loc, "the first branch is here");
			bad = true;
		} else {
			result = c;
		}
	}
	if (bad)
		return tx_error(s, e);
	x->type = result;
	for (int k = (x->flags & CDC_TXF_OPERAND) ? 2 : 1; k < x->nargs; k += 2)
		if (!cdc_sema_literal_fits(s, x->args[k], result, false))
			return tx_error(s, e);
	if ((x->flags & CDC_TXF_ELSE) && !cdc_sema_literal_fits(s, x->args[x->nargs - 1], result, false))
		return tx_error(s, e);
	return fold_flags(x);
}

cdc_type
cdc_sema_type(cdc_sema *s, const cdc_node *tn)
{
	long mods[4];
	int nmods = 0;
	for (const cdc_node *m = tn->a; m && nmods < 4; m = m->next)
		mods[nmods++] = strtol(m->text, NULL, 10);
	cdc_type t;
	const char *why;
	switch (cdc_type_parse(tn->text, mods, nmods, (tn->flags & CDC_NF_ARRAY) != 0, &t, &why)) {
	case CDC_TYERR_OK:
		return t;
	case CDC_TYERR_MODS:
		cdc_diag_report(s->diags, CDC_E0402, tn->loc, "invalid modifier for type %s: %s", tn->text, why);
		return cdc_type_make(CDC_TY_ERROR);
	default: {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0401, tn->loc, "unknown type \"%s\"", tn->text);
		cdc_suggest sg;
		cdc_suggest_init(&sg, tn->text);
		for (const char *const *n = cdc_type_names(); *n; n++)
			cdc_suggest_add(&sg, *n);
		if (cdc_suggest_best(&sg))
			cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
		return cdc_type_make(CDC_TY_ERROR);
	}
	}
}

static cdc_texpr *
cast(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *a = cdc_sema_expr(s, sc, e->a);
	cdc_type t = cdc_sema_type(s, e->b);
	cdc_texpr *x = tx_new(s, CDC_TX_CAST, e, t, 1);
	x->args[0] = a;
	fold_flags(x);
	if (is_error(a) || t.id == CDC_TY_ERROR)
		return x->type = cdc_type_make(CDC_TY_ERROR), x;
	if (!cdc_type_castable(a->type, t)) {
		cdc_diag_report(s->diags, CDC_E0407, e->loc, "cannot cast %s to %s", tstr(s, a),
		                cdc_sema_type_str(s, t));
		return tx_error(s, e);
	}
	if (!cdc_sema_literal_fits(s, a, t, true))
		return tx_error(s, e);
	return x;
}

/* ---- function calls ------------------------------------------------------------------ */

static bool
class_ok(cdc_pclass c, cdc_type t)
{
	if (t.id == CDC_TY_ERROR)
		return true;
	if (c == CDC_PC_ANY || c == CDC_PC_T)
		return true;
	if (t.array)
		return false;
	cdc_tfamily f = cdc_type_family(t);
	bool unk = t.id == CDC_TY_UNKNOWN;
	switch (c) {
	case CDC_PC_STR: return unk || f == CDC_TF_STRING;
	case CDC_PC_INT: return unk || cdc_type_is_integer(t);
	case CDC_PC_NUM:
	case CDC_PC_FLOAT8: return unk || f == CDC_TF_NUMBER;
	case CDC_PC_BOOL: return unk || f == CDC_TF_BOOL;
	case CDC_PC_BYTEA: return unk || f == CDC_TF_BYTES;
	case CDC_PC_STRBYTES: return unk || f == CDC_TF_STRING || f == CDC_TF_BYTES;
	case CDC_PC_TS: return unk || f == CDC_TF_DATETIME;
	case CDC_PC_TEMPORAL: return unk || f == CDC_TF_DATETIME || f == CDC_TF_TIME || f == CDC_TF_INTERVAL;
	case CDC_PC_JSON: return unk || f == CDC_TF_JSON;
	case CDC_PC_JSONISH: return unk || f == CDC_TF_JSON || f == CDC_TF_STRING;
	default: return true;
	}
}

static const char *const class_text[] = {
	"text", "an integer", "a number", "a number", "a boolean", "bytea", "text or bytea",
	"a date or timestamp", "a date, time, timestamp or interval", "json", "json or text",
	"any value", "any value",
};

/* A signature as users read it: round(x number[, digits integer]). */
static const char *
signature(cdc_sema *s, const cdc_builtin *b)
{
	static const char *const cls[] = {"text", "integer", "number", "number", "boolean", "bytea",
		"text or bytea", "timestamp", "date/time", "json", "json or text", "any", "any"};
	cdc_buf buf = CDC_BUF_INIT;
	cdc_buf_printf(&buf, "%s(", b->name);
	for (int k = 0; k < b->nparams; k++) {
		const cdc_param *p = &b->params[k];
		const char *sep = k ? ", " : "";
		if (p->optional)
			cdc_buf_printf(&buf, "[%s%s %s]", sep, p->name, cls[p->cls]);
		else
			cdc_buf_printf(&buf, "%s%s %s%s", sep, p->name, cls[p->cls], p->variadic ? ", ..." : "");
	}
	cdc_buf_putc(&buf, ')');
	const char *r = cdc_arena_strdup(s->arena, cdc_buf_str(&buf));
	cdc_buf_free(&buf);
	return r;
}

typedef struct bind_err {
	cdc_diag_code code;
	const cdc_node *at;
	char msg[256];
} bind_err;

/* Matches arguments to one overload's parameters.  `vals` are the typed arguments in
 * call order, `names` their parameter names (NULL when positional).  On success fills
 * `out` (parameter order; variadic values appended) and returns the count. */
static int
bind(const cdc_builtin *b, const cdc_node *call, cdc_texpr **vals, const cdc_node **names,
     int n, cdc_texpr **out, bind_err *err)
{
	int np = b->nparams;
	int filled = 0, nout = np;
	bool seen_named = false;
	for (int i = 0; i < np; i++)
		out[i] = NULL;
	for (int i = 0; i < n; i++) {
		if (names[i]) {
			seen_named = true;
			int k = 0;
			while (k < np && (strcmp(b->params[k].name, names[i]->key) != 0 || b->params[k].variadic))
				k++;
			if (k == np) {
				err->code = CDC_E0412;
				err->at = names[i];
				snprintf(err->msg, sizeof err->msg, "%s() has no parameter \"%s\"", b->name, names[i]->key);
				return -1;
			}
			if (out[k]) {
				err->code = CDC_E0412;
				err->at = names[i];
				snprintf(err->msg, sizeof err->msg, "argument \"%s\" of %s() is given twice", names[i]->key, b->name);
				return -1;
			}
			out[k] = vals[i];
			continue;
		}
		if (seen_named) {
			err->code = CDC_E0412;
			err->at = vals[i]->node;
			snprintf(err->msg, sizeof err->msg, "a positional argument cannot follow a named one");
			return -1;
		}
		if (filled < np && !b->params[filled].variadic) {
			out[filled++] = vals[i];
		} else if (b->variadic) {
			if (filled < np)
				filled = np;       /* the variadic parameter's slot takes the first value */
			if (out[np - 1] == NULL)
				out[np - 1] = vals[i];
			else
				out[nout++] = vals[i];
		} else {
			err->code = CDC_E0406;
			err->at = call;
			if (np == 0)
				snprintf(err->msg, sizeof err->msg, "%s() takes no arguments", b->name);
			else
				snprintf(err->msg, sizeof err->msg, "%s() takes %s%d argument%s, not %d", b->name,
				         np > b->min_args ? "at most " : "", np, np == 1 ? "" : "s", n);
			return -1;
		}
	}
	for (int k = 0; k < np; k++) {
		const cdc_param *p = &b->params[k];
		if (!out[k] && (!p->optional || p->variadic)) {
			err->code = CDC_E0406;
			err->at = call;
			if (p->variadic)
				snprintf(err->msg, sizeof err->msg, "%s() needs at least %d argument%s", b->name,
				         b->min_args + 1, b->min_args ? "s" : "");
			else if (b->min_args != np)
				snprintf(err->msg, sizeof err->msg, "%s() needs the argument \"%s\"", b->name, p->name);
			else
				snprintf(err->msg, sizeof err->msg, "%s() takes %d argument%s, not %d", b->name,
				         np, np == 1 ? "" : "s", n);
			return -1;
		}
	}
	for (int k = 0; k < nout; k++) {
		const cdc_param *p = &b->params[k < np ? k : np - 1];
		if (out[k] && !class_ok(p->cls, out[k]->type)) {
			char t[64];
			err->code = CDC_E0405;
			err->at = out[k]->node;
			snprintf(err->msg, sizeof err->msg, "argument \"%s\" of %s() must be %s, not %s", p->name,
			         b->name, class_text[p->cls], cdc_type_str(out[k]->type, t, sizeof t));
			return -1;
		}
	}
	return nout;
}

static bool
in_list_ci(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(w, *list) == 0)
			return true;
	return false;
}

static cdc_diag *
bad_word(cdc_sema *s, cdc_diag_code code, const cdc_node *at, const char *what, const char *w,
         const char *const *list)
{
	cdc_diag *g = cdc_diag_report(s->diags, code, at->loc, "unknown %s \"%s\"", what, w);
	cdc_suggest sg;
	cdc_suggest_init(&sg, w);
	for (; *list; list++)
		cdc_suggest_add(&sg, *list);
	if (cdc_suggest_best(&sg))
		cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	return g;
}

/* Checks that need an argument's value: units, bit sizes, regular expressions. */
static bool
check_args(cdc_sema *s, const cdc_scope *sc, cdc_texpr *x)
{
	static const char *const fields[] = {"year", "month", "day", "hour", "minute", "second",
		"millisecond", "microsecond", "milliseconds", "microseconds", "epoch", "dow", "isodow",
		"doy", "week", "quarter", "isoyear", "decade", "century", "millennium", "timezone",
		"timezone_hour", "timezone_minute", NULL};
	static const char *const units[] = {"microseconds", "milliseconds", "second", "minute",
		"hour", "day", "week", "month", "quarter", "year", "decade", "century", "millennium", NULL};
	static const char *const formats[] = {"hex", "base64", NULL};
	const char *name = x->fn->name;
	cdc_texpr **a = x->args;
	const char *w;
	long long v;
	if (strcmp(name, "extract") == 0 || strcmp(name, "date_part") == 0) {
		if ((w = const_str(a[0])) && !in_list_ci(w, fields)) {
			bad_word(s, CDC_E0405, a[0]->node, "date part", w, fields);
			return false;
		}
	} else if (strcmp(name, "date_trunc") == 0) {
		if ((w = const_str(a[0])) && !in_list_ci(w, units)) {
			bad_word(s, CDC_E0405, a[0]->node, "date_trunc unit", w, units);
			return false;
		}
	} else if (strcmp(name, "encode") == 0 || strcmp(name, "decode") == 0) {
		if ((w = const_str(a[1])) && !in_list_ci(w, formats)) {
			bad_word(s, CDC_E0405, a[1]->node, "encoding", w, formats);
			return false;
		}
	} else if (strcmp(name, "sha2") == 0) {
		if (!const_int(a[1], &v) || (v != 224 && v != 256 && v != 384 && v != 512)) {
			cdc_diag_report(s->diags, CDC_E0405, a[1]->node->loc,
				"sha2() bits must be 224, 256, 384 or 512");
			return false;
		}
	} else if (strncmp(name, "regexp_", 7) == 0) {
		if ((w = const_str(a[1]))) {
			regex_t re;
			int rc = regcomp(&re, w, REG_EXTENDED | REG_NOSUB);
			if (rc != 0) {
				char buf[128];
				regerror(rc, &re, buf, sizeof buf);
				cdc_diag_report(s->diags, CDC_E0405, a[1]->node->loc, "invalid regular expression: %s", buf);
				return false;
			}
			regfree(&re);
		}
		cdc_texpr *flags = a[x->fn->nparams - 1];
		if (flags && (w = const_str(flags)) && w[strspn(w, "ig")] != '\0') {
			cdc_diag_report(s->diags, CDC_E0405, flags->node->loc,
				"regular expression flags are i (ignore case) and g (every match)");
			return false;
		}
	} else if (strcmp(name, "env") == 0) {
		if (!const_str(a[0]) || !a[0]->text[0]) {
			cdc_diag_report(s->diags, CDC_E0405, a[0]->node->loc,
				"env() takes the variable's name as a string literal: env('PII_KEY')");
			return false;
		}
	} else if (strcmp(name, "pseudonymize") == 0) {
		bool ok = (a[1]->flags & CDC_TXF_CONST) ||
		          (a[1]->kind == CDC_TX_CALL && strcmp(a[1]->fn->name, "env") == 0);
		if (!ok) {
			cdc_diag_report(s->diags, CDC_E0405, a[1]->node->loc,
				"the key of pseudonymize() must be a constant, usually env('NAME')");
			return false;
		}
	} else if (strcmp(name, "before") == 0) {
		if (a[0]->kind != CDC_TX_COL) {
			cdc_diag_report(s->diags, CDC_E0405, a[0]->node->loc, "before() takes a column name");
			return false;
		}
		if (!sc->table || a[0]->col >= sc->table->ncols ||
		    strcmp(sc->cols[a[0]->col].name, sc->table->cols[a[0]->col].name) != 0) {
			cdc_diag_report(s->diags, CDC_E0405, a[0]->node->loc,
				"before() takes a column of the source table, not one a transform made");
			return false;
		}
	}
	return true;
}

/* Result type from the builtin's result rule. */
static bool
result_type(cdc_sema *s, cdc_texpr *x)
{
	const char *r = x->fn->result;
	cdc_texpr **a = x->args;
	cdc_type t0 = x->nargs ? a[0]->type : cdc_type_make(CDC_TY_UNKNOWN);
	int p, sc;
	if (strcmp(r, "T") == 0) {
		cdc_type c = cdc_type_make(CDC_TY_UNKNOWN);
		for (int i = 0; i < x->nargs; i++) {
			if (!a[i])
				continue;
			cdc_type c2;
			if (!cdc_type_common(c, a[i]->type, &c2)) {
				cdc_diag_report(s->diags, CDC_E0408, a[i]->node->loc,
					"argument of type %s does not match the other arguments of %s() (%s)",
					tstr(s, a[i]), x->fn->name, cdc_sema_type_str(s, c));
				return false;
			}
			c = c2;
		}
		x->type = c.id == CDC_TY_UNKNOWN ? cdc_type_make(CDC_TY_TEXT) : c;
	} else if (strcmp(r, "$1") == 0 || strcmp(r, "before") == 0) {
		x->type = t0.id == CDC_TY_UNKNOWN ? cdc_type_numeric(-1, 0) : t0;
	} else if (strcmp(r, "round") == 0 || strcmp(r, "floor") == 0) {
		if (cdc_type_is_integer(t0) || t0.id == CDC_TY_FLOAT8 || t0.id == CDC_TY_ERROR)
			x->type = t0;
		else if (t0.id == CDC_TY_FLOAT4)
			x->type = cdc_type_make(CDC_TY_FLOAT8);
		else if (!cdc_type_exact_digits(t0, &p, &sc) || p < 0)
			x->type = cdc_type_numeric(-1, 0);
		else {
			long long k = 0;
			bool known = r[0] == 'f' || x->nargs < 2 || !a[1] || const_int(a[1], &k);
			if (k < 0)
				k = 0;
			if (k > sc)
				k = sc;
			int scale = known ? (int)k : sc;
			int carry = strcmp(x->fn->name, "trunc") == 0 ? 0 : 1;
			int intd = p - sc + carry;
			if (intd + scale > CDC_NUMERIC_MAX_DIGITS)
				scale = CDC_NUMERIC_MAX_DIGITS - intd;
			x->type = cdc_type_numeric(intd + scale < 1 ? 1 : intd + scale, scale < 0 ? 0 : scale);
		}
	} else if (strcmp(r, "mod") == 0) {
		cdc_type t;
		if (cdc_type_arith(CDC_OP_MOD, a[0]->type, a[1]->type, &t) != CDC_ARITH_OK) {
			cdc_diag_report(s->diags, CDC_E0405, x->node->loc, "mod() does not accept %s and %s",
			                tstr(s, a[0]), tstr(s, a[1]));
			return false;
		}
		x->type = t;
	} else if (strcmp(r, "trunc_ts") == 0) {
		cdc_type t = a[1]->type;
		x->type = t.id == CDC_TY_DATE || t.id == CDC_TY_UNKNOWN ? cdc_type_make(CDC_TY_TIMESTAMP) : t;
	} else {
		cdc_type t;
		const char *why;
		if (cdc_type_parse_text(r, &t, &why) != CDC_TYERR_OK) {
			fprintf(stderr, "cdcc: internal error: bad result \"%s\" of builtin %s\n", r, x->fn->name);
			abort();
		}
		x->type = t;
	}
	return true;
}

/* String literals passed where a parameter wants a definite kind of value are checked
 * as that value: abs('x'), coalesce(n, 'x') with n an integer. */
static bool
args_fit(cdc_sema *s, const cdc_texpr *x)
{
	static const cdc_typeid as[] = {
		[CDC_PC_INT] = CDC_TY_INT8, [CDC_PC_NUM] = CDC_TY_NUMERIC, [CDC_PC_FLOAT8] = CDC_TY_FLOAT8,
		[CDC_PC_BOOL] = CDC_TY_BOOL, [CDC_PC_TS] = CDC_TY_TIMESTAMPTZ, [CDC_PC_JSON] = CDC_TY_JSONB,
	};
	const cdc_builtin *b = x->fn;
	bool common = strcmp(b->result, "T") == 0 && x->type.id != CDC_TY_TEXT;
	for (int k = 0; k < x->nargs; k++) {
		if (!x->args[k])
			continue;
		cdc_pclass c = b->params[k < b->nparams ? k : b->nparams - 1].cls;
		cdc_type want = cdc_type_make(CDC_TY_UNKNOWN);
		if (c == CDC_PC_T && common)
			want = x->type;
		else if (c < (int)(sizeof as / sizeof as[0]) && as[c])
			want = cdc_type_make(as[c]);
		if (want.id != CDC_TY_UNKNOWN && !cdc_sema_literal_fits(s, x->args[k], want, false))
			return false;
	}
	return true;
}

static cdc_texpr *
call(cdc_sema *s, const cdc_scope *sc, const cdc_node *e, const cdc_node *fname)
{
	int n = 0;
	for (const cdc_node *a = e->b; a; a = a->next)
		n++;
	if (e->kind == CDC_N_E_EXTRACT)
		n = 2;
	cdc_texpr **vals = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *vals);
	const cdc_node **names = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *names);
	if (e->kind == CDC_N_E_EXTRACT) {
		/* EXTRACT(field FROM t): the field word becomes a string argument. */
		cdc_texpr *f = tx_new(s, CDC_TX_CONST, e->a, cdc_type_make(CDC_TY_UNKNOWN), 0);
		f->lit = CDC_LIT_STRING;
		f->text = e->a->key;
		f->flags = CDC_TXF_CONST;
		vals[0] = f;
		vals[1] = cdc_sema_expr(s, sc, e->b);
	} else {
		int i = 0;
		for (const cdc_node *a = e->b; a; a = a->next, i++) {
			if (a->kind == CDC_N_E_NAMEDARG) {
				names[i] = a->a;
				vals[i] = cdc_sema_expr(s, sc, a->b);
			} else {
				vals[i] = cdc_sema_expr(s, sc, a);
			}
		}
	}
	if (n > CDC_MAX_CALL_ARGS) {
		cdc_diag_report(s->diags, CDC_E0412, fname->loc, "%s() is given %d arguments; a call takes at most %d",
		                fname->key, n, CDC_MAX_CALL_ARGS);
		return tx_error(s, e);
	}
	int nov;
	const cdc_builtin *ov = cdc_builtin_find(fname->key, &nov);
	if (!ov) {
		static const char *const aggregates[] = {"count", "sum", "avg", "min", "max", "array_agg",
		                                         "string_agg", NULL};
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0308, fname->loc, "unknown function \"%s\"", fname->key);
		/* names from other SQL dialects, with what to write instead */
		static const char *const hints[][2] = {
			{"sha256", "sha2(value, 256)"}, {"sha512", "sha2(value, 512)"}, {"sha224", "sha2(value, 224)"},
			{"sha384", "sha2(value, 384)"}, {"date", "CAST(value AS date) or value::date"},
			{"nvl", "coalesce(a, b)"}, {"ifnull", "coalesce(a, b)"}, {"isnull", "coalesce(a, b)"},
			{"getdate", "now()"}, {"sysdate", "now()"}, {"current_timestamp", "now()"},
			{"len", "length(s)"}, {"instr", "strpos(s, sub)"}, {"ucase", "upper(s)"},
			{"lcase", "lower(s)"}, {"iif", "CASE WHEN c THEN a ELSE b END"},
			{"if", "CASE WHEN c THEN a ELSE b END"}, {"to_number", "CAST(s AS numeric(p,s))"},
			{"datediff", "a - b (dates give days, timestamps an interval)"},
			{"dateadd", "t + interval '1 day' (or t + 1d)"}, {"uuid", "uuid_generate()"},
			{"rlike", "regexp_like(s, pattern)"}, {"json_extract", "json_extract_path_text(j, 'key')"},
		};
		const char *hint = NULL;
		for (size_t k = 0; k < sizeof hints / sizeof hints[0] && !hint; k++)
			if (strcasecmp(hints[k][0], fname->key) == 0)
				hint = hints[k][1];
		if (in_list_ci(fname->key, aggregates)) {
			cdc_diag_note(g, "rules and transforms see one row at a time; aggregates do not apply");
		} else if (hint) {
			cdc_diag_help(g, "write %s", hint);
		} else {
			cdc_suggest sg;
			cdc_suggest_init(&sg, fname->key);
			for (int i = 0; i < cdc_builtin_count(); i++)
				cdc_suggest_add(&sg, cdc_builtin_at(i)->name);
			if (cdc_suggest_best(&sg))
				cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
		}
		return tx_error(s, e);
	}
	for (int i = 0; i < n; i++)
		if (is_error(vals[i]))
			return tx_error(s, e);
	cdc_texpr **out = cdc_arena_zalloc(s->arena, (size_t)(n + 8 + 1) * sizeof *out);
	bind_err first = {0}, err;
	for (int k = 0; k < nov; k++) {
		int nout = bind(&ov[k], e, vals, names, n, out, &err);
		if (nout < 0) {
			if (k == 0)
				first = err;
			continue;
		}
		cdc_texpr *x = tx_new(s, CDC_TX_CALL, e, cdc_type_make(CDC_TY_UNKNOWN), 0);
		x->fn = &ov[k];
		x->args = out;
		x->nargs = nout;
		fold_flags(x);
		if (ov[k].vol != CDC_IMMUTABLE)
			x->flags &= ~CDC_TXF_CONST;
		if (sc->constant && ov[k].vol != CDC_IMMUTABLE) {
			cdc_diag_report(s->diags, CDC_E0701, e->loc, ov[k].vol == CDC_EVENT
				? "%s() depends on the change event; test values must be constants"
				: "%s() gives a different value on every call; test values must be constants", ov[k].name);
			return tx_error(s, e);
		}
		if (!check_args(s, sc, x) || !result_type(s, x) || !args_fit(s, x))
			return tx_error(s, e);
		return x;
	}
	if (nov == 1) {
		cdc_diag *g = cdc_diag_report(s->diags, first.code, first.at->loc, "%s", first.msg);
		cdc_diag_note(g, "%s", signature(s, ov));
	} else {
		cdc_buf b = CDC_BUF_INIT;
		for (int i = 0; i < n; i++) {
			char t[64];
			cdc_buf_printf(&b, "%s%s", i ? ", " : "", cdc_type_str(vals[i]->type, t, sizeof t));
		}
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0405, e->loc, "no version of %s() takes (%s)",
		                              ov->name, cdc_buf_str(&b));
		for (int k = 0; k < nov; k++)
			cdc_diag_note(g, "%s", signature(s, &ov[k]));
		cdc_buf_free(&b);
	}
	return tx_error(s, e);
}

/* ---- entry points ------------------------------------------------------------------ */

static cdc_texpr *expr_node(cdc_sema *s, const cdc_scope *sc, const cdc_node *e);

/* An expression with an erroneous part is erroneous as a whole: the error was reported
 * where it happened, and nothing built on it is checked again. */
cdc_texpr *
cdc_sema_expr(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	cdc_texpr *x = expr_node(s, sc, e);
	if (!is_error(x))
		for (int i = 0; i < x->nargs; i++)
			if (x->args[i] && is_error(x->args[i]))
				return tx_error(s, e);
	return x;
}

static cdc_texpr *
expr_node(cdc_sema *s, const cdc_scope *sc, const cdc_node *e)
{
	switch (e->kind) {
	case CDC_N_E_LIT:
		return literal(s, e);
	case CDC_N_E_COL: {
		const cdc_node *name = e->a;
		if (name->flags & CDC_NF_QUOTED && !name->text[0]) {
			cdc_diag_report(s->diags, CDC_E0107, e->loc, "empty quoted name");
			return tx_error(s, e);
		}
		if (sc->constant) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0701, e->loc,
				"test values must be constants; \"%s\" is not", name->key);
			if (name->flags & CDC_NF_QUOTED)
				cdc_diag_help(g, "write strings in single quotes: '%s'", name->text);
			return tx_error(s, e);
		}
		int i = cdc_sema_find_column(sc->cols, sc->ncols, name->key);
		if (i < 0) {
			cdc_sema_unknown_column(s, sc, name, NULL);
			return tx_error(s, e);
		}
		cdc_texpr *x = tx_new(s, CDC_TX_COL, e, sc->cols[i].type, 0);
		x->col = i;
		return x;
	}
	case CDC_N_E_UNARY:
		return unary(s, sc, e);
	case CDC_N_E_BINARY:
		return binary(s, sc, e);
	case CDC_N_E_IS:
		return is_test(s, sc, e);
	case CDC_N_E_IN:
		return in_list(s, sc, e);
	case CDC_N_E_BETWEEN:
		return between(s, sc, e);
	case CDC_N_E_LIKE:
		return like(s, sc, e);
	case CDC_N_E_CASE:
		return case_expr(s, sc, e);
	case CDC_N_E_CAST:
		return cast(s, sc, e);
	case CDC_N_E_CALL:
		return call(s, sc, e, e->a);
	case CDC_N_E_EXTRACT:
		if (strcmp(e->c->key, "extract") != 0) {
			cdc_diag_report(s->diags, CDC_E0102, e->loc,
				"syntax error: only EXTRACT takes the form %s(field FROM value)", e->c->key);
			return tx_error(s, e);
		}
		return call(s, sc, e, e->c);
	default:
		cdc_diag_report(s->diags, CDC_E0102, e->loc, "syntax error: %s is not an expression",
		                cdc_ast_kind_name(e->kind));
		return tx_error(s, e);
	}
}

cdc_texpr *
cdc_sema_cond(cdc_sema *s, const cdc_scope *sc, const cdc_node *e, const char *what)
{
	cdc_texpr *x = cdc_sema_expr(s, sc, e);
	if (!is_boolish(x->type)) {
		cdc_diag_report(s->diags, CDC_E0404, e->loc, "%s needs a boolean condition, not %s", what,
		                tstr(s, x));
		return tx_error(s, e);
	}
	return x;
}

/* ---- a table's pipeline: quality rules, then transform steps ----------------------- */

static const char *const actions[] = {"fail", "quarantine", "drop", "warn", NULL};

static void
check_rules(cdc_sema *s, cdc_table *t, const cdc_scope *sc)
{
	for (int i = 0; i < t->nrules; i++) {
		cdc_rule *r = t->rules[i];
		const cdc_node *n = r->decl;
		r->cond = cdc_sema_cond(s, sc, n->b, n->op == CDC_RULE_WARN ? "warn" : "require");
		if (!is_error(r->cond) && (r->cond->flags & CDC_TXF_CONST))
			cdc_diag_report(s->diags, CDC_W0109, n->b->loc,
				"condition does not depend on the row: the rule always or never fires");
		r->action = n->op == CDC_RULE_WARN ? CDC_ACT_WARN : CDC_ACT_FAIL;
		if (n->c) {
			int k = 0;
			while (actions[k] && strcmp(actions[k], n->c->key) != 0)
				k++;
			if (!actions[k]) {
				cdc_diag *g = bad_word(s, CDC_E0309, n->c, "quality action", n->c->key, actions);
				cdc_diag_note(g, "actions are fail, quarantine, drop and warn");
			} else {
				r->action = (cdc_action)k;
			}
		}
		r->name = n->a ? n->a->key : cdc_sema_node_text(s, n->b);
		for (int j = 0; j < i; j++)
			if (strcmp(t->rules[j]->name, r->name) == 0) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0210, n->a ? n->a->loc : n->b->loc,
					"rule \"%s\" is defined twice for \"%s\"", r->name, t->display);
				cdc_diag_note_at(g, t->rules[j]->decl->loc, "first defined here");
				if (!n->a)
					cdc_diag_help(g, n->op == CDC_RULE_WARN ? "name the rules: warn name: condition"
					                                        : "name the rules: require name: condition");
				break;
			}
	}
}

/* The row is an arena array that steps rewrite in place, copied when it must grow. */
typedef struct row {
	cdc_column *cols;
	int         n, cap;
} row;

static void
row_push(cdc_sema *s, row *r, cdc_column c)
{
	SEMA_PUSH(s, r->cols, r->n, r->cap, c);
}

static void
row_remove(row *r, int i)
{
	memmove(&r->cols[i], &r->cols[i + 1], (size_t)(r->n - i - 1) * sizeof *r->cols);
	r->n--;
}

static void
removed_add(cdc_sema *s, cdc_scope *sc, const char *name, const cdc_node *step, const char *renamed)
{
	cdc_removed *rm = cdc_arena_zalloc(s->arena, sizeof *rm);
	rm->name = name;
	rm->step = step;
	rm->renamed = renamed;
	rm->next = sc->removed;
	sc->removed = rm;
}

/* Marks the columns that `cond` requires to be NOT NULL: `col IS NOT NULL`, possibly
 * as one conjunct of an AND. */
static void
mark_not_null(cdc_table *t, const cdc_texpr *cond)
{
	if (cond->kind == CDC_TX_BINARY && cond->op == CDC_OP_AND) {
		mark_not_null(t, cond->args[0]);
		mark_not_null(t, cond->args[1]);
	} else if (cond->kind == CDC_TX_IS && cond->op == CDC_IS_NULL && (cond->flags & CDC_TXF_NOT) &&
	           cond->args[0]->kind == CDC_TX_COL) {
		t->cols[cond->args[0]->col].not_null = true;
	}
}

void
cdc_sema_table_pipeline(cdc_sema *s, cdc_table *t)
{
	unsigned errors = cdc_diag_error_reports(s->diags);
	cdc_diag_subjects(s->diags, t->display, NULL);
	cdc_scope sc = {.cols = t->cols, .ncols = t->ncols, .table = t};
	check_rules(s, t, &sc);

	/* A rule that stops or sets aside rows where a column is NULL makes the column
	 * NOT NULL for everything downstream (merge keys: W0108). */
	for (int i = 0; i < t->nrules; i++)
		if (t->rules[i]->action != CDC_ACT_WARN && t->rules[i]->cond)
			mark_not_null(t, t->rules[i]->cond);

	row r = {NULL, 0, 0};
	for (int i = 0; i < t->ncols; i++)
		row_push(s, &r, t->cols[i]);
	t->steps = cdc_arena_zalloc(s->arena, (size_t)(t->nstep_nodes + 1) * sizeof *t->steps);
	for (int k = 0; k < t->nstep_nodes; k++) {
		const cdc_node *n = t->step_nodes[k];
		cdc_step *st = &t->steps[t->nsteps++];
		st->decl = n;
		st->col = -1;
		sc.cols = r.cols;
		sc.ncols = r.n;
		switch (n->kind) {
		case CDC_N_ASSIGN: {
			st->kind = CDC_STEP_ASSIGN;
			st->name = n->a->key;
			if (strlen(st->name) > CDC_MAX_NAME)
				cdc_diag_report(s->diags, CDC_E0108, n->a->loc, "name is %zu bytes long; the limit is %d",
				                strlen(st->name), CDC_MAX_NAME);
			st->expr = cdc_sema_expr(s, &sc, n->b);
			cdc_type ty = st->expr->type;
			if (ty.id == CDC_TY_UNKNOWN)
				ty = cdc_type_make(CDC_TY_TEXT);   /* 'text' and NULL literals, as in SQL */
			cdc_column c = {st->name, ty, false, n};
			st->col = cdc_sema_find_column(r.cols, r.n, st->name);
			if (st->col >= 0)
				r.cols[st->col] = c;
			else
				row_push(s, &r, c);
			break;
		}
		case CDC_N_DROP:
			st->kind = CDC_STEP_DROP;
			for (const cdc_node *nm = n->a; nm; nm = nm->next) {
				int i = cdc_sema_find_column(r.cols, r.n, nm->key);
				if (i < 0) {
					cdc_sema_unknown_column(s, &sc, nm, "drop");
					continue;
				}
				removed_add(s, &sc, r.cols[i].name, n, NULL);
				row_remove(&r, i);
				sc.ncols = r.n;
			}
			break;
		case CDC_N_RENAME: {
			st->kind = CDC_STEP_RENAME;
			st->name = n->b->key;
			int i = cdc_sema_find_column(r.cols, r.n, n->a->key);
			if (i < 0) {
				cdc_sema_unknown_column(s, &sc, n->a, "rename");
				break;
			}
			int j = cdc_sema_find_column(r.cols, r.n, n->b->key);
			if (j >= 0) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0312, n->b->loc,
					"cannot rename \"%s\" to \"%s\": \"%s\" already has a column \"%s\"",
					n->a->key, n->b->key, t->display, n->b->key);
				if (r.cols[j].decl)
					cdc_diag_note_at(g, r.cols[j].decl->loc, "\"%s\" is defined here", n->b->key);
				break;
			}
			st->col = i;
			removed_add(s, &sc, r.cols[i].name, n, n->b->key);
			r.cols[i].name = n->b->key;
			r.cols[i].decl = n;
			break;
		}
		default:
			st->kind = CDC_STEP_FILTER;
			st->expr = cdc_sema_cond(s, &sc, n->a, "filter");
			break;
		}
	}
	t->out = r.cols;
	t->nout = r.n;
	t->checked = cdc_diag_error_reports(s->diags) == errors;
	cdc_diag_subjects(s->diags, NULL, NULL);
}

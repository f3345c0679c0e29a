/*
 * compiler/plan.c — writing and reading plan files (see plan.h, docs/plan.md).
 *
 * The writer prints JSON itself, in a fixed order, so the bytes depend on nothing but the
 * IR; the reader uses cJSON, which is exact for everything a plan holds as a number
 * (small integers).  Values that must stay exact — constants, 64-bit dependency sets —
 * are strings.
 */
#include "config.h"

#include "compiler/plan.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/typeids.h"
#include "stdlib/builtins.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing -------------------------------------------------------------------------- */

/* A JSON writer that knows whether a comma is due and how deep it is. */
typedef struct jw {
	cdc_buf *b;
	int      depth;
	bool     comma[32];
	bool     inline_[32];   /* this container is on one line */
} jw;

static void
jw_sep(jw *w)
{
	if (w->comma[w->depth])
		cdc_buf_putc(w->b, ',');
	w->comma[w->depth] = true;
	if (w->depth > 0 && !w->inline_[w->depth]) {
		cdc_buf_putc(w->b, '\n');
		cdc_buf_pad(w->b, ' ', (size_t)w->depth * 2);
	} else if (w->depth > 0 && w->inline_[w->depth] && w->b->data[w->b->len - 1] == ',') {
		cdc_buf_putc(w->b, ' ');
	}
}

static void
jw_key(jw *w, const char *k)
{
	jw_sep(w);
	cdc_buf_json_string(w->b, k, strlen(k));
	cdc_buf_puts(w->b, ": ");
	w->comma[w->depth] = true;
}

/* Opens '{' or '[': after jw_key, or as an array element (key NULL). */
static void
jw_open(jw *w, const char *key, char c, bool one_line)
{
	if (key)
		jw_key(w, key);
	else
		jw_sep(w);
	cdc_buf_putc(w->b, c);
	w->depth++;
	w->comma[w->depth] = false;
	w->inline_[w->depth] = one_line || w->inline_[w->depth - 1];
}

static void
jw_close(jw *w, char c)
{
	bool had = w->comma[w->depth], one_line = w->inline_[w->depth];
	w->depth--;
	if (had && !one_line) {
		cdc_buf_putc(w->b, '\n');
		cdc_buf_pad(w->b, ' ', (size_t)w->depth * 2);
	}
	cdc_buf_putc(w->b, c);
}

static void
jw_str(jw *w, const char *key, const char *s)
{
	if (key)
		jw_key(w, key);
	else
		jw_sep(w);
	if (s)
		cdc_buf_json_string(w->b, s, strlen(s));
	else
		cdc_buf_puts(w->b, "null");
}

static void
jw_int(jw *w, const char *key, int64_t v)
{
	if (key)
		jw_key(w, key);
	else
		jw_sep(w);
	cdc_buf_printf(w->b, "%" PRId64, v);
}

static void
jw_bool(jw *w, const char *key, bool v)
{
	jw_key(w, key);
	cdc_buf_puts(w->b, v ? "true" : "false");
}

/* Types: [name, modifier, scale, array] — exact, and readable enough. */
static void
jw_type(jw *w, const char *key, cdc_rtype t)
{
	jw_open(w, key, '[', true);
	jw_str(w, NULL, cdc_typeid_name(t.id));
	jw_int(w, NULL, t.mod);
	jw_int(w, NULL, t.scale);
	jw_int(w, NULL, t.array);
	jw_close(w, ']');
}

static void
jw_opts(jw *w, const char *key, const cdc_ir_opts *o)
{
	static const char *const kinds[] = {"str", "int", "bool", "env", "file", "list"};
	jw_open(w, key, '[', false);
	for (int i = 0; i < o->n; i++) {
		const cdc_ir_opt *v = &o->v[i];
		jw_open(w, NULL, '{', true);
		jw_str(w, "name", v->name);
		jw_str(w, "kind", kinds[v->kind]);
		switch (v->kind) {
		case CDC_IRV_INT:
		case CDC_IRV_BOOL:
			jw_int(w, "value", v->num);
			break;
		case CDC_IRV_LIST:
			jw_open(w, "value", '[', true);
			for (int k = 0; k < v->nlist; k++)
				jw_str(w, NULL, v->list[k]);
			jw_close(w, ']');
			break;
		default:
			jw_str(w, "value", v->str);
			break;
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
jw_cols(jw *w, const char *key, const cdc_ir_col *c, int n)
{
	jw_open(w, key, '[', false);
	for (int i = 0; i < n; i++) {
		jw_open(w, NULL, '{', true);
		jw_str(w, "name", c[i].name);
		jw_type(w, "type", c[i].type);
		jw_bool(w, "not_null", c[i].not_null);
		if (c[i].origin)
			jw_str(w, "origin", c[i].origin);
		jw_int(w, "line", c[i].line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
jw_ints(jw *w, const char *key, const int *v, int n)
{
	jw_open(w, key, '[', true);
	for (int i = 0; i < n; i++)
		jw_int(w, NULL, v[i]);
	jw_close(w, ']');
}

/* A dependency set: its words as 16 hex digits each, word 0 first. */
static void
jw_sets(jw *w, const char *key, const uint64_t *sets, uint32_t n, uint16_t words)
{
	jw_open(w, key, '[', true);
	for (uint32_t i = 0; i < n; i++) {
		char hex[16 * 64 + 1], *h = hex;
		for (uint16_t k = 0; k < words && k < 64; k++)
			h += sprintf(h, "%016" PRIx64, sets[(size_t)i * words + k]);
		jw_str(w, NULL, hex);
	}
	jw_close(w, ']');
}

static void
jw_program(jw *w, const cdc_program *p)
{
	jw_open(w, "program", '{', false);
	jw_int(w, "registers", p->nregs);
	jw_int(w, "inputs", p->ninputs);
	jw_int(w, "entry", p->entry);
	jw_open(w, "code", '[', false);
	for (uint32_t i = 0; i < p->ncode; i++) {
		const cdc_instr *in = &p->code[i];
		jw_open(w, NULL, '[', true);
		jw_str(w, NULL, cdc_op_name((cdc_opcode)in->op));
		jw_int(w, NULL, in->a);
		jw_int(w, NULL, in->b);
		jw_int(w, NULL, in->c);
		jw_int(w, NULL, in->d);
		jw_int(w, NULL, in->line);
		jw_close(w, ']');
	}
	jw_close(w, ']');
	jw_open(w, "constants", '[', false);
	for (uint32_t i = 0; i < p->nconsts; i++) {
		cdc_buf text = CDC_BUF_INIT;
		cdc_val_format(p->consts[i], p->const_types[i], &text);
		jw_open(w, NULL, '[', true);
		jw_type(w, NULL, p->const_types[i]);
		jw_str(w, NULL, cdc_buf_str(&text));
		jw_close(w, ']');
		cdc_buf_free(&text);
	}
	jw_close(w, ']');
	jw_open(w, "casts", '[', false);
	for (uint32_t i = 0; i < p->ncasts; i++) {
		jw_open(w, NULL, '[', true);
		jw_type(w, NULL, p->casts[i].from);
		jw_type(w, NULL, p->casts[i].to);
		if (p->casts[i].output)
			jw_str(w, NULL, "output");
		jw_close(w, ']');
	}
	jw_close(w, ']');
	jw_open(w, "calls", '[', false);
	for (uint32_t i = 0; i < p->ncalls; i++) {
		const cdc_call *c = &p->calls[i];
		const cdc_builtin *fn = cdc_builtin_at(c->fn);
		jw_open(w, NULL, '{', true);
		jw_str(w, "fn", fn->name);
		jw_str(w, "params", fn->params_spec);
		jw_open(w, "args", '[', true);
		for (uint16_t k = 0; k < c->nargs; k++)
			jw_int(w, NULL, c->args[k]);
		jw_close(w, ']');
		jw_int(w, "present", c->present);
		jw_type(w, "result", c->result);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "segments", '[', false);
	for (uint32_t i = 0; i < p->nsegments; i++) {
		jw_open(w, NULL, '[', true);
		jw_int(w, NULL, p->segments[i].first);
		jw_str(w, NULL, p->segments[i].kind == CDC_SEG_RULE ? "rule" : "step");
		jw_int(w, NULL, p->segments[i].index);
		jw_int(w, NULL, p->segments[i].line);
		jw_close(w, ']');
	}
	jw_close(w, ']');
	jw_open(w, "rules", '[', false);
	for (uint32_t i = 0; i < p->nrules; i++) {
		jw_open(w, NULL, '{', true);
		jw_str(w, "name", p->rules[i].name);
		jw_str(w, "action", cdc_action_name(p->rules[i].action));
		jw_int(w, "line", p->rules[i].line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "steps", '[', false);
	for (uint32_t i = 0; i < p->nsteps; i++) {
		jw_open(w, NULL, '{', true);
		jw_str(w, "kind", cdc_stepkind_name(p->steps[i].kind));
		jw_str(w, "column", p->steps[i].column);
		jw_int(w, "line", p->steps[i].line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "output", '[', true);
	for (uint16_t i = 0; i < p->nout; i++)
		jw_int(w, NULL, p->out[i]);
	jw_close(w, ']');
	jw_int(w, "dep_words", p->dep_words);
	jw_sets(w, "rule_deps", p->rule_deps, p->nrules, p->dep_words);
	jw_sets(w, "filter_deps", p->filter_deps, p->nfilters, p->dep_words);
	jw_sets(w, "output_deps", p->out_deps, p->nout, p->dep_words);
	jw_close(w, '}');
}

void
cdc_plan_write(const cdc_ir *ir, cdc_buf *out)
{
	jw W = {out, 0, {false}, {false}}, *w = &W;
	jw_open(w, NULL, '{', false);
	jw_int(w, "cdcc_plan", CDC_PLAN_VERSION);
	jw_str(w, "cdcc_version", PACKAGE_VERSION);
	jw_open(w, "source", '{', true);
	jw_str(w, "file", ir->file);
	jw_str(w, "sha256", ir->sha256);
	jw_close(w, '}');
	jw_str(w, "pipeline", ir->pipeline);
	jw_opts(w, "options", &ir->opts);
	jw_open(w, "sources", '[', false);
	for (int i = 0; i < ir->nsources; i++) {
		const cdc_ir_source *s = &ir->sources[i];
		jw_open(w, NULL, '{', false);
		jw_str(w, "name", s->name);
		jw_str(w, "kind", s->kind);
		jw_bool(w, "schemas", s->schemas);
		jw_int(w, "line", s->line);
		jw_opts(w, "options", &s->opts);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "targets", '[', false);
	for (int i = 0; i < ir->ntargets; i++) {
		const cdc_ir_target *t = &ir->targets[i];
		jw_open(w, NULL, '{', false);
		jw_str(w, "name", t->name);
		jw_str(w, "kind", t->kind);
		jw_int(w, "line", t->line);
		jw_opts(w, "options", &t->opts);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "tables", '[', false);
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		jw_open(w, NULL, '{', false);
		jw_int(w, "source", t->source);
		jw_str(w, "schema", t->schema);
		jw_str(w, "name", t->name);
		jw_str(w, "display", t->display);
		jw_int(w, "line", t->line);
		jw_cols(w, "columns", t->cols, t->ncols);
		jw_ints(w, "primary_key", t->pk, t->npk);
		jw_cols(w, "output", t->out, t->nout);
		jw_program(w, t->prog);
		jw_open(w, "routes", '[', false);
		for (int k = 0; k < t->nroutes; k++) {
			const cdc_ir_route *r = &t->routes[k];
			jw_open(w, NULL, '{', false);
			jw_int(w, "target", r->target);
			jw_str(w, "schema", r->schema);
			jw_str(w, "name", r->name);
			jw_bool(w, "append", r->append);
			jw_str(w, "deletes", cdc_ir_deletes_name(r->deletes));
			jw_str(w, "on_schema_change", cdc_ir_drift_name(r->drift));
			jw_ints(w, "key", r->key, r->nkey);
			jw_int(w, "soft", r->soft);
			jw_int(w, "line", r->line);
			jw_cols(w, "columns", r->cols, r->ncols);
			jw_opts(w, "options", &r->opts);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
	cdc_buf_putc(out, '\n');
}

/* ---- reading --------------------------------------------------------------------------- */

typedef struct jr {
	cdc_arena *a;
	char      *why;
	size_t     whylen;
	bool       bad;
	const char *where;   /* for messages: "table \"shop.public.orders\"" */
} jr;

static void
jr_fail(jr *r, const char *fmt, ...)
{
	if (r->bad)
		return;
	r->bad = true;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (r->where)
		snprintf(r->why, r->whylen, "%s: %s", r->where, msg);
	else
		snprintf(r->why, r->whylen, "%s", msg);
}

static const cJSON *
jr_get(jr *r, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		jr_fail(r, "\"%s\" is missing", key);
	return v;
}

static int64_t
jr_int_of(jr *r, const cJSON *v, const char *what, int64_t lo, int64_t hi)
{
	/* range first: converting a double outside int64's range is undefined */
	double d = cJSON_IsNumber(v) ? v->valuedouble : 0.5;
	if (!cJSON_IsNumber(v) || !(d >= (double)lo && d <= (double)hi) || d != (double)(int64_t)d ||
	    (int64_t)d < lo || (int64_t)d > hi) {
		jr_fail(r, "%s is not an integer in [%" PRId64 ", %" PRId64 "]", what, lo, hi);
		return lo;
	}
	return (int64_t)v->valuedouble;
}

static int64_t
jr_int(jr *r, const cJSON *o, const char *key, int64_t lo, int64_t hi)
{
	const cJSON *v = jr_get(r, o, key);
	return v ? jr_int_of(r, v, key, lo, hi) : lo;
}

static const char *
jr_str_of(jr *r, const cJSON *v, const char *what, bool nullable)
{
	if (nullable && cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		jr_fail(r, "%s is not a string", what);
		return "";
	}
	return cdc_arena_strdup(r->a, v->valuestring);
}

static const char *
jr_str(jr *r, const cJSON *o, const char *key, bool nullable)
{
	const cJSON *v = jr_get(r, o, key);
	return v ? jr_str_of(r, v, key, nullable) : "";
}

static bool
jr_bool(jr *r, const cJSON *o, const char *key)
{
	const cJSON *v = jr_get(r, o, key);
	if (v && !cJSON_IsBool(v))
		jr_fail(r, "\"%s\" is not true or false", key);
	return cJSON_IsTrue(v);
}

/* An array: its length, 0 (and failure) if not an array. */
static int
jr_array(jr *r, const cJSON *v, const char *what)
{
	if (!cJSON_IsArray(v)) {
		jr_fail(r, "%s is not an array", what);
		return 0;
	}
	return cJSON_GetArraySize(v);
}

static cdc_rtype
jr_type(jr *r, const cJSON *v)
{
	cdc_rtype t = {CDC_TY_TEXT, 0, 0, -1};
	if (jr_array(r, v, "a type") != 4) {
		jr_fail(r, "a type is [name, modifier, scale, array]");
		return t;
	}
	const cJSON *name = cJSON_GetArrayItem(v, 0);
	int id = cJSON_IsString(name) ? cdc_typeid_find(name->valuestring) : -1;
	if (id < 0) {
		jr_fail(r, "unknown type %s", cJSON_IsString(name) ? name->valuestring : "");
		return t;
	}
	t.id = (uint8_t)id;
	t.mod = (int32_t)jr_int_of(r, cJSON_GetArrayItem(v, 1), "a type modifier", -1, 10485760);
	t.scale = (int16_t)jr_int_of(r, cJSON_GetArrayItem(v, 2), "a type scale", -1000, 1000);
	t.array = (uint8_t)jr_int_of(r, cJSON_GetArrayItem(v, 3), "a type's array flag", 0, 1);
	return t;
}

static cdc_ir_opts
jr_opts(jr *r, const cJSON *o)
{
	cdc_ir_opts out = {NULL, 0};
	const cJSON *arr = jr_get(r, o, "options");
	int n = arr ? jr_array(r, arr, "\"options\"") : 0;
	out.v = cdc_arena_zalloc(r->a, (size_t)(n + 1) * sizeof *out.v);
	const cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		if (r->bad)
			break;
		cdc_ir_opt *v = &out.v[out.n++];
		v->name = jr_str(r, it, "name", false);
		const char *kind = jr_str(r, it, "kind", false);
		const cJSON *val = jr_get(r, it, "value");
		static const char *const kinds[] = {"str", "int", "bool", "env", "file", "list"};
		int k = 0;
		while (k < 6 && strcmp(kinds[k], kind) != 0)
			k++;
		if (k == 6) {
			jr_fail(r, "option \"%s\": unknown kind \"%s\"", v->name, kind);
			break;
		}
		v->kind = (uint8_t)k;
		if (k == CDC_IRV_INT || k == CDC_IRV_BOOL)
			v->num = jr_int_of(r, val, v->name, INT64_MIN / 2, INT64_MAX / 2);
		else if (k == CDC_IRV_LIST) {
			v->nlist = jr_array(r, val, v->name);
			v->list = cdc_arena_zalloc(r->a, (size_t)(v->nlist + 1) * sizeof *v->list);
			for (int i = 0; i < v->nlist; i++)
				v->list[i] = jr_str_of(r, cJSON_GetArrayItem(val, i), v->name, false);
		} else
			v->str = jr_str_of(r, val, v->name, false);
	}
	return out;
}

static cdc_ir_col *
jr_cols(jr *r, const cJSON *o, const char *key, int *n)
{
	const cJSON *arr = jr_get(r, o, key);
	*n = arr ? jr_array(r, arr, key) : 0;
	cdc_ir_col *c = cdc_arena_zalloc(r->a, (size_t)(*n + 1) * sizeof *c);
	for (int i = 0; i < *n && !r->bad; i++) {
		const cJSON *it = cJSON_GetArrayItem(arr, i);
		c[i].name = jr_str(r, it, "name", false);
		const cJSON *t = jr_get(r, it, "type");
		if (t)
			c[i].type = jr_type(r, t);
		c[i].not_null = jr_bool(r, it, "not_null");
		const cJSON *origin = cJSON_GetObjectItemCaseSensitive(it, "origin");
		c[i].origin = origin ? jr_str_of(r, origin, "\"origin\"", false) : NULL;
		c[i].line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
	}
	return c;
}

static int *
jr_ints(jr *r, const cJSON *o, const char *key, int *n, int hi)
{
	const cJSON *arr = jr_get(r, o, key);
	*n = arr ? jr_array(r, arr, key) : 0;
	int *v = cdc_arena_zalloc(r->a, (size_t)(*n + 1) * sizeof *v);
	for (int i = 0; i < *n; i++)
		v[i] = (int)jr_int_of(r, cJSON_GetArrayItem(arr, i), key, 0, hi - 1);
	return v;
}

static uint64_t *
jr_sets(jr *r, const cJSON *o, const char *key, uint32_t n, uint16_t words)
{
	const cJSON *arr = jr_get(r, o, key);
	uint64_t *sets = cdc_arena_zalloc(r->a, ((size_t)n + 1) * words * sizeof *sets);
	if (!arr || jr_array(r, arr, key) != (int)n) {
		jr_fail(r, "\"%s\" has the wrong length", key);
		return sets;
	}
	for (uint32_t i = 0; i < n; i++) {
		const cJSON *s = cJSON_GetArrayItem(arr, (int)i);
		if (!cJSON_IsString(s) || strlen(s->valuestring) != (size_t)words * 16 ||
		    strspn(s->valuestring, "0123456789abcdef") != (size_t)words * 16) {
			jr_fail(r, "\"%s\": a set is %u word%s of 16 lower-case hex digits", key, words, words == 1 ? "" : "s");
			return sets;
		}
		for (uint16_t k = 0; k < words; k++) {
			char hex[17];
			memcpy(hex, s->valuestring + (size_t)k * 16, 16);
			hex[16] = '\0';
			char *end;
			sets[(size_t)i * words + k] = strtoull(hex, &end, 16);
			if (*end)
				jr_fail(r, "\"%s\": not hexadecimal", key);
		}
	}
	return sets;
}

static cdc_program *
jr_program(jr *r, const cJSON *o, int ncols)
{
	cdc_program *p = cdc_arena_zalloc(r->a, sizeof *p);
	p->nregs = (uint16_t)jr_int(r, o, "registers", 1, 65535);
	p->ninputs = (uint16_t)jr_int(r, o, "inputs", 0, 65535);
	/* optional: without a prologue every change loads the constants itself */
	const cJSON *entry = cJSON_GetObjectItemCaseSensitive(o, "entry");
	p->entry = entry ? (uint32_t)jr_int_of(r, entry, "\"entry\"", 0, UINT32_MAX) : 0;
	const cJSON *code = jr_get(r, o, "code"), *it;
	p->ncode = (uint32_t)(code ? jr_array(r, code, "\"code\"") : 0);
	p->code = cdc_arena_zalloc(r->a, ((size_t)p->ncode + 1) * sizeof *p->code);
	uint32_t i = 0;
	cJSON_ArrayForEach(it, code) {
		if (r->bad)
			return NULL;
		if (jr_array(r, it, "an instruction") != 6) {
			jr_fail(r, "instruction %u is not [op, a, b, c, d, line]", i);
			return NULL;
		}
		const cJSON *op = cJSON_GetArrayItem(it, 0);
		int opc = cJSON_IsString(op) ? cdc_op_find(op->valuestring) : -1;
		if (opc < 0) {
			jr_fail(r, "instruction %u: unknown opcode %s", i, cJSON_IsString(op) ? op->valuestring : "");
			return NULL;
		}
		cdc_instr *in = &p->code[i++];
		in->op = (uint8_t)opc;
		in->a = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(it, 1), "an operand", 0, 65535);
		in->b = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(it, 2), "an operand", 0, 65535);
		in->c = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(it, 3), "an operand", 0, 65535);
		in->d = (int32_t)jr_int_of(r, cJSON_GetArrayItem(it, 4), "an operand", INT32_MIN, INT32_MAX);
		in->line = (uint32_t)jr_int_of(r, cJSON_GetArrayItem(it, 5), "a line", 0, UINT32_MAX);
	}

	const cJSON *consts = jr_get(r, o, "constants");
	p->nconsts = (uint32_t)(consts ? jr_array(r, consts, "\"constants\"") : 0);
	p->consts = cdc_arena_zalloc(r->a, ((size_t)p->nconsts + 1) * sizeof *p->consts);
	p->const_types = cdc_arena_zalloc(r->a, ((size_t)p->nconsts + 1) * sizeof *p->const_types);
	i = 0;
	cJSON_ArrayForEach(it, consts) {
		if (r->bad || jr_array(r, it, "a constant") != 2) {
			jr_fail(r, "constant %u is not [type, text]", i);
			return NULL;
		}
		p->const_types[i] = jr_type(r, cJSON_GetArrayItem(it, 0));
		const char *text = jr_str_of(r, cJSON_GetArrayItem(it, 1), "a constant", false), *why = NULL;
		if (r->bad)
			return NULL;
		if (!cdc_val_parse(r->a, p->const_types[i], text, strlen(text), &p->consts[i], &why)) {
			jr_fail(r, "constant %u: \"%s\": %s", i, text, why ? why : "invalid");
			return NULL;
		}
		i++;
	}

	const cJSON *casts = jr_get(r, o, "casts");
	p->ncasts = (uint32_t)(casts ? jr_array(r, casts, "\"casts\"") : 0);
	p->casts = cdc_arena_zalloc(r->a, ((size_t)p->ncasts + 1) * sizeof *p->casts);
	i = 0;
	cJSON_ArrayForEach(it, casts) {
		int n = r->bad ? 0 : jr_array(r, it, "a cast");
		if (r->bad || n < 2 || n > 3) {
			jr_fail(r, "cast %u is not [from, to] or [from, to, \"output\"]", i);
			return NULL;
		}
		p->casts[i].from = jr_type(r, cJSON_GetArrayItem(it, 0));
		p->casts[i].to = jr_type(r, cJSON_GetArrayItem(it, 1));
		if (n == 3) {
			const cJSON *m = cJSON_GetArrayItem(it, 2);
			if (!cJSON_IsString(m) || strcmp(m->valuestring, "output") != 0 || p->casts[i].to.id != CDC_TY_TEXT)
				jr_fail(r, "cast %u: the third element is \"output\" (to text)", i);
			p->casts[i].output = 1;
		}
		i++;
	}

	const cJSON *calls = jr_get(r, o, "calls");
	p->ncalls = (uint32_t)(calls ? jr_array(r, calls, "\"calls\"") : 0);
	p->calls = cdc_arena_zalloc(r->a, ((size_t)p->ncalls + 1) * sizeof *p->calls);
	i = 0;
	cJSON_ArrayForEach(it, calls) {
		if (r->bad)
			return NULL;
		cdc_call *c = &p->calls[i++];
		const char *fn = jr_str(r, it, "fn", false), *params = jr_str(r, it, "params", false);
		int n = 0;
		const cdc_builtin *b = cdc_builtin_find(fn, &n);
		int k = 0;
		while (k < n && strcmp(b[k].params_spec, params) != 0)
			k++;
		if (k == n) {
			/* the function or its signature changed since the plan was built */
			jr_fail(r, "function %s(%s) does not exist in this cdcc; rebuild the plan", fn, params);
			return NULL;
		}
		c->fn = (uint16_t)b[k].id;
		c->impl = b[k].impl;
		c->strict = b[k].strict;
		const cJSON *args = jr_get(r, it, "args");
		int na = args ? jr_array(r, args, "\"args\"") : 0;
		if (na > CDC_MAX_CALL_ARGS)
			jr_fail(r, "a call has more than %d arguments", CDC_MAX_CALL_ARGS);
		c->nargs = (uint16_t)na;
		c->args = cdc_arena_zalloc(r->a, ((size_t)na + 1) * sizeof *c->args);
		for (int ai = 0; ai < na && !r->bad; ai++)
			c->args[ai] = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(args, ai), "an argument register", 0, 65535);
		c->present = (uint16_t)jr_int(r, it, "present", 0, 65535);
		const cJSON *t = jr_get(r, it, "result");
		if (t)
			c->result = jr_type(r, t);
	}

	const cJSON *segs = jr_get(r, o, "segments");
	p->nsegments = (uint32_t)(segs ? jr_array(r, segs, "\"segments\"") : 0);
	p->segments = cdc_arena_zalloc(r->a, ((size_t)p->nsegments + 1) * sizeof *p->segments);
	i = 0;
	cJSON_ArrayForEach(it, segs) {
		if (r->bad || jr_array(r, it, "a segment") != 4) {
			jr_fail(r, "segment %u is not [first, kind, index, line]", i);
			return NULL;
		}
		cdc_segment *s = &p->segments[i++];
		s->first = (uint32_t)jr_int_of(r, cJSON_GetArrayItem(it, 0), "a segment start", 0, UINT32_MAX);
		const char *kind = jr_str_of(r, cJSON_GetArrayItem(it, 1), "a segment kind", false);
		s->kind = strcmp(kind, "rule") == 0 ? CDC_SEG_RULE : CDC_SEG_STEP;
		if (strcmp(kind, "rule") && strcmp(kind, "step"))
			jr_fail(r, "segment %u: kind is rule or step", i - 1);
		s->index = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(it, 2), "a segment index", 0, 65535);
		s->line = (uint32_t)jr_int_of(r, cJSON_GetArrayItem(it, 3), "a line", 0, UINT32_MAX);
	}

	const cJSON *rules = jr_get(r, o, "rules");
	p->nrules = (uint32_t)(rules ? jr_array(r, rules, "\"rules\"") : 0);
	p->rules = cdc_arena_zalloc(r->a, ((size_t)p->nrules + 1) * sizeof *p->rules);
	i = 0;
	cJSON_ArrayForEach(it, rules) {
		if (r->bad)
			return NULL;
		cdc_prog_rule *pr = &p->rules[i++];
		pr->name = jr_str(r, it, "name", false);
		const char *action = jr_str(r, it, "action", false);
		int a = 0;
		while (a <= CDC_ACT_WARN && strcmp(cdc_action_name(a), action) != 0)
			a++;
		if (a > CDC_ACT_WARN)
			jr_fail(r, "rule \"%s\": unknown action \"%s\"", pr->name, action);
		pr->action = (uint8_t)a;
		pr->line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
	}

	const cJSON *steps = jr_get(r, o, "steps");
	p->nsteps = (uint32_t)(steps ? jr_array(r, steps, "\"steps\"") : 0);
	p->steps = cdc_arena_zalloc(r->a, ((size_t)p->nsteps + 1) * sizeof *p->steps);
	i = 0;
	cJSON_ArrayForEach(it, steps) {
		if (r->bad)
			return NULL;
		cdc_prog_step *ps = &p->steps[i++];
		const char *kind = jr_str(r, it, "kind", false);
		int k = 0;
		while (k <= CDC_STEP_K_FILTER && strcmp(cdc_stepkind_name(k), kind) != 0)
			k++;
		if (k > CDC_STEP_K_FILTER)
			jr_fail(r, "step %u: unknown kind \"%s\"", i - 1, kind);
		ps->kind = (uint8_t)k;
		ps->column = jr_str(r, it, "column", true);
		ps->line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
	}

	const cJSON *out = jr_get(r, o, "output");
	int nout = out ? jr_array(r, out, "\"output\"") : 0;
	p->nout = (uint16_t)nout;
	p->out = cdc_arena_zalloc(r->a, ((size_t)nout + 1) * sizeof *p->out);
	for (int k = 0; k < nout; k++)
		p->out[k] = (uint16_t)jr_int_of(r, cJSON_GetArrayItem(out, k), "an output register", 0, 65535);

	p->dep_words = (uint16_t)jr_int(r, o, "dep_words", 1, 64);
	p->rule_deps = jr_sets(r, o, "rule_deps", p->nrules, p->dep_words);
	const cJSON *fd = jr_get(r, o, "filter_deps");
	p->nfilters = (uint32_t)(fd ? jr_array(r, fd, "\"filter_deps\"") : 0);
	p->filter_deps = jr_sets(r, o, "filter_deps", p->nfilters, p->dep_words);
	p->out_deps = jr_sets(r, o, "output_deps", p->nout, p->dep_words);
	if (r->bad)
		return NULL;
	char why[256];
	if (!cdc_prog_verify(p, ncols, why, sizeof why)) {
		jr_fail(r, "invalid program: %s", why);
		return NULL;
	}
	return p;
}

static void
jr_route(jr *r, const cJSON *o, cdc_ir_route *out, const cdc_ir *ir, const cdc_ir_table *t)
{
	out->target = (int)jr_int(r, o, "target", 0, ir->ntargets - 1);
	out->schema = jr_str(r, o, "schema", true);
	out->name = jr_str(r, o, "name", false);
	out->append = jr_bool(r, o, "append");
	/* an unknown word is refused, never read as a default: it would change what the
	 * pipeline does to the target */
	const char *del = jr_str(r, o, "deletes", false), *drift = jr_str(r, o, "on_schema_change", false);
	int d = 0;
	while (d <= CDC_IR_DEL_IGNORE && strcmp(cdc_ir_deletes_name(d), del) != 0)
		d++;
	if (d > CDC_IR_DEL_IGNORE)
		jr_fail(r, "route %s: unknown \"deletes\" value \"%s\"", out->name, del);
	out->deletes = (uint8_t)d;
	d = 0;
	while (d <= CDC_IR_DRIFT_FAIL && strcmp(cdc_ir_drift_name(d), drift) != 0)
		d++;
	if (d > CDC_IR_DRIFT_FAIL)
		jr_fail(r, "route %s: unknown \"on_schema_change\" value \"%s\"", out->name, drift);
	out->drift = (uint8_t)d;
	out->key = jr_ints(r, o, "key", &out->nkey, t->nout);
	out->cols = jr_cols(r, o, "columns", &out->ncols);
	out->nout = t->nout;
	/* what the SQL and the runtime index by: the route's columns start with the table's
	 * output row, and a merge has a key */
	if (r->bad)
		return;
	if (out->ncols < t->nout)
		jr_fail(r, "route %s: %d columns, fewer than the table's %d output columns", out->name, out->ncols, t->nout);
	for (int c = 0; c < out->ncols && c < t->nout; c++)
		if (strcmp(out->cols[c].name, t->out[c].name) != 0)
			jr_fail(r, "route %s: column %d is \"%s\", not the output column \"%s\"", out->name, c,
			        out->cols[c].name, t->out[c].name);
	if (!out->append && out->nkey == 0)
		jr_fail(r, "route %s merges without a key", out->name);
	out->soft = (int)jr_int(r, o, "soft", -1, out->ncols - 1);
	out->line = (uint32_t)jr_int(r, o, "line", 0, UINT32_MAX);
	out->opts = jr_opts(r, o);
}

cdc_ir *
cdc_plan_read(cdc_arena *a, const char *text, size_t len, char *why, size_t whylen)
{
	jr R = {a, why, whylen, false, NULL}, *r = &R;
	cJSON *doc = cJSON_ParseWithLength(text, len);
	if (!cJSON_IsObject(doc)) {
		snprintf(why, whylen, "not a plan file (not JSON)");
		cJSON_Delete(doc);
		return NULL;
	}
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc, "cdcc_plan");
	if (!cJSON_IsNumber(ver)) {
		snprintf(why, whylen, "not a plan file (no \"cdcc_plan\" version)");
		cJSON_Delete(doc);
		return NULL;
	}
	if (ver->valuedouble != CDC_PLAN_VERSION) {
		const cJSON *by = cJSON_GetObjectItemCaseSensitive(doc, "cdcc_version");
		snprintf(why, whylen, "plan format version %g (written by cdcc %s); this cdcc %s reads version %d: "
		         "rebuild the plan with this cdcc", ver->valuedouble, cJSON_IsString(by) ? by->valuestring : "?",
		         PACKAGE_VERSION, CDC_PLAN_VERSION);
		cJSON_Delete(doc);
		return NULL;
	}
	cdc_ir *ir = cdc_arena_zalloc(a, sizeof *ir);
	const cJSON *src = jr_get(r, doc, "source");
	if (src) {
		ir->file = jr_str(r, src, "file", false);
		const char *sha = jr_str(r, src, "sha256", false);
		snprintf(ir->sha256, sizeof ir->sha256, "%s", sha);
	}
	ir->pipeline = jr_str(r, doc, "pipeline", false);
	ir->opts = jr_opts(r, doc);

	const cJSON *arr = jr_get(r, doc, "sources"), *it;
	int n = arr ? jr_array(r, arr, "\"sources\"") : 0;
	ir->sources = cdc_arena_zalloc(a, (size_t)(n + 1) * sizeof *ir->sources);
	cJSON_ArrayForEach(it, arr) {
		if (r->bad)
			break;
		cdc_ir_source *s = &ir->sources[ir->nsources++];
		s->name = jr_str(r, it, "name", false);
		s->kind = jr_str(r, it, "kind", false);
		s->schemas = jr_bool(r, it, "schemas");
		s->line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
		s->opts = jr_opts(r, it);
	}
	arr = jr_get(r, doc, "targets");
	n = arr ? jr_array(r, arr, "\"targets\"") : 0;
	ir->targets = cdc_arena_zalloc(a, (size_t)(n + 1) * sizeof *ir->targets);
	cJSON_ArrayForEach(it, arr) {
		if (r->bad)
			break;
		cdc_ir_target *t = &ir->targets[ir->ntargets++];
		t->name = jr_str(r, it, "name", false);
		t->kind = jr_str(r, it, "kind", false);
		t->line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
		t->opts = jr_opts(r, it);
	}
	arr = jr_get(r, doc, "tables");
	n = arr ? jr_array(r, arr, "\"tables\"") : 0;
	ir->tables = cdc_arena_zalloc(a, (size_t)(n + 1) * sizeof *ir->tables);
	cJSON_ArrayForEach(it, arr) {
		if (r->bad)
			break;
		cdc_ir_table *t = &ir->tables[ir->ntables++];
		t->source = (int)jr_int(r, it, "source", 0, ir->nsources - 1);
		t->schema = jr_str(r, it, "schema", true);
		t->name = jr_str(r, it, "name", false);
		t->display = jr_str(r, it, "display", false);
		r->where = cdc_arena_printf(a, "table \"%s\"", t->display);
		t->line = (uint32_t)jr_int(r, it, "line", 0, UINT32_MAX);
		t->cols = jr_cols(r, it, "columns", &t->ncols);
		t->pk = jr_ints(r, it, "primary_key", &t->npk, t->ncols);
		t->out = jr_cols(r, it, "output", &t->nout);
		const cJSON *prog = jr_get(r, it, "program");
		if (prog && !r->bad)
			t->prog = jr_program(r, prog, t->ncols);
		if (!r->bad && t->prog && t->prog->nout != t->nout)
			jr_fail(r, "the program computes %u columns, the table has %d", t->prog->nout, t->nout);
		if (!r->bad && t->prog) {
			cdc_rtype *in = cdc_arena_alloc(a, ((size_t)t->ncols + 1) * sizeof *in);
			cdc_rtype *out = cdc_arena_alloc(a, ((size_t)t->nout + 1) * sizeof *out);
			for (int c = 0; c < t->ncols; c++)
				in[c] = t->cols[c].type;
			for (int c = 0; c < t->nout; c++)
				out[c] = t->out[c].type;
			char tw[256];
			if (!cdc_prog_check_types(t->prog, in, out, tw, sizeof tw))
				jr_fail(r, "invalid program: %s", tw);
		}
		const cJSON *routes = jr_get(r, it, "routes"), *ro;
		int nr = routes ? jr_array(r, routes, "\"routes\"") : 0;
		t->routes = cdc_arena_zalloc(a, (size_t)(nr + 1) * sizeof *t->routes);
		cJSON_ArrayForEach(ro, routes) {
			if (r->bad)
				break;
			jr_route(r, ro, &t->routes[t->nroutes++], ir, t);
		}
		r->where = NULL;
	}
	cJSON_Delete(doc);
	return r->bad ? NULL : ir;
}

/* A pipeline file cannot start with '{', so any text that does is read as a plan (and a
 * broken plan gets the plan reader's message, not a syntax error). */
bool
cdc_plan_sniff(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
		i++;
	return i < len && text[i] == '{';
}

/*
 * compiler/ir.c — lowering the checked model to the IR (see ir.h).
 *
 * The model keeps AST pointers for locations and options as parsed; the IR keeps only
 * what running the pipeline needs: names, resolved types, options as plain values (or
 * references to secrets), per-table programs from codegen, and source lines for
 * explain and run-time messages.
 */
#include "compiler/ir.h"
#include "compiler/codegen.h"
#include "compiler/diag.h"
#include "compiler/fmt.h"
#include "compiler/model.h"
#include "compiler/secrets.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/hash.h"

#include <string.h>

typedef struct lower {
	cdc_arena         *a;
	cdc_diags         *d;
	const cdc_srcfile *f;
	bool               plan;     /* lowering for a plan file: literal credentials are errors */
	bool               failed;
	/* options being collected */
	cdc_ir_opt        *opts;
	int                nopts, opts_cap;
} lower;

static uint32_t
line_at(const lower *l, const cdc_node *n)
{
	uint32_t line = 0, col;
	if (n && l->f)
		cdc_srcfile_linecol(l->f, n->loc.start, &line, &col);
	return line;
}

static cdc_ir_opt *
add_opt(lower *l, const char *prefix, const char *name, cdc_ir_vkind kind)
{
	if (l->nopts == l->opts_cap) {
		int cap = l->opts_cap ? l->opts_cap * 2 : 16;
		cdc_ir_opt *o = cdc_arena_zalloc(l->a, (size_t)cap * sizeof *o);
		if (l->nopts)
			memcpy(o, l->opts, (size_t)l->nopts * sizeof *o);
		l->opts = o;
		l->opts_cap = cap;
	}
	cdc_ir_opt *o = &l->opts[l->nopts++];
	memset(o, 0, sizeof *o);
	o->name = prefix ? cdc_arena_printf(l->a, "%s.%s", prefix, name) : name;
	o->kind = (uint8_t)kind;
	return o;
}

static void
names_list(lower *l, cdc_ir_opt *o, const cdc_node *names, bool paths)
{
	o->nlist = (int)cdc_ast_list_len(names);
	o->list = cdc_arena_zalloc(l->a, (size_t)(o->nlist + 1) * sizeof *o->list);
	int i = 0;
	for (const cdc_node *n = names; n; n = n->next)
		o->list[i++] = paths ? cdc_ast_path_text(l->a, n) : n->key;
}

/* A string option that may hold a credential: a reference is kept, a literal is kept
 * only when it holds none. */
static void
secret_opt(lower *l, const char *prefix, const cdc_optval *v)
{
	switch (v->secret) {
	case CDC_SECRET_ENV:
		add_opt(l, prefix, v->def->name, CDC_IRV_ENV)->str = v->str;
		return;
	case CDC_SECRET_FILE:
		add_opt(l, prefix, v->def->name, CDC_IRV_FILE)->str = v->str;
		return;
	default:
		break;
	}
	cdc_secret_found found = cdc_secret_scan(v->str);
	if (found != CDC_FOUND_NONE && !l->plan) {
		/* in memory (test, eval, explain of a .cdc) the value is not needed: hide it */
		add_opt(l, prefix, v->def->name, CDC_IRV_STR)->str = "(a credential written in the file; not shown)";
		return;
	}
	if (found != CDC_FOUND_NONE) {
		cdc_diag *g = cdc_diag_report(l->d, CDC_E0901, v->value->loc, "the plan would contain %s written in option \"%s\"",
		                              found == CDC_FOUND_PASSWORD ? "a password" : "an AWS access key", v->def->name);
		if (v->def->vkind == CDC_V_LITERAL)
			cdc_diag_help(g, "take the credential out of the text");
		else
			cdc_diag_help(g, "write %s = env(\"NAME\") and set NAME where the pipeline runs", v->def->name);
		l->failed = true;
		return;
	}
	add_opt(l, prefix, v->def->name, CDC_IRV_STR)->str = v->str;
}

/* Options of one block, in the order of options.def (so plans are deterministic). */
static void
lower_opts(lower *l, const cdc_optval *const *opts, const char *prefix)
{
	for (int id = 0; id < CDC_OPT_COUNT; id++) {
		const cdc_optval *v = opts[id];
		if (!v)
			continue;
		const char *name = v->def->name;
		switch (v->def->vkind) {
		case CDC_V_STRING:
			if (v->secret == CDC_SECRET_ENV)
				add_opt(l, prefix, name, CDC_IRV_ENV)->str = v->str;
			else
				secret_opt(l, prefix, v);
			break;
		case CDC_V_ENUM:
			add_opt(l, prefix, name, CDC_IRV_STR)->str = v->str;
			break;
		case CDC_V_LITERAL:
		case CDC_V_SECRET:
			secret_opt(l, prefix, v);
			break;
		case CDC_V_INT:
		case CDC_V_DURATION:
		case CDC_V_DURATION_OFF:
		case CDC_V_SIZE:
			add_opt(l, prefix, name, CDC_IRV_INT)->num = v->num;
			break;
		case CDC_V_BOOL:
			add_opt(l, prefix, name, CDC_IRV_BOOL)->num = v->flag;
			break;
		case CDC_V_TABLES:
			names_list(l, add_opt(l, prefix, name, CDC_IRV_LIST), v->names, true);
			break;
		case CDC_V_COLUMNS:
		case CDC_V_COLUMN:
			names_list(l, add_opt(l, prefix, name, CDC_IRV_LIST), v->names, false);
			break;
		case CDC_V_SORTKEY:
			names_list(l, add_opt(l, prefix, name, CDC_IRV_LIST), v->names, false);
			add_opt(l, prefix, "sortkey_style", CDC_IRV_STR)->str =
				v->sub == CDC_SORT_INTERLEAVED ? "interleaved" : "compound";
			break;
		case CDC_V_DELETES:
			break;   /* the route's own fields */
		case CDC_V_STAGING:
			add_opt(l, prefix, name, CDC_IRV_STR)->str = v->str;
			lower_opts(l, (const cdc_optval *const *)v->nested,
			           prefix ? cdc_arena_printf(l->a, "%s.%s", prefix, name) : name);
			break;
		case CDC_V_ENCODE: {
			/* column, encoding, column, encoding, ... */
			cdc_ir_opt *o = add_opt(l, prefix, name, CDC_IRV_LIST);
			o->nlist = 2 * (int)cdc_ast_list_len(v->names);
			o->list = cdc_arena_zalloc(l->a, (size_t)(o->nlist + 1) * sizeof *o->list);
			int k = 0;
			for (const cdc_node *n = v->names; n; n = n->next) {
				o->list[k++] = n->a->key;
				o->list[k++] = n->b->a->key;
			}
			break;
		}
		case CDC_V_BLOCK:
			lower_opts(l, (const cdc_optval *const *)v->nested,
			           prefix ? cdc_arena_printf(l->a, "%s.%s", prefix, name) : name);
			break;
		}
	}
}

/* Whether name is one of the blank-separated words of list. */
static bool
listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static cdc_ir_opts
take_opts(lower *l, const cdc_optval *const *opts, const char *skip)
{
	l->opts = NULL;
	l->nopts = l->opts_cap = 0;
	lower_opts(l, opts, NULL);
	cdc_ir_opts r = {l->opts, l->nopts};
	/* merge keys and deletes are the route's fields, not options */
	if (skip) {
		int k = 0;
		for (int i = 0; i < r.n; i++)
			if (!listed(skip, r.v[i].name))
				r.v[k++] = r.v[i];
		r.n = k;
	}
	return r;
}

static void
lower_cols(lower *l, const cdc_column *in, int n, cdc_ir_col **out, bool origins)
{
	cdc_ir_col *c = cdc_arena_zalloc(l->a, (size_t)(n + 1) * sizeof *c);
	for (int i = 0; i < n; i++) {
		c[i].name = in[i].name;
		c[i].type = cdc_cg_rtype(in[i].type);
		c[i].not_null = in[i].not_null;
		c[i].line = line_at(l, in[i].decl);
		if (origins && in[i].decl && in[i].decl->kind == CDC_N_ASSIGN) {
			cdc_buf b = CDC_BUF_INIT;
			cdc_fmt_expr(&b, in[i].decl->b);
			c[i].origin = cdc_arena_strdup(l->a, cdc_buf_str(&b));
			cdc_buf_free(&b);
		}
	}
	*out = c;
}

static int
index_of(void *const *arr, int n, const void *p)
{
	for (int i = 0; i < n; i++)
		if (arr[i] == p)
			return i;
	return -1;
}

static void
lower_route(lower *l, const cdc_model *m, const cdc_route *r, cdc_ir_route *out)
{
	out->target = index_of((void *const *)m->targets, m->ntargets, r->target);
	out->schema = r->schema;
	out->name = r->name;
	out->append = r->append;
	out->deletes = (uint8_t)(r->deletes == CDC_DELETES_SOFT ? CDC_IR_DEL_SOFT
	                         : r->deletes == CDC_DELETES_IGNORE ? CDC_IR_DEL_IGNORE : CDC_IR_DEL_HARD);
	const cdc_optval *drift = r->opts[CDC_OPT_MRG_ON_SCHEMA_CHANGE];
	out->drift = (uint8_t)(!drift ? CDC_IR_DRIFT_ADD : strcmp(drift->str, "fail") == 0 ? CDC_IR_DRIFT_FAIL
	                       : strcmp(drift->str, "ignore") == 0 ? CDC_IR_DRIFT_IGNORE : CDC_IR_DRIFT_ADD);
	out->nkey = r->nkey;
	out->key = cdc_arena_zalloc(l->a, (size_t)(r->nkey + 1) * sizeof *out->key);
	if (r->nkey)
		memcpy(out->key, r->key, (size_t)r->nkey * sizeof *out->key);
	lower_cols(l, r->cols, r->ncols, &out->cols, true);
	out->ncols = r->ncols;
	out->nout = r->table->nout;
	/* a history row of a delete carries the key only, and one of an update leaves out the
	 * columns the source did not send: in an append table only the key is never NULL */
	for (int i = 0; r->append && i < r->ncols; i++) {
		bool key = false;
		for (int k = 0; k < r->nkey; k++)
			key |= r->key[k] == i;
		/* the source's primary key, passed through, is in every change */
		bool assigned = r->cols[i].decl && r->cols[i].decl->kind == CDC_N_ASSIGN;
		for (int k = 0; k < r->table->npk && !assigned; k++)
			key |= strcmp(r->table->cols[r->table->pk[k]].name, r->cols[i].name) == 0;
		if (!key)
			out->cols[i].not_null = false;
	}
	out->soft = -1;
	if (r->deletes == CDC_DELETES_SOFT && r->soft_column)
		for (int i = 0; i < r->ncols; i++)
			if (strcmp(r->cols[i].name, r->soft_column) == 0)
				out->soft = i;
	out->opts = take_opts(l, (const cdc_optval *const *)r->opts, "key deletes mode exclude on_schema_change");
	out->line = line_at(l, r->decl);
}

/* The loader's checks, on what codegen made: a failure is a compiler bug, reported as
 * one rather than left for the runtime to find. */
static void
self_check(lower *l, const cdc_ir_table *t)
{
	char why[256];
	cdc_rtype *in = cdc_arena_alloc(l->a, ((size_t)t->ncols + 1) * sizeof *in);
	cdc_rtype *out = cdc_arena_alloc(l->a, ((size_t)t->nout + 1) * sizeof *out);
	for (int c = 0; c < t->ncols; c++)
		in[c] = t->cols[c].type;
	for (int c = 0; c < t->nout; c++)
		out[c] = t->out[c].type;
	if (cdc_prog_verify(t->prog, t->ncols, why, sizeof why) && cdc_prog_check_types(t->prog, in, out, why, sizeof why))
		return;
	cdc_diag_report(l->d, CDC_E0109, (cdc_loc){0, 0}, "internal error: the program of \"%s\" is invalid: %s",
	                t->display, why);
	l->failed = true;
}

cdc_ir *
cdc_ir_lower(cdc_arena *a, cdc_diags *d, const cdc_model *m, const char *text, size_t len, bool plan)
{
	lower L = {a, d, cdc_diag_file(d), plan, false, NULL, 0, 0}, *l = &L;
	cdc_ir *ir = cdc_arena_zalloc(a, sizeof *ir);
	ir->pipeline = m->name;
	const char *path = l->f ? l->f->path : "-", *slash = strrchr(path, '/');
	ir->file = slash ? slash + 1 : path;
	cdc_hash_sha2_hex(256, text, len, ir->sha256);
	ir->opts = take_opts(l, (const cdc_optval *const *)m->opts, "schema_lock");

	ir->sources = cdc_arena_zalloc(a, (size_t)(m->nsources + 1) * sizeof *ir->sources);
	for (int i = 0; i < m->nsources; i++) {
		const cdc_source *s = m->sources[i];
		cdc_ir_source *o = &ir->sources[ir->nsources++];
		o->name = s->name;
		o->kind = s->kind->name;
		o->schemas = s->schemas;
		o->opts = take_opts(l, (const cdc_optval *const *)s->opts, NULL);
		o->line = line_at(l, s->decl);
	}
	ir->targets = cdc_arena_zalloc(a, (size_t)(m->ntargets + 1) * sizeof *ir->targets);
	for (int i = 0; i < m->ntargets; i++) {
		const cdc_target *t = m->targets[i];
		cdc_ir_target *o = &ir->targets[ir->ntargets++];
		o->name = t->name;
		o->kind = t->kind->name;
		o->opts = take_opts(l, (const cdc_optval *const *)t->opts, NULL);
		o->line = line_at(l, t->decl);
	}
	ir->tables = cdc_arena_zalloc(a, (size_t)(m->ntables + 1) * sizeof *ir->tables);
	for (int i = 0; i < m->ntables; i++) {
		const cdc_table *t = m->tables[i];
		if (!t->captured)
			continue;
		cdc_ir_table *o = &ir->tables[ir->ntables++];
		o->source = index_of((void *const *)m->sources, m->nsources, t->source);
		o->schema = t->schema;
		o->name = t->name;
		o->display = t->display;
		lower_cols(l, t->cols, t->ncols, &o->cols, false);
		o->ncols = t->ncols;
		o->npk = t->npk;
		o->pk = cdc_arena_zalloc(a, (size_t)(t->npk + 1) * sizeof *o->pk);
		if (t->npk)
			memcpy(o->pk, t->pk, (size_t)t->npk * sizeof *o->pk);
		lower_cols(l, t->out, t->nout, &o->out, true);
		o->nout = t->nout;
		o->line = line_at(l, t->decl);
		o->prog = cdc_cg_table(a, d, t);
		if (!o->prog)
			l->failed = true;
		else
			self_check(l, o);
		o->routes = cdc_arena_zalloc(a, (size_t)(t->nroutes + 1) * sizeof *o->routes);
		for (int k = 0; k < t->nroutes; k++)
			lower_route(l, m, t->routes[k], &o->routes[o->nroutes++]);
	}
	return l->failed ? NULL : ir;
}

const cdc_ir_table *
cdc_ir_find_table(const cdc_ir *ir, const char *display)
{
	for (int i = 0; i < ir->ntables; i++)
		if (strcmp(ir->tables[i].display, display) == 0)
			return &ir->tables[i];
	return NULL;
}

const cdc_ir_opt *
cdc_ir_opt_get(const cdc_ir_opts *o, const char *name)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->v[i].name, name) == 0)
			return &o->v[i];
	return NULL;
}

const char *
cdc_ir_route_display(cdc_arena *a, const cdc_ir *ir, const cdc_ir_route *r)
{
	const char *t = ir->targets[r->target].name;
	return r->schema ? cdc_arena_printf(a, "%s.%s.%s", t, r->schema, r->name)
	                 : cdc_arena_printf(a, "%s.%s", t, r->name);
}

const char *
cdc_ir_deletes_name(int d)
{
	return d == CDC_IR_DEL_SOFT ? "soft" : d == CDC_IR_DEL_IGNORE ? "ignore" : "hard";
}

const char *
cdc_ir_drift_name(int d)
{
	return d == CDC_IR_DRIFT_FAIL ? "fail" : d == CDC_IR_DRIFT_IGNORE ? "ignore" : "add";
}

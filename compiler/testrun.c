/*
 * compiler/testrun.c — `cdcc test` (see testrun.h).
 *
 * Test data is tiny, so the in-memory targets are plain arrays searched linearly; what
 * matters here is that the semantics are the runtime's: the stage is the runtime's own,
 * and the merge emulation follows docs/language.md section 12 line by line.
 */
#include "compiler/testrun.h"
#include "compiler/codegen.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/change.h"
#include "runtime/stage.h"
#include "runtime/typeids.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* 2024-01-01 00:00:00 UTC in microseconds since 2000-01-01: test changes commit one
 * second apart from here, so commit_time() is deterministic. */
#define TEST_EPOCH (INT64_C(8766) * INT64_C(86400000000))

typedef struct rows {
	cdc_value **v;
	int         n, cap;
} rows;

typedef struct troute {
	const cdc_ir_table *t;
	const cdc_ir_route *r;
	const cdc_route    *mr;      /* the model's, for column types */
	rows                rows;
} troute;

typedef struct tquar {
	const cdc_ir_table *t;
	const char         *rule;
	const char         *reason;
	const char         *where;
	cdc_value          *row;
} tquar;

typedef struct timage {
	const cdc_ir_table *t;
	rows                rows;    /* the source table's rows as the test's changes left them */
} timage;

typedef struct trun {
	cdc_arena         *a;        /* per test */
	const cdc_testrun_opts *o;
	const cdc_model   *m;
	const cdc_ir      *ir;
	const cdc_srcfile *src;
	FILE              *out;
	troute            *routes;
	int                nroutes;
	timage            *images;
	cdc_stage         *stages;   /* per IR table, initialised on first use */
	bool              *staged;
	tquar             *quar;
	int                nquar, quar_cap;
	const char        *failed_rule;   /* the pipeline stopped on this rule ... */
	const cdc_ir_table *failed_table;
	const char        *failed_where;  /* ... at this change */
	const char        *failed_reason;
	cdc_buf            notes;    /* what happened to changes that were not applied */
	cdc_buf            diff;     /* why the test failed */
	int64_t            seq;      /* changes so far */
	bool               broken;   /* a problem running the test (unreadable data, ...) */
} trun;

static void
push(trun *tr, rows *r, cdc_value *v)
{
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 8;
		cdc_value **nv = cdc_arena_alloc(tr->a, (size_t)cap * sizeof *nv);
		if (r->n)
			memcpy(nv, r->v, (size_t)r->n * sizeof *nv);
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n++] = v;
}

static void
remove_at(rows *r, int i)
{
	memmove(&r->v[i], &r->v[i + 1], (size_t)(r->n - i - 1) * sizeof *r->v);
	r->n--;
}

static bool
is_null(cdc_value v)
{
	return v.tag == CDC_VAL_NULL || v.tag == CDC_VAL_UNCHANGED;
}

/* SQL equality of two values of one column (NULL equals NULL here: rows are compared). */
static bool
same(cdc_value a, cdc_value b)
{
	if (is_null(a) || is_null(b))
		return is_null(a) && is_null(b);
	return cdc_val_cmp(a, b) == 0;
}

/* A value as a literal in the language: NULL, TRUE, 42, 10.50, 'text'. */
static void
put_literal(cdc_buf *b, cdc_value v, cdc_rtype t)
{
	if (v.tag == CDC_VAL_NULL || v.tag == CDC_VAL_UNCHANGED) {
		cdc_buf_puts(b, "NULL");
		return;
	}
	if (v.tag == CDC_VAL_BOOL) {
		cdc_buf_puts(b, v.u.i ? "TRUE" : "FALSE");
		return;
	}
	cdc_buf text = CDC_BUF_INIT;
	cdc_val_format(v, t, &text);
	bool bare = v.tag == CDC_VAL_INT || ((v.tag == CDC_VAL_NUM || v.tag == CDC_VAL_FLOAT) &&
	                                     !strchr(cdc_buf_str(&text), 'N') && !strchr(cdc_buf_str(&text), 'I'));
	if (bare) {
		cdc_buf_put(b, text.data, text.len);
	} else {
		cdc_buf_putc(b, '\'');
		for (size_t i = 0; i < text.len; i++) {
			if (text.data[i] == '\'')
				cdc_buf_putc(b, '\'');
			cdc_buf_putc(b, text.data[i]);
		}
		cdc_buf_putc(b, '\'');
	}
	cdc_buf_free(&text);
}

/* A rule or test name as it is written in a test: bare when it is a plain name,
 * otherwise quoted ("qty > 0", "say ""hi"""). */
static void
put_name(cdc_buf *b, const char *name)
{
	bool plain = (*name >= 'a' && *name <= 'z') || *name == '_';
	for (const char *p = name; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
	if (plain && !cdc_lex_is_reserved(name)) {
		cdc_buf_puts(b, name);
		return;
	}
	cdc_buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			cdc_buf_putc(b, '"');
		cdc_buf_putc(b, *p);
	}
	cdc_buf_putc(b, '"');
}

/* put_name into the test's arena, for messages. */
static const char *
name_text(trun *tr, const char *name)
{
	cdc_buf b = CDC_BUF_INIT;
	put_name(&b, name);
	const char *r = cdc_arena_strdup(tr->a, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

static void
put_row(cdc_buf *b, const cdc_ir_col *cols, int n, const cdc_value *v)
{
	cdc_buf_puts(b, "{ ");
	for (int i = 0; i < n; i++) {
		cdc_buf_printf(b, "%s%s = ", i ? ", " : "", cols[i].name);
		put_literal(b, v[i], cols[i].type);
	}
	cdc_buf_puts(b, " }");
}

static uint32_t
line_of(const trun *tr, const cdc_node *n)
{
	uint32_t line = 0, col;
	if (n && tr->src)
		cdc_srcfile_linecol(tr->src, n->loc.start, &line, &col);
	return line;
}

static const char *
where_of(const trun *tr, const cdc_node *n)
{
	const char *path = tr->src ? tr->src->path : "-";
	return cdc_arena_printf(tr->a, "%s:%u", path, line_of(tr, n));
}

static void
note(trun *tr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(trun *tr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cdc_buf_puts(&tr->notes, "    note: ");
	cdc_buf_vprintf(&tr->notes, fmt, ap);
	cdc_buf_putc(&tr->notes, '\n');
	va_end(ap);
}

static int
table_index(const trun *tr, const cdc_ir_table *t)
{
	return (int)(t - tr->ir->tables);
}

/* ---- applying a change -------------------------------------------------------------- */

/* The row of the in-memory source table with the key of `row`, or -1. */
static int
image_find(const timage *im, const cdc_value *row)
{
	const cdc_ir_table *t = im->t;
	if (t->npk == 0)
		return -1;
	for (int i = 0; i < im->rows.n; i++) {
		bool eq = true;
		for (int k = 0; k < t->npk && eq; k++)
			eq = !is_null(row[t->pk[k]]) && same(im->rows.v[i][t->pk[k]], row[t->pk[k]]);
		if (eq)
			return i;
	}
	return -1;
}

/* The route row with the key of `out`, or -1 (a NULL key never matches, as in SQL). */
static int
route_find(const troute *tr, const cdc_value *out)
{
	const cdc_ir_route *r = tr->r;
	for (int k = 0; k < r->nkey; k++)
		if (is_null(out[r->key[k]]))
			return -1;
	for (int i = 0; i < tr->rows.n; i++) {
		bool eq = true;
		for (int k = 0; k < r->nkey && eq; k++)
			eq = same(tr->rows.v[i][r->key[k]], out[r->key[k]]);
		if (eq)
			return i;
	}
	return -1;
}

static void
apply_route(trun *run, troute *tr, int op, const cdc_value *out)
{
	const cdc_ir_route *r = tr->r;
	const cdc_ir_table *t = tr->t;
	const cdc_program *p = t->prog;
	if (r->append) {
		cdc_value *row = cdc_arena_alloc(run->a, ((size_t)r->ncols + 1) * sizeof *row);
		for (int c = 0; c < r->ncols; c++)
			row[c] = c < t->nout && out[c].tag != CDC_VAL_UNCHANGED ? out[c] : cdc_val_null();
		push(run, &tr->rows, row);
		return;
	}
	int at = route_find(tr, out);
	if (op == CDC_EVOP_DELETE) {
		if (at < 0 || r->deletes == CDC_IR_DEL_IGNORE)
			return;
		if (r->deletes == CDC_IR_DEL_HARD) {
			remove_at(&tr->rows, at);
			return;
		}
		/* soft: the flag, and the columns computed from the change event alone */
		cdc_value *row = tr->rows.v[at];
		for (int c = 0; c < t->nout; c++) {
			bool reads = false;
			for (uint16_t w = 0; w < p->dep_words; w++)
				reads |= p->out_deps[(size_t)c * p->dep_words + w] != 0;
			if (!reads && out[c].tag != CDC_VAL_UNCHANGED && t->out[c].origin)
				row[c] = out[c];
		}
		if (r->soft >= 0)
			row[r->soft] = cdc_val_bool(true);
		return;
	}
	cdc_value *row;
	if (at < 0) {
		row = cdc_arena_alloc(run->a, ((size_t)r->ncols + 1) * sizeof *row);
		for (int c = 0; c < r->ncols; c++)
			row[c] = cdc_val_null();
		push(run, &tr->rows, row);
	} else {
		row = tr->rows.v[at];
	}
	for (int c = 0; c < t->nout; c++)
		if (out[c].tag != CDC_VAL_UNCHANGED)
			row[c] = out[c];
	if (r->soft >= t->nout)   /* the flag is the route's own column: a write undeletes */
		row[r->soft] = cdc_val_bool(false);
}

static const char *
test_env(void *data, const char *name)
{
	trun *tr = data;
	size_t n = strlen(name);
	for (int i = 0; i < tr->o->nenv; i++)
		if (strncmp(tr->o->env[i], name, n) == 0 && tr->o->env[i][n] == '=')
			return tr->o->env[i] + n + 1;
	return cdc_arena_printf(tr->a, "cdcc-test-%s", name);
}

/* One change of table t: fills the row from the source image as the source would send
 * it, runs the stage, applies or records the outcome. */
static void
run_change(trun *tr, const cdc_ir_table *t, int op, cdc_value *row, const cdc_value *before_given,
           const char *where, const cdc_change *meta)
{
	int ti = table_index(tr, t);
	timage *im = &tr->images[ti];
	int at = image_find(im, row);
	cdc_value *prior = at >= 0 ? im->rows.v[at] : NULL;
	for (int c = 0; c < t->ncols; c++) {
		if (row[c].tag != CDC_VAL_UNCHANGED)
			continue;
		if (op == CDC_EVOP_INSERT || op == CDC_EVOP_SNAPSHOT)
			row[c] = cdc_val_null();          /* a new row: what is not given is NULL */
		else if (op == CDC_EVOP_UPDATE && prior)
			row[c] = prior[c];                /* the source sends the whole new row */
	}
	/* the before image is the row as it was: copy it before the change updates it */
	const cdc_value *before = before_given;
	if (!before && prior) {
		cdc_value *copy = cdc_arena_alloc(tr->a, ((size_t)t->ncols + 1) * sizeof *copy);
		memcpy(copy, prior, (size_t)t->ncols * sizeof *copy);
		before = copy;
	}
	/* the source table as the changes leave it */
	if (op == CDC_EVOP_DELETE) {
		if (at >= 0)
			remove_at(&im->rows, at);
	} else if (at >= 0) {
		for (int c = 0; c < t->ncols; c++)
			if (row[c].tag != CDC_VAL_UNCHANGED)
				prior[c] = row[c];
	} else {
		cdc_value *copy = cdc_arena_alloc(tr->a, ((size_t)t->ncols + 1) * sizeof *copy);
		memcpy(copy, row, (size_t)t->ncols * sizeof *copy);
		push(tr, &im->rows, copy);
	}

	if (!tr->staged[ti]) {
		cdc_stage_init(&tr->stages[ti], t, tr->a);
		tr->stages[ti].vm.env = test_env;
		tr->stages[ti].vm.env_data = tr;
		tr->staged[ti] = true;
	}
	cdc_stage *st = &tr->stages[ti];
	tr->seq++;
	cdc_event_info ev = {0};
	ev.op = op;
	ev.commit_time = meta && meta->has_commit_time ? meta->commit_time : TEST_EPOCH + tr->seq * INT64_C(1000000);
	ev.position = meta && meta->position ? meta->position : where;
	ev.table = t->schema ? cdc_arena_printf(tr->a, "%s.%s", t->schema, t->name) : t->name;
	ev.txid = meta && meta->has_txid ? meta->txid : tr->seq;
	ev.has_txid = true;
	ev.before = before;
	ev.now = ev.commit_time;
	cdc_fate f = cdc_stage_run(st, &ev, row);
	switch (f) {
	case CDC_FATE_APPLY:
		for (int i = 0; i < tr->nroutes; i++)
			if (tr->routes[i].t == t) {
				cdc_value *out = cdc_arena_alloc(tr->a, ((size_t)t->nout + 1) * sizeof *out);
				memcpy(out, st->out, (size_t)t->nout * sizeof *out);
				apply_route(tr, &tr->routes[i], op, out);
			}
		break;
	case CDC_FATE_FILTER:
		note(tr, "%s: %s of %s filtered out", where, cdc_evop_name(op), t->display);
		break;
	case CDC_FATE_DROP:
		note(tr, "%s: %s of %s dropped by rule %s", where, cdc_evop_name(op), t->display,
		     name_text(tr, cdc_stage_rule_name(st)));
		break;
	case CDC_FATE_QUARANTINE: {
		if (tr->nquar == tr->quar_cap) {
			int cap = tr->quar_cap ? tr->quar_cap * 2 : 8;
			tquar *q = cdc_arena_alloc(tr->a, (size_t)cap * sizeof *q);
			if (tr->nquar)
				memcpy(q, tr->quar, (size_t)tr->nquar * sizeof *q);
			tr->quar = q;
			tr->quar_cap = cap;
		}
		tquar *q = &tr->quar[tr->nquar++];
		q->t = t;
		q->rule = cdc_arena_strdup(tr->a, cdc_stage_rule_name(st));
		q->reason = cdc_arena_strdup(tr->a, st->reason ? st->reason : "");
		q->where = where;
		q->row = cdc_arena_alloc(tr->a, ((size_t)t->ncols + 1) * sizeof *q->row);
		memcpy(q->row, row, (size_t)t->ncols * sizeof *q->row);
		note(tr, "%s: %s of %s quarantined by rule %s (%s)", where, cdc_evop_name(op), t->display, name_text(tr, q->rule),
		     q->reason);
		break;
	}
	case CDC_FATE_FAIL:
		tr->failed_rule = cdc_arena_strdup(tr->a, cdc_stage_rule_name(st));
		tr->failed_table = t;
		tr->failed_where = where;
		tr->failed_reason = cdc_arena_strdup(tr->a, st->reason ? st->reason : "");
		note(tr, "%s: the pipeline stopped: %s of %s broke rule %s (%s)", where, cdc_evop_name(op), t->display,
		     name_text(tr, tr->failed_rule), tr->failed_reason);
		break;
	default:
		break;
	}
}

static const cdc_ir_table *
ir_table(const trun *tr, const cdc_table *t)
{
	return t ? cdc_ir_find_table(tr->ir, t->display) : NULL;
}

static void
run_given(trun *tr, const cdc_tgiven *g)
{
	const cdc_ir_table *t = ir_table(tr, g->table);
	if (!t) {
		cdc_buf_printf(&tr->diff, "    %s: table %s is not captured by the pipeline\n", where_of(tr, g->decl),
		               g->table ? g->table->display : "?");
		tr->broken = true;
		return;
	}
	if (g->file) {
		const char *path = g->file[0] == '/' || strcmp(tr->m->dir, ".") == 0 ? g->file
		                 : cdc_arena_printf(tr->a, "%s/%s", tr->m->dir, g->file);
		cdc_srcfile *data = cdc_srcfile_read(tr->a, path);
		if (!data) {
			cdc_buf_printf(&tr->diff, "    %s: cannot read test data \"%s\": %s\n", where_of(tr, g->decl), path,
			               strerror(errno));
			tr->broken = true;
			return;
		}
		for (uint32_t ln = 1; ln <= data->nlines && !tr->failed_rule; ln++) {
			size_t len;
			const char *line = cdc_srcfile_line(data, ln, &len);
			if (cdc_change_line_skipped(line, len))
				continue;
			cdc_change ch;
			char why[512];
			const char *where = cdc_arena_printf(tr->a, "%s:%u", path, ln);
			if (!cdc_change_from_json(tr->a, t->cols, t->ncols, line, len, &ch, why, sizeof why)) {
				cdc_buf_printf(&tr->diff, "    %s: %s: %s\n", where, t->display, why);
				tr->broken = true;
				return;
			}
			run_change(tr, t, ch.op, ch.row, ch.before, where, &ch);
		}
		return;
	}
	for (int i = 0; i < g->nchanges && !tr->failed_rule; i++) {
		const cdc_tchange *c = &g->changes[i];
		cdc_value *row = cdc_arena_alloc(tr->a, ((size_t)t->ncols + 1) * sizeof *row);
		for (int k = 0; k < t->ncols; k++) {
			row[k] = (cdc_value){0};
			row[k].tag = CDC_VAL_UNCHANGED;
		}
		const char *where = where_of(tr, c->decl);
		for (int f = 0; f < c->nfields; f++) {
			char why[256];
			if (!cdc_cg_eval_const(tr->a, c->fields[f].value, g->table->cols[c->fields[f].col].type,
			                       &row[c->fields[f].col], why, sizeof why)) {
				cdc_buf_printf(&tr->diff, "    %s: column \"%s\": %s\n", where, t->cols[c->fields[f].col].name, why);
				tr->broken = true;
				return;
			}
		}
		static const int ops[] = {[CDC_CHG_INSERT] = CDC_EVOP_INSERT, [CDC_CHG_UPDATE] = CDC_EVOP_UPDATE,
		                          [CDC_CHG_DELETE] = CDC_EVOP_DELETE, [CDC_CHG_SNAPSHOT] = CDC_EVOP_SNAPSHOT};
		run_change(tr, t, ops[c->op], row, NULL, where, NULL);
	}
}

/* ---- comparing ------------------------------------------------------------------------ */

typedef struct expected {
	const cdc_node *decl;
	int            *cols;     /* column indexes compared */
	cdc_value      *vals;
	int             n;
	const char     *rule;     /* quarantined rows: the rule */
} expected;

/* Kuhn's augmenting paths: a maximum matching of expected rows to actual rows that they
 * fit, so a row listed loosely does not steal the only match of a stricter one. */
static bool
augment(int e, bool **fits, int nact, int *owner, bool *seen)
{
	for (int a = 0; a < nact; a++) {
		if (!fits[e][a] || seen[a])
			continue;
		seen[a] = true;
		if (owner[a] < 0 || augment(owner[a], fits, nact, owner, seen)) {
			owner[a] = e;
			return true;
		}
	}
	return false;
}

static bool
fits_row(const expected *x, const cdc_value *row)
{
	for (int k = 0; k < x->n; k++)
		if (!same(x->vals[k], row[x->cols[k]]))
			return false;
	return true;
}

/*
 * Compares expected rows with actual rows (of columns cols); writes what differs under
 * `title` into the diff.  `rules` (quarantine) gives each actual row's rule.
 */
static bool
compare(trun *tr, const char *title, expected *exp, int nexp, cdc_value **act, const char *const *rules, int nact,
        const cdc_ir_col *cols, int ncols)
{
	bool **fits = cdc_arena_alloc(tr->a, ((size_t)nexp + 1) * sizeof *fits);
	for (int e = 0; e < nexp; e++) {
		fits[e] = cdc_arena_zalloc(tr->a, (size_t)nact + 1);
		for (int a = 0; a < nact; a++)
			fits[e][a] = fits_row(&exp[e], act[a]) && (!exp[e].rule || strcmp(exp[e].rule, rules[a]) == 0);
	}
	int *owner = cdc_arena_alloc(tr->a, ((size_t)nact + 1) * sizeof *owner);
	for (int a = 0; a < nact; a++)
		owner[a] = -1;
	bool *matched = cdc_arena_zalloc(tr->a, (size_t)nexp + 1);
	bool *seen = cdc_arena_alloc(tr->a, (size_t)nact + 1);
	for (int e = 0; e < nexp; e++) {
		memset(seen, 0, (size_t)nact + 1);
		matched[e] = augment(e, fits, nact, owner, seen);
	}
	bool ok = true;
	size_t mark = tr->diff.len;
	cdc_buf_printf(&tr->diff, "  %s\n", title);
	bool *used = cdc_arena_zalloc(tr->a, (size_t)nact + 1);
	for (int a = 0; a < nact; a++)
		used[a] = owner[a] >= 0;
	for (int e = 0; e < nexp; e++) {
		if (matched[e])
			continue;
		ok = false;
		const expected *x = &exp[e];
		cdc_buf_printf(&tr->diff, "    missing (%s): row ", where_of(tr, x->decl));
		if (x->rule) {
			put_name(&tr->diff, x->rule);
			cdc_buf_putc(&tr->diff, ' ');
		}
		cdc_buf_puts(&tr->diff, "{ ");
		for (int k = 0; k < x->n; k++) {
			cdc_buf_printf(&tr->diff, "%s%s = ", k ? ", " : "", cols[x->cols[k]].name);
			put_literal(&tr->diff, x->vals[k], cols[x->cols[k]].type);
		}
		cdc_buf_puts(&tr->diff, " }\n");
		/* the unmatched actual row that agrees on the most columns, and how it differs */
		int best = -1, best_score = 0;
		for (int a = 0; a < nact; a++) {
			if (used[a])
				continue;
			int score = 0;
			for (int k = 0; k < x->n; k++)
				score += same(x->vals[k], act[a][x->cols[k]]);
			if (score > best_score)
				best = a, best_score = score;
		}
		if (best >= 0) {
			cdc_buf_puts(&tr->diff, "      closest row differs in");
			bool first = true;
			for (int k = 0; k < x->n; k++)
				if (!same(x->vals[k], act[best][x->cols[k]])) {
					cdc_buf_printf(&tr->diff, "%s %s: expected ", first ? "" : ";", cols[x->cols[k]].name);
					put_literal(&tr->diff, x->vals[k], cols[x->cols[k]].type);
					cdc_buf_puts(&tr->diff, ", got ");
					put_literal(&tr->diff, act[best][x->cols[k]], cols[x->cols[k]].type);
					first = false;
				}
			if (x->rule && rules && strcmp(x->rule, rules[best]) != 0) {
				cdc_buf_printf(&tr->diff, "%s rule: expected ", first ? "" : ";");
				put_name(&tr->diff, x->rule);
				cdc_buf_puts(&tr->diff, ", got ");
				put_name(&tr->diff, rules[best]);
			}
			cdc_buf_putc(&tr->diff, '\n');
		}
	}
	for (int a = 0; a < nact; a++) {
		if (used[a])
			continue;
		ok = false;
		cdc_buf_puts(&tr->diff, "    unexpected: row ");
		if (rules) {
			put_name(&tr->diff, rules[a]);
			cdc_buf_putc(&tr->diff, ' ');
		}
		put_row(&tr->diff, cols, ncols, act[a]);
		cdc_buf_putc(&tr->diff, '\n');
	}
	if (ok)
		cdc_buf_truncate(&tr->diff, mark);
	return ok;
}

static bool
expected_rows(trun *tr, const struct cdc_trow *rows_in, int n, const cdc_column *mcols, expected **out)
{
	expected *exp = cdc_arena_zalloc(tr->a, ((size_t)n + 1) * sizeof *exp);
	for (int i = 0; i < n; i++) {
		const struct cdc_trow *r = &rows_in[i];
		exp[i].decl = r->decl;
		exp[i].rule = r->rule_name;
		exp[i].n = r->nfields;
		exp[i].cols = cdc_arena_alloc(tr->a, ((size_t)r->nfields + 1) * sizeof *exp[i].cols);
		exp[i].vals = cdc_arena_alloc(tr->a, ((size_t)r->nfields + 1) * sizeof *exp[i].vals);
		for (int f = 0; f < r->nfields; f++) {
			char why[256];
			exp[i].cols[f] = r->fields[f].col;
			if (!cdc_cg_eval_const(tr->a, r->fields[f].value, mcols[r->fields[f].col].type, &exp[i].vals[f], why,
			                       sizeof why)) {
				cdc_buf_printf(&tr->diff, "    %s: column \"%s\": %s\n", where_of(tr, r->decl), mcols[r->fields[f].col].name,
				               why);
				tr->broken = true;
				return false;
			}
		}
	}
	*out = exp;
	return true;
}

static bool
check_expect(trun *tr, const cdc_texpect *x)
{
	char title[512];
	if (x->kind == CDC_EXP_FAILURE) {
		if (tr->failed_rule && x->rule && strcmp(tr->failed_rule, x->rule->name) == 0 &&
		    tr->failed_table && x->table && strcmp(tr->failed_table->display, x->table->display) == 0)
			return true;
		if (tr->failed_rule)
			cdc_buf_printf(&tr->diff, "  expect failure %s (%s)\n    the pipeline stopped on rule %s of %s at %s\n",
			               x->rule ? name_text(tr, x->rule->name) : "?", where_of(tr, x->decl),
			               name_text(tr, tr->failed_rule), tr->failed_table->display, tr->failed_where);
		else
			cdc_buf_printf(&tr->diff, "  expect failure %s (%s)\n    the pipeline did not stop: no change broke the rule\n",
			               x->rule ? name_text(tr, x->rule->name) : "?", where_of(tr, x->decl));
		return false;
	}
	expected *exp;
	if (x->kind == CDC_EXP_QUARANTINE) {
		const cdc_ir_table *t = ir_table(tr, x->table);
		if (!t || !expected_rows(tr, x->rows, x->nrows, x->table->cols, &exp))
			return false;
		cdc_value **act = cdc_arena_alloc(tr->a, ((size_t)tr->nquar + 1) * sizeof *act);
		const char **rules = cdc_arena_alloc(tr->a, ((size_t)tr->nquar + 1) * sizeof *rules);
		int n = 0;
		for (int i = 0; i < tr->nquar; i++)
			if (tr->quar[i].t == t) {
				act[n] = tr->quar[i].row;
				rules[n++] = tr->quar[i].rule;
			}
		snprintf(title, sizeof title, "expect quarantine %s (%s)", t->display, where_of(tr, x->decl));
		return compare(tr, title, exp, x->nrows, act, rules, n, t->cols, t->ncols);
	}
	const cdc_route *mr = x->route;
	troute *rt = NULL;
	for (int i = 0; i < tr->nroutes; i++)
		if (tr->routes[i].mr == mr)
			rt = &tr->routes[i];
	if (!rt || !expected_rows(tr, x->rows, x->nrows, mr->cols, &exp))
		return false;
	snprintf(title, sizeof title, "expect %s (%s)", mr->display, where_of(tr, x->decl));
	return compare(tr, title, exp, x->nrows, rt->rows.v, NULL, rt->rows.n, rt->r->cols, rt->r->ncols);
}

/* ---- a test ------------------------------------------------------------------------------ */

static bool
run_test(trun *tr, const cdc_test *test)
{
	const cdc_ir *ir = tr->ir;
	tr->images = cdc_arena_zalloc(tr->a, ((size_t)ir->ntables + 1) * sizeof *tr->images);
	tr->stages = cdc_arena_zalloc(tr->a, ((size_t)ir->ntables + 1) * sizeof *tr->stages);
	tr->staged = cdc_arena_zalloc(tr->a, (size_t)ir->ntables + 1);
	for (int i = 0; i < ir->ntables; i++)
		tr->images[i].t = &ir->tables[i];
	/* every route of the model, with its IR counterpart */
	tr->routes = cdc_arena_zalloc(tr->a, ((size_t)tr->m->nroutes + 1) * sizeof *tr->routes);
	tr->nroutes = 0;
	for (int i = 0; i < tr->m->nroutes; i++) {
		const cdc_route *mr = tr->m->routes[i];
		const cdc_ir_table *t = ir_table(tr, mr->table);
		if (!t)
			continue;
		for (int k = 0; k < t->nroutes; k++) {
			const cdc_ir_route *r = &t->routes[k];
			if (strcmp(ir->targets[r->target].name, mr->target->name) == 0 && strcmp(r->name, mr->name) == 0 &&
			    ((!r->schema && !mr->schema) || (r->schema && mr->schema && strcmp(r->schema, mr->schema) == 0))) {
				troute *tro = &tr->routes[tr->nroutes++];
				tro->t = t;
				tro->r = r;
				tro->mr = mr;
				break;
			}
		}
	}
	for (int i = 0; i < test->ngiven && !tr->failed_rule && !tr->broken; i++)
		run_given(tr, &test->given[i]);
	bool ok = !tr->broken, expects_failure = false;
	if (!tr->broken)
		for (int i = 0; i < test->nexpect; i++) {
			expects_failure |= test->expect[i].kind == CDC_EXP_FAILURE;
			ok &= check_expect(tr, &test->expect[i]);
		}
	if (tr->failed_rule && !expects_failure && !tr->broken) {
		cdc_buf_printf(&tr->diff, "  the pipeline stopped at %s: rule %s of %s broke (%s)\n", tr->failed_where,
		               name_text(tr, tr->failed_rule), tr->failed_table->display, tr->failed_reason);
		ok = false;
	}
	for (int i = 0; i < ir->ntables; i++)
		if (tr->staged[i])
			cdc_stage_release(&tr->stages[i]);
	return ok;
}

cdc_testrun_result
cdc_testrun(const cdc_model *m, const cdc_ir *ir, const cdc_srcfile *src, const cdc_testrun_opts *o, FILE *out)
{
	cdc_testrun_result res = {0, 0, 0};
	const char *path = src ? src->path : "-";
	for (int i = 0; i < m->ntests; i++) {
		const cdc_test *test = &m->tests[i];
		if (o->only && strcmp(o->only, test->name) != 0)
			continue;
		trun tr = {0};
		tr.a = cdc_arena_new("test");
		tr.o = o;
		tr.m = m;
		tr.ir = ir;
		tr.src = src;
		tr.out = out;
		bool ok = run_test(&tr, test);
		res.run++;
		if (ok)
			res.passed++;
		else
			res.failed++;
		/* the test's name as written: a string in quotes, a bare name without */
		bool quoted = test->decl && test->decl->b && test->decl->b->kind == CDC_N_V_STRING;
		fprintf(out, quoted ? "%s: test \"%s\" ... %s\n" : "%s: test %s ... %s\n", path, test->name, ok ? "ok" : "FAILED");
		if (!ok || o->verbose) {
			fputs(cdc_buf_str(&tr.diff), out);
			fputs(cdc_buf_str(&tr.notes), out);
		}
		cdc_buf_free(&tr.diff);
		cdc_buf_free(&tr.notes);
		cdc_arena_free(tr.a);
	}
	return res;
}

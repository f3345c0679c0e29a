/*
 * compiler/sema.c — semantic analysis driver: declarations, the schema lock, table
 * blocks, what each source captures, pattern selection, and merge routes.
 *
 * Order of work (each step only reads what earlier steps built):
 *   pipeline -> sources and targets -> schema lock -> table blocks -> capture
 *   -> quality/transform selection -> per-table pipelines -> merge routes -> tests.
 */
#include "compiler/sema_int.h"
#include "compiler/dialect.h"
#include "compiler/pattern.h"
#include "compiler/suggest.h"
#include "runtime/buf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- names and keys --------------------------------------------------------------- */

static const char *
table_key(cdc_sema *s, const char *src, const char *schema, const char *name)
{
	return cdc_arena_printf(s->arena, "%s\x1f%s\x1f%s", src, schema ? schema : "", name);
}

static const char *
display(cdc_sema *s, const char *a, const char *b, const char *c)
{
	cdc_buf buf = CDC_BUF_INIT;
	cdc_ast_put_name(&buf, a);
	if (b) {
		cdc_buf_putc(&buf, '.');
		cdc_ast_put_name(&buf, b);
	}
	cdc_buf_putc(&buf, '.');
	cdc_ast_put_name(&buf, c);
	const char *r = cdc_arena_strdup(s->arena, cdc_buf_str(&buf));
	cdc_buf_free(&buf);
	return r;
}

/* A path for a message: in double quotes, unless it holds quoted names already (then
 * the quotes would double up: s."Orders" rather than "s."Orders""). */
const char *
cdc_sema_qpath(cdc_sema *s, const cdc_node *path)
{
	const char *t = cdc_ast_path_text(s->arena, path);
	return strchr(t, '"') ? t : cdc_arena_printf(s->arena, "\"%s\"", t);
}

/* The same for a display name ("shop.public.orders", shop.public."Orders"). */
static const char *
qdisplay(cdc_sema *s, const char *display)
{
	return strchr(display, '"') ? display : cdc_arena_printf(s->arena, "\"%s\"", display);
}

static int
nsegs(const cdc_node *path)
{
	return (int)cdc_ast_list_len(path->a);
}

static const cdc_node *
seg(const cdc_node *path, int i)
{
	const cdc_node *n = path->a;
	while (i-- > 0 && n)
		n = n->next;
	return n;
}

static cdc_source *
find_source(cdc_sema *s, const char *name)
{
	for (int i = 0; i < s->m->nsources; i++)
		if (strcmp(s->m->sources[i]->name, name) == 0)
			return s->m->sources[i];
	return NULL;
}

static cdc_target *
find_target(cdc_sema *s, const char *name)
{
	for (int i = 0; i < s->m->ntargets; i++)
		if (strcmp(s->m->targets[i]->name, name) == 0)
			return s->m->targets[i];
	return NULL;
}

/* The source a table path starts with; reports and returns NULL if there is none.
 * A source whose kind is unknown is returned too, with kind NULL: callers skip it. */
static cdc_source *
path_source(cdc_sema *s, const cdc_node *path)
{
	const cdc_node *first = path->a;
	if (first->flags & CDC_NF_WILD) {
		cdc_diag_report(s->diags, CDC_E0306, first->loc,
			"a table path starts with a source name; it cannot be a pattern");
		return NULL;
	}
	cdc_source *src = find_source(s, first->key);
	if (src)
		return src;
	cdc_diag *g;
	if (find_target(s, first->key)) {
		g = cdc_diag_report(s->diags, CDC_E0301, first->loc, "\"%s\" is a target, not a source", first->key);
		return NULL;
	}
	g = cdc_diag_report(s->diags, CDC_E0301, first->loc, "unknown source \"%s\"", first->key);
	cdc_suggest sg;
	cdc_suggest_init(&sg, first->key);
	for (int i = 0; i < s->m->nsources; i++)
		cdc_suggest_add(&sg, s->m->sources[i]->name);
	if (cdc_suggest_best(&sg))
		cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	return NULL;
}

/* Checks a path's number of parts; `lead` is 1 when the path starts with the source. */
static bool
check_arity(cdc_sema *s, const cdc_node *path, const cdc_source *src, int lead)
{
	int want = lead + (src->schemas ? 2 : 1);
	if (nsegs(path) == want)
		return true;
	cdc_diag *g = cdc_diag_report(s->diags, CDC_E0305, path->loc,
		"%s has %d name part%s; tables of %s source \"%s\" are written %s",
		cdc_sema_qpath(s, path), nsegs(path), nsegs(path) == 1 ? "" : "s",
		src->kind->name, src->name,
		lead ? (src->schemas ? "source.schema.table" : "source.table")
		     : (src->schemas ? "schema.table" : "table"));
	if (src->kind->mask == CDC_K_FILES && !src->schemas && nsegs(path) == want + 1)
		cdc_diag_help(g, "files sources have schemas only with layout = dms");
	else if (nsegs(path) == 1 && (path->a->flags & CDC_NF_QUOTED) && strchr(path->a->text, '.'))
		cdc_diag_help(g, "a quoted name is one part; write it without quotes: %s", path->a->text);
	return false;
}

static bool
path_matches(const cdc_node *first, const cdc_table *t)
{
	const cdc_node *sn = first, *tn = first;
	if (t->schema)
		tn = first->next;
	if (!tn)
		return false;
	if (t->schema && !((sn->flags & CDC_NF_WILD) ? cdc_pattern_match(sn->key, t->schema)
	                                             : strcmp(sn->key, t->schema) == 0))
		return false;
	return (tn->flags & CDC_NF_WILD) ? cdc_pattern_match(tn->key, t->name)
	                                 : strcmp(tn->key, t->name) == 0;
}

static cdc_table *
new_table(cdc_sema *s, cdc_source *src, const char *schema, const char *name)
{
	cdc_table *t = cdc_arena_zalloc(s->arena, sizeof *t);
	t->source = src;
	t->schema = schema;
	t->name = name;
	t->display = display(s, src->name, schema, name);
	t->key = table_key(s, src->name, schema, name);
	cdc_hmap_put(&s->m->table_map, t->key, t);
	SEMA_PUSH(s, s->m->tables, s->m->ntables, s->m->tables_cap, t);
	return t;
}

/* ---- pipeline, sources, targets ----------------------------------------------------- */

static void
pipeline(cdc_sema *s, const cdc_node *root)
{
	const cdc_node *first = NULL;
	for (const cdc_node *it = root->a; it; it = it->next) {
		if (it->kind != CDC_N_PIPELINE)
			continue;
		if (first) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0202, it->a->loc,
				"a file declares one pipeline; \"%s\" is the second", it->a->key);
			cdc_diag_note_at(g, first->a->loc, "the first is \"%s\"", first->a->key);
			continue;
		}
		first = it;
	}
	if (!first) {
		cdc_loc at = root->a ? root->a->loc : (cdc_loc){0, 0};
		at.end = at.start;
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0201, at, "the file declares no pipeline");
		cdc_diag_help(g, "start the file with: pipeline NAME { }");
		s->m->name = "pipeline";
		return;
	}
	s->m->decl = first;
	s->m->name = first->a->key;
	cdc_sema_options(s, CDC_OB_PIPELINE, CDC_K_ANY,
	                 cdc_arena_printf(s->arena, "pipeline \"%s\"", s->m->name), first->a->loc,
	                 first->b, s->m->opts);
}

static const cdc_kind *
kind_of(cdc_sema *s, const cdc_node *kn, bool target)
{
	const cdc_kind *k = cdc_kind_find(kn->key, target);
	if (k)
		return k;
	cdc_diag *g = cdc_diag_report(s->diags, target ? CDC_E0205 : CDC_E0204, kn->loc,
		"unknown %s kind \"%s\"", target ? "target" : "source", kn->key);
	cdc_suggest sg;
	cdc_suggest_init(&sg, kn->key);
	const char *const *names = cdc_kind_names(target);
	for (const char *const *n = names; *n; n++)
		cdc_suggest_add(&sg, *n);
	if (cdc_suggest_best(&sg))
		cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	else if (!target && cdc_kind_find(kn->key, true))
		cdc_diag_help(g, "\"%s\" is a target kind; sources are postgres, mysql, kinesis, dynamodb and files", kn->key);
	else if (target && cdc_kind_find(kn->key, false))
		cdc_diag_help(g, "\"%s\" is a source kind; targets are redshift, postgres, mysql, s3 and files", kn->key);
	else
		cdc_diag_note(g, target ? "targets are redshift, postgres, mysql, s3 and files"
		                        : "sources are postgres, mysql, kinesis, dynamodb and files");
	return NULL;
}

/* The well-formed entries of a source's tables/exclude list; others are reported. */
static const cdc_node *
check_table_list(cdc_sema *s, cdc_source *src, const cdc_node *list)
{
	cdc_node *ok = NULL;
	for (const cdc_node *p = list; p; p = p->next) {
		bool good = check_arity(s, p, src, 0);
		for (const cdc_node *n = p->a; n; n = n->next)
			if ((n->flags & CDC_NF_QUOTED) && !n->text[0]) {
				cdc_diag_report(s->diags, CDC_E0107, n->loc, "empty quoted name");
				good = false;
			}
		if (good) {
			cdc_node *c = cdc_arena_alloc(s->arena, sizeof *c);
			*c = *p;
			c->next = c->tail = NULL;
			ok = cdc_ast_append(ok, c);
		}
	}
	return ok;
}

static void
declare(cdc_sema *s, const cdc_node *root)
{
	int ns = 0, nt = 0;
	for (const cdc_node *it = root->a; it; it = it->next) {
		ns += it->kind == CDC_N_SOURCE;
		nt += it->kind == CDC_N_TARGET;
	}
	s->m->sources = cdc_arena_zalloc(s->arena, (size_t)(ns + 1) * sizeof *s->m->sources);
	s->m->targets = cdc_arena_zalloc(s->arena, (size_t)(nt + 1) * sizeof *s->m->targets);
	for (const cdc_node *it = root->a; it; it = it->next) {
		if (it->kind != CDC_N_SOURCE && it->kind != CDC_N_TARGET)
			continue;
		bool target = it->kind == CDC_N_TARGET;
		const cdc_node *prev = cdc_hmap_get(&s->names, it->a->key);
		if (prev) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0203, it->a->loc,
				"\"%s\" is already the name of a %s", it->a->key,
				prev->kind == CDC_N_SOURCE ? "source" : "target");
			cdc_diag_note_at(g, prev->a->loc, "declared here");
			continue;
		}
		cdc_hmap_put(&s->names, it->a->key, (void *)it);
		const cdc_kind *k = kind_of(s, it->b, target);
		const char *what = cdc_arena_printf(s->arena, "%s \"%s\"", target ? "target" : "source", it->a->key);
		if (target) {
			cdc_target *tg = cdc_arena_zalloc(s->arena, sizeof *tg);
			tg->name = it->a->key;
			tg->kind = k;
			tg->decl = it;
			if (k)
				cdc_sema_options(s, CDC_OB_TARGET, k->mask, what, it->a->loc, it->c, tg->opts);
			s->m->targets[s->m->ntargets++] = tg;
			continue;
		}
		cdc_source *src = cdc_arena_zalloc(s->arena, sizeof *src);
		src->name = it->a->key;
		src->kind = k;
		src->decl = it;
		s->m->sources[s->m->nsources++] = src;
		if (!k)
			continue;
		cdc_sema_options(s, CDC_OB_SOURCE, k->mask, what, it->a->loc, it->c, src->opts);
		src->schemas = k->schemas || (src->opts[CDC_OPT_SRC_LAYOUT] &&
		                              strcmp(src->opts[CDC_OPT_SRC_LAYOUT]->str, "dms") == 0);
		if (src->opts[CDC_OPT_SRC_TABLES])
			src->include = src->opts[CDC_OPT_SRC_TABLES]->names;
		if (src->opts[CDC_OPT_SRC_EXCLUDE])
			src->exclude = src->opts[CDC_OPT_SRC_EXCLUDE]->names;
		src->include = check_table_list(s, src, src->include);
		src->exclude = check_table_list(s, src, src->exclude);
		if (k->mask == CDC_K_KINESIS && src->include) {
			const cdc_optval *fmt = src->opts[CDC_OPT_SRC_FORMAT_KINESIS];
			bool json = !fmt || strcmp(fmt->str, "json") == 0;
			if (json && (src->include->next || cdc_ast_path_is_wild(src->include))) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0508, src->opts[CDC_OPT_SRC_TABLES]->value->loc,
					"a kinesis source with format = json carries one table; its records name none");
				cdc_diag_help(g, "list one table, or use format = dynamodb, whose records name their table");
			}
		}
		if (k->mask == CDC_K_POSTGRES) {
			/* the defaults derive from the pipeline's name, which may not make a valid one */
			const char *dflt = cdc_arena_printf(s->arena, "cdcc_%s", s->m->name);
			bool ok = strlen(dflt) <= 63;
			for (const char *c = dflt; *c && ok; c++)
				ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
			if (!ok && (!src->opts[CDC_OPT_SRC_SLOT] || !src->opts[CDC_OPT_SRC_PUBLICATION])) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0506, it->a->loc,
					"the default slot and publication name \"%s\" (from the pipeline's name) is not a valid slot name",
					dflt);
				cdc_diag_help(g, "set slot and publication: 1 to 63 lower-case letters, digits and underscores");
			}
		}
		bool has_hb = false;
		for (const cdc_node *o = it->c; o; o = o->next)
			has_hb |= strcmp(o->a->key, "heartbeat") == 0;
		if (k->mask == CDC_K_POSTGRES && !has_hb) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_W0106, it->a->loc,
				"postgres source \"%s\" has no heartbeat: an idle publication lets the slot hold back WAL",
				src->name);
			cdc_diag_help(g, "add heartbeat = 1m (or heartbeat = off to keep it disabled)");
		}
	}
}

/* ---- the schema lock ---------------------------------------------------------------- */

const char *
cdc_sema_lock_path(cdc_arena *a, const cdc_model *m)
{
	const cdc_optval *ov = m->opts[CDC_OPT_PIPE_SCHEMA_LOCK];
	if (!ov)
		return NULL;
	return ov->str[0] == '/' || strcmp(m->dir, ".") == 0 ? ov->str : cdc_arena_printf(a, "%s/%s", m->dir, ov->str);
}

static void
load_lock(cdc_sema *s)
{
	const cdc_optval *ov = s->m->opts[CDC_OPT_PIPE_SCHEMA_LOCK];
	if (!ov && !s->lock)
		return;
	/* a lock given by the caller (cdcc ddl --migrate-from LOCK) is a path as given */
	cdc_loc at = ov ? ov->value->loc : (cdc_loc){0, 0};
	const char *path = s->lock ? s->lock : cdc_sema_lock_path(s->arena, s->m);
	cdc_srcfile *lf = cdc_srcfile_read(s->arena, path);
	if (!lf) {
		cdc_diag_report(s->diags, CDC_E0801, at, "could not read schema lock \"%s\": %s",
		                path, strerror(errno));
		return;
	}
	cdc_lock *lock;
	const char *why;
	cdc_lock_err rc = cdc_lock_parse(s->arena, lf->text, lf->len, &lock, &why);
	if (rc != CDC_LOCK_OK) {
		cdc_diag_report(s->diags, rc == CDC_LOCK_VERSION_ERR ? CDC_E0803 : CDC_E0802, at,
		                "schema lock \"%s\": %s", path, why);
		return;
	}
	for (int i = 0; i < lock->nsources; i++) {
		const cdc_lock_source *ls = &lock->sources[i];
		cdc_source *src = find_source(s, ls->name);
		if (!src || !src->kind)
			continue;        /* a lock may describe more sources than the pipeline uses */
		if (strcmp(ls->kind, src->kind->name) != 0) {
			cdc_diag_report(s->diags, CDC_E0802, at,
				"schema lock \"%s\": source \"%s\" is %s there but %s in the pipeline", path,
				ls->name, ls->kind, src->kind->name);
			continue;
		}
		src->complete = ls->complete;
		for (int j = 0; j < ls->ntables; j++) {
			const cdc_lock_table *lt = &ls->tables[j];
			if ((lt->schema != NULL) != src->schemas) {
				cdc_diag_report(s->diags, CDC_E0802, at,
					"schema lock \"%s\": table \"%s\" of source \"%s\" %s a schema", path, lt->name,
					ls->name, lt->schema ? "has" : "lacks");
				return;
			}
			cdc_table *t = new_table(s, src, lt->schema, lt->name);
			t->in_lock = true;
			t->ncols = lt->ncols;
			t->cols = cdc_arena_zalloc(s->arena, (size_t)lt->ncols * sizeof *t->cols);
			for (int c = 0; c < lt->ncols; c++) {
				cdc_type ty;
				const char *tw;
				if (cdc_type_parse_text(lt->cols[c].type, &ty, &tw) != CDC_TYERR_OK) {
					cdc_diag_report(s->diags, CDC_E0802, at,
						"schema lock \"%s\": column \"%s\" of \"%s\" has unknown type \"%s\"", path,
						lt->cols[c].name, t->display, lt->cols[c].type);
					ty = cdc_type_make(CDC_TY_ERROR);
				}
				t->cols[c] = (cdc_column){lt->cols[c].name, ty, lt->cols[c].not_null, NULL};
			}
			t->pk = cdc_arena_zalloc(s->arena, (size_t)(lt->npk + 1) * sizeof *t->pk);
			for (int k = 0; k < lt->npk; k++) {
				int ci = cdc_sema_find_column(t->cols, t->ncols, lt->pk[k]);
				if (ci < 0) {
					cdc_diag_report(s->diags, CDC_E0802, at,
						"schema lock \"%s\": primary key column \"%s\" of \"%s\" is not a column", path,
						lt->pk[k], t->display);
					continue;
				}
				t->pk[t->npk++] = ci;
				t->cols[ci].not_null = true;
			}
		}
	}
}

/* ---- table blocks --------------------------------------------------------------------- */

/* Columns and key of a table block, into a fresh table or checked against the lock's. */
static void
table_block(cdc_sema *s, const cdc_node *it)
{
	const cdc_node *path = it->a;
	cdc_source *src = path_source(s, path);
	if (!src || !src->kind)
		return;
	if (cdc_ast_path_is_wild(path)) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0306, path->loc,
			"a table block declares one table; %s is a pattern", cdc_sema_qpath(s, path));
		cdc_diag_help(g, "patterns select tables in quality, transform and merge blocks");
		return;
	}
	if (!check_arity(s, path, src, 1))
		return;
	const char *schema = src->schemas ? seg(path, 1)->key : NULL;
	const char *name = seg(path, nsegs(path) - 1)->key;

	int n = 0;
	for (const cdc_node *e = it->b; e; e = e->next)
		n += e->kind == CDC_N_COLUMN;
	cdc_column *cols = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *cols);
	int *pk = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *pk);
	int ncols = 0, npk = 0;
	const cdc_node *pk_decl = NULL;
	for (const cdc_node *e = it->b; e; e = e->next) {
		if (e->kind != CDC_N_COLUMN)
			continue;
		const cdc_node *cn = e->a;
		if ((cn->flags & CDC_NF_QUOTED) && !cn->text[0]) {
			cdc_diag_report(s->diags, CDC_E0107, cn->loc, "empty quoted name");
			continue;
		}
		if (strlen(cn->key) > CDC_MAX_NAME)
			cdc_diag_report(s->diags, CDC_E0108, cn->loc, "name is %zu bytes long; the limit is %d",
			                strlen(cn->key), CDC_MAX_NAME);
		int dup = cdc_sema_find_column(cols, ncols, cn->key);
		if (dup >= 0) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0207, cn->loc, "column \"%s\" is declared twice", cn->key);
			cdc_diag_note_at(g, cols[dup].decl->a->loc, "first declared here");
			continue;
		}
		cdc_type ty = cdc_sema_type(s, e->b);
		cols[ncols] = (cdc_column){cn->key, ty, (e->op & (CDC_COL_NOTNULL | CDC_COL_PKEY)) != 0, e};
		if (e->op & CDC_COL_PKEY) {
			/* several columns marked `primary key` make one composite key, in order */
			pk[npk++] = ncols;
			if (!pk_decl)
				pk_decl = e;
		}
		ncols++;
	}
	for (const cdc_node *e = it->b; e; e = e->next) {
		if (e->kind != CDC_N_PKEY)
			continue;
		if (pk_decl) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0208, e->loc, "\"%s\" has a primary key already",
			                              display(s, src->name, schema, name));
			cdc_diag_note_at(g, pk_decl->loc, "declared here");
			continue;
		}
		pk_decl = e;
		for (const cdc_node *k = e->a; k; k = k->next) {
			int ci = cdc_sema_find_column(cols, ncols, k->key);
			if (ci < 0) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0211, k->loc,
					"primary key column \"%s\" is not declared", k->key);
				cdc_suggest sg;
				cdc_suggest_init(&sg, k->key);
				for (int c = 0; c < ncols; c++)
					cdc_suggest_add(&sg, cols[c].name);
				if (cdc_suggest_best(&sg))
					cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
				continue;
			}
			pk[npk++] = ci;
			cols[ci].not_null = true;
		}
	}

	cdc_table *t = cdc_hmap_get(&s->m->table_map, table_key(s, src->name, schema, name));
	if (t && t->decl) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0206, path->loc, "table \"%s\" is declared twice", t->display);
		cdc_diag_note_at(g, t->decl->a->loc, "first declared here");
		return;
	}
	if (!t) {
		t = new_table(s, src, schema, name);
		t->decl = it;
		t->cols = cols;
		t->ncols = ncols;
		t->pk = pk;
		t->npk = npk;
		return;
	}
	/* Declared and locked: the block must agree with what the source has. */
	t->decl = it;
	for (int c = 0; c < ncols; c++) {
		int li = cdc_sema_find_column(t->cols, t->ncols, cols[c].name);
		if (li < 0) {
			cdc_diag_report(s->diags, CDC_E0804, cols[c].decl->a->loc,
				"column \"%s\" of \"%s\" is not in the schema lock", cols[c].name, t->display);
			continue;
		}
		if (!cdc_type_eq(t->cols[li].type, cols[c].type) && !cdc_type_is_error(cols[c].type)) {
			cdc_diag_report(s->diags, CDC_E0804, cols[c].decl->b->loc,
				"column \"%s\" of \"%s\" is %s here but %s in the schema lock", cols[c].name, t->display,
				cdc_sema_type_str(s, cols[c].type), cdc_sema_type_str(s, t->cols[li].type));
			continue;
		}
		t->cols[li].decl = cols[c].decl;
		t->cols[li].not_null |= cols[c].not_null;
	}
	if (npk) {
		bool same = t->npk == npk;
		for (int k = 0; same && k < npk; k++)
			same = strcmp(t->cols[t->pk[k]].name, cols[pk[k]].name) == 0;
		if (t->npk && !same) {
			cdc_diag_report(s->diags, CDC_E0804, pk_decl->loc,
				"the primary key of \"%s\" differs from the schema lock's", t->display);
		} else if (!t->npk) {
			/* a declared key for a table without one at the source (as DMS allows) */
			t->pk = cdc_arena_zalloc(s->arena, (size_t)npk * sizeof *t->pk);
			for (int k = 0; k < npk; k++) {
				t->pk[k] = cdc_sema_find_column(t->cols, t->ncols, cols[pk[k]].name);
				t->cols[t->pk[k]].not_null = true;
			}
			t->npk = npk;
		}
	}
}

/* ---- capture ------------------------------------------------------------------------- */

static bool
listed(const cdc_node *list, const cdc_table *t)
{
	for (const cdc_node *p = list; p; p = p->next)
		if (path_matches(p->a, t))
			return true;
	return false;
}

bool
cdc_sema_selects(const cdc_source *src, const char *schema, const char *name)
{
	cdc_table t = {0};
	t.schema = schema;
	t.name = name;
	return listed(src->include, &t) && !listed(src->exclude, &t);
}

static void
capture(cdc_sema *s)
{
	cdc_model *m = s->m;
	for (int i = 0; i < m->ntables; i++) {
		cdc_table *t = m->tables[i];
		t->captured = listed(t->source->include, t) && !listed(t->source->exclude, t);
	}
	for (int i = 0; i < m->nsources; i++) {
		cdc_source *src = m->sources[i];
		if (!src->kind || !src->opts[CDC_OPT_SRC_TABLES])
			continue;
		bool runtime_only = false;
		for (const cdc_node *p = src->include; p; p = p->next) {
			int hits = 0;
			for (int k = 0; k < m->ntables; k++)
				hits += m->tables[k]->source == src && path_matches(p->a, m->tables[k]);
			bool wild = cdc_ast_path_is_wild(p);
			if (src->complete && hits == 0)
				cdc_diag_report(s->diags, CDC_W0103, p->loc, "%s %s matches no table of source \"%s\" in the schema lock",
				                wild ? "pattern" : "table", cdc_sema_qpath(s, p), src->name);
			if (!src->complete && (wild || hits == 0))
				runtime_only = true;
		}
		if (runtime_only) {
			int known = 0;
			for (int k = 0; k < m->ntables; k++)
				known += m->tables[k]->source == src && m->tables[k]->captured;
			cdc_diag *g = known == 0
				? cdc_diag_report(s->diags, CDC_W0111, src->opts[CDC_OPT_SRC_TABLES]->value->loc,
					"source \"%s\" may capture tables whose columns are not known here; none of them is declared, so none is checked",
					src->name)
				: cdc_diag_report(s->diags, CDC_W0111, src->opts[CDC_OPT_SRC_TABLES]->value->loc,
					"source \"%s\" may capture tables whose columns are not known here; only %d declared table%s %s checked",
					src->name, known, known == 1 ? "" : "s", known == 1 ? "is" : "are");
			cdc_diag_help(g, "record the source's tables in a schema lock (pipeline option schema_lock), or declare them in table blocks");
		}
	}
	for (int i = 0; i < m->ntables; i++) {
		cdc_table *t = m->tables[i];
		if (t->decl && !t->captured) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_W0101, t->decl->a->loc,
				"table \"%s\" is declared but source \"%s\" does not capture it", t->display, t->source->name);
			cdc_diag_help(g, listed(t->source->exclude, t) ? "the source's exclude list removes it"
			                                                : "add it to the source's tables list");
		}
	}
}

/* ---- selection of tables by block headers -------------------------------------------- */

cdc_table *
cdc_sema_exact_table(cdc_sema *s, const cdc_node *path, const char *what)
{
	cdc_source *src = path_source(s, path);
	if (!src || !src->kind)
		return NULL;
	if (cdc_ast_path_is_wild(path)) {
		cdc_diag_report(s->diags, CDC_E0306, path->loc, "%s names one table; %s is a pattern", what,
		                cdc_sema_qpath(s, path));
		return NULL;
	}
	if (!check_arity(s, path, src, 1))
		return NULL;
	const char *schema = src->schemas ? seg(path, 1)->key : NULL;
	const char *name = seg(path, nsegs(path) - 1)->key;
	cdc_table *t = cdc_hmap_get(&s->m->table_map, table_key(s, src->name, schema, name));
	if (!t) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0303, path->loc, "table \"%s\" is not declared",
		                              display(s, src->name, schema, name));
		cdc_suggest sg;
		cdc_suggest_init(&sg, name);
		const cdc_table *best = NULL;
		for (int i = 0; i < s->m->ntables; i++)
			if (s->m->tables[i]->source == src) {
				const char *before = cdc_suggest_best(&sg);
				cdc_suggest_add(&sg, s->m->tables[i]->name);
				if (cdc_suggest_best(&sg) != before)
					best = s->m->tables[i];
			}
		if (best)
			cdc_diag_help(g, "did you mean \"%s\"?", best->display);
		else
			cdc_diag_help(g, "declare its columns in a table block, or record the source in a schema lock");
		return NULL;
	}
	if (!t->captured) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0307, path->loc, "table \"%s\" is not captured by source \"%s\"",
		                              t->display, src->name);
		cdc_diag_help(g, listed(src->exclude, t) ? "the source's exclude list removes it"
		                                          : "add it to the source's tables list");
		return NULL;
	}
	return t;
}

/* The captured tables a block header selects, in declaration order. */
static int
select_tables(cdc_sema *s, const cdc_node *path, const char *what, cdc_table ***out)
{
	*out = NULL;
	if (!cdc_ast_path_is_wild(path)) {
		cdc_table *t = cdc_sema_exact_table(s, path, what);
		if (!t)
			return 0;
		*out = cdc_arena_alloc(s->arena, sizeof **out);
		(*out)[0] = t;
		return 1;
	}
	cdc_source *src = path_source(s, path);
	if (!src || !src->kind || !check_arity(s, path, src, 1))
		return 0;
	int n = 0, cap = 0;
	for (int i = 0; i < s->m->ntables; i++) {
		cdc_table *t = s->m->tables[i];
		if (t->source == src && t->captured && path_matches(path->a->next, t))
			SEMA_PUSH(s, *out, n, cap, t);
	}
	if (n == 0 && src->complete)
		cdc_diag_report(s->diags, CDC_W0103, path->loc, "pattern %s matches no captured table",
		                cdc_sema_qpath(s, path));
	return n;
}

/* Quality rules and transform steps, pattern blocks first, then blocks naming the
 * table exactly, each group in file order: general rules run before specific ones. */
static void
attach_blocks(cdc_sema *s, const cdc_node *root)
{
	for (int pass = 0; pass < 2; pass++) {
		for (const cdc_node *it = root->a; it; it = it->next) {
			if (it->kind != CDC_N_QUALITY && it->kind != CDC_N_TRANSFORM)
				continue;
			if (cdc_ast_path_is_wild(it->a) != (pass == 0))
				continue;
			cdc_table **tabs;
			int n = select_tables(s, it->a, it->kind == CDC_N_QUALITY ? "a quality block" : "a transform block", &tabs);
			for (int i = 0; i < n; i++) {
				cdc_table *t = tabs[i];
				for (const cdc_node *k = it->b; k; k = k->next) {
					if (it->kind == CDC_N_QUALITY) {
						cdc_rule *r = cdc_arena_zalloc(s->arena, sizeof *r);
						r->decl = k;
						SEMA_PUSH(s, t->rules, t->nrules, t->rules_cap, r);
					} else {
						SEMA_PUSH(s, t->step_nodes, t->nstep_nodes, t->step_nodes_cap, k);
					}
				}
			}
		}
	}
}

/* ---- merges and routes ---------------------------------------------------------------- */

enum { MODE_UNSET, MODE_MERGE, MODE_APPEND };

typedef struct contrib {
	const cdc_node *merge;
	cdc_optval    **opts;
	int             spec;
	const char     *schema, *name;   /* target table after substitution */
	int             mode;            /* the block's own mode, MODE_UNSET if it sets none */
} contrib;

typedef struct pending {
	cdc_table  *table;
	cdc_target *target;
	contrib    *c;
	int         n, cap;
} pending;

/* A target name part: a name, `*`, or one `*` between a prefix and a suffix. */
static bool
target_part_ok(cdc_sema *s, const cdc_node *part)
{
	if (!(part->flags & CDC_NF_WILD))
		return true;
	const char *k = part->key;
	const char *star = strchr(k, '*');
	if (strchr(k, '%') || !star || strchr(star + 1, '*')) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0311, part->loc,
			"\"%s\" is not a valid target name pattern", k);
		cdc_diag_help(g, "write a name, * for the source's own name, or one * with a prefix or suffix (stg_*)");
		return false;
	}
	return true;
}

static const char *
substitute(cdc_sema *s, const cdc_node *part, const char *name)
{
	if (!(part->flags & CDC_NF_WILD))
		return part->key;
	const char *star = strchr(part->key, '*');
	return cdc_arena_printf(s->arena, "%.*s%s%s", (int)(star - part->key), part->key, name, star + 1);
}

/* Source text of an option's value, to tell equal settings from conflicting ones. */
static bool
same_value(const cdc_sema *s, const cdc_optval *a, const cdc_optval *b)
{
	const char *t = s->file->text;
	uint32_t la = a->value->loc.end - a->value->loc.start, lb = b->value->loc.end - b->value->loc.start;
	return la == lb && memcmp(t + a->value->loc.start, t + b->value->loc.start, la) == 0;
}

static void
collect_merges(cdc_sema *s, const cdc_node *root, pending ***pend, int *npend)
{
	int cap = 0;
	cdc_hmap index = CDC_HMAP_INIT;
	for (const cdc_node *it = root->a; it; it = it->next) {
		if (it->kind != CDC_N_MERGE)
			continue;
		const cdc_node *tp = it->b;
		const cdc_node *t0 = tp->a;
		if (t0->flags & CDC_NF_WILD) {
			cdc_diag_report(s->diags, CDC_E0306, t0->loc, "a target path starts with a target name; it cannot be a pattern");
			continue;
		}
		cdc_target *tg = find_target(s, t0->key);
		if (!tg) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0302, t0->loc, find_source(s, t0->key)
				? "\"%s\" is a source, not a target" : "unknown target \"%s\"", t0->key);
			cdc_suggest sg;
			cdc_suggest_init(&sg, t0->key);
			for (int i = 0; i < s->m->ntargets; i++)
				cdc_suggest_add(&sg, s->m->targets[i]->name);
			if (cdc_suggest_best(&sg))
				cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
			continue;
		}
		if (!tg->kind)
			continue;
		if (nsegs(tp) != 3) {
			cdc_diag_report(s->diags, CDC_E0305, tp->loc,
				"%s has %d name parts; target tables are written target.schema.table",
				cdc_sema_qpath(s, tp), nsegs(tp));
			continue;
		}
		if (!target_part_ok(s, seg(tp, 1)) || !target_part_ok(s, seg(tp, 2)))
			continue;
		if (cdc_ast_path_is_wild(it->a) && !(seg(tp, 2)->flags & CDC_NF_WILD)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0311, seg(tp, 2)->loc,
				"the pattern %s selects many tables but %s names one target table",
				cdc_sema_qpath(s, it->a), cdc_sema_qpath(s, tp));
			cdc_diag_help(g, "write %s.%s.* to keep each table's name", tg->name, seg(tp, 1)->text);
			continue;
		}
		cdc_optval **opts = cdc_arena_zalloc(s->arena, sizeof(cdc_opts));
		cdc_sema_options(s, CDC_OB_MERGE, tg->kind->mask,
		                 cdc_arena_printf(s->arena, "merge into \"%s\"", tg->name), tp->loc, it->c, opts);
		cdc_table **tabs;
		int n = select_tables(s, it->a, "a merge block", &tabs);
		int spec = INT_MAX;
		if (cdc_ast_path_is_wild(it->a)) {
			cdc_buf b = CDC_BUF_INIT;
			for (const cdc_node *p = it->a->a->next; p; p = p->next)
				cdc_buf_puts(&b, p->key);
			spec = cdc_pattern_specificity(cdc_buf_str(&b));
			cdc_buf_free(&b);
		}
		/* exclude: written like the header, source.schema.table, patterns allowed */
		cdc_source *hsrc = n ? tabs[0]->source : NULL;
		cdc_node *excl = NULL;
		for (const cdc_node *x = opts[CDC_OPT_MRG_EXCLUDE] ? opts[CDC_OPT_MRG_EXCLUDE]->names : NULL; x; x = x->next) {
			cdc_source *xs = path_source(s, x);
			if (!xs || !xs->kind || !check_arity(s, x, xs, 1))
				continue;
			if (xs != hsrc && hsrc) {
				cdc_diag_report(s->diags, CDC_E0306, x->a->loc,
					"this merge selects tables of source \"%s\"; %s is not one of them",
					hsrc->name, cdc_sema_qpath(s, x));
				continue;
			}
			cdc_node *rest = cdc_arena_alloc(s->arena, sizeof *rest);
			*rest = *x;
			rest->a = x->a->next;
			rest->next = rest->tail = NULL;
			excl = cdc_ast_append(excl, rest);
		}
		const cdc_optval *mode = opts[CDC_OPT_MRG_MODE];
		int bmode = !tg->kind->database ? MODE_APPEND : !mode ? MODE_UNSET
		          : strcmp(mode->str, "append") == 0 ? MODE_APPEND : MODE_MERGE;
		for (int i = 0; i < n; i++) {
			cdc_table *t = tabs[i];
			if (listed(excl, t))
				continue;
			const char *key = cdc_arena_printf(s->arena, "%s\x1e%s", t->key, tg->name);
			pending *p = cdc_hmap_get(&index, key);
			if (!p) {
				p = cdc_arena_zalloc(s->arena, sizeof *p);
				p->table = t;
				p->target = tg;
				cdc_hmap_put(&index, key, p);
				SEMA_PUSH(s, *pend, *npend, cap, p);
			}
			contrib c = {it, opts, spec,
			             substitute(s, seg(tp, 1), t->schema ? t->schema : t->source->name),
			             substitute(s, seg(tp, 2), t->name), bmode};
			SEMA_PUSH(s, p->c, p->n, p->cap, c);
		}
	}
	cdc_hmap_free(&index);
}

/* The index in the transformed row of source column `name`, following renames; -1 if
 * a step dropped it (then *removed is that step). */
static int
source_col_in_out(const cdc_table *t, const char *name, const cdc_node **removed)
{
	*removed = NULL;
	for (int i = 0; i < t->nsteps; i++) {
		const cdc_node *n = t->steps[i].decl;
		if (n->kind == CDC_N_RENAME && strcmp(n->a->key, name) == 0)
			name = n->b->key;
		else if (n->kind == CDC_N_DROP)
			for (const cdc_node *c = n->a; c; c = c->next)
				if (strcmp(c->key, name) == 0) {
					*removed = n;
					return -1;
				}
	}
	return cdc_sema_find_column(t->out, t->nout, name);
}

/* Where a column left the transformed row, for notes. */
static const cdc_node *
removed_by(const cdc_table *t, const char *name)
{
	for (int i = 0; i < t->nsteps; i++) {
		const cdc_step *st = &t->steps[i];
		const cdc_node *n = st->decl;
		if (n->kind == CDC_N_RENAME && strcmp(n->a->key, name) == 0)
			return n;
		if (n->kind == CDC_N_DROP)
			for (const cdc_node *c = n->a; c; c = c->next)
				if (strcmp(c->key, name) == 0)
					return n;
	}
	return NULL;
}

static int
out_column(cdc_sema *s, cdc_route *r, const cdc_node *name, cdc_diag_code code, const char *what)
{
	cdc_table *t = r->table;
	int i = cdc_sema_find_column(t->out, t->nout, name->key);
	if (i >= 0)
		return i;
	cdc_diag *g = cdc_diag_report(s->diags, code, name->loc, "%s column \"%s\" is not in the rows of \"%s\"",
	                              what, name->key, t->display);
	const cdc_node *rm = removed_by(t, name->key);
	if (rm) {
		cdc_diag_note_at(g, rm->loc, "a transform step removes it here");
	} else {
		cdc_suggest sg;
		cdc_suggest_init(&sg, name->key);
		for (int c = 0; c < t->nout; c++)
			cdc_suggest_add(&sg, t->out[c].name);
		if (cdc_suggest_best(&sg))
			cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	}
	return -1;
}

static bool
key_type_ok(cdc_type t)
{
	cdc_tfamily f = cdc_type_family(t);
	return !t.array && f != CDC_TF_JSON && t.id != CDC_TY_FLOAT4 && t.id != CDC_TY_FLOAT8;
}

static void
route_key(cdc_sema *s, cdc_route *r)
{
	cdc_table *t = r->table;
	const cdc_optval *kv = r->opts[CDC_OPT_MRG_KEY];
	r->key = cdc_arena_zalloc(s->arena, (size_t)(t->nout + t->npk + 1) * sizeof *r->key);
	if (kv) {
		for (const cdc_node *n = kv->names; n; n = n->next) {
			int i = out_column(s, r, n, CDC_E0602, "key");
			if (i < 0)
				continue;
			r->key[r->nkey++] = i;
			if (!key_type_ok(t->out[i].type))
				cdc_diag_report(s->diags, CDC_E0606, n->loc, "column \"%s\" of type %s cannot be a merge key",
				                n->key, cdc_sema_type_str(s, t->out[i].type));
			else if (!t->out[i].not_null) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_W0108, n->loc,
					"key column \"%s\" of \"%s\" may be NULL", n->key, t->display);
				cdc_diag_help(g, "declare it not null, or add: require %s IS NOT NULL else quarantine", n->key);
			}
		}
		bool same = t->npk == r->nkey;
		for (int k = 0; same && k < t->npk; k++) {
			const cdc_node *rm;
			same = source_col_in_out(t, t->cols[t->pk[k]].name, &rm) == r->key[k];
		}
		if (t->npk && !same && r->nkey == (int)cdc_ast_list_len(kv->names)) {
			cdc_buf b = CDC_BUF_INIT;
			for (int k = 0; k < t->npk; k++)
				cdc_buf_printf(&b, "%s%s", k ? ", " : "", t->cols[t->pk[k]].name);
			cdc_diag *g = cdc_diag_report(s->diags, CDC_W0107, kv->value->loc,
				"merge key differs from the primary key of \"%s\" (%s)", t->display, cdc_buf_str(&b));
			cdc_diag_note(g, "changes are collapsed per merge key; two source rows may update one target row");
			cdc_buf_free(&b);
		}
		return;
	}
	if (t->npk == 0) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0601, r->decl->a->loc,
			"table \"%s\" has no primary key, and this merge sets no key", t->display);
		cdc_diag_help(g, "mark the key in the table block (id bigint primary key) or set key = (column) here");
		if (t->decl)
			cdc_diag_note_at(g, t->decl->a->loc, "table declared here");
		return;
	}
	for (int k = 0; k < t->npk; k++) {
		const char *name = t->cols[t->pk[k]].name;
		const cdc_node *rm;
		int i = source_col_in_out(t, name, &rm);
		if (i < 0) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0602, r->decl->a->loc,
				"primary key column \"%s\" of \"%s\" is not in the transformed rows", name, t->display);
			if (rm)
				cdc_diag_note_at(g, rm->loc, "a transform step drops it here");
			cdc_diag_help(g, "keep the column, or set key = (...) to other columns in this merge block");
			continue;
		}
		r->key[r->nkey++] = i;
		if (!key_type_ok(t->out[i].type))
			cdc_diag_report(s->diags, CDC_E0606, r->decl->a->loc, "key column \"%s\" of \"%s\" has type %s, which cannot be a merge key",
			                name, t->display, cdc_sema_type_str(s, t->out[i].type));
	}
}

static bool
route_has_key(const cdc_route *r, int c)
{
	for (int k = 0; k < r->nkey; k++)
		if (r->key[k] == c)
			return true;
	return false;
}

static void
route_checks(cdc_sema *s, cdc_route *r, cdc_hmap *target_tables)
{
	cdc_table *t = r->table;
	unsigned kind = r->target->kind->mask;
	int maxname = cdc_dialect_name_max(kind);
	const cdc_node *tpath = r->decl->b;

	/* Redshift folds table names to lower case: "Orders" and "orders" are one table */
	const char *tkey = r->display;
	if (kind == CDC_K_REDSHIFT) {
		char *low = cdc_arena_printf(s->arena, "%s\037%s\037%s", r->target->name, r->schema ? r->schema : "", r->name);
		for (char *p = low + strlen(r->target->name); *p; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
		tkey = low;
	}
	const cdc_route *other = cdc_hmap_get(target_tables, tkey);
	if (other) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0310, tpath->loc,
			"%s and %s are both merged into %s", qdisplay(s, other->table->display), qdisplay(s, t->display),
			qdisplay(s, r->display));
		cdc_diag_note_at(g, other->decl->b->loc, "%s is merged into %s here", qdisplay(s, other->table->display),
		                 strcmp(other->display, r->display) == 0 ? "it" : "the same table (Redshift folds names to lower case)");
	} else {
		cdc_hmap_put(target_tables, tkey, r);
	}
	if (maxname && ((int)strlen(r->name) > maxname || (int)strlen(r->schema) > maxname))
		cdc_diag_report(s->diags, CDC_E0108, tpath->loc, "target table \"%s\" has a name longer than %s's limit of %d bytes",
		                r->display, cdc_dialect_name(kind), maxname);
	r->cols = t->out;
	r->ncols = t->nout;
	if (!t->checked)
		return;    /* its own errors are reported; column checks would only repeat them */
	if (t->nout == 0) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0609, tpath->loc,
			"%s would have no columns: the transform of %s drops them all", qdisplay(s, r->display),
			qdisplay(s, t->display));
		cdc_diag_help(g, "keep at least one column of the table");
		return;
	}

	if (!r->append)
		route_key(s, r);
	const cdc_optval *dv = r->opts[CDC_OPT_MRG_DELETES];
	r->deletes = dv ? (cdc_deletes)dv->sub : CDC_DELETES_HARD;
	r->cols = t->out;
	r->ncols = t->nout;
	if (dv && r->append) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0508, dv->value->loc,
			"\"deletes\" does not apply: this merge appends every change to \"%s\"", r->display);
		cdc_diag_note(g, r->target->kind->database
			? "with mode = append a delete arrives as a row of its own; op() tells it apart"
			: "s3 and files targets always append; a delete arrives as a row of its own");
		cdc_diag_help(g, "remove the deletes option, or add _op = op() in a transform to record the operation");
	} else if (r->deletes == CDC_DELETES_SOFT) {
		r->soft_column = dv->str;
		int i = cdc_sema_find_column(t->out, t->nout, dv->str);
		if (i >= 0 && t->out[i].type.id != CDC_TY_BOOL) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0603, dv->value->loc,
				"soft-delete column \"%s\" is already a column of \"%s\" with type %s", dv->str, t->display,
				cdc_sema_type_str(s, t->out[i].type));
			cdc_diag_help(g, "name another column: deletes = soft(_deleted)");
		} else if (i < 0) {
			r->cols = cdc_arena_alloc(s->arena, (size_t)(t->nout + 1) * sizeof *r->cols);
			memcpy(r->cols, t->out, (size_t)t->nout * sizeof *r->cols);
			r->cols[r->ncols++] = (cdc_column){dv->str, cdc_type_make(CDC_TY_BOOL), true, dv->value};
		}
	}
	const cdc_optval *dk = r->opts[CDC_OPT_MRG_DISTKEY], *ds = r->opts[CDC_OPT_MRG_DISTSTYLE];
	if (dk)
		out_column(s, r, dk->names, CDC_E0604, "distkey");
	if (ds && dk && strcmp(ds->str, "key") != 0 && strcmp(ds->str, "auto") != 0)
		cdc_diag_report(s->diags, CDC_E0508, ds->value->loc, "diststyle %s conflicts with distkey; distkey implies diststyle key",
		                ds->str);
	if (ds && !dk && strcmp(ds->str, "key") == 0)
		cdc_diag_report(s->diags, CDC_E0508, ds->value->loc, "diststyle key needs a distkey column");
	if (r->opts[CDC_OPT_MRG_SORTKEY])
		for (const cdc_node *n = r->opts[CDC_OPT_MRG_SORTKEY]->names; n; n = n->next)
			out_column(s, r, n, CDC_E0604, "sortkey");
	if (r->opts[CDC_OPT_MRG_ENCODE])
		for (const cdc_node *o = r->opts[CDC_OPT_MRG_ENCODE]->names; o; o = o->next)
			out_column(s, r, o->a, CDC_E0604, "encode");

	cdc_type *key_types = cdc_arena_alloc(s->arena, ((size_t)r->nkey + 1) * sizeof *key_types);
	for (int k = 0; k < r->nkey; k++)
		key_types[k] = t->out[r->key[k]].type;
	int keybytes;
	if (!cdc_dialect_key_fits(kind, key_types, r->nkey, &keybytes)) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0409, tpath->loc,
			"the merge key of \"%s\" takes up to %d bytes, over %s's index limit of 3072 bytes", r->display, keybytes,
			cdc_dialect_name(kind));
		cdc_diag_help(g, "declare the key's text columns with shorter lengths (varchar(n) takes 4n bytes in utf8mb4)");
	}
	for (int c = 0; c < r->ncols; c++)
		if (strncasecmp(r->cols[c].name, "_cdc_", 5) == 0) {
			const cdc_column *col = &r->cols[c];
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0608, (col->decl ? col->decl : tpath)->loc,
				"column \"%s\" has a name reserved for cdcc's staging tables (_cdc_...)", col->name);
			cdc_diag_note_at(g, tpath->loc, "merged into %s here", qdisplay(s, r->display));
			cdc_diag_help(g, "rename it in a transform: rename %s to %s", col->name, col->name + 5);
		}
	if (cdc_dialect_folds_names(kind))
		for (int c = 0; c < r->ncols; c++)
			for (int k = 0; k < c; k++)
				if (strcasecmp(r->cols[c].name, r->cols[k].name) == 0) {
					const cdc_column *col = &r->cols[c];
					cdc_diag *g = cdc_diag_report(s->diags, CDC_E0607, (col->decl ? col->decl : tpath)->loc,
						"columns \"%s\" and \"%s\" are one column in %s, which %s", r->cols[k].name, col->name,
						cdc_dialect_name(kind), kind == CDC_K_REDSHIFT ? "folds names to lower case" : "ignores the case of column names");
					cdc_diag_note_at(g, tpath->loc, "merged into \"%s\" here", r->display);
					cdc_diag_help(g, "rename one of them in a transform: rename %s to %s_2", col->name, col->name);
				}
	for (int c = 0; c < t->nout; c++) {
		const cdc_column *col = &t->out[c];
		const cdc_node *at = col->decl ? col->decl : tpath;
		const char *why;
		switch (cdc_dialect_fit(kind, col->type, route_has_key(r, c), &why)) {
		case CDC_FIT_TOO_WIDE: {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0409, at->loc,
				"column \"%s\" (%s) does not fit %s: %s", col->name, cdc_sema_type_str(s, col->type),
				cdc_dialect_name(kind), why);
			cdc_diag_note_at(g, tpath->loc, "merged into \"%s\" here", r->display);
			break;
		}
		case CDC_FIT_UNSUPPORTED: {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0410, at->loc,
				"column \"%s\" (%s) cannot be stored in %s: %s", col->name, cdc_sema_type_str(s, col->type),
				cdc_dialect_name(kind), why);
			cdc_diag_note_at(g, tpath->loc, "merged into \"%s\" here", r->display);
			cdc_diag_help(g, "cast it in a transform, for example %s = %s::text", col->name, col->name);
			break;
		}
		case CDC_FIT_UNBOUNDED: {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_W0110, at->loc,
				"column \"%s\" is numeric without precision; in %s %s", col->name, cdc_dialect_name(kind), why);
			cdc_diag_help(g, "declare numeric(p,s), or cast it in a transform");
			break;
		}
		default:
			break;
		}
		if (maxname && (int)strlen(col->name) > maxname) {
			const cdc_node *nm = !col->decl ? tpath : col->decl->kind == CDC_N_RENAME ? col->decl->b
			                   : (col->decl->kind == CDC_N_COLUMN || col->decl->kind == CDC_N_ASSIGN) ? col->decl->a
			                   : col->decl;
			cdc_diag_report(s->diags, CDC_E0108, nm->loc, "column \"%s\" has a name longer than %s's limit of %d bytes",
			                col->name, cdc_dialect_name(kind), maxname);
		}
	}
}

/* One route from the blocks of one group: the most specific block names the target
 * table and wins per option; equally specific blocks must agree. */
static void
resolve_group(cdc_sema *s, cdc_table *t, cdc_target *tg, contrib *c, int n, bool append,
              cdc_hmap *target_tables)
{
	for (int a = 1; a < n; a++) {          /* stable insertion sort by specificity */
		contrib x = c[a];
		int b = a - 1;
		while (b >= 0 && c[b].spec > x.spec) {
			c[b + 1] = c[b];
			b--;
		}
		c[b + 1] = x;
	}
	const char *settle = "name the table exactly in one merge block to settle it";
	const contrib *top = &c[n - 1];
	for (int k = n - 2; k >= 0 && c[k].spec == top->spec; k--)
		if (top->spec == INT_MAX) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0605, top->merge->a->loc,
				"\"%s\" is merged into \"%s\" by two merge blocks", t->display, tg->name);
			cdc_diag_note_at(g, c[k].merge->a->loc, "the other block");
			cdc_diag_help(g, "a table is merged once into each target (and once more with mode = append); remove one of the blocks");
			break;
		} else if (strcmp(c[k].schema, top->schema) != 0 || strcmp(c[k].name, top->name) != 0) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0605, top->merge->b->loc,
				"\"%s\" is matched by two merge blocks into \"%s\" that name different target tables",
				t->display, tg->name);
			cdc_diag_note_at(g, c[k].merge->b->loc, "the other block");
			cdc_diag_help(g, "%s", settle);
		}
	cdc_route *r = cdc_arena_zalloc(s->arena, sizeof *r);
	r->table = t;
	r->target = tg;
	r->schema = top->schema;
	r->name = top->name;
	r->display = display(s, tg->name, r->schema, r->name);
	r->decl = top->merge;
	r->append = append;
	for (int id = 0; id < CDC_OPT_COUNT; id++) {
		for (int k = n - 1; k >= 0; k--) {
			cdc_optval *v = c[k].opts[id];
			if (!v)
				continue;
			r->opts[id] = v;
			for (int k2 = k - 1; k2 >= 0 && c[k2].spec == c[k].spec; k2--) {
				cdc_optval *w = c[k2].opts[id];
				if (w && !same_value(s, v, w)) {
					cdc_diag *g = cdc_diag_report(s->diags, CDC_E0605, v->value->loc,
						"\"%s\" is matched by two merge blocks that set \"%s\" differently",
						t->display, v->def->name);
					cdc_diag_note_at(g, w->value->loc, "the other setting");
					cdc_diag_help(g, "%s", settle);
				}
			}
			break;
		}
	}
	SEMA_PUSH(s, t->routes, t->nroutes, t->routes_cap, r);
	SEMA_PUSH(s, s->m->routes, s->m->nroutes, s->m->routes_cap, r);
	cdc_diag_subjects(s->diags, t->display, r->display);
	route_checks(s, r, target_tables);
	cdc_diag_subjects(s->diags, NULL, NULL);
}

/*
 * The merge blocks matching a table and a target make at most two routes: its current
 * state (merge) and its history (mode = append).  A block that sets no mode refines the
 * append route when it writes the same target table as a block with mode = append, the
 * merge route otherwise.
 */
static void
resolve_routes(cdc_sema *s, pending **pend, int npend)
{
	cdc_hmap target_tables = CDC_HMAP_INIT;
	for (int i = 0; i < npend; i++) {
		pending *p = pend[i];
		cdc_diag_subjects(s->diags, p->table->display, NULL);
		contrib *groups[2];
		int ng[2] = {0, 0};
		groups[0] = cdc_arena_alloc(s->arena, (size_t)p->n * sizeof(contrib));
		groups[1] = cdc_arena_alloc(s->arena, (size_t)p->n * sizeof(contrib));
		for (int k = 0; k < p->n; k++) {
			int m = p->c[k].mode;
			for (int j = 0; j < p->n && m == MODE_UNSET; j++)
				if (p->c[j].mode == MODE_APPEND && strcmp(p->c[j].schema, p->c[k].schema) == 0 &&
				    strcmp(p->c[j].name, p->c[k].name) == 0)
					m = MODE_APPEND;
			int gi = m == MODE_APPEND;
			groups[gi][ng[gi]++] = p->c[k];
		}
		for (int gi = 0; gi < 2; gi++)
			if (ng[gi])
				resolve_group(s, p->table, p->target, groups[gi], ng[gi], gi == 1, &target_tables);
		cdc_diag_subjects(s->diags, NULL, NULL);
	}
	cdc_hmap_free(&target_tables);
}

cdc_route *
cdc_sema_find_route(cdc_sema *s, const cdc_node *path)
{
	const char *want = cdc_ast_path_text(s->arena, path);
	for (int i = 0; i < s->m->nroutes; i++)
		if (strcmp(s->m->routes[i]->display, want) == 0)
			return s->m->routes[i];
	return NULL;
}

/* ---- driver ------------------------------------------------------------------------- */

cdc_model *
cdc_sema_run(cdc_arena *a, const cdc_srcfile *f, cdc_diags *diags, const cdc_node *root)
{
	return cdc_sema_run_lock(a, f, diags, root, NULL);
}

cdc_model *
cdc_sema_run_lock(cdc_arena *a, const cdc_srcfile *f, cdc_diags *diags, const cdc_node *root, const char *lock)
{
	cdc_sema s = {a, diags, f, NULL, CDC_HMAP_INIT, lock};
	cdc_model *m = s.m = cdc_arena_zalloc(a, sizeof *m);
	const char *slash = strrchr(f->path, '/');
	m->dir = slash ? cdc_arena_strndup(a, f->path, (size_t)(slash - f->path)) : ".";
	if (slash == f->path)
		m->dir = "/";

	pipeline(&s, root);
	declare(&s, root);
	load_lock(&s);
	for (const cdc_node *it = root->a; it; it = it->next)
		if (it->kind == CDC_N_TABLE)
			table_block(&s, it);
	capture(&s);
	attach_blocks(&s, root);
	for (int i = 0; i < m->ntables; i++)
		if (m->tables[i]->captured)
			cdc_sema_table_pipeline(&s, m->tables[i]);
	pending **pend = NULL;
	int npend = 0;
	unsigned before_merges = cdc_diag_error_reports(s.diags);
	collect_merges(&s, root, &pend, &npend);
	resolve_routes(&s, pend, npend);
	bool merge_errors = cdc_diag_error_reports(s.diags) != before_merges;
	for (int i = 0; i < m->ntables && !merge_errors; i++) {
		cdc_table *t = m->tables[i];
		if (t->captured && t->nroutes == 0) {
			cdc_loc at = t->decl ? t->decl->a->loc : t->source->decl->a->loc;
			cdc_diag *g = cdc_diag_report(s.diags, CDC_W0102, at,
				"changes of \"%s\" are captured but no merge block sends them to a target", t->display);
			cdc_diag_help(g, "add: merge %s into TARGET.SCHEMA.TABLE { }", t->display);
		}
	}
	cdc_sema_tests(&s, root);
	cdc_hmap_free(&s.names);
	cdc_hmap_free(&m->table_map);
	return m;
}

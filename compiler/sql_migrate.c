/*
 * compiler/sql_migrate.c — `cdcc ddl --migrate-from OLD`: the ALTERs that take the
 * targets from what an older version of the pipeline made to what this one needs.
 *
 * Routes are matched by target table (target, schema, table) and columns by name.  What
 * is new is created (tables) or added (columns, nullable: existing rows have no value;
 * the soft-delete flag with its DEFAULT); a changed type or NOT NULL is altered where
 * the dialect can (the emitter's alter_column) and is an error where it cannot, with
 * the reason; Redshift's distribution, sort key and encodings are altered in place.
 * Nothing is ever dropped: a table or column the pipeline no longer writes keeps its
 * data, and a comment says so.  A changed merge key or mode (merge, append) is an error:
 * the table's primary key and meaning change, which takes a person.
 *
 * Athena's tables are external: a changed one is dropped and created again, which
 * leaves the lake's files as they are.
 */
#include "compiler/sql_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The route of `ir` into the same target table as r (and its table), or NULL. */
static const cdc_ir_route *
same_route(const cdc_ir *ir, const char *target, const cdc_ir_route *r, const cdc_ir_table **table)
{
	for (int i = 0; i < ir->ntables; i++)
		for (int k = 0; k < ir->tables[i].nroutes; k++) {
			const cdc_ir_route *o = &ir->tables[i].routes[k];
			if (strcmp(ir->targets[o->target].name, target) == 0 && strcmp(o->name, r->name) == 0 &&
			    (o->schema ? r->schema && strcmp(o->schema, r->schema) == 0 : !r->schema)) {
				if (table)
					*table = &ir->tables[i];
				return o;
			}
		}
	return NULL;
}

static const cdc_ir_target *
same_target(const cdc_ir *ir, const char *name)
{
	for (int i = 0; i < ir->ntargets; i++)
		if (strcmp(ir->targets[i].name, name) == 0)
			return &ir->targets[i];
	return NULL;
}

/* What the emitter writes for a route's table (r) or a target's runtime tables (r NULL)
 * of `ir`, as text, its problems left out: to compare two versions' DDL. */
static void
rendered(sqlw *w, cdc_buf *out, const cdc_ir *ir, const cdc_ir_target *tg, const cdc_ir_table *t,
         const cdc_ir_route *r)
{
	sqlw saved = *w;
	cdc_buf errors = CDC_BUF_INIT;
	w->b = out;
	w->ir = ir;
	w->errors = &errors;
	w->where = NULL;
	sql_writer_target(w, tg);
	if (r)
		w->e->table(w, t, r);
	else
		w->e->runtime(w);
	cdc_buf_free(&errors);
	*w = saved;
}

static bool
same_ddl(sqlw *w, const cdc_ir *old, const cdc_ir_target *otg, const cdc_ir_table *ot, const cdc_ir_route *o,
         const cdc_ir_table *t, const cdc_ir_route *r)
{
	cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
	rendered(w, &a, old, otg, ot, o);
	rendered(w, &b, w->ir, w->tg, t, r);
	bool same = strcmp(cdc_buf_str(&a), cdc_buf_str(&b)) == 0;
	cdc_buf_free(&a);
	cdc_buf_free(&b);
	return same;
}

static int
find_col(const cdc_ir_route *r, const char *name)
{
	for (int i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i].name, name) == 0)
			return i;
	return -1;
}

/* The dialect's spelling of column i's type, for comparing two versions. */
static void
type_text(sqlw *w, cdc_buf *b, const cdc_ir_route *r, int i)
{
	const char *why;
	cdc_sql_type(b, w->d, r->cols[i].type, sw_is_key(r, i), &why);
}

static bool
same_key(const cdc_ir_route *a, const cdc_ir_route *b)
{
	if (a->nkey != b->nkey)
		return false;
	for (int k = 0; k < a->nkey; k++)
		if (strcmp(a->cols[a->key[k]].name, b->cols[b->key[k]].name) != 0)
			return false;
	return true;
}

static void
key_list(cdc_buf *b, const cdc_ir_route *r)
{
	cdc_buf_putc(b, '(');
	for (int k = 0; k < r->nkey; k++)
		cdc_buf_printf(b, "%s%s", k ? ", " : "", r->cols[r->key[k]].name);
	cdc_buf_putc(b, ')');
}

void
sw_alter_table(sqlw *w, const cdc_ir_route *r)
{
	sw_puts(w, "ALTER TABLE ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " ");
}

/* One route in both versions: writes what changed, nothing if nothing did. */
static void
migrate_route(sqlw *w, const cdc_ir *old, const cdc_ir_table *ot, const cdc_ir_route *o, const cdc_ir_table *t,
              const cdc_ir_route *r)
{
	if (o->append != r->append) {
		sw_fail(w, "the route changed from %s to %s; the table holds %s and cannot be converted: write to a new "
		        "table (another name in the merge block)", o->append ? "append" : "merge",
		        r->append ? "append" : "merge", o->append ? "every change" : "one row per key");
		return;
	}
	if (!r->append && !same_key(o, r)) {
		cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
		key_list(&a, o);
		key_list(&b, r);
		sw_fail(w, "the merge key changed from %s to %s; the table's primary key must be rebuilt by hand "
		        "(or write to a new table)", cdc_buf_str(&a), cdc_buf_str(&b));
		cdc_buf_free(&a);
		cdc_buf_free(&b);
		return;
	}
	if (!w->e->alter_column) {
		/* external tables: the definition is replaced (its columns, location, format,
		 * partitions), the files stay */
		if (same_ddl(w, old, &old->targets[o->target], ot, o, t, r))
			return;
		sw_puts(w, "DROP TABLE IF EXISTS ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, ";\n");
		w->e->table(w, t, r);
		return;
	}
	for (int i = 0; i < r->ncols; i++) {
		int j = find_col(o, r->cols[i].name);
		if (j < 0) {
			sw_alter_table(w, r);
			sw_puts(w, "ADD COLUMN ");
			sw_column_def(w, t, r, i, false);
			sw_puts(w, ";\n");
			if (r->cols[i].not_null && !sw_is_flag(t, r, i)) {
				cdc_buf c = CDC_BUF_INIT;
				cdc_buf_printf(&c, "\"%s\" is not null in the pipeline, but the table's existing rows have no "
				               "value for it: it is added without NOT NULL", r->cols[i].name);
				sw_comment(w, "%s", cdc_buf_str(&c));
				cdc_buf_free(&c);
			}
			continue;
		}
		cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
		type_text(w, &a, o, j);
		type_text(w, &b, r, i);
		if (strcmp(cdc_buf_str(&a), cdc_buf_str(&b)) != 0 || o->cols[j].not_null != r->cols[i].not_null)
			w->e->alter_column(w, t, r, i, o, j);
		cdc_buf_free(&a);
		cdc_buf_free(&b);
	}
	for (int j = 0; j < o->ncols; j++)
		if (find_col(r, o->cols[j].name) < 0)
			sw_comment(w, "column \"%s\" is no longer written by the pipeline; it keeps its values (drop it by hand "
			           "when nothing reads it)", o->cols[j].name);
	if (w->e->alter_table)
		w->e->alter_table(w, t, o, r);
}

bool
cdc_sql_migrate(cdc_buf *out, cdc_dialect d, const cdc_ir *old, const cdc_ir *ir, const char *old_name,
                const cdc_sql_opts *o, cdc_buf *errors)
{
	sqlw W, *w = &W;
	sql_writer_init(w, out, d, ir, o, errors);
	sw_comment(w, "cdcc ddl --dialect %s --migrate-from: pipeline %s, from %s (sha256 %.12s)", cdc_dialect_word(d),
	           ir->pipeline, ir->file, ir->sha256);
	sw_comment(w, "what changes since %s; review it before running it, nothing is dropped", old_name);
	int ntargets = 0, changes = 0;
	for (int ti = 0; ti < ir->ntargets; ti++) {
		const cdc_ir_target *tg = &ir->targets[ti];
		if (!cdc_dialect_serves(d, tg->kind) || (o->target && strcmp(o->target, tg->name) != 0))
			continue;
		ntargets++;
		sql_writer_target(w, tg);
		sw_puts(w, "\n");
		sw_comment(w, "==== target %s (%s) ====", tg->name, tg->kind);
		if (d == CDC_DIALECT_ATHENA && strcmp(tg->kind, "files") == 0)
			continue;
		const cdc_ir_target *otg = same_target(old, tg->name);
		if (!otg) {
			w->e->runtime(w);   /* a new target: its runtime tables */
			changes++;
		} else if (!same_ddl(w, old, otg, NULL, NULL, NULL, NULL)) {
			/* the runtime tables moved or changed (schema, quarantine, an Athena path) */
			const char *os = sw_runtime_schema(otg), *ns = sw_runtime_schema(tg);
			if (!w->e->alter_column) {
				sw_puts(w, "DROP TABLE IF EXISTS ");
				sw_qname(w, os, sw_quarantine(otg));
				sw_puts(w, ";\n");
			}
			w->e->runtime(w);
			if (w->e->alter_column && strcmp(os, ns) != 0) {
				cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
				sw_qualified(w, &a, os, SQL_CHECKPOINTS);
				sw_qualified(w, &b, ns, SQL_CHECKPOINTS);
				sw_comment(w, "the checkpoints moved: copy them, or the pipeline starts over from a new snapshot:");
				sw_comment(w, "INSERT INTO %s SELECT * FROM %s;", cdc_buf_str(&b), cdc_buf_str(&a));
				if (w->d == CDC_DIALECT_POSTGRES) {
					/* and the column records of schema drift (runtime/drift.h), in order */
					cdc_buf_truncate(&a, 0);
					cdc_buf_truncate(&b, 0);
					sw_qualified(w, &a, os, SQL_COLUMNS);
					sw_qualified(w, &b, ns, SQL_COLUMNS);
					sw_comment(w, "and the column records (cdcc_columns), which say which source columns are new:");
					sw_comment(w, "INSERT INTO %s (pipeline, table_name, column_name, type, state, missing, "
					           "recorded_at)", cdc_buf_str(&b));
					sw_comment(w, "  SELECT pipeline, table_name, column_name, type, state, missing, recorded_at "
					           "FROM %s ORDER BY seq;", cdc_buf_str(&a));
					/* and the copies (runtime/source.h): without them every table is copied again */
					cdc_buf_truncate(&a, 0);
					cdc_buf_truncate(&b, 0);
					sw_qualified(w, &a, os, SQL_COPIES);
					sw_qualified(w, &b, ns, SQL_COPIES);
					sw_comment(w, "and the copy records (cdcc_copies), which say which target tables hold their copy:");
					sw_comment(w, "INSERT INTO %s SELECT * FROM %s;", cdc_buf_str(&b), cdc_buf_str(&a));
				}
				cdc_buf_free(&a);
				cdc_buf_free(&b);
			}
			changes++;
		}
		for (int i = 0; i < ir->ntables; i++) {
			const cdc_ir_table *t = &ir->tables[i];
			if (o->table && strcmp(o->table, t->display) != 0)
				continue;
			for (int k = 0; k < t->nroutes; k++) {
				const cdc_ir_route *r = &t->routes[k];
				if (r->target != ti)
					continue;
				cdc_buf rn = CDC_BUF_INIT;
				sql_writer_route(w, &rn, r);
				const cdc_ir_table *ot = NULL;
				const cdc_ir_route *or = same_route(old, tg->name, r, &ot);
				size_t at = w->b->len;
				sw_puts(w, "\n");
				sw_comment(w, "%s -> %s (%s)%s", t->display, w->where, r->append ? "append" : "merge",
				           or ? "" : ": new");
				size_t body = w->b->len;
				if (!or)
					w->e->table(w, t, r);
				else
					migrate_route(w, old, ot, or, t, r);
				if (w->b->len == body)
					w->b->len = at;        /* unchanged: no section */
				else
					changes++;
				sql_writer_route(w, NULL, NULL);
				cdc_buf_free(&rn);
			}
		}
		/* tables the old version wrote to this target and this one does not */
		for (int i = 0; i < old->ntables; i++)
			for (int k = 0; k < old->tables[i].nroutes; k++) {
				const cdc_ir_route *or = &old->tables[i].routes[k];
				if (strcmp(old->targets[or->target].name, tg->name) != 0)
					continue;
				if (same_route(ir, tg->name, or, NULL))
					continue;
				cdc_buf rn = CDC_BUF_INIT;
				sql_writer_route(w, &rn, or);
				sw_puts(w, "\n");
				sw_comment(w, "%s is no longer written by the pipeline; it keeps its rows (drop it by hand when "
				           "nothing reads it)", w->where);
				sql_writer_route(w, NULL, NULL);
				cdc_buf_free(&rn);
			}
	}
	if (ntargets == 0) {
		sw_puts(w, "\n");
		sw_comment(w, "no %s target in this pipeline%s%s", cdc_dialect_word(d), o->target ? " named " : "",
		           o->target ? o->target : "");
	} else if (changes == 0) {
		sw_puts(w, "\n");
		sw_comment(w, "nothing to change");
	}
	return !w->failed;
}

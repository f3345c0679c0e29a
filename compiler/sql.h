/*
 * compiler/sql.h — the SQL cdcc generates for its targets: `cdcc ddl`.
 *
 * One emitter per dialect (sql_redshift.c, sql_postgres.c, sql_mysql.c, sql_athena.c)
 * from the same IR, behind one interface (sql_int.h).  For each target of the dialect it
 * writes:
 *
 *   - the runtime tables: checkpoints and quarantine (or, for the lake, the quarantine's
 *     external table);
 *   - per route, the target table: columns with their mapped types, primary key, and for
 *     Redshift DISTSTYLE / DISTKEY / SORTKEY and column ENCODE;
 *   - with `load` (`cdcc ddl --load`), the statements the runtime runs per batch: the
 *     staging table, the load (Redshift COPY), the collapse of the batch to the latest
 *     change per key, the apply (MERGE, or the dialect's equivalent) and the checkpoint.
 *
 * Every identifier goes through cdc_sql_ident(); the only literals in the text are
 * configuration (S3 locations, placeholders the runtime fills in), through
 * cdc_sql_string(), and keywords from a fixed list (a plan's option words are checked
 * against it).  Data values never enter SQL text: they are staged (COPY, LOAD DATA) or
 * passed as parameters ($1, ?) by the runtime.
 */
#ifndef CDC_SQL_H
#define CDC_SQL_H

#include <stdbool.h>

#include "compiler/dialect.h"
#include "compiler/ir.h"

struct cdc_buf;

typedef enum cdc_dialect {
	CDC_DIALECT_REDSHIFT, CDC_DIALECT_POSTGRES, CDC_DIALECT_MYSQL, CDC_DIALECT_ATHENA,
	CDC_DIALECT_COUNT
} cdc_dialect;

/* "redshift", "postgres", "mysql", "athena"; false for another word. */
bool        cdc_dialect_parse(const char *word, cdc_dialect *out);
const char *cdc_dialect_word(cdc_dialect d);
/* Does the dialect describe targets of this kind ("redshift", "s3", ...)? */
bool        cdc_dialect_serves(cdc_dialect d, const char *target_kind);

/* The one quoting function: an identifier as the dialect writes it, quoted. */
void cdc_sql_ident(struct cdc_buf *b, cdc_dialect d, const char *name);
/* A string literal of configuration text (a path, a placeholder), quoted and escaped. */
void cdc_sql_string(struct cdc_buf *b, cdc_dialect d, const char *s);
/*
 * The dialect's type for a cdcc type; `key` when the column is (part of) the merge key
 * (MySQL keys need bounded types).  This is the one type mapping: `cdcc check` asks it
 * whether a column fits its target (compiler/dialect.c), `cdcc ddl` writes its text.
 * Anything but CDC_FIT_OK comes with *why (static text); the text is still written (the
 * nearest type) so the output stays readable.  CDC_FIT_UNBOUNDED is a default choice
 * (numeric without precision), the other two are errors.
 */
cdc_fit cdc_sql_type(struct cdc_buf *b, cdc_dialect d, cdc_rtype t, bool key, const char **why);
/*
 * Does a key of these column types fit the dialect's index limit (MySQL: InnoDB's 3,072
 * bytes)?  On false, *bytes is the key's widest size.
 */
bool cdc_sql_key_fits(cdc_dialect d, const cdc_rtype *types, int n, int *bytes);

typedef struct cdc_sql_opts {
	const char *target;   /* only this target, or NULL for every target of the dialect */
	const char *table;    /* only routes of this source table (display name), or NULL */
	bool        load;     /* also the per-batch statements: stage, load, apply, checkpoint */
	bool        full_rows;/* the batch's changes sent every column: the one-sort collapse */
} cdc_sql_opts;

/*
 * Writes the SQL of every target the dialect serves.  Returns false after writing what
 * it could, with one line per problem in `errors` ("target.schema.table: message"),
 * when a target cannot be expressed (a name Athena refuses, a type the dialect lacks).
 */
bool cdc_sql_emit(struct cdc_buf *out, cdc_dialect d, const cdc_ir *ir, const cdc_sql_opts *o,
                  struct cdc_buf *errors);

/*
 * What the runtime runs (cdc_sql_emit prints the same statements with comments), in the
 * parts where a driver acts: `stage` is run first, `load` is the one statement that reads
 * staged rows (its data follow it: COPY FROM STDIN, LOAD DATA), `apply` the rest.
 */
typedef struct cdc_sql_parts {
	struct cdc_buf *stage, *load, *apply;
} cdc_sql_parts;

/* The per-batch statements of route r of table t (into target r->target). */
bool cdc_sql_route_batch(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r,
                         bool full_rows, const cdc_sql_parts *out, struct cdc_buf *errors);
/* The same for a batch loaded ahead, while the batch before it is applied (PostgreSQL;
 * runtime/target.h, load_ahead): the stage is the regular table schema.name, which
 * `stage` creates (unlogged, once per run: it drops the table a run before left),
 * `load` fills after a TRUNCATE (on the loader's own connection, committed), and
 * `apply` reads without dropping. */
bool cdc_sql_route_ahead(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r,
                         bool full_rows, const char *schema, const char *name, const cdc_sql_parts *out,
                         struct cdc_buf *errors);
/* The initial snapshot of a route: `stage` empties a merge table, `load` copies the rows
 * (without the staging columns) straight into it.  False where the dialect has none. */
bool cdc_sql_route_snapshot(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r,
                            const cdc_sql_parts *out, struct cdc_buf *errors);
/* A target's quarantine insert (`stage`, parameters $1..$9 or ?: pipeline, table, rule,
 * reason, line, op, position, commit time, row as JSON) and checkpoint (`load`:
 * pipeline, source, position, batch id). */
bool cdc_sql_target_writes(cdc_dialect d, const cdc_ir *ir, int target, const cdc_sql_parts *out,
                           struct cdc_buf *errors);

/*
 * cdcc ddl --migrate-from: the statements that take the targets of the dialect from
 * what `old` (an earlier version of the pipeline; `old_name` says which, for the
 * header) made to what `ir` needs.  Returns false, with one line per problem in `errors`, where the
 * dialect cannot make a change (Redshift changes few column types).
 */
bool cdc_sql_migrate(struct cdc_buf *out, cdc_dialect d, const cdc_ir *old, const cdc_ir *ir, const char *old_name,
                     const cdc_sql_opts *o, struct cdc_buf *errors);

#endif

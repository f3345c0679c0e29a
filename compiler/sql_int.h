/*
 * compiler/sql_int.h — between the SQL driver (sql.c) and the dialect emitters.
 *
 * The driver walks the IR and calls the emitter of the dialect for each piece; the
 * emitters write through the helpers below, so identifiers, literals and types are
 * spelled in one place.  The statements that do not differ by dialect in shape (the
 * staging table, the collapse of a batch) are built here with the dialect's spelling.
 */
#ifndef CDC_SQL_INT_H
#define CDC_SQL_INT_H

#include "compiler/sql.h"
#include "runtime/buf.h"

typedef struct cdc_sql_emitter cdc_sql_emitter;

typedef struct sqlw {
	cdc_buf               *b;
	cdc_dialect            d;
	const cdc_sql_emitter *e;
	const cdc_ir          *ir;
	const cdc_ir_target   *tg;
	const char            *temp_schema;  /* where the per-batch tables live, or NULL */
	bool                   partial;      /* a change of the batch may leave columns unsent */
	bool                   failed;
	cdc_buf               *errors;       /* one line per problem */
	cdc_buf               *sections[3];  /* the runtime's parts of a batch (sw_section), or NULL */
	const char            *where;        /* the route being written, for messages */
	/* a batch loaded ahead (cdc_sql_route_ahead): the stage is this regular table, which
	 * the statements neither create per batch nor drop */
	const char            *ahead_schema, *ahead_name;
} sqlw;

/* Names of the per-batch temporary tables (one route at a time, in one transaction). */
#define SQL_STAGE "cdcc_stage"
#define SQL_BATCH "cdcc_batch"
#define SQL_ROWS  "cdcc_rows"       /* Redshift's apply = delete_insert */
/* Names of the staging table's own columns. */
#define SQL_SEQ   "_cdc_seq"        /* order of the change in the batch */
#define SQL_OP    "_cdc_op"         /* I, U, D or S */
#define SQL_UNCH  "_cdc_unchanged"  /* one character per column: 1 = not sent (TOAST) */
#define SQL_RN    "_cdc_rn"
#define SQL_UPS   "_cdc_upsert"     /* 1 if the key had an insert or update in the batch */
#define SQL_CHECKPOINTS "cdcc_checkpoints"
#define SQL_COLUMNS     "cdcc_columns"
#define SQL_COPIES      "cdcc_copies"

void sw_puts(sqlw *w, const char *s);
void sw_printf(sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sw_ident(sqlw *w, const char *name);
void sw_qname(sqlw *w, const char *schema, const char *name);   /* schema may be NULL */
/* A per-batch table (SQL_STAGE, SQL_BATCH): in the emitter's temp_schema if it has one. */
void sw_temp(sqlw *w, const char *name);
void sw_string(sqlw *w, const char *s);
void sw_type(sqlw *w, cdc_rtype t, bool key, const char *column);
/* The writer for one run of a dialect; then, per target and per route (r NULL: done
 * with the route; `name` holds the route's name for messages). */
void sql_writer_init(sqlw *w, cdc_buf *out, cdc_dialect d, const cdc_ir *ir, const cdc_sql_opts *o, cdc_buf *errors);
void sql_writer_target(sqlw *w, const cdc_ir_target *tg);
void sql_writer_route(sqlw *w, cdc_buf *name, const cdc_ir_route *r);
/* The per-batch statements are written in three parts when the runtime asks for them
 * (cdc_sql_route_batch): SQL_PART_STAGE creates the stage table, SQL_PART_LOAD is the one
 * statement that reads the staged rows (COPY, LOAD DATA), SQL_PART_APPLY the rest.  The
 * checkpoint statements use SQL_PART_STAGE for the quarantine insert and SQL_PART_LOAD
 * for the checkpoint.  For `cdcc ddl` every part goes to the one output: no-op. */
enum { SQL_PART_STAGE, SQL_PART_LOAD, SQL_PART_APPLY };
void sw_section(sqlw *w, int part);
/* A comment line.  Names may hold any character, and a line break in one would end the
 * comment and make the rest of the name SQL: control characters are written as '?'. */
void sw_comment(sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ALTER TABLE schema.table " */
void sw_alter_table(sqlw *w, const cdc_ir_route *r);
/* A problem: one line in w->errors, after the route's name; the output is then refused. */
void sw_fail(sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A name between `quote`s, a quote in it doubled; `fold`: ASCII letters in lower case. */
void sql_quoted(cdc_buf *b, const char *name, char quote, bool fold);
/* A name as part of an S3 key: bytes other than letters, digits, '-', '_' and '.' are
 * written %XX, so that the runtime's files and the SQL that names them agree. */
void sql_key_part(cdc_buf *b, const char *name);

/* Target options (or NULL). */
const char *sw_opt_str(const cdc_ir_opts *o, const char *name);
const cdc_ir_opt *sw_opt(const cdc_ir_opts *o, const char *name);
/* The target's schema for its runtime tables, and its quarantine table's name. */
const char *sw_runtime_schema(const cdc_ir_target *t);
const char *sw_quarantine(const cdc_ir_target *t);

/* Route columns: is column i part of the merge key; is it the route's own soft-delete
 * flag (not computed by the transform, so not staged). */
bool sw_is_key(const cdc_ir_route *r, int i);
bool sw_is_flag(const cdc_ir_table *t, const cdc_ir_route *r, int i);

/* The staging table: _cdc_seq, _cdc_op, _cdc_unchanged, then the route's columns (not
 * its own soft-delete flag), in the emitter's stage types. */
void sw_stage_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create);
/* Column i as CREATE TABLE declares it: name, type, NOT NULL (not when added to a table
 * that has rows: `create` false), the emitter's column_extra (Redshift ENCODE). */
void sw_column_def(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, bool create);
/* "(_cdc_seq, _cdc_op, _cdc_unchanged, c1, ...)": the staged columns, for COPY/LOAD */
void sw_stage_columns(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* An appending route: INSERT INTO the target every staged change. */
void sw_append(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* The collapse: SQL_BATCH from SQL_STAGE, one row per key (the latest change). */
void sw_collapse(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create_as);
/* The collapse's SELECT alone (no statement end), for a statement that reads it inline. */
void sw_collapse_select(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* Soft deletes: drops from the batch the deletes that would insert a deleted row. */
void sw_soft_prefilter(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* The value to write for column i from batch row b: the soft-delete flag, the batch's
 * value, or `otherwise` ("NULL" on insert, "t." for the target's own column on update,
 * written before the column name) when no change of the batch sent the column. */
void sw_value(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const char *otherwise);
/* sw_value(..., "NULL") of every column, comma-separated: an insert's values */
void sw_insert_values(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* MERGE INTO the target USING the batch; `all_key` is what WHEN MATCHED does when every
 * column is part of the key; `tref` names the target's columns where the dialect takes
 * no alias for the target (Redshift), else NULL: "AS t". */
void sw_merge(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *all_key, const char *tref,
              bool inline_batch);
/* `drop` (DROP TABLE, DROP TEMPORARY TABLE) the batch (if `batch`) and the stage */
void sw_drop_temps(sqlw *w, const char *drop, bool batch);
/* ta.k1 = ba.k1 AND ... over the merge key */
void sw_key_match(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *ta, const char *ba);
/* "c1", "c2", ... every column of the route */
void sw_column_list(sqlw *w, const cdc_ir_route *r);

/* CREATE SCHEMA IF NOT EXISTS (nothing for NULL) */
void sw_create_schema(sqlw *w, const char *schema);
/* CREATE TABLE IF NOT EXISTS schema.table (columns, key), up to its ")" */
void sw_create_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* PRIMARY KEY (...) when every key column is NOT NULL, else UNIQUE (...); nothing for
 * an appending route.  Written after the last column (with its leading comma). */
void sw_key_constraint(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
/* schema.name in the dialect's quoting, into b (schema may be NULL) */
void sw_qualified(sqlw *w, cdc_buf *b, const char *schema, const char *name);
/* DELETE FROM the batch its deletes, once they are applied */
void sw_prune_deletes(sqlw *w);
/* sw_fail for two columns whose names differ only in case, where the dialect does not
 * tell them apart (`why`: "which folds names to lower case") */
void sw_fold_collisions(sqlw *w, const cdc_ir_route *r, const char *why);

struct cdc_sql_emitter {
	/* the schema, checkpoint and quarantine tables of one target */
	void (*runtime)(sqlw *w);
	/* the target table of one route */
	void (*table)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
	/* the per-batch statements of one route (cdcc ddl --load) */
	void (*load)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
	/* the checkpoint and quarantine writes, once per target (cdcc ddl --load) */
	void (*checkpoint)(sqlw *w);
	/* the initial snapshot of one route, in SQL_PART_STAGE (a merge table is emptied:
	 * the snapshot is the whole state) and SQL_PART_LOAD (the rows straight into the
	 * table); NULL where the runtime does not load this dialect yet */
	void (*snapshot)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
	cdc_fit (*type)(cdc_buf *b, cdc_rtype t, bool key, const char **why);
	/* does a key of these types fit the index size limit (NULL: no limit); *bytes its size */
	bool (*key_fits)(const cdc_rtype *types, int n, int *bytes);
	void (*ident)(cdc_buf *b, const char *name);
	/* MySQL: temporary tables belong to a database, so they are put in the target's
	 * runtime schema rather than in whatever database the session has selected */
	bool temp_in_runtime_schema;
	/* the stage's type for a column when it is not the target's (Redshift stages SUPER
	 * as VARCHAR, COPY reading the JSON text): writes it and returns true; NULL or false
	 * for the target's type */
	bool (*stage_type)(cdc_buf *b, cdc_rtype t);
	/* the function that turns such a staged value into the target's (JSON_PARSE) */
	const char *(*unstage)(cdc_rtype t);
	/* what follows the ")" of a CREATE TABLE, staging tables included (MySQL: engine,
	 * character set and collation), or NULL */
	void (*table_options)(sqlw *w);
	/* what follows a column's type and constraints (Redshift: ENCODE), or NULL */
	void (*column_extra)(sqlw *w, const cdc_ir_route *r, int i);
	/* cdcc ddl --migrate-from: the statements that turn column i of route r from what it
	 * was, column j of the old route `old` (another type or NOT NULL), into what it is
	 * now, or sw_fail where the dialect cannot; NULL: the table is created anew instead
	 * (Athena's external tables) */
	void (*alter_column)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const cdc_ir_route *old,
	                     int j);
	/* the same for the table's own settings (Redshift: distribution, sort key,
	 * encodings), or NULL */
	void (*alter_table)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *old, const cdc_ir_route *r);
};

extern const cdc_sql_emitter cdc_sql_redshift, cdc_sql_postgres, cdc_sql_mysql, cdc_sql_athena;

#endif

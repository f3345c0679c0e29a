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

typedef struct sqlw {
	cdc_buf             *b;
	cdc_dialect          d;
	const cdc_ir        *ir;
	const cdc_ir_target *tg;
	bool                 failed;
	char                *why;
	size_t               whylen;
} sqlw;

/* Names of the per-batch temporary tables (one route at a time, in one transaction). */
#define SQL_STAGE "cdcc_stage"
#define SQL_BATCH "cdcc_batch"
/* Names of the staging table's own columns. */
#define SQL_SEQ   "_cdc_seq"        /* order of the change in the batch */
#define SQL_OP    "_cdc_op"         /* I, U, D or S */
#define SQL_UNCH  "_cdc_unchanged"  /* one character per column: 1 = not sent (TOAST) */
#define SQL_RN    "_cdc_rn"
#define SQL_UPS   "_cdc_upsert"     /* 1 if the key had an insert or update in the batch */
#define SQL_CHECKPOINTS "cdcc_checkpoints"

void sw_puts(sqlw *w, const char *s);
void sw_printf(sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sw_ident(sqlw *w, const char *name);
void sw_qname(sqlw *w, const char *schema, const char *name);   /* schema may be NULL */
void sw_string(sqlw *w, const char *s);
void sw_type(sqlw *w, cdc_rtype t, bool key, const char *column);
void sw_fail(sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

/* The staging table: _cdc_seq, _cdc_op, _cdc_unchanged, then the route's columns with
 * `stage_type` giving each column's type in the stage (NULL: the target type). */
typedef void stage_type_fn(sqlw *w, cdc_rtype t, bool key, const char *column);
void sw_stage_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create,
                    stage_type_fn *stage_type);
/* "is column i (1-based position p) unchanged in stage row s": 1 or 0 */
void sw_unchanged(sqlw *w, const char *alias, int p);
/* The collapse: cdcc_batch from cdcc_stage, one row per key (the latest change), each
 * column the latest value sent for it in the batch with _cdc_uN = 1 when none was. */
void sw_collapse(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create_as);

/* The value to write for column i from batch row b: the batch's, or `otherwise` ("NULL"
 * for an insert, "t." for the target's own column on update) when no change of the
 * batch sent it; `wrap` names a function applied to the batch's value (JSON_PARSE). */
void sw_value(sqlw *w, const cdc_ir_route *r, int i, const char *otherwise, const char *wrap);
/* ta.k1 = ba.k1 AND ... over the merge key */
void sw_key_match(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *ta, const char *ba);
/* "c1", "c2", ... every column of the route */
void sw_column_list(sqlw *w, const cdc_ir_route *r);

/* PRIMARY KEY (...) when every key column is NOT NULL, else UNIQUE (...); nothing for
 * an appending route.  Written after the last column (with its leading comma). */
void sql_key_constraint(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);

typedef struct cdc_sql_emitter {
	/* the schema, checkpoint and quarantine tables of one target */
	void (*runtime)(sqlw *w);
	/* the target table of one route */
	void (*table)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
	/* the per-batch statements of one route (cdcc ddl --load) */
	void (*load)(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r);
	/* the checkpoint and quarantine writes, once per target (cdcc ddl --load) */
	void (*checkpoint)(sqlw *w);
	cdc_fit (*type)(cdc_buf *b, cdc_rtype t, bool key, const char **why);
	/* does a key of these types fit the index size limit (NULL: no limit); *bytes its size */
	bool (*key_fits)(const cdc_rtype *types, int n, int *bytes);
	void (*ident)(cdc_buf *b, const char *name);
} cdc_sql_emitter;

extern const cdc_sql_emitter cdc_sql_redshift, cdc_sql_postgres, cdc_sql_mysql, cdc_sql_athena;

#endif

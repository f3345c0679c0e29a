/*
 * compiler/schemalock.h — the schema lock file.
 *
 * `cdcc schema pull` records the source tables' columns in a JSON file next to the
 * pipeline so that `cdcc check` can check tables selected by pattern offline, in CI.
 * The format (version 1; docs/language.md, "Schema lock"):
 *
 *   {"cdcc_schema_lock": 1,
 *    "sources": [{"name": "shop", "kind": "postgres", "complete": true,
 *                 "tables": [{"schema": "public", "name": "orders",
 *                             "primary_key": ["id"],
 *                             "columns": [{"name": "id", "type": "bigint",
 *                                          "not_null": true}, ...]}]}]}
 *
 * "complete" says the lock lists every table of the source that the pipeline's
 * selection could match; only then can a pattern that matches nothing be reported.
 */
#ifndef CDC_SCHEMALOCK_H
#define CDC_SCHEMALOCK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cdc_arena cdc_arena;

#define CDC_LOCK_VERSION 1

typedef struct cdc_lock_column {
	const char *name;
	const char *type;      /* as PostgreSQL's format_type prints it */
	bool        not_null;
} cdc_lock_column;

typedef struct cdc_lock_table {
	const char      *schema;   /* NULL for sources without schemas */
	const char      *name;
	cdc_lock_column *cols;
	int              ncols;
	const char     **pk;
	int              npk;
} cdc_lock_table;

typedef struct cdc_lock_source {
	const char     *name;
	const char     *kind;
	bool            complete;
	cdc_lock_table *tables;
	int             ntables;
} cdc_lock_source;

typedef struct cdc_lock {
	int              version;
	cdc_lock_source *sources;
	int              nsources;
} cdc_lock;

/* Is this text a schema lock (a JSON object with "cdcc_schema_lock")?  Tells a lock from
 * a pipeline or a plan, for `cdcc ddl --migrate-from`. */
bool cdc_lock_sniff(const char *text, size_t len);

typedef enum cdc_lock_err { CDC_LOCK_OK, CDC_LOCK_INVALID, CDC_LOCK_VERSION_ERR } cdc_lock_err;

/* Parses a lock.  On error, *why (arena) says what and where ("line 3, column 7: ..."). */
cdc_lock_err cdc_lock_parse(cdc_arena *a, const char *text, size_t len, cdc_lock **out,
                            const char **why);

#endif

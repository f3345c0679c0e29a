/*
 * runtime/pg_schema.h — a PostgreSQL database's tables as a schema lock records them
 * (compiler/schemalock.h), for `cdcc schema pull`.
 */
#ifndef CDC_PG_SCHEMA_H
#define CDC_PG_SCHEMA_H

#include <stdbool.h>

#include "runtime/rt.h"

struct cdc_buf;

/*
 * Connects with `dsn` and appends to `out` the JSON array of the tables that
 * selects(schema, name, arg) accepts (ordinary and partitioned tables, system schemas
 * left out), in schema and name order: each with its columns in order and its primary
 * key.  Types are written as format_type() prints them; an enum is recorded as text and
 * a domain as its base type, and a type cdcc does not know as text, with a warning on
 * standard error naming the column.  *ntables counts them.  `what` names the source in
 * messages ("source shop").
 */
bool cdc_pg_schema_read(const char *dsn, const char *what, bool (*selects)(const char *schema, const char *name,
                        void *arg), void *arg, struct cdc_buf *out, int *ntables, cdc_err *e);

/* A table's columns in order ($1: its OID): name, the type cdcc reads it as (an enum as
 * text, a domain as its base type), NOT NULL ('t'/'f'), and the type as the server
 * prints it.  Shared with the source's checks, so that a schema lock and a run's column
 * records (drift.h) agree. */
extern const char cdc_pg_columns_sql[];

#endif

/*
 * runtime/typeids.h — the type ids shared by the compiler (compiler/types.h, which adds
 * the typing rules) and the runtime (values, casts, the plan).
 */
#ifndef CDC_TYPEIDS_H
#define CDC_TYPEIDS_H

/* X(id, canonical name, family) — the order is the implicit-widening order inside a
 * family (int2 < int4 < int8 < numeric < float4 < float8). */
#define CDC_TYPE_IDS(X)                                  \
	X(ERROR,       "error",       NONE)                  \
	X(UNKNOWN,     "unknown",     NONE)                  \
	X(BOOL,        "boolean",     BOOL)                  \
	X(INT2,        "smallint",    NUMBER)                \
	X(INT4,        "integer",     NUMBER)                \
	X(INT8,        "bigint",      NUMBER)                \
	X(NUMERIC,     "numeric",     NUMBER)                \
	X(FLOAT4,      "real",        NUMBER)                \
	X(FLOAT8,      "double precision", NUMBER)           \
	X(CHAR,        "char",        STRING)                \
	X(VARCHAR,     "varchar",     STRING)                \
	X(TEXT,        "text",        STRING)                \
	X(BYTEA,       "bytea",       BYTES)                 \
	X(DATE,        "date",        DATETIME)              \
	X(TIMESTAMP,   "timestamp",   DATETIME)              \
	X(TIMESTAMPTZ, "timestamptz", DATETIME)              \
	X(TIME,        "time",        TIME)                  \
	X(TIMETZ,      "timetz",      TIME)                  \
	X(INTERVAL,    "interval",    INTERVAL)              \
	X(UUID,        "uuid",        UUID)                  \
	X(JSON,        "json",        JSON)                  \
	X(JSONB,       "jsonb",       JSON)

typedef enum cdc_typeid {
#define X(id, name, fam) CDC_TY_##id,
	CDC_TYPE_IDS(X)
#undef X
	CDC_TY_COUNT
} cdc_typeid;

#endif

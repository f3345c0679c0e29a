/*
 * runtime/value.h — the values the VM computes with.
 *
 * A cdc_value is a small tagged struct passed by value (32 bytes).  NULL is a tag of its
 * own, distinct from the empty string; UNCHANGED marks a column the source did not send
 * (PostgreSQL's unchanged TOAST value), which must reach the target as "leave as is",
 * never as NULL.  Types are those of compiler/types.h; the static type of every register
 * is known when the program is compiled, so values carry only what the machine needs.
 *
 * Ownership: values own nothing.  Text, bytes and JSON point into memory that outlives
 * the value: the program's constant pool, the change event being processed, or the
 * per-event arena, which is reset after each event.  Functions consume nothing and
 * allocate results in the event arena.
 */
#ifndef CDC_VALUE_H
#define CDC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/datetime.h"
#include "runtime/numeric.h"

typedef enum cdc_vtag {
	CDC_VAL_NULL,
	CDC_VAL_UNCHANGED,  /* not sent by the source: keep the target's value */
	CDC_VAL_BOOL,       /* u.i 0 or 1 */
	CDC_VAL_INT,        /* u.i: smallint, integer, bigint */
	CDC_VAL_NUM,        /* u.n * 10^-scale, or kind NaN/±Infinity (see numeric.h) */
	CDC_VAL_FLOAT,      /* u.f: real, double precision */
	CDC_VAL_TEXT,       /* u.s: UTF-8, not NUL-terminated */
	CDC_VAL_BYTES,      /* u.s: bytea */
	CDC_VAL_DATE,       /* u.i: days since 2000-01-01 */
	CDC_VAL_TIME,       /* u.i: microseconds since midnight */
	CDC_VAL_TIMETZ,     /* u.i and aux: zone offset in seconds east */
	CDC_VAL_TS,         /* u.i: microseconds since 2000-01-01 00:00 */
	CDC_VAL_TSTZ,       /* u.i: microseconds since 2000-01-01 00:00 UTC */
	CDC_VAL_INTERVAL,   /* u.iv.us, u.iv.months, aux: days */
	CDC_VAL_UUID,       /* u.uuid */
	CDC_VAL_JSON,       /* u.s: JSON text (json and jsonb) */
	CDC_VAL_ARRAY,      /* u.s: PostgreSQL's array text form, '{1,2,3}' */
	CDC_VAL_RAW         /* u.s: the source's own text of a value of the column's type, passed
	                       through unread: only for columns of tables whose program does
	                       nothing (cdc_stage_identity), whose source type is exactly the
	                       declared one and has a text form without quotes (cdc_val_raw_type);
	                       formatted as it is */
} cdc_vtag;

typedef struct cdc_value {
	uint8_t tag;        /* cdc_vtag */
	uint8_t kind;       /* NUM: CDC_NUM_FINITE / NAN / PINF / NINF */
	int16_t scale;      /* NUM */
	int32_t aux;        /* TIMETZ: offset; INTERVAL: days */
	union {
		int64_t  i;
		double   f;
		__int128 n;     /* gcc and clang on 64-bit targets */
		struct { const char *p; uint32_t len; } s;
		struct { int64_t us; int32_t months; } iv;
		uint8_t  uuid[16];
	} u;
} cdc_value;

/* A static type as the runtime sees it: compiler/types.h's cdc_type, the same fields.
 * The type ids are cdc_typeid's (CDC_TY_*), shared through runtime/typeids.h. */
typedef struct cdc_rtype {
	uint8_t id;
	uint8_t array;
	int16_t scale;      /* numeric scale */
	int32_t mod;        /* numeric precision, char length, time precision; -1 if none */
} cdc_rtype;

static inline cdc_value cdc_val_null(void) { cdc_value v = {0}; v.tag = CDC_VAL_NULL; return v; }
static inline bool cdc_val_is_null(cdc_value v) { return v.tag == CDC_VAL_NULL; }
static inline cdc_value cdc_val_bool(bool b) { cdc_value v = {0}; v.tag = CDC_VAL_BOOL; v.u.i = b; return v; }
static inline cdc_value cdc_val_int(int64_t i) { cdc_value v = {0}; v.tag = CDC_VAL_INT; v.u.i = i; return v; }
static inline cdc_value cdc_val_float(double f) { cdc_value v = {0}; v.tag = CDC_VAL_FLOAT; v.u.f = f; return v; }
static inline cdc_value cdc_val_raw(const char *p, size_t n)
{ cdc_value v = {0}; v.tag = CDC_VAL_RAW; v.u.s.p = p; v.u.s.len = (uint32_t)n; return v; }
static inline cdc_value cdc_val_text(const char *p, size_t n)
{ cdc_value v = {0}; v.tag = CDC_VAL_TEXT; v.u.s.p = p; v.u.s.len = (uint32_t)n; return v; }

/* Between values and the exact-numeric and interval modules' structs, and a value of an
 * integer-represented tag (date, time, timestamp, ...): one definition for the VM, the
 * value module and the functions. */
static inline cdc_value
cdc_val_tagged(cdc_vtag tag, int64_t i)
{
	cdc_value v = {0};
	v.tag = (uint8_t)tag;
	v.u.i = i;
	return v;
}

static inline cdc_num
cdc_val_as_num(cdc_value v)
{
	cdc_num n = {v.u.n, v.scale, v.kind};
	return n;
}

static inline cdc_value
cdc_val_num(cdc_num n)
{
	cdc_value v = {0};
	v.tag = CDC_VAL_NUM;
	v.u.n = n.coef;
	v.scale = n.scale;
	v.kind = n.kind;
	return v;
}

static inline cdc_interval
cdc_val_as_interval(cdc_value v)
{
	cdc_interval iv = {v.u.iv.us, v.aux, v.u.iv.months};
	return iv;
}

static inline cdc_value
cdc_val_interval(cdc_interval iv)
{
	cdc_value v = {0};
	v.tag = CDC_VAL_INTERVAL;
	v.u.iv.us = iv.us;
	v.u.iv.months = iv.months;
	v.aux = iv.days;
	return v;
}

typedef struct cdc_arena cdc_arena;
struct cdc_buf;

/* The tag that values of a static type carry. */
cdc_vtag cdc_val_tag_of(cdc_rtype t);

/* Text form, exactly as PostgreSQL prints the type (what sources send and COPY reads);
 * appended to out.  NULL and UNCHANGED append nothing. */
void cdc_val_format(cdc_value v, cdc_rtype t, struct cdc_buf *out);

/* As JSON: null, true/false, numbers with their exact digits (NaN and the infinities
 * as strings), json values as they are, everything else as the JSON string of its text
 * form.  Used for quarantined rows, `cdcc eval` and JSON lake files. */
void cdc_val_json(cdc_value v, cdc_rtype t, struct cdc_buf *out);

/* Whether a value of type t may travel as CDC_VAL_RAW: numbers, booleans, dates, times
 * and UUIDs, whose text needs no quotes in the staged rows (text is read, for its
 * UTF-8 check). */
bool cdc_val_raw_type(cdc_rtype t);

/* Reads a value of type t from its text form (as cdc_val_format writes it, and as
 * PostgreSQL accepts it).  Text and JSON are copied into the arena.  On failure *why says
 * what is wrong. */
bool cdc_val_parse(cdc_arena *a, cdc_rtype t, const char *s, size_t n, cdc_value *out,
                   const char **why);

/* CAST between types, with PostgreSQL's rules (rounding, range errors, text forms). */
bool cdc_val_cast(cdc_arena *a, cdc_value v, cdc_rtype from, cdc_rtype to, cdc_value *out,
                  const char **why);

/* Order of two non-NULL values of one class: <0, 0, >0.  Text and bytea compare
 * bytewise (C collation); NaN is greater than every number, as in PostgreSQL. */
int cdc_val_cmp(cdc_value a, cdc_value b);

/* Equal values hash equal (1.5 and 1.50); for collapsing changes per key. */
uint64_t cdc_val_hash(cdc_value v);

#endif

/*
 * compiler/types.h — SQL types of cdcc: names, modifiers, coercions, result types.
 *
 * A cdc_type is a small value (id + modifiers) passed by value.  The rules follow
 * PostgreSQL where the targets agree, with one deliberate difference: exact numeric is
 * limited to 38 significant digits (the VM's 128-bit decimal, Redshift's DECIMAL), so
 * arithmetic derives result precision and scale the way Redshift does, capped at 38.
 */
#ifndef CDC_TYPES_H
#define CDC_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/typeids.h"

typedef enum cdc_tfamily {
	CDC_TF_NONE, CDC_TF_BOOL, CDC_TF_NUMBER, CDC_TF_STRING, CDC_TF_BYTES, CDC_TF_DATETIME,
	CDC_TF_TIME, CDC_TF_INTERVAL, CDC_TF_UUID, CDC_TF_JSON
} cdc_tfamily;

#define CDC_NUMERIC_MAX_DIGITS 38   /* exact numeric arithmetic limit (VM, Redshift) */

typedef struct cdc_type {
	uint8_t id;     /* cdc_typeid */
	uint8_t array;  /* 1: array of id (one dimension, as the sources deliver them) */
	int16_t scale;  /* NUMERIC: digits after the point */
	int32_t mod;    /* NUMERIC: precision; CHAR/VARCHAR: length; TIME*: fractional
	                   digits; -1 when not given */
} cdc_type;

static inline cdc_type cdc_type_make(cdc_typeid id) { cdc_type t = {(uint8_t)id, 0, 0, -1}; return t; }
static inline cdc_type cdc_type_numeric(int p, int s)
{ cdc_type t = {CDC_TY_NUMERIC, 0, (int16_t)s, p}; return t; }

cdc_tfamily cdc_type_family(cdc_type t);
bool        cdc_type_eq(cdc_type a, cdc_type b);
bool        cdc_type_is_error(cdc_type t);
bool        cdc_type_is_integer(cdc_type t);   /* int2/int4/int8 */

/* Canonical spelling: "numeric(12,2)", "varchar(20)", "timestamptz", "text[]".  Written
 * into buf (at least 48 bytes); returns buf. */
const char *cdc_type_str(cdc_type t, char *buf, size_t n);

typedef enum cdc_type_err {
	CDC_TYERR_OK, CDC_TYERR_UNKNOWN, CDC_TYERR_MODS
} cdc_type_err;

/* Resolves a type name (case-insensitive, with SQL and MySQL aliases) and its
 * modifiers.  On CDC_TYERR_MODS, *why says what is wrong with the modifiers. */
cdc_type_err cdc_type_parse(const char *name, const long *mods, int nmods, bool array,
                            cdc_type *out, const char **why);
/* Parses a type written as text ("numeric(12,2)", "character varying(20)", "integer[]"),
 * as the schema lock and cdcc schema pull write them. */
cdc_type_err cdc_type_parse_text(const char *text, cdc_type *out, const char **why);
/* The i-th accepted spelling with its type and how many modifiers it takes; NULL past
 * the end.  For the documentation generator. */
const char *cdc_type_spelling(int i, cdc_type *t, int *maxmods);
/* Every accepted type name, NULL-terminated, for "did you mean" suggestions. */
const char *const *cdc_type_names(void);

/* Numeric precision/scale a value of this type needs when widened to numeric:
 * int2 -> (5,0), int4 -> (10,0), int8 -> (19,0).  False for non-exact types. */
bool cdc_type_exact_digits(cdc_type t, int *prec, int *scale);

/* Implicit (assignment/argument) coercion from -> to. */
bool cdc_type_coercible(cdc_type from, cdc_type to);
/* Explicit CAST from -> to. */
bool cdc_type_castable(cdc_type from, cdc_type to);
/* The common type of two branches (CASE, IN, coalesce); false if there is none. */
bool cdc_type_common(cdc_type a, cdc_type b, cdc_type *out);

typedef enum cdc_arith_err {
	CDC_ARITH_OK, CDC_ARITH_TYPES
} cdc_arith_err;

/* Result type of a binary arithmetic or concatenation operator (CDC_OP_ADD ... CONCAT).
 * Exact results are capped at 38 digits (see numeric_result in types.c). */
cdc_arith_err cdc_type_arith(int op, cdc_type a, cdc_type b, cdc_type *out);
/* True if values of a and b can be compared with = < etc. */
bool cdc_type_comparable(cdc_type a, cdc_type b);

/*
 * Checks that a literal's text is a valid value of type t: what PostgreSQL would accept
 * for a string constant of that type ('2024-02-30' is not a date, 'abc' not a bigint,
 * 12345.6 not a numeric(4,2)).  Values that depend on the clock ('now', 'today') are
 * refused: pipelines and their tests must be reproducible.  On failure *why says what
 * is wrong (static text).
 */
bool cdc_type_literal_ok(cdc_type t, const char *text, const char **why);

#endif

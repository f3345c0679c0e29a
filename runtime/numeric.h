/*
 * runtime/numeric.h — exact decimal numbers for the VM (PostgreSQL's numeric, 38 digits).
 *
 * Sits under runtime/vm: column values of type numeric(p,s) decoded from a change event,
 * literals loaded from the plan and every numeric operator of a quality rule or transform
 * go through here, so that "numeric(p,s) up to p = 38 never goes through a double".  The
 * results follow PostgreSQL 15: rounding half away from zero, its text input and output,
 * its NaN and ±Infinity with its ordering, its error cases.
 *
 * A finite value is coef × 10^-scale with |coef| < 10^38 and 0 <= scale <= 38, so it holds
 * any numeric(38,s).  PostgreSQL has up to 131072 digits; here a result is exact whenever
 * it fits 38 significant digits, otherwise its fractional digits are rounded half away
 * from zero until it does, and only a result whose integral part alone needs more than 38
 * digits is CDC_NUM_OVERFLOW.  The scale is the display scale ("1.50" keeps scale 2) and
 * never changes the value: 1.50 and 1.5 compare and hash equal.
 *
 * Values are small structs passed and returned by value; nothing allocates.  coef is a
 * GCC/Clang __int128 (every 64-bit target of gcc and clang has it).  The text functions
 * assume the C locale's decimal point (cdcc never calls setlocale for LC_NUMERIC).
 */
#ifndef CDC_NUMERIC_H
#define CDC_NUMERIC_H

#include <stddef.h>
#include <stdint.h>

#define CDC_NUM_MAX_DIGITS 38   /* significant digits of a finite value; also the max scale */
#define CDC_NUM_BUFSIZE    48   /* cdc_num_format never needs more (41 chars + NUL) */

enum { CDC_NUM_FINITE, CDC_NUM_NAN, CDC_NUM_PINF, CDC_NUM_NINF };

typedef struct cdc_num {
	__extension__ __int128 coef;  /* |coef| < 10^38; 0 for NaN and the infinities */
	int16_t  scale;               /* digits after the point, 0..38 */
	uint8_t  kind;                /* CDC_NUM_FINITE, CDC_NUM_NAN, CDC_NUM_PINF, CDC_NUM_NINF */
} cdc_num;

typedef enum cdc_num_err {
	CDC_NUM_OK,
	CDC_NUM_OVERFLOW,   /* integral part over 38 digits, or over p-s in cdc_num_fit */
	CDC_NUM_DIV_ZERO,   /* division or modulo by zero */
	CDC_NUM_INVALID     /* bad text, NaN/Infinity where a number is needed, bad argument */
} cdc_num_err;

/* PostgreSQL's wording for an error, for runtime messages ("numeric field overflow"). */
const char *cdc_num_err_str(cdc_num_err e);

/*
 * Text input as PostgreSQL's numeric_in: blanks around, sign, digits with one optional
 * point, exponent ("1.5e3", "1e-5", "5.", ".5"), and NaN, Infinity, inf with a sign
 * (NaN without), any case.  The written scale is kept ("1.50" has scale 2, "1.5e3" 0).
 * Beyond 38 significant digits the fraction is rounded half away from zero; an integral
 * part over 38 digits is OVERFLOW, as is a scale PostgreSQL cannot store (over 16383).
 * s need not be NUL-terminated; an embedded NUL is INVALID.
 */
cdc_num_err cdc_num_parse(const char *s, size_t n, cdc_num *out);

/*
 * PostgreSQL's text output ("-12.340", "0.05", "NaN", "Infinity", "-Infinity"), never in
 * exponent notation.  Like snprintf: writes at most n-1 characters and a NUL (when n > 0)
 * and returns the full length; CDC_NUM_BUFSIZE bytes always suffice.
 */
size_t      cdc_num_format(cdc_num v, char *buf, size_t n);

/*
 * Arithmetic.  Finite results as described above (exact when they fit), special values as
 * PostgreSQL: NaN in gives NaN, Inf - Inf and Inf × 0 give NaN, x / ±Inf gives 0.
 * add, sub: result scale max(sa, sb).  mul: scale sa + sb.
 * div: quotient rounded half away from zero to `scale` (>= 0) digits; DIV_ZERO for b = 0
 *      (also 0 / 0 and ±Inf / 0); cdc_num_div_scale gives the scale PostgreSQL would pick.
 * mod: remainder with the sign of a and scale max(sa, sb); ±Inf % x is NaN, x % ±Inf is x.
 */
cdc_num_err cdc_num_add(cdc_num a, cdc_num b, cdc_num *out);
cdc_num_err cdc_num_sub(cdc_num a, cdc_num b, cdc_num *out);
cdc_num_err cdc_num_mul(cdc_num a, cdc_num b, cdc_num *out);
cdc_num_err cdc_num_div(cdc_num a, cdc_num b, int scale, cdc_num *out);
cdc_num_err cdc_num_mod(cdc_num a, cdc_num b, cdc_num *out);
int         cdc_num_div_scale(cdc_num a, cdc_num b);   /* PostgreSQL's select_div_scale */

/*
 * Rounding, as PostgreSQL's round(x, s) and trunc(x, s): to `scale` digits after the point,
 * padding with zeros when scale is larger; a negative scale rounds left of the point
 * (round(1234.5, -2) = 1200, scale 0).  floor and ceil give scale 0.  NaN and ±Inf pass.
 */
cdc_num_err cdc_num_rescale(cdc_num v, int scale, cdc_num *out);   /* half away from zero */
cdc_num_err cdc_num_trunc(cdc_num v, int scale, cdc_num *out);     /* toward zero */
cdc_num_err cdc_num_floor(cdc_num v, cdc_num *out);
cdc_num_err cdc_num_ceil(cdc_num v, cdc_num *out);

/*
 * Coerces to numeric(precision, scale) as PostgreSQL does on assignment: round to scale,
 * then OVERFLOW ("numeric field overflow") unless |v| < 10^(precision - scale).  NaN
 * passes, ±Infinity is OVERFLOW.  PostgreSQL 15's typmod ranges: precision 1..1000,
 * scale -1000..1000, else INVALID.
 */
cdc_num_err cdc_num_fit(cdc_num v, int precision, int scale, cdc_num *out);

cdc_num     cdc_num_neg(cdc_num v);
cdc_num     cdc_num_abs(cdc_num v);
/* -1/0/1 by value; PostgreSQL's order: -Inf < finite < +Inf < NaN, NaN = NaN. */
int         cdc_num_cmp(cdc_num a, cdc_num b);
/* -1/0/1; ±1 for ±Infinity, 0 for NaN (PostgreSQL's sign(NaN) is NaN: test kind first). */
int         cdc_num_sign(cdc_num v);

cdc_num     cdc_num_nan(void);
cdc_num     cdc_num_inf(int sign);              /* +Infinity for sign >= 0, else -Infinity */
cdc_num     cdc_num_from_i64(int64_t v);        /* scale 0 */
/* Rounded half away from zero; OVERFLOW outside int64, INVALID for NaN and ±Infinity. */
cdc_num_err cdc_num_to_i64(cdc_num v, int64_t *out);
/* As PostgreSQL's float8 -> numeric: printed with 15 significant digits, then parsed. */
cdc_num_err cdc_num_from_f64(double d, cdc_num *out);
/* Through the text form and strtod, so the correctly rounded double, as PostgreSQL. */
double      cdc_num_to_f64(cdc_num v);
/* Equal values (1.5, 1.50) hash equal; so do all NaNs. */
uint64_t    cdc_num_hash(cdc_num v);

#endif

/*
 * tests/unit/test_numeric.c — exact decimal numbers (runtime/numeric.c).
 *
 * Expected values come from PostgreSQL 15 (psql: SELECT '…'::numeric, a / b, x::numeric(p,s),
 * …).  Where PostgreSQL's exact result needs more than 38 digits, the expected value is that
 * result with its fraction rounded half away from zero to fit (numeric.h), and the comment
 * says what PostgreSQL printed.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/numeric.h"

#define MAX38  "99999999999999999999999999999999999999"
#define MAX38S "9999999999999999999999999999.9999999999"   /* 38 digits, scale 10 */
#define TINY38 "0.00000000000000000000000000000000000001"  /* 10^-38 */

static const char *
errname(cdc_num_err e)
{
	switch (e) {
	case CDC_NUM_OK:       return "OK";
	case CDC_NUM_OVERFLOW: return "OVERFLOW";
	case CDC_NUM_DIV_ZERO: return "DIV_ZERO";
	case CDC_NUM_INVALID:  return "INVALID";
	}
	return "?";
}

/* The text of a value, from a small ring of buffers so several fit in one message. */
static const char *
str(cdc_num v)
{
	static char buf[8][CDC_NUM_BUFSIZE];
	static int k;
	k = (k + 1) % 8;
	size_t n = cdc_num_format(v, buf[k], sizeof buf[k]);
	ck_assert_uint_lt(n, CDC_NUM_BUFSIZE);
	return buf[k];
}

static cdc_num
N(const char *s)
{
	cdc_num v;
	cdc_num_err e = cdc_num_parse(s, strlen(s), &v);
	ck_assert_msg(e == CDC_NUM_OK, "cannot parse \"%s\": %s", s, errname(e));
	return v;
}

/* `want` is the expected text, or the name of the expected error. */
static void
expect(const char *what, cdc_num_err e, cdc_num r, const char *want)
{
	const char *got = e == CDC_NUM_OK ? str(r) : errname(e);
	ck_assert_msg(strcmp(got, want) == 0, "%s = %s, want %s", what, got, want);
}

static void
expect_parse(const char *in, const char *want)
{
	cdc_num r;
	memset(&r, 0, sizeof r);
	expect(in, cdc_num_parse(in, strlen(in), &r), r, want);
}

enum { ADD, SUB, MUL, MOD };

static void
expect_op(int op, const char *a, const char *b, const char *want)
{
	static const char *names[] = {"+", "-", "*", "%"};
	cdc_num r, x = N(a), y = N(b);
	cdc_num_err e = op == ADD ? cdc_num_add(x, y, &r) : op == SUB ? cdc_num_sub(x, y, &r)
	              : op == MUL ? cdc_num_mul(x, y, &r) : cdc_num_mod(x, y, &r);
	char what[256];
	snprintf(what, sizeof what, "%s %s %s", a, names[op], b);
	expect(what, e, r, want);
}

/* Division at the scale PostgreSQL would choose. */
static void
expect_div(const char *a, const char *b, const char *want)
{
	cdc_num r, x = N(a), y = N(b);
	char what[256];
	snprintf(what, sizeof what, "%s / %s", a, b);
	expect(what, cdc_num_div(x, y, cdc_num_div_scale(x, y), &r), r, want);
}

static void
expect_divs(const char *a, const char *b, int scale, const char *want)
{
	cdc_num r;
	char what[256];
	snprintf(what, sizeof what, "div(%s, %s, %d)", a, b, scale);
	expect(what, cdc_num_div(N(a), N(b), scale, &r), r, want);
}

enum { ROUND, TRUNC };

static void
expect_round(int op, const char *a, int scale, const char *want)
{
	cdc_num r;
	char what[256];
	snprintf(what, sizeof what, "%s(%s, %d)", op == ROUND ? "round" : "trunc", a, scale);
	expect(what, op == ROUND ? cdc_num_rescale(N(a), scale, &r) : cdc_num_trunc(N(a), scale, &r),
	       r, want);
}

static void
expect_fit(const char *a, int p, int s, const char *want)
{
	cdc_num r;
	char what[256];
	snprintf(what, sizeof what, "%s::numeric(%d,%d)", a, p, s);
	expect(what, cdc_num_fit(N(a), p, s, &r), r, want);
}

static int
cmp(const char *a, const char *b)
{
	return cdc_num_cmp(N(a), N(b));
}

START_TEST(parse_and_format)
{
	expect_parse("12.340", "12.340");
	expect_parse(" 1.50 ", "1.50");
	expect_parse("\t12\n", "12");
	expect_parse("0.05", "0.05");
	expect_parse("-12.340", "-12.340");
	expect_parse("+7", "7");
	expect_parse("000123.4500", "123.4500");
	expect_parse("-0.00", "0.00");
	expect_parse("-0", "0");
	expect_parse(".5", "0.5");
	expect_parse("+.5", "0.5");
	expect_parse("-.5", "-0.5");
	expect_parse("5.", "5");
	expect_parse("0.", "0");
	/* exponents move the point; the scale is the written one minus the exponent */
	expect_parse("1.5e3", "1500");
	expect_parse("-1.5e3", "-1500");
	expect_parse("1.50e1", "15.0");
	expect_parse("1E+2", "100");
	expect_parse("1e-5", "0.00001");
	expect_parse("5.e3", "5000");
	expect_parse("0e5", "0");
	expect_parse("0e-5", "0.00000");
	expect_parse("1e 5", "100000");   /* PostgreSQL reads the exponent with strtol */
	expect_parse("1e +5", "100000");
	/* special values, in every spelling numeric_in takes */
	expect_parse("NaN", "NaN");
	expect_parse("nan", "NaN");
	expect_parse(" NAN ", "NaN");
	expect_parse("Infinity", "Infinity");
	expect_parse("infinity", "Infinity");
	expect_parse("+Infinity", "Infinity");
	expect_parse("-Infinity", "-Infinity");
	expect_parse("inf", "Infinity");
	expect_parse(" -inf", "-Infinity");
	expect_parse("+INF", "Infinity");

	/* not NUL-terminated: only n bytes are read */
	cdc_num v;
	ck_assert_int_eq(cdc_num_parse("1.25xyz", 3, &v), CDC_NUM_OK);
	ck_assert_str_eq(str(v), "1.2");
	ck_assert_int_eq(cdc_num_parse("1\0", 2, &v), CDC_NUM_INVALID);

	/* format is like snprintf: truncates, always terminates, returns the full length */
	char small[4];
	ck_assert_uint_eq(cdc_num_format(N("-12.340"), small, sizeof small), 7);
	ck_assert_str_eq(small, "-12");
	ck_assert_uint_eq(cdc_num_format(N("-Infinity"), NULL, 0), 9);
	ck_assert_uint_eq(cdc_num_format(N("-" TINY38), NULL, 0), 41);
}
END_TEST

START_TEST(parse_invalid)
{
	static const char *bad[] = {
		"", " ", ".", "+", "-", "1.2.3", "..5", "1e", "1e+", "1e- 5", "e5", ".e5", "1 0", "- 1",
		"+-1", "1_000", "0x1f", "1,5", "1e5.5", "1ee5", "12a", "-NaN", "+NaN", "NaNa", "infin",
		"Infinityx", "in f", "- inf",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_parse(bad[i], "INVALID");
	/* PostgreSQL: value overflows numeric format */
	expect_parse("1e99999999999", "OVERFLOW");
	expect_parse("1e-2147483647", "OVERFLOW");
	expect_parse("1e-20000", "OVERFLOW");   /* scale over 16383 */
	expect_parse("0e-20000", "OVERFLOW");
	expect_parse("0e20000", "0");
}
END_TEST

START_TEST(parse_38_digits)
{
	expect_parse(MAX38, MAX38);
	expect_parse("-" MAX38, "-" MAX38);
	expect_parse(MAX38S, MAX38S);
	expect_parse("-" MAX38S, "-" MAX38S);
	expect_parse("0.99999999999999999999999999999999999999", "0.99999999999999999999999999999999999999");
	expect_parse(TINY38, TINY38);
	expect_parse("9.9e37", "99000000000000000000000000000000000000");
	expect_parse("00000" MAX38 ".", MAX38);
	/* an integral part over 38 digits cannot be stored */
	expect_parse("100000000000000000000000000000000000000", "OVERFLOW");
	expect_parse("1e38", "OVERFLOW");
	expect_parse("-" MAX38 ".5", "OVERFLOW");   /* rounds up to 10^38 */
	/* beyond 38 significant digits the fraction is rounded half away from zero
	 * (PostgreSQL keeps every digit) */
	expect_parse(MAX38 ".4", MAX38);
	expect_parse("1.23456789012345678901234567890123456789", "1.2345678901234567890123456789012345679");
	expect_parse("9.99999999999999999999999999999999999999", "10.000000000000000000000000000000000000");
	expect_parse("-9.99999999999999999999999999999999999995", "-10.000000000000000000000000000000000000");
	expect_parse("1.000000000000000000000000000000000000000000", "1.0000000000000000000000000000000000000");
	expect_parse("1e-50", "0.00000000000000000000000000000000000000");
	expect_parse("5e-39", TINY38);
	expect_parse("-5e-39", "-" TINY38);
	expect_parse("4.9e-39", "0.00000000000000000000000000000000000000");
	expect_parse("0.000000000000000000000000000000000000000000", "0.00000000000000000000000000000000000000");
}
END_TEST

START_TEST(add_sub)
{
	expect_op(ADD, "1.5", "2.25", "3.75");
	expect_op(ADD, "1.50", "-1.5", "0.00");
	expect_op(SUB, "0.1", "0.3", "-0.2");
	expect_op(SUB, "-0.1", "-0.3", "0.2");
	expect_op(ADD, "-12.340", "2", "-10.340");
	expect_op(ADD, MAX38, "-" MAX38, "0");
	expect_op(SUB, MAX38, "1", "99999999999999999999999999999999999998");
	expect_op(ADD, MAX38S, "-" MAX38S, "0.0000000000");
	expect_op(ADD, "99999999999999999999999999999999999998", "1", MAX38);
	expect_op(ADD, MAX38, "1", "OVERFLOW");
	expect_op(SUB, "-" MAX38, "1", "OVERFLOW");
	expect_op(ADD, MAX38, "0.4", MAX38);   /* PostgreSQL: …99.4 */
	expect_op(ADD, MAX38, "0.5", "OVERFLOW");
	/* PostgreSQL: 19999999999999999999999999999.9999999998 */
	expect_op(ADD, MAX38S, MAX38S, "20000000000000000000000000000.000000000");
	/* PostgreSQL: 10000000000000000000000000000.0000000000 (39 digits) */
	expect_op(ADD, MAX38S, "0.0000000001", "10000000000000000000000000000.000000000");
	/* PostgreSQL: 99999999999999999999999999999999999.9995; rounding carries into a 39th digit */
	expect_op(ADD, "99999999999999999999999999999999999.999", "0.0005",
	          "100000000000000000000000000000000000.00");
	expect_op(ADD, TINY38, MAX38, MAX38);
	expect_op(SUB, "1", TINY38, "0.99999999999999999999999999999999999999");
}
END_TEST

START_TEST(mul)
{
	expect_op(MUL, "1.5", "1.5", "2.25");
	expect_op(MUL, "-2.5", "0.5", "-1.25");
	expect_op(MUL, "-2.5", "-0.5", "1.25");
	expect_op(MUL, "0.001", "0.001", "0.000001");
	expect_op(MUL, "1.50", "2.0", "3.000");
	expect_op(MUL, "-5", "0.00", "0.00");
	expect_op(MUL, "9999999999999999999", "9999999999999999999", "99999999999999999980000000000000000001");
	expect_op(MUL, MAX38, "1", MAX38);
	expect_op(MUL, MAX38, "-1", "-" MAX38);
	expect_op(MUL, MAX38S, "1.0", MAX38S);   /* PostgreSQL: …9.99999999990 */
	expect_op(MUL, MAX38, "1.0", MAX38);     /* PostgreSQL: …99.0 */
	expect_op(MUL, "10000000000000000000", "10000000000000000000", "OVERFLOW");
	expect_op(MUL, "99999999999999999999", "9999999999999999999", "OVERFLOW");
	expect_op(MUL, MAX38, "1.1", "OVERFLOW");
	/* PostgreSQL: 1.52415787532388367504953515625666819427831123554031397676527968299765279684 */
	expect_op(MUL, "1.2345678901234567890123456789012345678", "1.2345678901234567890123456789012345678",
	          "1.5241578753238836750495351562566681943");
	expect_op(MUL, "-1.2345678901234567890123456789012345678", "1.2345678901234567890123456789012345678",
	          "-1.5241578753238836750495351562566681943");
	/* PostgreSQL: 0.0000000000000000000000000000000000000012345678901234567890123456789012345678 */
	expect_op(MUL, "0.12345678901234567890123456789012345678", TINY38,
	          "0.00000000000000000000000000000000000000");
	expect_op(MUL, "0.5", TINY38, TINY38);   /* 5e-39 rounds away from zero */
	expect_op(MUL, "-0.5", TINY38, "-" TINY38);
	expect_op(MUL, "0.49", TINY38, "0.00000000000000000000000000000000000000");
}
END_TEST

START_TEST(div)
{
	cdc_num x = N("1"), y = N("3");
	ck_assert_int_eq(cdc_num_div_scale(x, y), 20);
	expect_div("1", "3", "0.33333333333333333333");
	expect_div("2", "3", "0.66666666666666666667");
	expect_div("-2", "3", "-0.66666666666666666667");
	expect_div("2", "-3", "-0.66666666666666666667");
	expect_div("100", "3", "33.3333333333333333");
	expect_div("1", "7.00", "0.14285714285714285714");
	expect_div("10", "0.001", "10000.0000000000000000");
	expect_div("1", "8", "0.12500000000000000000");
	expect_div("1", "1", "1.00000000000000000000");
	expect_div("9999", "10000", "0.99990000000000000000");
	expect_div("7", "7.0000001", "0.99999998571428591837");
	expect_div("123.456", "-0.0789", "-1564.7148288973384030");
	expect_div(MAX38, "3", "33333333333333333333333333333333333333");
	/* PostgreSQL: scale 56, 0.00000000000000000000000000000000000001000000000000000000 */
	expect_div("1", MAX38, TINY38);
	/* PostgreSQL: 0.00000000000000000000000000000000000000333333333333333333 */
	expect_div(TINY38, "3", "0.00000000000000000000000000000000000000");
	/* PostgreSQL: 176366841446208112716049382700000.0000000 (scale 7; 40 digits) */
	expect_div("123456789012345678901234567.89", "0.0000007", "176366841446208112716049382700000.00000");
	expect_div("12345678901234567890123456789.123456789", "0.0000000000000000000000000001234", "OVERFLOW");
	expect_div(MAX38, "0.1", "OVERFLOW");
	expect_div("1", "0", "DIV_ZERO");
	expect_div("0", "0", "DIV_ZERO");
	expect_div("1.5", "0.00", "DIV_ZERO");

	/* explicit scale: rounding half away from zero, ties both ways */
	expect_divs("1", "8", 2, "0.13");
	expect_divs("-1", "8", 2, "-0.13");
	expect_divs("10", "4", 0, "3");
	expect_divs("-10", "4", 0, "-3");
	expect_divs("10", "-4", 0, "-3");
	expect_divs("9", "4", 0, "2");
	expect_divs("1", "3", 0, "0");
	expect_divs("2", "3", 0, "1");
	expect_divs("0", "3", 4, "0.0000");
	expect_divs("-0.00", "3", 2, "0.00");
	expect_divs("1", "3", 38, "0.33333333333333333333333333333333333333");
	expect_divs("1", "3", 40, "0.33333333333333333333333333333333333333");   /* capped at 38 */
	expect_divs("2", "3", 38, "0.66666666666666666666666666666666666667");
	expect_divs("10", "3", 38, "3.3333333333333333333333333333333333333");
	expect_divs(MAX38, "1", 5, MAX38);
	expect_divs(MAX38, MAX38, 38, "1.0000000000000000000000000000000000000");
	expect_divs(TINY38, MAX38, 38, "0.00000000000000000000000000000000000000");
	/* a tie where the scaled dividend needs 64 digits (the 256-bit path) */
	expect_divs("61728394506172839450617283945.061725", "5000000000000000000000000000000", 35,
	            "0.01234567890123456789012345678901235");
	expect_divs("-61728394506172839450617283945.061725", "5000000000000000000000000000000", 35,
	            "-0.01234567890123456789012345678901235");
	cdc_num r;
	ck_assert_int_eq(cdc_num_div(N("1"), N("3"), -1, &r), CDC_NUM_INVALID);
}
END_TEST

START_TEST(mod)
{
	expect_op(MOD, "10", "3", "1");
	expect_op(MOD, "-10", "3", "-1");
	expect_op(MOD, "10", "-3", "1");
	expect_op(MOD, "5.5", "2", "1.5");
	expect_op(MOD, "-5.5", "2", "-1.5");
	expect_op(MOD, "10.0", "3.00", "1.00");
	expect_op(MOD, "6", "3", "0");
	expect_op(MOD, "-6", "3", "0");
	expect_op(MOD, MAX38, "0.00000000000000000000000000000000000007", "0.00000000000000000000000000000000000002");
	expect_op(MOD, "12345678901234567890123456789012345678", "0.3", "0.0");
	expect_op(MOD, "0.00000000000000000000000000000000000005", MAX38, "0.00000000000000000000000000000000000005");
	expect_op(MOD, MAX38, "0", "DIV_ZERO");
	expect_op(MOD, "1", "0.000", "DIV_ZERO");
}
END_TEST

START_TEST(special_values)
{
	expect_op(ADD, "NaN", "1", "NaN");
	expect_op(ADD, "Infinity", "-" MAX38, "Infinity");
	expect_op(ADD, "-Infinity", "Infinity", "NaN");
	expect_op(ADD, "-Infinity", "-Infinity", "-Infinity");
	expect_op(SUB, "Infinity", "Infinity", "NaN");
	expect_op(SUB, "Infinity", "-Infinity", "Infinity");
	expect_op(SUB, "1", "Infinity", "-Infinity");
	expect_op(SUB, "1", "NaN", "NaN");
	expect_op(MUL, "Infinity", "0", "NaN");
	expect_op(MUL, "0.00", "-Infinity", "NaN");
	expect_op(MUL, "Infinity", "-2", "-Infinity");
	expect_op(MUL, "-Infinity", "-Infinity", "Infinity");
	expect_op(MUL, "NaN", "Infinity", "NaN");
	expect_div("Infinity", "-3", "-Infinity");
	expect_div("Infinity", "Infinity", "NaN");
	expect_div("Infinity", "0", "DIV_ZERO");
	expect_div("NaN", "0", "NaN");
	expect_div("5", "-Infinity", "0");
	expect_div("5", "NaN", "NaN");
	expect_op(MOD, "Infinity", "1", "NaN");
	expect_op(MOD, "Infinity", "0", "DIV_ZERO");
	expect_op(MOD, "5.5", "-Infinity", "5.5");
	expect_op(MOD, "NaN", "0", "NaN");
	expect_round(ROUND, "NaN", 2, "NaN");
	expect_round(TRUNC, "-Infinity", 2, "-Infinity");
	cdc_num r;
	ck_assert_int_eq(cdc_num_floor(N("Infinity"), &r), CDC_NUM_OK);
	ck_assert_str_eq(str(r), "Infinity");
	ck_assert_str_eq(str(cdc_num_neg(N("Infinity"))), "-Infinity");
	ck_assert_str_eq(str(cdc_num_neg(N("NaN"))), "NaN");
	ck_assert_str_eq(str(cdc_num_abs(N("-Infinity"))), "Infinity");
	ck_assert_str_eq(str(cdc_num_nan()), "NaN");
	ck_assert_str_eq(str(cdc_num_inf(-1)), "-Infinity");
}
END_TEST

START_TEST(rounding)
{
	expect_round(ROUND, "2.5", 0, "3");
	expect_round(ROUND, "-2.5", 0, "-3");
	expect_round(ROUND, "2.4999", 0, "2");
	expect_round(ROUND, "0.125", 2, "0.13");
	expect_round(ROUND, "-0.125", 2, "-0.13");
	expect_round(ROUND, "0.124999", 2, "0.12");
	expect_round(ROUND, "0.5", 0, "1");
	expect_round(ROUND, "-0.4", 0, "0");   /* no negative zero */
	expect_round(ROUND, "0.49999999999999999999999999999999999999", 0, "0");
	expect_round(ROUND, "1.5", 3, "1.500");
	expect_round(ROUND, "1234.5", -2, "1200");
	expect_round(ROUND, "-1250", -2, "-1300");
	expect_round(ROUND, "1234.5", -40, "0");
	expect_round(ROUND, "9.5", 40, "9.5000000000000000000000000000000000000");   /* padded to 38 digits */
	expect_round(ROUND, MAX38S, 2, "10000000000000000000000000000.00");
	expect_round(ROUND, MAX38S, 12, MAX38S);   /* no room to pad */
	expect_round(ROUND, MAX38, -1, "OVERFLOW");   /* PostgreSQL: 10^38 */
	expect_round(ROUND, "-" TINY38, 37, "0.0000000000000000000000000000000000000");
	expect_round(ROUND, "0.00000000000000000000000000000000000005", 37, "0.0000000000000000000000000000000000001");
	expect_round(TRUNC, "2.7", 0, "2");
	expect_round(TRUNC, "-2.7", 0, "-2");
	expect_round(TRUNC, "1.999", 2, "1.99");
	expect_round(TRUNC, "1.5", 3, "1.500");
	expect_round(TRUNC, "1234.5", -2, "1200");
	expect_round(TRUNC, "-1299", -2, "-1200");
	expect_round(TRUNC, MAX38, -1, "99999999999999999999999999999999999990");

	cdc_num r;
	static const struct {
		const char *in, *floor, *ceil;
	} fc[] = {
		{"-0.5", "-1", "0"},   {"2.000", "2", "2"},   {"2.001", "2", "3"}, {"-1.5", "-2", "-1"},
		{"1.5", "1", "2"},     {"0.00", "0", "0"},    {MAX38, MAX38, MAX38},
		{"-" MAX38S, "-10000000000000000000000000000", "-9999999999999999999999999999"},
	};
	for (size_t i = 0; i < sizeof fc / sizeof fc[0]; i++) {
		ck_assert_int_eq(cdc_num_floor(N(fc[i].in), &r), CDC_NUM_OK);
		ck_assert_msg(strcmp(str(r), fc[i].floor) == 0, "floor(%s) = %s", fc[i].in, str(r));
		ck_assert_int_eq(cdc_num_ceil(N(fc[i].in), &r), CDC_NUM_OK);
		ck_assert_msg(strcmp(str(r), fc[i].ceil) == 0, "ceil(%s) = %s", fc[i].in, str(r));
	}
}
END_TEST

START_TEST(fit)
{
	expect_fit("9.994", 3, 2, "9.99");
	expect_fit("9.995", 3, 2, "OVERFLOW");   /* rounds up into a third integral digit */
	expect_fit("-9.995", 3, 2, "OVERFLOW");
	expect_fit("2.5", 1, 0, "3");
	expect_fit("-2.5", 1, 0, "-3");
	expect_fit("9.5", 1, 0, "OVERFLOW");
	expect_fit("0.5", 1, 0, "1");
	expect_fit("12345.678", 10, 2, "12345.68");
	expect_fit("12345.678", 6, 2, "OVERFLOW");
	expect_fit("1.5", 5, 3, "1.500");
	expect_fit("0", 1, 0, "0");
	expect_fit("-0.001", 3, 2, "0.00");
	/* PostgreSQL 15 typmods: scale above precision, negative scale */
	expect_fit("0.05", 2, 3, "0.050");
	expect_fit("0.1", 2, 3, "OVERFLOW");
	expect_fit("1234", 4, -2, "1200");
	expect_fit("123456", 4, -2, "123500");
	expect_fit("1234567", 4, -2, "OVERFLOW");
	expect_fit(MAX38, 38, 0, MAX38);
	expect_fit(MAX38, 38, 1, "OVERFLOW");
	expect_fit(MAX38S, 38, 10, MAX38S);
	expect_fit(MAX38S, 38, 9, "10000000000000000000000000000.000000000");   /* 10^28 < 10^29 */
	expect_fit(MAX38S, 37, 9, "OVERFLOW");
	expect_fit(TINY38, 38, 38, TINY38);
	expect_fit("NaN", 5, 2, "NaN");
	expect_fit("Infinity", 5, 2, "OVERFLOW");
	expect_fit("-Infinity", 38, 0, "OVERFLOW");
	expect_fit("1", 0, 0, "INVALID");
	expect_fit("1", 1001, 0, "INVALID");
	expect_fit("1", 5, 1001, "INVALID");
}
END_TEST

START_TEST(compare)
{
	ck_assert_int_eq(cmp("1.50", "1.5"), 0);
	ck_assert_int_eq(cmp("1.5", "1.51"), -1);
	ck_assert_int_eq(cmp("-1.5", "-1.51"), 1);
	ck_assert_int_eq(cmp("-1", "1"), -1);
	ck_assert_int_eq(cmp("0", "-0.00"), 0);
	ck_assert_int_eq(cmp("0", TINY38), -1);
	ck_assert_int_eq(cmp(MAX38, "0.99999999999999999999999999999999999999"), 1);
	ck_assert_int_eq(cmp(MAX38, MAX38 ".000"), 0);
	ck_assert_int_eq(cmp("-" MAX38, "-" MAX38S), -1);
	ck_assert_int_eq(cmp("10", "9.99999999999999999999999999999999999"), 1);
	/* PostgreSQL's order: -Inf < finite < +Inf < NaN */
	ck_assert_int_eq(cmp("NaN", "NaN"), 0);
	ck_assert_int_eq(cmp("NaN", "Infinity"), 1);
	ck_assert_int_eq(cmp("Infinity", "NaN"), -1);
	ck_assert_int_eq(cmp("Infinity", "Infinity"), 0);
	ck_assert_int_eq(cmp("-Infinity", "-Infinity"), 0);
	ck_assert_int_eq(cmp("Infinity", MAX38), 1);
	ck_assert_int_eq(cmp("-Infinity", "-" MAX38), -1);
	ck_assert_int_eq(cmp("-Infinity", "NaN"), -1);

	ck_assert_int_eq(cdc_num_sign(N("-0.001")), -1);
	ck_assert_int_eq(cdc_num_sign(N("0.000")), 0);
	ck_assert_int_eq(cdc_num_sign(N("12")), 1);
	ck_assert_int_eq(cdc_num_sign(N("-Infinity")), -1);
	ck_assert_int_eq(cdc_num_sign(N("NaN")), 0);
	ck_assert_str_eq(str(cdc_num_neg(N("1.50"))), "-1.50");
	ck_assert_str_eq(str(cdc_num_neg(N("0.0"))), "0.0");
	ck_assert_str_eq(str(cdc_num_abs(N("-" MAX38S))), MAX38S);
}
END_TEST

static void
expect_i64(const char *a, const char *want)
{
	int64_t v = 0;
	cdc_num_err e = cdc_num_to_i64(N(a), &v);
	char got[32];
	if (e == CDC_NUM_OK)
		snprintf(got, sizeof got, "%lld", (long long)v);
	ck_assert_msg(strcmp(e == CDC_NUM_OK ? got : errname(e), want) == 0, "%s::bigint = %s, want %s", a,
	              e == CDC_NUM_OK ? got : errname(e), want);
}

static void
expect_from_f64(double d, const char *want)
{
	cdc_num r;
	char what[64];
	snprintf(what, sizeof what, "%.17g::numeric", d);
	expect(what, cdc_num_from_f64(d, &r), r, want);
}

START_TEST(conversions)
{
	ck_assert_str_eq(str(cdc_num_from_i64(0)), "0");
	ck_assert_str_eq(str(cdc_num_from_i64(-42)), "-42");
	ck_assert_str_eq(str(cdc_num_from_i64(INT64_MAX)), "9223372036854775807");
	ck_assert_str_eq(str(cdc_num_from_i64(INT64_MIN)), "-9223372036854775808");
	expect_i64("2.5", "3");
	expect_i64("-2.5", "-3");
	expect_i64("2.49", "2");
	expect_i64("-0.4", "0");
	expect_i64("9223372036854775807.4", "9223372036854775807");
	expect_i64("9223372036854775807.5", "OVERFLOW");   /* bigint out of range */
	expect_i64("-9223372036854775808.4", "-9223372036854775808");
	expect_i64("-9223372036854775808.5", "OVERFLOW");
	expect_i64(MAX38, "OVERFLOW");
	expect_i64("NaN", "INVALID");   /* cannot convert NaN to bigint */
	expect_i64("-Infinity", "INVALID");

	/* float8 -> numeric goes through 15 significant digits, as PostgreSQL */
	expect_from_f64(0.1, "0.1");
	expect_from_f64(1.0 / 3, "0.333333333333333");
	expect_from_f64(1e20, "100000000000000000000");
	expect_from_f64(1.5e-7, "0.00000015");
	expect_from_f64(123456789.123456789, "123456789.123457");
	expect_from_f64(-2.5, "-2.5");
	expect_from_f64(1234567890123456789.0, "1234567890123460000");
	expect_from_f64(-0.0, "0");
	expect_from_f64(NAN, "NaN");
	expect_from_f64(-INFINITY, "-Infinity");
	expect_from_f64(1e300, "OVERFLOW");
	/* PostgreSQL: 0.000…0001 with scale 300 */
	expect_from_f64(1e-300, "0.00000000000000000000000000000000000000");

	ck_assert(cdc_num_to_f64(N("0.1")) == 0.1);
	ck_assert(cdc_num_to_f64(N("-2.5")) == -2.5);
	ck_assert(cdc_num_to_f64(N(MAX38)) == 1e38);
	ck_assert(cdc_num_to_f64(N("0.30000000000000000000000000000000000001")) == 0.3);
	ck_assert(cdc_num_to_f64(N("9007199254740993")) == 9007199254740992.0);   /* ties to even */
	ck_assert(isnan(cdc_num_to_f64(N("NaN"))));
	ck_assert(cdc_num_to_f64(N("-Infinity")) == -INFINITY);
}
END_TEST

START_TEST(hash)
{
	static const char *same[][3] = {
		{"1.5", "1.50", "1.500000000000000000000000000000000000"},
		{"0", "0.000", "-0.00"},
		{"10", "10.0", "10.00000000000000000000000000000000000"},
		{"-7.25", "-7.250", "-7.2500000000000000000000000000000000"},
		{MAX38, MAX38 ".0", MAX38 ".00"},
		{"12345678901234567890123456.7", "12345678901234567890123456.70", "12345678901234567890123456.700"},
		{"NaN", "nan", "NaN"},
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		uint64_t h = cdc_num_hash(N(same[i][0]));
		for (int j = 1; j < 3; j++)
			ck_assert_msg(cdc_num_hash(N(same[i][j])) == h, "hash(%s) != hash(%s)", same[i][0], same[i][j]);
	}
	ck_assert(cdc_num_hash(N("1.5")) != cdc_num_hash(N("-1.5")));
	ck_assert(cdc_num_hash(N("10")) != cdc_num_hash(N("1")));
	ck_assert(cdc_num_hash(N("1.5")) != cdc_num_hash(N("15")));
	ck_assert(cdc_num_hash(N("Infinity")) != cdc_num_hash(N("-Infinity")));
	ck_assert(cdc_num_hash(N("NaN")) != cdc_num_hash(N("0")));
}
END_TEST

Suite *
numeric_suite(void)
{
	Suite *s = suite_create("numeric");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, parse_and_format);
	tcase_add_test(tc, parse_invalid);
	tcase_add_test(tc, parse_38_digits);
	tcase_add_test(tc, add_sub);
	tcase_add_test(tc, mul);
	tcase_add_test(tc, div);
	tcase_add_test(tc, mod);
	tcase_add_test(tc, special_values);
	tcase_add_test(tc, rounding);
	tcase_add_test(tc, fit);
	tcase_add_test(tc, compare);
	tcase_add_test(tc, conversions);
	tcase_add_test(tc, hash);
	suite_add_tcase(s, tc);
	return s;
}

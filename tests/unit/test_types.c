/*
 * tests/unit/test_types.c — type names, modifiers, coercions, arithmetic result types.
 */
#include "unit.h"

#include "compiler/ast.h"
#include "compiler/types.h"

static const char *
str(cdc_type t)
{
	static char buf[8][64];
	static int k;
	k = (k + 1) % 8;
	return cdc_type_str(t, buf[k], sizeof buf[k]);
}

static cdc_type
T(const char *text)
{
	cdc_type t;
	const char *why;
	ck_assert_msg(cdc_type_parse_text(text, &t, &why) == CDC_TYERR_OK, "cannot parse %s", text);
	return t;
}

static void
expect_parse(const char *text, const char *canonical)
{
	ck_assert_str_eq(str(T(text)), canonical);
}

START_TEST(names_and_aliases)
{
	expect_parse("int", "integer");
	expect_parse("INT4", "integer");
	expect_parse("bigint", "bigint");
	expect_parse("smallint", "smallint");
	expect_parse("decimal(12,2)", "numeric(12,2)");
	expect_parse("numeric(12)", "numeric(12,0)");
	expect_parse("numeric", "numeric");
	expect_parse("character varying(20)", "varchar(20)");
	expect_parse("char", "char(1)");
	expect_parse("double precision", "double precision");
	expect_parse("float", "double precision");
	expect_parse("timestamp with time zone", "timestamptz");
	expect_parse("timestamp(3) with time zone", "timestamptz(3)");
	expect_parse("datetime", "timestamp");
	expect_parse("integer[]", "integer[]");
	expect_parse("jsonb", "jsonb");
	expect_parse("varbinary(16)", "bytea");
	expect_parse("tinyint(1)", "smallint");
}
END_TEST

START_TEST(bad_modifiers)
{
	cdc_type t;
	const char *why;
	long m0[] = {0}, m57[] = {5, 7}, m7[] = {7}, m1001[] = {1001}, m10[] = {10};
	ck_assert_int_eq(cdc_type_parse("numeric", m0, 1, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("numeric", m57, 2, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("numeric", m1001, 1, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("varchar", m0, 1, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("timestamp", m7, 1, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("text", m10, 1, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("numeric", m57, 2, false, &t, &why), CDC_TYERR_MODS);
	ck_assert_int_eq(cdc_type_parse("nosuch", NULL, 0, false, &t, &why), CDC_TYERR_UNKNOWN);
	ck_assert_int_eq(cdc_type_parse_text("numeric(12,2", &t, &why), CDC_TYERR_UNKNOWN);
}
END_TEST

static void
expect_arith(int op, const char *a, const char *b, const char *want)
{
	cdc_type r;
	ck_assert_int_eq(cdc_type_arith(op, T(a), T(b), &r), CDC_ARITH_OK);
	ck_assert_msg(strcmp(str(r), want) == 0, "%s %s %s = %s, want %s", a, cdc_ast_op_text(op), b,
	              str(r), want);
}

START_TEST(numeric_precision_rules)
{
	expect_arith(CDC_OP_ADD, "numeric(12,2)", "numeric(10,4)", "numeric(15,4)");
	expect_arith(CDC_OP_SUB, "numeric(5,0)", "numeric(5,0)", "numeric(6,0)");
	expect_arith(CDC_OP_MUL, "numeric(12,2)", "numeric(3,2)", "numeric(15,4)");
	expect_arith(CDC_OP_ADD, "integer", "numeric(12,2)", "numeric(13,2)");
	expect_arith(CDC_OP_MUL, "bigint", "numeric(3,2)", "numeric(22,2)");
	expect_arith(CDC_OP_DIV, "numeric(10,2)", "numeric(5,2)", "numeric(18,8)");
	expect_arith(CDC_OP_DIV, "numeric(36,2)", "numeric(10,2)", "numeric(38,2)");   /* scale gives way */
	expect_arith(CDC_OP_MOD, "numeric(10,2)", "numeric(5,3)", "numeric(5,3)");
	expect_arith(CDC_OP_ADD, "numeric", "numeric(5,2)", "numeric");
	/* capped at 38 digits, integral digits first, as Redshift does */
	expect_arith(CDC_OP_MUL, "numeric(30,2)", "numeric(30,2)", "numeric(38,0)");
	expect_arith(CDC_OP_ADD, "numeric(38,0)", "integer", "numeric(38,0)");
	expect_arith(CDC_OP_ADD, "numeric(38,10)", "numeric(38,10)", "numeric(38,9)");
}
END_TEST

START_TEST(other_arithmetic)
{
	expect_arith(CDC_OP_ADD, "integer", "integer", "integer");
	expect_arith(CDC_OP_DIV, "integer", "integer", "integer");
	expect_arith(CDC_OP_ADD, "integer", "bigint", "bigint");
	expect_arith(CDC_OP_ADD, "real", "real", "real");
	expect_arith(CDC_OP_ADD, "real", "integer", "double precision");
	expect_arith(CDC_OP_POW, "integer", "integer", "double precision");
	expect_arith(CDC_OP_ADD, "date", "integer", "date");
	expect_arith(CDC_OP_SUB, "date", "date", "integer");
	expect_arith(CDC_OP_ADD, "date", "interval", "timestamp");
	expect_arith(CDC_OP_SUB, "timestamptz", "interval", "timestamptz");
	expect_arith(CDC_OP_SUB, "timestamptz", "timestamptz", "interval");
	expect_arith(CDC_OP_MUL, "interval", "integer", "interval");
	expect_arith(CDC_OP_CONCAT, "text", "integer", "text");
	expect_arith(CDC_OP_CONCAT, "bytea", "bytea", "bytea");
	cdc_type r;
	ck_assert_int_eq(cdc_type_arith(CDC_OP_ADD, T("text"), T("integer"), &r), CDC_ARITH_TYPES);
	ck_assert_int_eq(cdc_type_arith(CDC_OP_ADD, T("uuid"), T("uuid"), &r), CDC_ARITH_TYPES);
	ck_assert_int_eq(cdc_type_arith(CDC_OP_ADD, T("integer[]"), T("integer"), &r), CDC_ARITH_TYPES);
	ck_assert_int_eq(cdc_type_arith(CDC_OP_ADD, cdc_type_make(CDC_TY_UNKNOWN), T("integer"), &r), CDC_ARITH_OK);
	ck_assert_str_eq(str(r), "integer");
}
END_TEST

START_TEST(common_types)
{
	cdc_type r;
	ck_assert(cdc_type_common(T("integer"), T("numeric(10,2)"), &r));
	ck_assert_str_eq(str(r), "numeric(12,2)");
	ck_assert(cdc_type_common(T("varchar(10)"), T("varchar(20)"), &r));
	ck_assert_str_eq(str(r), "varchar(20)");
	ck_assert(cdc_type_common(T("varchar(10)"), T("text"), &r));
	ck_assert_str_eq(str(r), "text");
	ck_assert(cdc_type_common(T("date"), T("timestamptz"), &r));
	ck_assert_str_eq(str(r), "timestamptz");
	ck_assert(cdc_type_common(T("json"), T("jsonb"), &r));
	ck_assert_str_eq(str(r), "jsonb");
	ck_assert(cdc_type_common(cdc_type_make(CDC_TY_UNKNOWN), T("uuid"), &r));
	ck_assert_str_eq(str(r), "uuid");
	ck_assert(!cdc_type_common(T("text"), T("integer"), &r));
	ck_assert(!cdc_type_common(T("integer[]"), T("integer"), &r));
	ck_assert(!cdc_type_common(T("uuid"), T("bytea"), &r));
}
END_TEST

START_TEST(coercion_and_casts)
{
	ck_assert(cdc_type_coercible(T("integer"), T("bigint")));
	ck_assert(!cdc_type_coercible(T("bigint"), T("integer")));
	ck_assert(cdc_type_castable(T("bigint"), T("integer")));
	ck_assert(cdc_type_coercible(T("integer"), T("numeric(12,2)")));
	ck_assert(!cdc_type_coercible(T("double precision"), T("numeric")));
	ck_assert(cdc_type_coercible(T("date"), T("timestamptz")));
	ck_assert(!cdc_type_coercible(T("timestamptz"), T("date")));
	ck_assert(cdc_type_castable(T("timestamptz"), T("date")));
	ck_assert(cdc_type_castable(T("boolean"), T("integer")));
	ck_assert(cdc_type_castable(T("uuid"), T("text")));
	ck_assert(cdc_type_castable(T("text"), T("uuid")));
	ck_assert(!cdc_type_castable(T("uuid"), T("integer")));
	ck_assert(!cdc_type_castable(T("jsonb"), T("uuid")));
	ck_assert(!cdc_type_castable(T("date"), T("time")));
	ck_assert(cdc_type_castable(T("timestamp"), T("time")));
	ck_assert(cdc_type_castable(T("integer[]"), T("bigint[]")));
	ck_assert(cdc_type_castable(T("integer[]"), T("text")));
	ck_assert(cdc_type_coercible(cdc_type_make(CDC_TY_UNKNOWN), T("date")));
}
END_TEST

Suite *
types_suite(void)
{
	Suite *s = suite_create("types");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, names_and_aliases);
	tcase_add_test(tc, bad_modifiers);
	tcase_add_test(tc, numeric_precision_rules);
	tcase_add_test(tc, other_arithmetic);
	tcase_add_test(tc, common_types);
	tcase_add_test(tc, coercion_and_casts);
	suite_add_tcase(s, tc);
	return s;
}

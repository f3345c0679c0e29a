/*
 * tests/unit/test_vm.c — the bytecode VM (runtime/vm.c), values and casts
 * (runtime/value.c), the program verifier (runtime/program.c) and the stage that decides a
 * change's fate (runtime/stage.c).
 *
 * Most tests compile a small pipeline and push one change through it (the harness
 * below), so they exercise what codegen really emits.  Every opcode of opcodes.def is
 * checked to appear in some program (`opcode_coverage`); the few that codegen never
 * emits run in hand-made programs.  Expected values are PostgreSQL 15's (psql, TimeZone
 * UTC, extra_float_digits 1) unless a comment says cdcc documents otherwise
 * (docs/language.md: numeric result types capped at 38 digits, UTC only, ...).
 */
#include "tests/unit/vm_harness.h"

/* ---- every opcode ---------------------------------------------------------------------- */

/* One expression per opcode that codegen emits for it, with its value on the row. */
static const struct opcase {
	cdc_opcode  op;
	const char *cols, *expr, *row, *want;
} opcases[] = {
	{CDC_BC_LOADK, "a int", "a + 1000", "{\"a\": 1}", "1001"},
	{CDC_BC_LOADNULL, "a int", "CASE WHEN a > 1 THEN 1 END", "{\"a\": 1}", "NULL"},
	{CDC_BC_MOVE, "a int", "CASE WHEN a > 0 THEN a ELSE 0 END", "{\"a\": 5}", "5"},
	{CDC_BC_ADDI, "a int, b int", "a + b", "{\"a\": 1, \"b\": 2}", "3"},
	{CDC_BC_SUBI, "a int, b int", "a - b", "{\"a\": 1, \"b\": 2}", "-1"},
	{CDC_BC_MULI, "a int, b int", "a * b", "{\"a\": -3, \"b\": 2}", "-6"},
	{CDC_BC_DIVI, "a int, b int", "a / b", "{\"a\": -7, \"b\": 2}", "-3"},
	{CDC_BC_MODI, "a int, b int", "a % b", "{\"a\": -7, \"b\": 2}", "-1"},
	{CDC_BC_NEGI, "a int", "-a", "{\"a\": 7}", "-7"},
	{CDC_BC_ADDN, "a numeric(10,2), b numeric(10,2)", "a + b", "{\"a\": \"1.25\", \"b\": \"2.5\"}", "3.75"},
	{CDC_BC_SUBN, "a numeric(10,2), b numeric(10,2)", "a - b", "{\"a\": \"1.25\", \"b\": \"2.5\"}", "-1.25"},
	{CDC_BC_MULN, "a numeric(10,2), b numeric(10,2)", "a * b", "{\"a\": \"1.25\", \"b\": \"2.5\"}", "3.1250"},
	/* numeric(10,2) / numeric(10,2) is numeric(23,13) (docs 7.6; PostgreSQL shows 20 digits) */
	{CDC_BC_DIVN, "a numeric(10,2), b numeric(10,2)", "a / b", "{\"a\": \"1.25\", \"b\": \"2.5\"}", "0.5000000000000"},
	{CDC_BC_MODN, "a numeric(10,2), b numeric(10,2)", "a % b", "{\"a\": \"7.5\", \"b\": \"2\"}", "1.50"},
	{CDC_BC_NEGN, "a numeric(10,2)", "-a", "{\"a\": \"1.25\"}", "-1.25"},
	{CDC_BC_FITN, "a numeric(10,2), b numeric(10,2)", "a + b", "{\"a\": \"1.25\", \"b\": \"2.5\"}", "3.75"},
	{CDC_BC_ADDF, "a float8, b float8", "a + b", "{\"a\": 0.1, \"b\": 0.2}", "0.30000000000000004"},
	{CDC_BC_SUBF, "a float8, b float8", "a - b", "{\"a\": 0.1, \"b\": 0.2}", "-0.1"},
	{CDC_BC_MULF, "a float8, b float8", "a * b", "{\"a\": 0.1, \"b\": 3}", "0.30000000000000004"},
	{CDC_BC_DIVF, "a float8, b float8", "a / b", "{\"a\": 1, \"b\": 3}", "0.3333333333333333"},
	/* PostgreSQL has no float % float; cdcc's is fmod, with the sign of the dividend */
	{CDC_BC_MODF, "a float8, b float8", "a % b", "{\"a\": -7.5, \"b\": 2}", "-1.5"},
	{CDC_BC_POWF, "a float8, b float8", "a ^ b", "{\"a\": 2, \"b\": 0.5}", "1.4142135623730951"},
	{CDC_BC_NEGF, "a float8", "-a", "{\"a\": 0.1}", "-0.1"},
	{CDC_BC_FIT4, "a real, b real", "a * b", "{\"a\": 0.1, \"b\": 3}", "0.3"},
	{CDC_BC_TSADDIV, "a timestamp, b interval", "a + b", "{\"a\": \"2024-01-31 10:00\", \"b\": \"1 mon\"}", "2024-02-29 10:00:00"},
	{CDC_BC_TSSUBIV, "a timestamp, b interval", "a - b", "{\"a\": \"2024-03-31 10:00\", \"b\": \"1 mon\"}", "2024-02-29 10:00:00"},
	{CDC_BC_TSSUBTS, "a timestamp, b timestamp", "a - b", "{\"a\": \"2024-03-01 00:00\", \"b\": \"2024-02-28 12:00\"}", "1 day 12:00:00"},
	{CDC_BC_DATEADDI, "a date, b int", "a + b", "{\"a\": \"2024-02-28\", \"b\": 1}", "2024-02-29"},
	{CDC_BC_DATESUBI, "a date, b int", "a - b", "{\"a\": \"2024-03-01\", \"b\": 1}", "2024-02-29"},
	{CDC_BC_DATEADDT, "a date, b time", "a + b", "{\"a\": \"2024-02-28\", \"b\": \"13:45\"}", "2024-02-28 13:45:00"},
	{CDC_BC_TIMEADDIV, "a time, b interval", "a + b", "{\"a\": \"23:00\", \"b\": \"2 hours\"}", "01:00:00"},
	{CDC_BC_TIMESUBIV, "a time, b interval", "a - b", "{\"a\": \"01:00\", \"b\": \"2 hours\"}", "23:00:00"},
	{CDC_BC_IVADD, "a interval, b interval", "a + b", "{\"a\": \"1 mon 2 days\", \"b\": \"3 hours\"}", "1 mon 2 days 03:00:00"},
	{CDC_BC_IVSUB, "a interval, b interval", "a - b", "{\"a\": \"1 mon 2 days\", \"b\": \"3 hours\"}", "1 mon 2 days -03:00:00"},
	{CDC_BC_IVMUL, "a interval, b int", "a * b", "{\"a\": \"1 mon 2 days 03:00\", \"b\": 3}", "3 mons 6 days 09:00:00"},
	{CDC_BC_IVDIV, "a interval, b float8", "a / b", "{\"a\": \"1 mon\", \"b\": 7}", "4 days 06:51:25.6896"},
	{CDC_BC_IVNEG, "a interval", "-a", "{\"a\": \"1 mon -2 days 03:00\"}", "-1 mons +2 days -03:00:00"},
	{CDC_BC_CONCAT, "a text, b text", "a || b", "{\"a\": \"x\", \"b\": \"y\"}", "xy"},
	{CDC_BC_CMPI, "a int, b int", "a < b", "{\"a\": 1, \"b\": 2}", "t"},
	{CDC_BC_CMPN, "a numeric, b numeric", "a = b", "{\"a\": \"1.50\", \"b\": \"1.5\"}", "t"},
	{CDC_BC_CMPF, "a float8, b float8", "a > b", "{\"a\": \"NaN\", \"b\": \"Infinity\"}", "t"},
	{CDC_BC_CMPT, "a text, b text", "a < b", "{\"a\": \"B\", \"b\": \"a\"}", "t"},
	{CDC_BC_CMPV, "a uuid, b uuid", "a <> b",
	 "{\"a\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\", \"b\": \"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\"}", "f"},
	{CDC_BC_DISTINCT, "a int, b int", "a IS DISTINCT FROM b", "{\"a\": 1, \"b\": null}", "t"},
	{CDC_BC_AND, "a bool, b bool", "a AND b", "{\"a\": false, \"b\": null}", "f"},
	{CDC_BC_OR, "a bool, b bool", "a OR b", "{\"a\": true, \"b\": null}", "t"},
	{CDC_BC_NOT, "a bool", "NOT a", "{\"a\": null}", "NULL"},
	{CDC_BC_ISNULL, "a int", "a IS NULL", "{\"a\": null}", "t"},
	{CDC_BC_ISTRUE, "a bool", "a IS TRUE", "{\"a\": null}", "f"},
	{CDC_BC_ISFALSE, "a bool", "a IS FALSE", "{\"a\": false}", "t"},
	{CDC_BC_LIKE, "a text", "a LIKE 'h_l%'", "{\"a\": \"h\xc3\xa9llo\"}", "t"},
	{CDC_BC_INT, "a text", "a IN ('x', 'h\xc3\xa9llo', 'y')", "{\"a\": \"h\xc3\xa9llo\"}", "t"},
	{CDC_BC_CAST, "a int", "a::text", "{\"a\": -5}", "-5"},
	{CDC_BC_CALL, "a text", "lower(a)", "{\"a\": \"\xc3\x80" "B\"}", "\xc3\xa0" "b"},
	{CDC_BC_EVENT, "a int", "op()", "{\"a\": 1}", "I"},
	{CDC_BC_BEFORE, "a int", "before(a)", "{\"op\": \"update\", \"row\": {\"a\": 2}, \"before\": {\"a\": 1}}", "1"},
	{CDC_BC_JMP, "a int", "CASE WHEN a = 1 THEN 'one' ELSE 'other' END", "{\"a\": 1}", "one"},
	{CDC_BC_JMPNT, "a int", "CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "{\"a\": 2}", "two"},
	{CDC_BC_END, "a int", "a", "{\"a\": 1}", "1"},
};

/* Opcodes codegen never emits: they run in the hand-made programs of `handmade_opcodes`.
 * DATESUBD should be emitted for date - date, but codegen compiles that as integer
 * subtraction (see `date_minus_date`). */
static const cdc_opcode handmade_only[] = {CDC_BC_DATESUBD, CDC_BC_JMPT, CDC_BC_JMPNN};

START_TEST(opcode_coverage)
{
	uint64_t covered[2] = {0, 0};
	for (size_t i = 0; i < sizeof opcases / sizeof opcases[0]; i++) {
		const struct opcase *c = &opcases[i];
		uint64_t ops[2];
		const char *got = h_eval_full(c->expr, c->cols, c->row, ops, NULL, NULL);
		ck_assert_msg(strcmp(got, c->want) == 0, "%s: %s  [%s | %s]\n  got  %s\n  want %s", cdc_op_name(c->op), c->expr,
		              c->cols, c->row, got, c->want);
		ck_assert_msg(h_bit(ops, c->op), "%s: no %s instruction in the program", c->expr, cdc_op_name(c->op));
		covered[0] |= ops[0];
		covered[1] |= ops[1];
	}
	/* NULL in, NULL out: the same expressions on a row of NULLs */
	for (size_t i = 0; i < sizeof opcases / sizeof opcases[0]; i++) {
		const struct opcase *c = &opcases[i];
		if (strncmp(c->row, "{\"op\"", 5) == 0)
			continue;
		/* the row {"a": null, "b": null, ...} for the columns */
		cdc_buf row = CDC_BUF_INIT;
		cdc_buf_putc(&row, '{');
		for (const char *q = c->cols; *q;) {
			while (*q == ' ' || *q == ',')
				q++;
			size_t n = strcspn(q, " ");
			cdc_buf_printf(&row, "%s\"%.*s\": null", row.len > 1 ? ", " : "", (int)n, q);
			int depth = 0;
			while (*q && (depth || *q != ',')) {
				depth += (*q == '(') - (*q == ')');
				q++;
			}
		}
		cdc_buf_putc(&row, '}');
		const char *want = "NULL";
		switch (c->op) {
		case CDC_BC_ISNULL: want = "t"; break;
		case CDC_BC_ISTRUE: case CDC_BC_ISFALSE: case CDC_BC_DISTINCT: want = "f"; break;
		case CDC_BC_MOVE: want = "0"; break;           /* CASE WHEN NULL > 0 ... ELSE 0 */
		case CDC_BC_JMP: want = "other"; break;
		case CDC_BC_EVENT: want = "I"; break;
		default: break;
		}
		const char *got = h_eval(c->expr, c->cols, cdc_buf_str(&row));
		ck_assert_msg(strcmp(got, want) == 0, "%s on %s = %s, want %s", c->expr, cdc_buf_str(&row), got, want);
		cdc_buf_free(&row);
	}
	/* RULE and FILTER come from quality rules and filter steps */
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", "require a > 0 else drop", "filter a < 10"), "%s", p.err);
	ck_assert(h_bit(p.ops, CDC_BC_RULE) && h_bit(p.ops, CDC_BC_FILTER));
	covered[0] |= p.ops[0];
	covered[1] |= p.ops[1];
	ck_assert_int_eq(hp_run(&p, "{\"a\": 5}"), CDC_FATE_APPLY);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), CDC_FATE_DROP);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 10}"), CDC_FATE_FILTER);
	hp_close(&p);
	for (size_t i = 0; i < sizeof handmade_only / sizeof handmade_only[0]; i++)
		covered[handmade_only[i] / 64] |= UINT64_C(1) << (handmade_only[i] % 64);
	for (int op = 0; op < CDC_BC_COUNT; op++)
		ck_assert_msg(h_bit(covered, (unsigned)op), "opcode %s is not tested", cdc_op_name((cdc_opcode)op));
}
END_TEST

/* The opcode table: names, operands and descriptions come from opcodes.def, once. */
START_TEST(opcode_table)
{
	ck_assert_str_eq(cdc_op_name(CDC_BC_LOADK), "LOADK");
	ck_assert_str_eq(cdc_op_name(CDC_BC_END), "END");
	ck_assert_str_eq(cdc_op_operands(CDC_BC_ADDI), "A B C D");
	ck_assert_str_eq(cdc_op_operands(CDC_BC_END), "");
	ck_assert_ptr_nonnull(strstr(cdc_op_effect(CDC_BC_DIVI), "division by zero"));
	ck_assert_int_eq(cdc_op_find("FITN"), CDC_BC_FITN);
	ck_assert_int_eq(cdc_op_find("NOSUCH"), -1);
	for (int op = 0; op < CDC_BC_COUNT; op++) {
		ck_assert_int_eq(cdc_op_find(cdc_op_name((cdc_opcode)op)), op);
		ck_assert_msg(cdc_op_effect((cdc_opcode)op)[0] != '\0', "%s has no description", cdc_op_name((cdc_opcode)op));
	}
	ck_assert_str_eq(cdc_action_name(CDC_ACT_QUARANTINE), "quarantine");
	ck_assert_str_eq(cdc_fate_name(CDC_FATE_FILTER), "filtered");
	ck_assert_str_eq(cdc_evop_name(CDC_EVOP_SNAPSHOT), "snapshot");
}
END_TEST

/* ---- integers ------------------------------------------------------------------------ */

START_TEST(integer_overflow_per_width)
{
	/* PostgreSQL names the type: "smallint out of range" */
	EV("a + b", "a smallint, b smallint", "{\"a\": 32767, \"b\": 1}", "ERROR: smallint out of range");
	EV("a - b", "a smallint, b smallint", "{\"a\": -32768, \"b\": 1}", "ERROR: smallint out of range");
	EV("a * b", "a smallint, b smallint", "{\"a\": 200, \"b\": 200}", "ERROR: smallint out of range");
	EV("a / b", "a smallint, b smallint", "{\"a\": -32768, \"b\": -1}", "ERROR: smallint out of range");
	EV("-a", "a smallint", "{\"a\": -32768}", "ERROR: smallint out of range");
	EV("a % b", "a smallint, b smallint", "{\"a\": -32768, \"b\": -1}", "0");
	EV("a + b", "a smallint, b smallint", "{\"a\": 32766, \"b\": 1}", "32767");
	EV("a * b", "a smallint, b smallint", "{\"a\": -128, \"b\": 256}", "-32768");

	EV("a + b", "a int, b int", "{\"a\": 2147483647, \"b\": 1}", "ERROR: integer out of range");
	EV("a - b", "a int, b int", "{\"a\": -2147483648, \"b\": 1}", "ERROR: integer out of range");
	EV("a * b", "a int, b int", "{\"a\": 65536, \"b\": 65536}", "ERROR: integer out of range");
	EV("a / b", "a int, b int", "{\"a\": -2147483648, \"b\": -1}", "ERROR: integer out of range");
	EV("-a", "a int", "{\"a\": -2147483648}", "ERROR: integer out of range");
	EV("a % b", "a int, b int", "{\"a\": -2147483648, \"b\": -1}", "0");
	EV("a - b", "a int, b int", "{\"a\": -2147483647, \"b\": 1}", "-2147483648");

	EV("a + b", "a bigint, b bigint", "{\"a\": 9223372036854775807, \"b\": 1}", "ERROR: bigint out of range");
	EV("a - b", "a bigint, b bigint", "{\"a\": -9223372036854775808, \"b\": 1}", "ERROR: bigint out of range");
	EV("a * b", "a bigint, b bigint", "{\"a\": 4294967296, \"b\": 4294967296}", "ERROR: bigint out of range");
	EV("a / b", "a bigint, b bigint", "{\"a\": -9223372036854775808, \"b\": -1}", "ERROR: bigint out of range");
	EV("-a", "a bigint", "{\"a\": -9223372036854775808}", "ERROR: bigint out of range");
	EV("a % b", "a bigint, b bigint", "{\"a\": -9223372036854775808, \"b\": -1}", "0");
	EV("-a", "a bigint", "{\"a\": -9223372036854775807}", "9223372036854775807");

	/* mixed widths compute in the wider type */
	EVT("a + b", "a smallint, b int", "{\"a\": 1, \"b\": 2147483646}", "2147483647", "integer");
	EV("a + b", "a smallint, b int", "{\"a\": 1, \"b\": 2147483647}", "ERROR: integer out of range");
	EVT("a * b", "a smallint, b bigint", "{\"a\": 3, \"b\": 3074457345618258602}",
	   "9223372036854775806", "bigint");
	EVT("a + 1", "a smallint", "{\"a\": 32767}", "32768", "integer");   /* 1 is an integer */
}
END_TEST

START_TEST(integer_division)
{
	EV("a / b", "a int, b int", "{\"a\": 7, \"b\": 0}", "ERROR: division by zero");
	EV("a % b", "a int, b int", "{\"a\": 7, \"b\": 0}", "ERROR: division by zero");
	EV("a / b", "a smallint, b smallint", "{\"a\": 0, \"b\": 0}", "ERROR: division by zero");
	EV("a / b", "a bigint, b bigint", "{\"a\": 1, \"b\": 0}", "ERROR: division by zero");
	/* truncation toward zero; the remainder has the sign of the dividend */
	EV("a / b", "a int, b int", "{\"a\": -7, \"b\": 2}", "-3");
	EV("a / b", "a int, b int", "{\"a\": 7, \"b\": -2}", "-3");
	EV("a % b", "a int, b int", "{\"a\": 7, \"b\": -2}", "1");
	EV("a % b", "a int, b int", "{\"a\": -7, \"b\": -2}", "-1");
	/* NULL in, NULL out, before any check */
	EV("a / b", "a int, b int", "{\"a\": null, \"b\": 0}", "NULL");
	EV("a % b", "a int, b int", "{\"a\": 1, \"b\": null}", "NULL");
	EV("a + b", "a int, b int", "{\"a\": null, \"b\": 2}", "NULL");
	EV("a - b", "a bigint, b bigint", "{\"a\": 1, \"b\": null}", "NULL");
	EV("a * b", "a smallint, b smallint", "{\"a\": null, \"b\": null}", "NULL");
	EV("-a", "a int", "{\"a\": null}", "NULL");
	EV("a ^ b", "a int, b int", "{\"a\": 2, \"b\": 10}", "1024");
	EVT("a ^ b", "a int, b int", "{\"a\": 2, \"b\": -1}", "0.5", "double precision");
	EV("a ^ b", "a int, b int", "{\"a\": 0, \"b\": -1}", "ERROR: zero raised to a negative power is undefined");
}
END_TEST

/* ---- exact numerics ---------------------------------------------------------------------- */

#define NINES38 "99999999999999999999999999999999999999"

START_TEST(numeric_38_digits)
{
	EVT("a + b", "a numeric(38,0), b numeric(38,0)", "{\"a\": \"99999999999999999999999999999999999998\", \"b\": 1}",
	   
	    NINES38, "numeric(38,0)");
	/* the derived type is capped at 38 digits; a value beyond it is the row's error */
	EV("a + b", "a numeric(38,0), b numeric(38,0)", "{\"a\": \"" NINES38 "\", \"b\": 1}",
	   "ERROR: numeric value out of range");
	EV("a - b", "a numeric(38,0), b numeric(38,0)", "{\"a\": \"-" NINES38 "\", \"b\": 1}",
	   "ERROR: numeric value out of range");
	EV("a * b", "a numeric(38,0), b numeric(38,0)", "{\"a\": \"9999999999999999999\", \"b\": \"10000000000000000000\"}",
	   
	   "99999999999999999990000000000000000000");
	EV("a * b", "a numeric(38,0), b numeric(38,0)", "{\"a\": \"99999999999999999999\", \"b\": \"10000000000000000000\"}",
	   
	   "ERROR: numeric value out of range");
	EV("-a", "a numeric(38,0)", "{\"a\": \"" NINES38 "\"}", "-" NINES38);
	EV("a", "a numeric(38,38)", "{\"a\": \"0.00000000000000000000000000000000000001\"}",
	   "0.00000000000000000000000000000000000001");
	/* 19 + 19 integral digits leave no room for a scale: the product is numeric(38,0) */
	EVT("a * b", "a numeric(38,19), b numeric(38,19)", "{\"a\": \"0.5\", \"b\": \"0.0000000001\"}", "0",
	    "numeric(38,0)");
	EVT("a * b", "a numeric(19,18), b numeric(19,18)", "{\"a\": \"0.5\", \"b\": \"0.000000000000000001\"}",
	    "0.000000000000000000500000000000000000", "numeric(38,36)");
	/* a JSON number keeps every digit */
	EV("a", "a numeric", "{\"a\": 12345678901234567890.123456789012345678}",
	   "12345678901234567890.123456789012345678");
	EV("a", "a numeric(38,2)", "{\"a\": 1e30}", "1000000000000000000000000000000.00");
	EV("a", "a numeric(38,2)", "{\"a\": 1e37}",
	   "BAD CHANGE: column \"a\": 1e37 is not a valid numeric(38,2): numeric field overflow");
}
END_TEST

/* FITN and casts to numeric(p,s) round half away from zero, as PostgreSQL does. */
START_TEST(numeric_rounding)
{
	/* numeric(38,2) * numeric(38,2) is numeric(38,0) (72 integral digits, capped): the
	 * exact product is rounded by FITN */
	EVT("a * b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"2.50\", \"b\": \"1.00\"}", "3", "numeric(38,0)");
	EV("a * b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"-2.50\", \"b\": \"1.00\"}", "-3");
	EV("a * b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"1.49\", \"b\": \"1.00\"}", "1");
	EV("a * b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"0.50\", \"b\": \"1.00\"}", "1");
	EV("a * b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"-0.49\", \"b\": \"1.00\"}", "0");
	/* numeric(38,2) + numeric(38,2) is numeric(38,1) */
	EVT("a + b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"1.25\", \"b\": \"0\"}", "1.3", "numeric(38,1)");
	EV("a + b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"-1.25\", \"b\": \"0\"}", "-1.3");
	EV("a + b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"1.24\", \"b\": \"0.00\"}", "1.2");
	EV("a + b", "a numeric(38,2), b numeric(38,2)", "{\"a\": \"1.10\", \"b\": \"2\"}", "3.1");
	/* casts */
	EV("a::numeric(5,0)", "a numeric(5,2)", "{\"a\": \"2.50\"}", "3");
	EV("a::numeric(5,0)", "a numeric(5,2)", "{\"a\": \"-2.50\"}", "-3");
	EV("a::numeric(5,1)", "a numeric(5,2)", "{\"a\": \"-2.45\"}", "-2.5");
	EV("a::numeric(5,1)", "a numeric(5,2)", "{\"a\": \"2.44\"}", "2.4");
	EV("(a * 10)::numeric(5,0)", "a numeric(5,2)", "{\"a\": \"0.25\"}", "3");
	EV("a::numeric(3,1)", "a numeric(5,2)", "{\"a\": \"99.95\"}", "ERROR: numeric field overflow");
	EV("a::numeric(3,1)", "a numeric(5,2)", "{\"a\": \"99.94\"}", "99.9");
	EV("a::numeric(2,0)", "a numeric(5,2)", "{\"a\": \"99.50\"}", "ERROR: numeric field overflow");
	EV("a::numeric(3,2)", "a numeric(5,3)", "{\"a\": \"9.999\"}", "ERROR: numeric field overflow");
	EV("a::numeric(3,2)", "a numeric(5,3)", "{\"a\": \"9.994\"}", "9.99");
	EV("a::numeric(4,1)", "a int", "{\"a\": 100}", "100.0");
	EV("a::numeric(3,1)", "a int", "{\"a\": 100}", "ERROR: numeric field overflow");
	EV("a::numeric(5,2)", "a text", "{\"a\": \"999.995\"}", "ERROR: numeric field overflow");
	EV("a::numeric(5,2)", "a text", "{\"a\": \"-999.994\"}", "-999.99");
	/* column values are fitted to their type when the change is read */
	EV("a", "a numeric(5,2)", "{\"a\": \"1.005\"}", "1.01");
	EV("a", "a numeric(5,2)", "{\"a\": -1.005}", "-1.01");
	EV("a", "a numeric(5,2)", "{\"a\": 1000}",
	   "BAD CHANGE: column \"a\": 1000 is not a valid numeric(5,2): numeric field overflow");
	/* numeric to integer rounds half away from zero too */
	EV("a::int", "a numeric(10,2)", "{\"a\": \"2.50\"}", "3");
	EV("a::int", "a numeric(10,2)", "{\"a\": \"-2.50\"}", "-3");
	EV("a::int", "a numeric(10,2)", "{\"a\": \"3.49\"}", "3");
	EV("a::smallint", "a numeric(20,2)", "{\"a\": \"32767.49\"}", "32767");
	EV("a::smallint", "a numeric(20,2)", "{\"a\": \"32767.50\"}", "ERROR: smallint out of range");
	EV("a::int", "a numeric(20,2)", "{\"a\": \"2147483648\"}", "ERROR: integer out of range");
	EV("a::bigint", "a numeric(30,2)", "{\"a\": \"9223372036854775807.50\"}", "ERROR: bigint out of range");
	EV("a::int", "a numeric", "{\"a\": \"NaN\"}", "ERROR: cannot convert NaN or infinity to integer");
}
END_TEST

START_TEST(numeric_division_and_specials)
{
	/* a / b keeps the derived scale, rounded half away from zero (docs 7.6) */
	EVT("a / b", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"2\", \"b\": \"3\"}",
	   "0.6666666666667", "numeric(23,13)");
	EVT("a / 3", "a numeric(38,10)", "{\"a\": \"1\"}", "0.3333333333", "numeric(38,10)");
	EV("a / b", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"-2\", \"b\": \"3\"}", "-0.6666666666667");
	/* unconstrained numeric division picks PostgreSQL's scale (select_div_scale) */
	EV("a / b", "a numeric, b numeric", "{\"a\": \"10\", \"b\": \"4\"}", "2.5000000000000000");
	EV("a / b", "a numeric, b numeric", "{\"a\": \"1\", \"b\": \"3\"}", "0.33333333333333333333");
	EV("a / b", "a numeric, b numeric", "{\"a\": \"1.000000000000000000000\", \"b\": \"3\"}",
	   "0.333333333333333333333");
	EV("a / b", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"1\", \"b\": \"0\"}", "ERROR: division by zero");
	EV("a % b", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"1\", \"b\": \"0\"}", "ERROR: division by zero");
	EV("a % b", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"-7.5\", \"b\": \"2\"}", "-1.50");
	EV("a / b", "a numeric, b numeric", "{\"a\": \"0\", \"b\": \"0\"}", "ERROR: division by zero");
	/* NaN and the infinities, in unconstrained numeric */
	EV("a + b", "a numeric, b numeric", "{\"a\": \"NaN\", \"b\": \"1\"}", "NaN");
	EV("a * b", "a numeric, b numeric", "{\"a\": \"Infinity\", \"b\": \"0\"}", "NaN");
	EV("a - b", "a numeric, b numeric", "{\"a\": \"Infinity\", \"b\": \"Infinity\"}", "NaN");
	EV("a + b", "a numeric, b numeric", "{\"a\": \"-Infinity\", \"b\": \"5\"}", "-Infinity");
	EV("a > b", "a numeric, b numeric", "{\"a\": \"NaN\", \"b\": \"Infinity\"}", "t");
	EV("a = b", "a numeric, b numeric", "{\"a\": \"NaN\", \"b\": \"NaN\"}", "t");
	EV("a < b", "a numeric, b numeric", "{\"a\": \"-Infinity\", \"b\": \"-" NINES38 "\"}", "t");
	EV("a IS DISTINCT FROM b", "a numeric, b numeric", "{\"a\": \"1.5\", \"b\": \"1.50\"}", "f");
	EV("a", "a numeric(10,2)", "{\"a\": \"NaN\"}", "NaN");
	EV("a::numeric(10,2)", "a numeric", "{\"a\": \"Infinity\"}", "ERROR: numeric field overflow");
	EV("-a", "a numeric", "{\"a\": \"-Infinity\"}", "Infinity");
	EV("a + b", "a numeric(10,2), b numeric(10,2)", "{\"a\": null, \"b\": \"1\"}", "NULL");
	EV("-a", "a numeric(10,2)", "{\"a\": null}", "NULL");
	/* literals have their own precision: 1.08 is numeric(3,2) */
	EVT("a * 1.08", "a numeric(12,2)", "{\"a\": \"10.05\"}", "10.8540", "numeric(15,4)");
	EVT("a * 2", "a numeric(12,2)", "{\"a\": \"10.05\"}", "20.10", "numeric(22,2)");
	EVT("a % 7", "a numeric(12,2)", "{\"a\": \"10.05\"}", "3.05", "numeric(12,2)");
	EVT("a * b", "a numeric(10,2), b int", "{\"a\": \"12.34\", \"b\": 3}", "37.02", "numeric(20,2)");
}
END_TEST

/* ---- PostgreSQL semantics the oracle checked ------------------------------------------- */

START_TEST(pg_semantics)
{
	/* coalesce evaluates lazily: a later argument that would fail is never computed */
	EV("coalesce(a, 1 / b)", "a int, b int", "{\"a\": 1, \"b\": 0}", "1");
	EV("coalesce(a, 1 / b)", "a int, b int", "{\"a\": null, \"b\": 0}", "ERROR: division by zero");
	EV("coalesce(a, b, 7)", "a int, b int", "{\"a\": null, \"b\": null}", "7");
	/* concat prints its arguments with the output functions: t/f, char(n) padded */
	EV("concat('x', a, 1)", "a boolean", "{\"a\": true}", "xt1");
	EV("concat_ws('-', a, c)", "a boolean, c char(3)", "{\"a\": false, \"c\": \"a\"}", "f-a  ");
	EV("'x' || a", "a boolean", "{\"a\": true}", "xtrue");
	/* char(n) keeps its padding for LIKE and octet_length, not for length or = */
	EV("c LIKE 'a'", "c char(5)", "{\"c\": \"a\"}", "f");
	EV("c LIKE 'a%'", "c char(5)", "{\"c\": \"a\"}", "t");
	EV("octet_length(c)", "c char(5)", "{\"c\": \"a\"}", "5");
	EV("length(c)", "c char(5)", "{\"c\": \"a\"}", "1");
	EV("c = 'a'", "c char(5)", "{\"c\": \"a\"}", "t");
	/* date - date is days, and infinite dates cannot be subtracted */
	EV("a - b", "a date, b date", "{\"a\": \"2024-03-01\", \"b\": \"2024-01-01\"}", "60");
	EV("a - b", "a date, b date", "{\"a\": \"infinity\", \"b\": \"2024-01-01\"}",
	   "ERROR: cannot subtract infinite dates");
	/* time - time and timestamp - date are intervals */
	EV("a - b", "a time, b time", "{\"a\": \"10:00\", \"b\": \"09:30\"}", "00:30:00");
	EV("a - b", "a timestamp, b date", "{\"a\": \"2024-01-02 06:00\", \"b\": \"2024-01-01\"}", "1 day 06:00:00");
	/* unconstrained numeric division picks PostgreSQL's scale */
	EV("a / 3", "a numeric", "{\"a\": 1}", "0.33333333333333333333");
	EV("a / b", "a numeric, b numeric", "{\"a\": \"10.5\", \"b\": \"4\"}", "2.6250000000000000");
}
END_TEST

/* ---- floating point -------------------------------------------------------------------- */

START_TEST(float_format)
{
	/* shortest text that reads back, positional from 1e-4 to below 1e15 (1e6 for real) */
	static const char *const f8[][2] = {
		{"1e15", "1e+15"}, {"1e14", "100000000000000"}, {"123456789012345678", "1.2345678901234568e+17"},
		{"0.0001", "0.0001"}, {"0.00001", "1e-05"}, {"1.5e-5", "1.5e-05"}, {"0.1", "0.1"},
		{"1e308", "1e+308"}, {"-2.5e-308", "-2.5e-308"}, {"5e-324", "5e-324"}, {"100", "100"},
		{"1.7976931348623157e308", "1.7976931348623157e+308"}, {"\"-0\"", "-0"}, {"123.456", "123.456"},
		{"\"NaN\"", "NaN"}, {"\"-Infinity\"", "-Infinity"}, {"\"inf\"", "Infinity"}, {"2.5e-5", "2.5e-05"},
		/* the 16-digit candidate lies exactly halfway to the neighbour: PostgreSQL prints 17 */
		{"56934234891991744", "5.6934234891991744e+16"}, {"52990648348713776", "5.2990648348713776e+16"},
	};
	for (size_t i = 0; i < sizeof f8 / sizeof f8[0]; i++) {
		char row[128];
		snprintf(row, sizeof row, "{\"a\": %s}", f8[i][0]);
		EV("a", "a float8", row, f8[i][1]);
	}
	static const char *const f4[][2] = {
		{"1e6", "1e+06"}, {"123456", "123456"}, {"1234567", "1.234567e+06"}, {"0.1", "0.1"},
		{"3.4028235e38", "3.4028235e+38"}, {"1e-45", "1e-45"}, {"16777217", "1.6777216e+07"},
		{"0.3", "0.3"}, {"1.1754944e-38", "1.1754944e-38"}, {"\"NaN\"", "NaN"},
	};
	for (size_t i = 0; i < sizeof f4 / sizeof f4[0]; i++) {
		char row[128];
		snprintf(row, sizeof row, "{\"a\": %s}", f4[i][0]);
		EV("a", "a real", row, f4[i][1]);
	}
	/* every finite value reads back exactly from its text, real and double precision */
	cdc_arena *a = cdc_arena_new("t");
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < 2000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		bool single = i % 2;
		double d;
		if (single) {
			uint32_t bits = (uint32_t)x;
			float f;
			memcpy(&f, &bits, sizeof f);
			d = f;
		} else
			memcpy(&d, &x, sizeof d);
		if (!isfinite(d))
			continue;
		cdc_rtype t = {single ? CDC_TY_FLOAT4 : CDC_TY_FLOAT8, 0, 0, -1};
		cdc_buf b = CDC_BUF_INIT;
		cdc_val_format(cdc_val_float(d), t, &b);
		cdc_value v;
		const char *why;
		ck_assert_msg(cdc_val_parse(a, t, b.data, b.len, &v, &why), "%s: %s", b.data, why);
		ck_assert_msg(memcmp(&v.u.f, &d, sizeof d) == 0, "%.17g printed as %s reads back as %.17g", d, b.data, v.u.f);
		cdc_buf_free(&b);
	}
	cdc_arena_free(a);
	EV("a::float8", "a real", "{\"a\": 0.1}", "0.10000000149011612");
	EV("a::real", "a float8", "{\"a\": 0.1}", "0.1");
	EV("a::text", "a float8", "{\"a\": 1e100}", "1e+100");
	EV("a", "a float8", "{\"a\": 1e309}",
	   "BAD CHANGE: column \"a\": 1e309 is not a valid double precision: value out of range for type double precision");
	EV("a", "a real", "{\"a\": 3.4e39}",
	   "BAD CHANGE: column \"a\": 3.4e39 is not a valid real: value out of range for type real");
}
END_TEST

START_TEST(float_errors)
{
	/* as PostgreSQL's float8_pl/mi/mul/div: overflow and underflow are errors */
	EV("a - b", "a float8, b float8", "{\"a\": 1e308, \"b\": -1e308}", "ERROR: value out of range: overflow");
	EV("a + b", "a float8, b float8", "{\"a\": 1e308, \"b\": 1e308}", "ERROR: value out of range: overflow");
	EV("a * b", "a float8, b float8", "{\"a\": 1e200, \"b\": 1e200}", "ERROR: value out of range: overflow");
	EV("a * b", "a float8, b float8", "{\"a\": 1e-200, \"b\": 1e-200}", "ERROR: value out of range: underflow");
	EV("a / b", "a float8, b float8", "{\"a\": 1e308, \"b\": 1e-10}", "ERROR: value out of range: overflow");
	EV("a / b", "a float8, b float8", "{\"a\": 1e-300, \"b\": 1e300}", "ERROR: value out of range: underflow");
	EV("a / b", "a float8, b float8", "{\"a\": 1, \"b\": 0}", "ERROR: division by zero");
	EV("a / b", "a float8, b float8", "{\"a\": 0, \"b\": 0}", "ERROR: division by zero");
	EV("a % b", "a float8, b float8", "{\"a\": 1, \"b\": 0}", "ERROR: division by zero");
	EV("a ^ b", "a float8, b float8", "{\"a\": 10, \"b\": 400}", "ERROR: value out of range: overflow");
	EV("a ^ b", "a float8, b float8", "{\"a\": 10, \"b\": -400}", "ERROR: value out of range: underflow");
	EV("a ^ b", "a float8, b float8", "{\"a\": -8, \"b\": 0.5}",
	   "ERROR: a negative number raised to a non-integer power yields a complex result");
	EV("a ^ b", "a float8, b float8", "{\"a\": 0, \"b\": -1}",
	   "ERROR: zero raised to a negative power is undefined");
	/* what is not an error: NaN and the infinities propagate */
	EV("a / b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 0}", "NaN");
	EV("a * b", "a float8, b float8", "{\"a\": \"Infinity\", \"b\": 0}", "NaN");
	EV("a - b", "a float8, b float8", "{\"a\": \"Infinity\", \"b\": \"Infinity\"}", "NaN");
	EV("a / b", "a float8, b float8", "{\"a\": 1, \"b\": \"Infinity\"}", "0");
	EV("a * b", "a float8, b float8", "{\"a\": \"-Infinity\", \"b\": 2}", "-Infinity");
	EV("a ^ b", "a float8, b float8", "{\"a\": -8, \"b\": \"NaN\"}", "NaN");
	EV("a ^ b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 0}", "1");
	EV("a ^ b", "a float8, b float8", "{\"a\": 1, \"b\": \"NaN\"}", "1");
	EV("a ^ b", "a float8, b float8", "{\"a\": 0.5, \"b\": \"Infinity\"}", "0");
	EV("a ^ b", "a float8, b float8", "{\"a\": \"Infinity\", \"b\": -1}", "0");
	EV("a ^ b", "a float8, b float8", "{\"a\": -8, \"b\": 3}", "-512");
	EV("-a", "a float8", "{\"a\": 0}", "-0");
	EV("a / b", "a float8, b float8", "{\"a\": 5e-324, \"b\": 2}", "ERROR: value out of range: underflow");
	/* real arithmetic is done in double precision and checked as real */
	EV("a * b", "a real, b real", "{\"a\": 1e30, \"b\": 1e30}", "ERROR: value out of range: overflow");
	EV("a * b", "a real, b real", "{\"a\": 1e-30, \"b\": 1e-30}", "ERROR: value out of range: underflow");
	EV("a / b", "a real, b real", "{\"a\": 1, \"b\": 3}", "0.33333334");
	EV("a + b", "a real, b real", "{\"a\": 0.1, \"b\": 0.2}", "0.3");
	EVT("a + b", "a real, b float8", "{\"a\": 0.1, \"b\": 0}", "0.10000000149011612", "double precision");
	EV("a::real", "a float8", "{\"a\": 1e50}", "ERROR: value out of range: overflow");
	EV("a::real", "a float8", "{\"a\": 1e-50}", "ERROR: value out of range: underflow");
	EV("a::real", "a float8", "{\"a\": 0}", "0");
	EV("a::float8", "a text", "{\"a\": \"1e-400\"}", "ERROR: value out of range for type double precision");
	EV("a::real", "a text", "{\"a\": \"1e-50\"}", "ERROR: value out of range for type real");
	EV("a::real", "a text", "{\"a\": \"1e-40\"}", "1e-40");   /* a denormal real is a value */
	EV("a::float8", "a text", "{\"a\": \"1e\"}", "ERROR: invalid input syntax for type double precision");
	/* PostgreSQL reads with strtod, which on glibc takes C's hexadecimal floats too */
	EV("a::float8", "a text", "{\"a\": \"0x10\"}", "16");
	EV("a::float8", "a text", "{\"a\": \" 1.5 \"}", "1.5");
	EV("a::float8", "a text", "{\"a\": \"-inf\"}", "-Infinity");
	EV("a::float8", "a text", "{\"a\": \"infinity\"}", "Infinity");
	EV("a + b", "a float8, b float8", "{\"a\": null, \"b\": 1}", "NULL");
}
END_TEST

/* PostgreSQL orders NaN above every number and equal to itself. */
START_TEST(float_compare)
{
	EV("a = b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": \"NaN\"}", "t");
	EV("a > b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": \"Infinity\"}", "t");
	EV("a < b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 1}", "f");
	EV("a <= b", "a float8, b float8", "{\"a\": 1, \"b\": \"NaN\"}", "t");
	EV("a <> b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 1}", "t");
	EV("a >= b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": \"NaN\"}", "t");
	EV("a < b", "a float8, b float8", "{\"a\": \"-Infinity\", \"b\": -1e308}", "t");
	EV("a = b", "a float8, b float8", "{\"a\": 0, \"b\": \"-0\"}", "t");
	EV("a IS DISTINCT FROM b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": \"NaN\"}", "f");
	EV("a IS NOT DISTINCT FROM b", "a float8, b float8", "{\"a\": \"NaN\", \"b\": null}", "f");
	EV("greatest(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 5}", "NaN");
	EV("least(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 5}", "5");
	EV("a > b", "a real, b float8", "{\"a\": 0.1, \"b\": 0.1}", "t");   /* 0.1::real is above 0.1 */
	EV("a = b", "a int, b float8", "{\"a\": 3, \"b\": 3.0}", "t");
	EV("a < b", "a numeric(10,2), b float8", "{\"a\": \"0.1\", \"b\": 0.2}", "t");
}
END_TEST

/* ---- three-valued logic and IS tests --------------------------------------------------- */

START_TEST(three_valued_logic)
{
	/* docs 8.2: every pair of TRUE, FALSE, NULL */
	static const char *const v[] = {"true", "false", "null"};
	static const char *const and_[3][3] = {{"t", "f", "NULL"}, {"f", "f", "f"}, {"NULL", "f", "NULL"}};
	static const char *const or_[3][3] = {{"t", "t", "t"}, {"t", "f", "NULL"}, {"t", "NULL", "NULL"}};
	static const char *const not_[3] = {"f", "t", "NULL"};
	for (int i = 0; i < 3; i++) {
		for (int j = 0; j < 3; j++) {
			char row[64];
			snprintf(row, sizeof row, "{\"a\": %s, \"b\": %s}", v[i], v[j]);
			EVOP(AND, "a AND b", "a bool, b bool", row, and_[i][j]);
			EVOP(OR, "a OR b", "a bool, b bool", row, or_[i][j]);
		}
		char row[32];
		snprintf(row, sizeof row, "{\"a\": %s}", v[i]);
		EVOP(NOT, "NOT a", "a bool", row, not_[i]);
	}
	/* a comparison with NULL is NULL, and NOT (a = b) is NOT applied to it */
	EV("a = b", "a int, b int", "{\"a\": 1, \"b\": null}", "NULL");
	EV("NOT a = b", "a int, b int", "{\"a\": 1, \"b\": null}", "NULL");
	EV("a = b OR a = 1", "a int, b int", "{\"a\": 1, \"b\": null}", "t");
	EV("a = b AND a = 2", "a int, b int", "{\"a\": 1, \"b\": null}", "f");
}
END_TEST

START_TEST(is_tests)
{
	static const char *const v[] = {"true", "false", "null"};
	/* IS [NOT] TRUE / FALSE / NULL are never NULL */
	static const char *const is_true[] = {"t", "f", "f"}, *const is_not_true[] = {"f", "t", "t"};
	static const char *const is_false[] = {"f", "t", "f"}, *const is_not_false[] = {"t", "f", "t"};
	static const char *const is_null[] = {"f", "f", "t"}, *const is_not_null[] = {"t", "t", "f"};
	for (int i = 0; i < 3; i++) {
		char row[32];
		snprintf(row, sizeof row, "{\"a\": %s}", v[i]);
		EVOP(ISTRUE, "a IS TRUE", "a bool", row, is_true[i]);
		EV("a IS NOT TRUE", "a bool", row, is_not_true[i]);
		EVOP(ISFALSE, "a IS FALSE", "a bool", row, is_false[i]);
		EV("a IS NOT FALSE", "a bool", row, is_not_false[i]);
		EVOP(ISNULL, "a IS NULL", "a bool", row, is_null[i]);
		EV("a IS NOT NULL", "a bool", row, is_not_null[i]);
	}
	EV("(a > 1) IS TRUE", "a int", "{\"a\": null}", "f");
	EV("a IS NULL", "a text", "{\"a\": \"\"}", "f");   /* '' is not NULL (docs 7.8) */
	EV("a IS NULL", "a numeric(10,2)", "{\"a\": \"NaN\"}", "f");
	/* IS DISTINCT FROM: NULL is a value */
	EVOP(DISTINCT, "a IS DISTINCT FROM b", "a int, b int", "{\"a\": null, \"b\": null}", "f");
	EV("a IS DISTINCT FROM b", "a int, b int", "{\"a\": 1, \"b\": null}", "t");
	EV("a IS DISTINCT FROM b", "a int, b int", "{\"a\": null, \"b\": 1}", "t");
	EV("a IS DISTINCT FROM b", "a int, b int", "{\"a\": 2, \"b\": 2}", "f");
	EV("a IS NOT DISTINCT FROM b", "a int, b int", "{\"a\": null, \"b\": null}", "t");
	EV("a IS NOT DISTINCT FROM b", "a int, b int", "{\"a\": 2, \"b\": 3}", "f");
	EV("a IS DISTINCT FROM b", "a text, b text", "{\"a\": \"x\", \"b\": \"x\"}", "f");
	EV("a IS DISTINCT FROM b", "a text, b text", "{\"a\": \"x\", \"b\": \"X\"}", "t");
	EV("a IS DISTINCT FROM b", "a interval, b interval", "{\"a\": \"1 mon\", \"b\": \"30 days\"}", "f");
	EV("a IS DISTINCT FROM b", "a date, b timestamp", "{\"a\": \"2024-01-01\", \"b\": \"2024-01-01 00:00\"}",
	   "f");
	EV("a IS DISTINCT FROM b", "a bool, b bool", "{\"a\": false, \"b\": null}", "t");
	EV("a IS DISTINCT FROM b", "a uuid, b uuid",
	   "{\"a\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\", \"b\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12\"}", "t");
	EV("a IS DISTINCT FROM b", "a jsonb, b jsonb", "{\"a\": {\"x\": 1, \"y\": 2}, \"b\": {\"y\": 2, \"x\": 1}}",
	   "f");
	EV("a IS DISTINCT FROM b", "a numeric(10,2), b int", "{\"a\": \"2.00\", \"b\": 2}", "f");
	EV("a IS DISTINCT FROM 'x'", "a text", "{\"a\": null}", "t");
}
END_TEST

START_TEST(in_and_between)
{
	/* docs 8.4: NULL if x equals no item and x or an item is NULL */
	EV("a IN (1, 2, b)", "a int, b int", "{\"a\": 3, \"b\": null}", "NULL");
	EV("a IN (1, 2, b)", "a int, b int", "{\"a\": 2, \"b\": null}", "t");
	EV("a IN (1, 2, b)", "a int, b int", "{\"a\": 3, \"b\": 3}", "t");
	EV("a IN (1, 2, b)", "a int, b int", "{\"a\": 4, \"b\": 3}", "f");
	EV("a NOT IN (1, 2, b)", "a int, b int", "{\"a\": 3, \"b\": null}", "NULL");
	EV("a NOT IN (1, 2, b)", "a int, b int", "{\"a\": 3, \"b\": 4}", "t");
	EV("a NOT IN (1, 2, b)", "a int, b int", "{\"a\": 2, \"b\": null}", "f");
	EV("a IN (1, 2)", "a int", "{\"a\": null}", "NULL");
	EV("a IN ('x', 'y')", "a text", "{\"a\": \"y\"}", "t");
	EV("a IN (1.5, 2)", "a numeric(5,2)", "{\"a\": \"1.50\"}", "t");
	EV("a IN (b)", "a varchar(5), b char(3)", "{\"a\": \"ab\", \"b\": \"ab\"}", "t");
	/* BETWEEN is x >= low AND x <= high, not symmetric */
	EV("a BETWEEN 1 AND b", "a int, b int", "{\"a\": 0, \"b\": null}", "f");
	EV("a BETWEEN 1 AND b", "a int, b int", "{\"a\": 2, \"b\": null}", "NULL");
	EV("a BETWEEN 1 AND b", "a int, b int", "{\"a\": 3, \"b\": 3}", "t");
	EV("a BETWEEN b AND 1", "a int, b int", "{\"a\": 2, \"b\": 3}", "f");
	EV("a NOT BETWEEN 1 AND b", "a int, b int", "{\"a\": 5, \"b\": 3}", "t");
	EV("a NOT BETWEEN 1 AND b", "a int, b int", "{\"a\": 0, \"b\": null}", "t");
	EV("a BETWEEN '2024-01-01' AND '2024-12-31'", "a date", "{\"a\": \"2024-02-29\"}", "t");
	EV("a BETWEEN 'a' AND 'b'", "a text", "{\"a\": \"B\"}", "f");
}
END_TEST

START_TEST(case_expressions)
{
	EVOP(JMPNT, "CASE WHEN a = 'x' THEN 1 WHEN a = 'y' THEN 2 ELSE 3 END", "a text", "{\"a\": \"y\"}", "2");
	EV("CASE WHEN a = 'x' THEN 1 WHEN a = 'y' THEN 2 END", "a text", "{\"a\": \"z\"}", "NULL");
	EV("CASE WHEN a = 'x' THEN 1 WHEN a = 'y' THEN 2 ELSE 3 END", "a text", "{\"a\": null}", "3");
	/* the simple form compares with =, so a NULL operand matches no WHEN, not even NULL */
	EV("CASE a WHEN 'x' THEN 'X' WHEN NULL THEN 'N' ELSE 'other' END", "a text", "{\"a\": null}", "other");
	EV("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "a int", "{\"a\": 2}", "two");
	EV("CASE WHEN a THEN 'y' ELSE 'n' END", "a bool", "{\"a\": null}", "n");
	/* only the branch taken is evaluated */
	EV("CASE WHEN a > 0 THEN a / 0 ELSE 0 END", "a int", "{\"a\": -1}", "0");
	EV("CASE WHEN a > 0 THEN a / 0 ELSE 0 END", "a int", "{\"a\": 1}", "ERROR: division by zero");
	/* the result has the common type of the branches (docs 8.7) */
	EVT("CASE WHEN a > 0 THEN a ELSE b END", "a int, b numeric(10,2)", "{\"a\": 5, \"b\": \"1.5\"}", "5.00",
	    "numeric(12,2)");
	EVT("CASE WHEN a > 0 THEN 'pos' END", "a int", "{\"a\": 5}", "pos", "text");
	EV("CASE a WHEN 1.0 THEN 'one' END", "a int", "{\"a\": 1}", "one");
	EV("CASE WHEN a IS NULL THEN 'none' WHEN a < 0 THEN 'neg' ELSE 'pos' END", "a int", "{\"a\": null}", "none");
}
END_TEST

/* ---- LIKE and ILIKE ---------------------------------------------------------------------- */

START_TEST(like_patterns)
{
	EV("a LIKE 'ab%'", "a text", "{\"a\": \"abc\"}", "t");
	EV("a LIKE 'ab%'", "a text", "{\"a\": \"xabc\"}", "f");
	EV("a LIKE '%'", "a text", "{\"a\": \"\"}", "t");
	EV("a LIKE '_'", "a text", "{\"a\": \"\"}", "f");
	/* _ is one character, not one byte */
	EV("a LIKE '_'", "a text", "{\"a\": \"\xc3\xa9\"}", "t");
	EV("a LIKE '__'", "a text", "{\"a\": \"\xc3\xa9\"}", "f");
	EV("a LIKE 'h_llo'", "a text", "{\"a\": \"h\xc3\xa9llo\"}", "t");
	EV("a LIKE '%\xc3\xa9%'", "a text", "{\"a\": \"h\xc3\xa9llo\"}", "t");
	EV("a LIKE '%l_'", "a text", "{\"a\": \"h\xc3\xa9llo\"}", "t");
	EV("a LIKE '%%%o'", "a text", "{\"a\": \"h\xc3\xa9llo\"}", "t");
	EV("a LIKE '_\xe2\x9c\x93_'", "a text", "{\"a\": \"\xf0\x9f\x98\x80\xe2\x9c\x93\xc3\xa9\"}", "t");
	/* a backslash makes the next character literal */
	EV("a LIKE '50\\%'", "a text", "{\"a\": \"50%\"}", "t");
	EV("a LIKE '50\\%'", "a text", "{\"a\": \"500\"}", "f");
	EV("a LIKE '\\_%'", "a text", "{\"a\": \"_x\"}", "t");
	EV("a LIKE '\\_%'", "a text", "{\"a\": \"ax\"}", "f");
	EV("a LIKE 'a\\\\b'", "a text", "{\"a\": \"a\\\\b\"}", "t");
	EV("a LIKE 'a\\b'", "a text", "{\"a\": \"ab\"}", "t");
	EV("a LIKE b", "a text, b text", "{\"a\": \"a%b\", \"b\": \"a\\\\%b\"}", "t");
	EV("a LIKE b", "a text, b text", "{\"a\": \"axb\", \"b\": \"a\\\\%b\"}", "f");
	/* PostgreSQL refuses a pattern that ends in the escape character */
	EV("a LIKE 'ab\\'", "a text", "{\"a\": \"ab\\\\\"}",
	   "ERROR: LIKE pattern must not end with escape character");
	EV("a LIKE b", "a text, b text", "{\"a\": \"x\", \"b\": \"x\\\\\\\\\"}", "f");
	/* case: LIKE is exact, ILIKE folds as lower() does, beyond ASCII */
	EV("a LIKE 'ABC'", "a text", "{\"a\": \"abc\"}", "f");
	EVOP(LIKE, "a ILIKE 'ABC'", "a text", "{\"a\": \"abc\"}", "t");
	EV("a ILIKE '\xc3\x89%'", "a text", "{\"a\": \"\xc3\xa9" "cole\"}", "t");
	EV("a ILIKE '\xce\xa3%'", "a text", "{\"a\": \"\xcf\x83\xcf\x87\xce\xbf\xce\xbb\xce\xb5\xce\xaf\xce\xbf\"}",
	   "t");
	EV("a ILIKE '\xd0\x96_'", "a text", "{\"a\": \"\xd0\xb6\xd0\xb6\"}", "t");
	EV("a ILIKE '%B%'", "a text", "{\"a\": \"xbx\"}", "t");
	EV("a NOT LIKE 'a%'", "a text", "{\"a\": \"abc\"}", "f");
	EV("a NOT ILIKE 'A%'", "a text", "{\"a\": \"xbc\"}", "t");
	/* NULL either side gives NULL */
	EV("a LIKE b", "a text, b text", "{\"a\": \"abc\", \"b\": null}", "NULL");
	EV("a LIKE b", "a text, b text", "{\"a\": null, \"b\": \"%\"}", "NULL");
	EV("a NOT LIKE b", "a text, b text", "{\"a\": null, \"b\": \"%\"}", "NULL");
	/* many % do not make matching exponential */
	EV("a LIKE '%a%a%a%a%a%a%a%a%b'", "a text",
	   "{\"a\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "f");
	EV("a LIKE 'a_'", "a varchar(5)", "{\"a\": \"ab\"}", "t");
}
END_TEST

/* ---- comparisons of every kind ------------------------------------------------------------ */

START_TEST(comparisons)
{
	static const char *const ops[] = {"=", "<>", "<", "<=", ">", ">="};
	/* 1 vs 2, 2 vs 2, 2 vs 1 in every family: = <> < <= > >= */
	static const char *const want[3][6] = {
		{"f", "t", "t", "t", "f", "f"}, {"t", "f", "f", "t", "f", "t"}, {"f", "t", "f", "f", "t", "t"}};
	static const struct { const char *cols, *lo, *hi; cdc_opcode op; } fam[] = {
		{"a int, b int", "1", "2", CDC_BC_CMPI},
		{"a bigint, b smallint", "-32768", "2", CDC_BC_CMPI},
		{"a numeric(10,3), b numeric(10,1)", "\"1.999\"", "\"2.5\"", CDC_BC_CMPN},
		{"a float8, b float8", "1.5", "2.5", CDC_BC_CMPF},
		{"a text, b text", "\"ab\"", "\"abc\"", CDC_BC_CMPT},
		{"a bytea, b bytea", "\"\\\\x00ff\"", "\"\\\\x01\"", CDC_BC_CMPT},
		{"a date, b date", "\"2024-02-28\"", "\"2024-02-29\"", CDC_BC_CMPI},
		{"a timestamp, b timestamptz", "\"2024-02-28 23:59:59.999999\"", "\"2024-02-29 00:00+00\"", CDC_BC_CMPI},
		{"a time, b time", "\"00:00\"", "\"24:00\"", CDC_BC_CMPI},
		{"a timetz, b timetz", "\"12:00+02\"", "\"10:30+00\"", CDC_BC_CMPV},
		{"a interval, b interval", "\"1 day\"", "\"25 hours\"", CDC_BC_CMPV},
		{"a bool, b bool", "false", "true", CDC_BC_CMPV},
		{"a uuid, b uuid", "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"", "\"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"", CDC_BC_CMPV},
	};
	for (size_t f = 0; f < sizeof fam / sizeof fam[0]; f++) {
		const char *pairs[3][2] = {{fam[f].lo, fam[f].hi}, {fam[f].hi, fam[f].hi}, {fam[f].hi, fam[f].lo}};
		for (int k = 0; k < 3; k++) {
			char row[256];
			snprintf(row, sizeof row, "{\"a\": %s, \"b\": %s}", pairs[k][0], pairs[k][1]);
			for (int o = 0; o < 6; o++) {
				char expr[16];
				snprintf(expr, sizeof expr, "a %s b", ops[o]);
				uint64_t opset[2];
				const char *got = h_eval_full(expr, fam[f].cols, row, opset, NULL, NULL);
				ck_assert_msg(strcmp(got, want[k][o]) == 0, "%s [%s | %s] = %s, want %s", expr, fam[f].cols, row, got,
				              want[k][o]);
				ck_assert_msg(h_bit(opset, fam[f].op), "%s [%s]: no %s", expr, fam[f].cols, cdc_op_name(fam[f].op));
			}
		}
	}
	/* text compares bytewise (C collation): 'B' < 'a', 'z' < 'é' */
	EV("a < b", "a text, b text", "{\"a\": \"B\", \"b\": \"a\"}", "t");
	EV("a < b", "a text, b text", "{\"a\": \"\xc3\xa9\", \"b\": \"z\"}", "f");
	EV("a = b", "a text, b text", "{\"a\": \"\", \"b\": \"\"}", "t");
	EV("a = b", "a char(5), b text", "{\"a\": \"ab\", \"b\": \"ab\"}",
	   "t");   /* char's padding is not significant */
	/* timetz: by the UTC instant, then by the offset */
	EV("a = b", "a timetz, b timetz", "{\"a\": \"12:00+02\", \"b\": \"10:00+00\"}", "f");
	EV("a < b", "a timetz, b timetz", "{\"a\": \"12:00+02\", \"b\": \"10:00+00\"}", "t");
	/* intervals by their span: 1 mon = 30 days */
	EV("a = b", "a interval, b interval", "{\"a\": \"1 mon\", \"b\": \"30 days\"}", "t");
	EV("a = b", "a interval, b interval", "{\"a\": \"1 day\", \"b\": \"24 hours\"}", "t");
	EV("a = b", "a numeric, b int", "{\"a\": \"2.000\", \"b\": 2}", "t");
	EV("a = b", "a date, b timestamptz", "{\"a\": \"2024-01-01\", \"b\": \"2024-01-01 00:00+00\"}", "t");
	EV("a = b", "a jsonb, b jsonb", "{\"a\": {\"x\": 1, \"y\": 2}, \"b\": {\"y\": 2, \"x\": 1}}", "t");
	EV("a = b", "a uuid, b uuid",
	   "{\"a\": \"{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}\", \"b\": \"a0eebc999c0b4ef8bb6d6bb9bd380a11\"}", "t");
	EV("a < b", "a int, b int", "{\"a\": null, \"b\": 1}", "NULL");
	EV("a >= b", "a text, b text", "{\"a\": \"x\", \"b\": null}", "NULL");
	EV("a = b", "a interval, b interval", "{\"a\": null, \"b\": \"1 day\"}", "NULL");
}
END_TEST

/* ---- text and bytea concatenation ------------------------------------------------------- */

START_TEST(concatenation)
{
	EVOP(CONCAT, "a || b", "a text, b text", "{\"a\": \"ab\", \"b\": \"\xc3\xa9\"}", "ab\xc3\xa9");
	EV("a || b", "a text, b text", "{\"a\": \"ab\", \"b\": null}", "NULL");
	EV("a || b", "a text, b text", "{\"a\": \"\", \"b\": \"\"}", "");
	EV("a || b", "a text, b int", "{\"a\": \"ab\", \"b\": 5}", "ab5");
	EV("a || b", "a text, b numeric(5,2)", "{\"a\": \"x\", \"b\": \"1.5\"}", "x1.50");
	EV("a || b", "a text, b date", "{\"a\": \"d=\", \"b\": \"2024-01-02\"}", "d=2024-01-02");
	/* a boolean spells out its word, as PostgreSQL's cast to text does */
	EV("a || b", "a text, b bool", "{\"a\": \"x\", \"b\": true}", "xtrue");
	EV("a || b || a", "a text, b text", "{\"a\": \"<\", \"b\": \"-\"}", "<-<");
	EVT("a || b", "a bytea, b bytea", "{\"a\": \"\\\\x00ff\", \"b\": \"\\\\x01\"}", "\\x00ff01", "bytea");
	EVT("a || b", "a varchar(3), b char(3)", "{\"a\": \"ab\", \"b\": \"c\"}", "abc", "text");
	EVT("a || 'x'", "a char(5)", "{\"a\": \"ab\"}", "abx", "text");
}
END_TEST

/* ---- casts -------------------------------------------------------------------------------- */

/* Every family pair PostgreSQL allows (docs 7.4), with its rounding and range rules. */
START_TEST(casts)
{
	EV("a::int", "a float8", "{\"a\": 2.5}", "2");
	EV("a::int", "a float8", "{\"a\": 3.5}", "4");
	EV("a::int", "a float8", "{\"a\": -2.5}", "-2");
	EV("a::smallint", "a float8", "{\"a\": 32767.5}", "ERROR: smallint out of range");
	EV("a::smallint", "a float8", "{\"a\": 32766.5}", "32766");
	EV("a::int", "a float8", "{\"a\": \"NaN\"}", "ERROR: integer out of range");
	EV("a::bigint", "a float8", "{\"a\": 9223372036854775807}", "ERROR: bigint out of range");
	EV("a::bigint", "a float8", "{\"a\": -9223372036854775808}", "-9223372036854775808");
	EV("a::int", "a real", "{\"a\": 2.5}", "2");
	EV("a::numeric", "a float8", "{\"a\": 0.1}", "0.1");
	EV("a::numeric", "a float8", "{\"a\": 1e20}", "100000000000000000000");
	EV("a::numeric", "a float8", "{\"a\": 123456789.123456789}", "123456789.123457");
	EV("a::numeric", "a float8", "{\"a\": \"NaN\"}", "NaN");
	EV("a::numeric", "a float8", "{\"a\": \"Infinity\"}", "Infinity");
	EV("a::numeric(5,2)", "a float8", "{\"a\": \"Infinity\"}", "ERROR: numeric field overflow");
	EV("a::numeric(5,2)", "a float8", "{\"a\": 1.005}", "1.01");
	EV("a::numeric", "a real", "{\"a\": 0.1}", "0.1");
	EV("a::numeric", "a real", "{\"a\": 1.5e-7}", "0.00000015");
	EV("a::numeric", "a real", "{\"a\": 123456789}", "123457000");
	EV("a::float8", "a numeric", "{\"a\": \"0.1\"}", "0.1");
	EV("a::real", "a numeric", "{\"a\": \"0.1\"}", "0.1");
	EV("a::float8", "a numeric", "{\"a\": \"NaN\"}", "NaN");
	EV("a::float8", "a numeric", "{\"a\": \"-Infinity\"}", "-Infinity");
	EV("a::real", "a int", "{\"a\": 16777217}", "1.6777216e+07");
	EV("a::float8", "a bigint", "{\"a\": 9007199254740993}", "9.007199254740992e+15");
	EV("a::smallint", "a int", "{\"a\": 32768}", "ERROR: smallint out of range");
	EV("a::int", "a bigint", "{\"a\": -2147483649}", "ERROR: integer out of range");
	EV("a::smallint", "a bigint", "{\"a\": -32768}", "-32768");
	EV("a::bool", "a int", "{\"a\": 5}", "t");
	EV("a::bool", "a int", "{\"a\": 0}", "f");
	EV("a::int", "a bool", "{\"a\": true}", "1");
	EV("a::text", "a int", "{\"a\": -5}", "-5");
	EV("a::text", "a bool", "{\"a\": true}", "true");
	EV("a::varchar(10)", "a bool", "{\"a\": false}", "false");
	EV("a::char(3)", "a bool", "{\"a\": true}", "tru");
	EV("a::text", "a numeric(10,3)", "{\"a\": \"1.5\"}", "1.500");
	EV("a::int", "a text", "{\"a\": \" 42 \"}", "42");
	EV("a::int", "a text", "{\"a\": \"4 2\"}", "ERROR: invalid input syntax for type integer");
	EV("a::int", "a text", "{\"a\": \"+42\"}", "42");
	EV("a::int", "a text", "{\"a\": \"2147483648\"}", "ERROR: value out of range for type integer");
	EV("a::smallint", "a text", "{\"a\": \"-32769\"}", "ERROR: value out of range for type smallint");
	EV("a::bigint", "a text", "{\"a\": \"9223372036854775808\"}", "ERROR: value out of range for type bigint");
	EV("a::int", "a text", "{\"a\": \"1.5\"}", "ERROR: invalid input syntax for type integer");
	EV("a::int", "a text", "{\"a\": \"\"}", "ERROR: invalid input syntax for type integer");
	EV("a::numeric", "a text", "{\"a\": \" 1.5e3 \"}", "1500");
	EV("a::numeric", "a text", "{\"a\": \"abc\"}", "ERROR: invalid input syntax for type numeric");
	EV("a::numeric", "a text", "{\"a\": \".5\"}", "0.5");
	EV("a::numeric", "a text", "{\"a\": \"5.\"}", "5");
	EV("a::numeric", "a text", "{\"a\": \"-0.00\"}", "0.00");
	EV("a::numeric", "a text", "{\"a\": \"nan\"}", "NaN");
	EV("a::bool", "a text", "{\"a\": \"yes\"}", "t");
	EV("a::bool", "a text", "{\"a\": \"OFF\"}", "f");
	EV("a::bool", "a text", "{\"a\": \" t \"}", "t");
	EV("a::bool", "a text", "{\"a\": \"maybe\"}", "ERROR: invalid input syntax for type boolean");
	EV("a::bool", "a text", "{\"a\": \"tr\"}", "t");
	EV("a::bool", "a text", "{\"a\": \"o\"}", "ERROR: invalid input syntax for type boolean");
	EV("a::bool", "a text", "{\"a\": \"of\"}", "f");
	EV("a::bool", "a text", "{\"a\": \"truex\"}", "ERROR: invalid input syntax for type boolean");
	EV("a::bool", "a text", "{\"a\": \"1\"}", "t");
	EV("a::bool", "a text", "{\"a\": \"10\"}", "ERROR: invalid input syntax for type boolean");
	EV("a::date", "a text", "{\"a\": \"2024-02-29\"}", "2024-02-29");
	EV("a::date", "a text", "{\"a\": \"2023-02-29\"}", "ERROR: date/time field value out of range");
	EV("a::date", "a text", "{\"a\": \"infinity\"}", "infinity");
	EV("a::date", "a text", "{\"a\": \"0044-03-15 BC\"}", "0044-03-15 BC");
	EV("a::date", "a text", "{\"a\": \"epoch\"}", "1970-01-01");
	EV("a::timestamp", "a text", "{\"a\": \"2024-05-01T12:30:45.1234565\"}", "2024-05-01 12:30:45.123456");
	EV("a::timestamp", "a text", "{\"a\": \"2024-05-01 12:30:45+02\"}", "2024-05-01 12:30:45");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45+02\"}", "2024-05-01 10:30:45+00");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45\"}", "2024-05-01 12:30:45+00");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45+05:30\"}", "2024-05-01 07:00:45+00");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45 UTC\"}", "2024-05-01 12:30:45+00");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45Z\"}", "2024-05-01 12:30:45+00");
	EV("a::time", "a text", "{\"a\": \"24:00:00\"}", "24:00:00");
	EV("a::time", "a text", "{\"a\": \"25:00:00\"}", "ERROR: date/time field value out of range");
	EV("a::timetz", "a text", "{\"a\": \"12:00:00+05:30\"}", "12:00:00+05:30");
	EV("a::interval", "a text", "{\"a\": \"1 year 2 mons 3 days 04:05:06.5\"}",
	   "1 year 2 mons 3 days 04:05:06.5");
	EV("a::interval", "a text", "{\"a\": \"P1Y2M3DT4H5M6S\"}", "1 year 2 mons 3 days 04:05:06");
	EV("a::interval", "a text", "{\"a\": \"-1 day ago\"}", "1 day");
	EV("a::interval", "a text", "{\"a\": \"1.5 days\"}", "1 day 12:00:00");
	EV("a::interval", "a text", "{\"a\": \"bogus\"}", "ERROR: invalid input syntax for type interval");
	EV("a::uuid", "a text", "{\"a\": \"{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}\"}",
	   "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
	EV("a::uuid", "a text", "{\"a\": \"a0eebc999c0b4ef8bb6d6bb9bd380a11\"}",
	   "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
	EV("a::uuid", "a text", "{\"a\": \"a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11\"}",
	   "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
	EV("a::uuid", "a text", "{\"a\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"}",
	   "ERROR: invalid input syntax for type uuid");
	EV("a::uuid", "a text", "{\"a\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11x\"}",
	   "ERROR: invalid input syntax for type uuid");
	EV("a::bytea", "a text", "{\"a\": \"\\\\x4142\"}", "\\x4142");
	EV("a::bytea", "a text", "{\"a\": \"abc\"}", "\\x616263");
	EV("a::bytea", "a text", "{\"a\": \"a\\\\\\\\b\"}", "\\x615c62");
	EV("a::bytea", "a text", "{\"a\": \"\\\\101\"}", "\\x41");
	EV("a::bytea", "a text", "{\"a\": \"\\\\x4\"}", "ERROR: invalid hexadecimal data: odd number of digits");
	EV("a::bytea", "a text", "{\"a\": \"\\\\xzz\"}", "ERROR: invalid hexadecimal digit");
	EV("a::bytea", "a text", "{\"a\": \"é\"}", "\\xc3a9");
	EV("a::bytea", "a text", "{\"a\": \"\\\\x41 42\"}", "\\x4142");
	EV("a::text", "a bytea", "{\"a\": \"\\\\xdeadbeef\"}", "\\xdeadbeef");
	EV("a::json", "a text", "{\"a\": \"{\\\"a\\\": 1}\"}", "{\"a\": 1}");
	EV("a::json", "a text", "{\"a\": \"{bad\"}", "ERROR: invalid input syntax for type json");
	EV("a::varchar(3)", "a text", "{\"a\": \"abcdef\"}", "abc");
	EV("a::char(3)", "a text", "{\"a\": \"ab\"}", "ab ");
	EV("a::char(3)", "a text", "{\"a\": \"abcdef\"}", "abc");
	EV("a::varchar(3)", "a text", "{\"a\": \"é✓xyz\"}", "é✓x");
	EV("a::text", "a char(5)", "{\"a\": \"ab\"}", "ab");
	EV("a", "a char(5)", "{\"a\": \"ab\"}", "ab   ");
	EV("a", "a varchar(3)", "{\"a\": \"abc   \"}", "abc");
	EV("a::timestamp", "a date", "{\"a\": \"2024-02-29\"}", "2024-02-29 00:00:00");
	EV("a::timestamptz", "a date", "{\"a\": \"2024-02-29\"}", "2024-02-29 00:00:00+00");
	EV("a::date", "a timestamp", "{\"a\": \"2024-02-29 23:59:59\"}", "2024-02-29");
	EV("a::date", "a timestamptz", "{\"a\": \"2024-02-29 23:59:59-05\"}", "2024-03-01");
	EV("a::timestamp", "a timestamptz", "{\"a\": \"2024-02-29 23:59:59-05\"}", "2024-03-01 04:59:59");
	EV("a::timestamptz", "a timestamp", "{\"a\": \"2024-02-29 23:59:59\"}", "2024-02-29 23:59:59+00");
	EV("a::time", "a timestamptz", "{\"a\": \"2024-02-29 23:59:59.5-05\"}", "04:59:59.5");
	EV("a::time", "a timestamp", "{\"a\": \"2024-02-29 23:59:59.5\"}", "23:59:59.5");
	EV("a::timetz", "a timestamptz", "{\"a\": \"2024-02-29 23:59:59.5-05\"}", "04:59:59.5+00");
	EV("a::timestamp", "a date", "{\"a\": \"infinity\"}", "infinity");
	EV("a::date", "a timestamp", "{\"a\": \"-infinity\"}", "-infinity");
	EV("a::timestamp", "a date", "{\"a\": \"5874897-12-31\"}", "ERROR: date out of range for timestamp");
	EV("a::interval", "a time", "{\"a\": \"12:34:56\"}", "12:34:56");
	EV("a::time", "a interval", "{\"a\": \"25:30:00\"}", "01:30:00");
	EV("a::time", "a interval", "{\"a\": \"-1:00:00\"}", "23:00:00");
	EV("a::timetz", "a time", "{\"a\": \"12:34:56\"}", "12:34:56+00");
	EV("a::time", "a timetz", "{\"a\": \"12:34:56+02\"}", "12:34:56");
	EV("a", "a timestamp(0)", "{\"a\": \"2024-01-01 00:00:00.5\"}", "2024-01-01 00:00:01");
	EV("a::timestamp(0)", "a timestamp", "{\"a\": \"2024-01-01 00:00:00.5\"}", "2024-01-01 00:00:01");
	EV("a::timestamp(0)", "a timestamp", "{\"a\": \"1999-12-31 23:59:59.5\"}", "1999-12-31 23:59:59");
	EV("a::timestamp(0)", "a timestamp", "{\"a\": \"1999-12-31 23:59:58.5\"}", "1999-12-31 23:59:58");
	EV("a::timestamp(2)", "a timestamp", "{\"a\": \"2024-01-01 00:00:00.125\"}", "2024-01-01 00:00:00.13");
	EV("a::timestamptz(3)", "a timestamptz", "{\"a\": \"2024-01-01 00:00:00.1235\"}",
	   "2024-01-01 00:00:00.124+00");
	EV("a::time(1)", "a time", "{\"a\": \"23:59:59.99\"}", "24:00:00");
	EV("a::time(0)", "a time", "{\"a\": \"12:00:00.4999\"}", "12:00:00");
	EV("a::timetz(0)", "a timetz", "{\"a\": \"12:00:00.5+01\"}", "12:00:01+01");
	EV("a", "a timestamp(2)", "{\"a\": \"2024-12-31 23:59:59.999\"}", "2025-01-01 00:00:00");
	EV("a::timestamp(0)", "a timestamp", "{\"a\": \"infinity\"}", "infinity");
	EV("a::timestamp(0)", "a text", "{\"a\": \"2024-01-01 10:00:00.7\"}", "2024-01-01 10:00:01");
	EV("a::timestamp(0)", "a timestamp", "{\"a\": \"0044-03-15 12:00:00.5 BC\"}", "0044-03-15 12:00:00 BC");
	EV("a::text", "a interval", "{\"a\": \"1 mon -1 days\"}", "1 mon -1 days");
	EV("a::text", "a uuid", "{\"a\": \"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\"}",
	   "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
	EV("a", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::bigint[]", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::int[]", "a text", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::text", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::text", "a jsonb", "{\"a\": {\"b\": [1, 2], \"a\": null}}", "{\"a\": null, \"b\": [1, 2]}");
	EV("a::jsonb", "a json", "{\"a\": {\"b\": 1, \"a\": 2, \"b\": 3}}", "{\"a\": 2, \"b\": 3}");
	EV("a::json", "a jsonb", "{\"a\": {\"b\": 1, \"a\": 2}}", "{\"a\": 2, \"b\": 1}");
}
END_TEST

/* ---- dates, times, intervals ---------------------------------------------------------- */

START_TEST(datetime_arithmetic)
{
	EV("a + b", "a date, b int", "{\"a\": \"2024-02-28\", \"b\": 1}", "2024-02-29");
	EV("b + a", "a date, b int", "{\"a\": \"2024-02-28\", \"b\": 2}", "2024-03-01");
	EV("a - b", "a date, b int", "{\"a\": \"2024-03-01\", \"b\": 1}", "2024-02-29");
	EV("a + b", "a date, b int", "{\"a\": \"2023-12-31\", \"b\": -365}", "2022-12-31");
	EV("a + b", "a date, b int", "{\"a\": \"5874897-12-31\", \"b\": 1}", "ERROR: date out of range");
	EV("a - b", "a date, b int", "{\"a\": \"4714-11-24 BC\", \"b\": 1}", "ERROR: date out of range");
	EV("a + b", "a date, b int", "{\"a\": \"infinity\", \"b\": 1}", "infinity");
	EV("a - b", "a date, b int", "{\"a\": \"-infinity\", \"b\": 1}", "-infinity");
	EV("a - b", "a date, b date", "{\"a\": \"2024-03-01\", \"b\": \"2023-03-01\"}", "366");
	EV("a - b", "a date, b date", "{\"a\": \"2023-03-01\", \"b\": \"2024-03-01\"}", "-366");
	EV("a + b", "a date, b time", "{\"a\": \"2024-02-28\", \"b\": \"13:45:00\"}", "2024-02-28 13:45:00");
	EV("b + a", "a date, b time", "{\"a\": \"2024-02-28\", \"b\": \"24:00:00\"}", "2024-02-29 00:00:00");
	EV("a + b", "a date, b time", "{\"a\": \"infinity\", \"b\": \"13:45:00\"}", "infinity");
	EV("a + b", "a date, b interval", "{\"a\": \"2024-01-31\", \"b\": \"1 mon\"}", "2024-02-29 00:00:00");
	EV("a - b", "a date, b interval", "{\"a\": \"2024-03-31\", \"b\": \"1 mon 1 day\"}", "2024-02-28 00:00:00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2024-01-31 10:00\", \"b\": \"1 mon\"}",
	   "2024-02-29 10:00:00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2023-01-31 10:00\", \"b\": \"1 mon\"}",
	   "2023-02-28 10:00:00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2024-02-29 10:00\", \"b\": \"1 year\"}",
	   "2025-02-28 10:00:00");
	EV("a - b", "a timestamp, b interval", "{\"a\": \"2024-03-31 10:00\", \"b\": \"1 mon\"}",
	   "2024-02-29 10:00:00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2024-01-31 23:00\", \"b\": \"1 mon 1 day 2 hours\"}",
	   "2024-03-02 01:00:00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2024-12-31 23:59:59.999999\", \"b\": \"00:00:00.000001\"}",
	   "2025-01-01 00:00:00");
	EV("a - b", "a timestamp, b interval", "{\"a\": \"2024-03-01 00:00\", \"b\": \"-1 mon -1 day\"}",
	   "2024-04-02 00:00:00");
	EV("a + b", "a timestamptz, b interval", "{\"a\": \"2024-01-31 23:00+00\", \"b\": \"1 mon\"}",
	   "2024-02-29 23:00:00+00");
	EV("b + a", "a timestamptz, b interval", "{\"a\": \"2024-03-31 23:00+00\", \"b\": \"-1 mon\"}",
	   "2024-02-29 23:00:00+00");
	EV("a + b", "a timestamptz, b interval", "{\"a\": \"2024-01-31 23:00-05\", \"b\": \"1 mon\"}",
	   "2024-03-01 04:00:00+00");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"infinity\", \"b\": \"1 day\"}", "infinity");
	EV("a - b", "a timestamp, b interval", "{\"a\": \"-infinity\", \"b\": \"1 day\"}", "-infinity");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"294276-12-31 23:00\", \"b\": \"1 day\"}",
	   "ERROR: timestamp out of range");
	EV("a - b", "a timestamp, b timestamp", "{\"a\": \"2024-03-01 00:00\", \"b\": \"2024-02-28 12:00\"}",
	   "1 day 12:00:00");
	EV("a - b", "a timestamp, b timestamp", "{\"a\": \"2024-02-28 12:00\", \"b\": \"2024-03-01 00:00\"}",
	   "-1 days -12:00:00");
	EV("a - b", "a timestamp, b timestamp", "{\"a\": \"2025-03-01 00:00\", \"b\": \"2024-02-28 12:00:00.5\"}",
	   "366 days 11:59:59.5");
	EV("a - b", "a timestamp, b timestamp", "{\"a\": \"2024-03-01 00:00\", \"b\": \"2024-03-01 00:00\"}",
	   "00:00:00");
	EV("a - b", "a timestamptz, b timestamptz", "{\"a\": \"2024-03-01 00:00+02\", \"b\": \"2024-02-28 12:00-05\"}",
	   "1 day 05:00:00");
	EV("a - b", "a timestamp, b timestamp", "{\"a\": \"infinity\", \"b\": \"2024-02-28 12:00\"}",
	   "ERROR: cannot subtract infinite timestamps");
	EV("a - b", "a timestamp, b timestamptz", "{\"a\": \"2024-03-01 00:00\", \"b\": \"2024-02-28 12:00+00\"}",
	   "1 day 12:00:00");
	EV("a + b", "a time, b interval", "{\"a\": \"23:00\", \"b\": \"2 hours\"}", "01:00:00");
	EV("a - b", "a time, b interval", "{\"a\": \"01:00\", \"b\": \"2 hours\"}", "23:00:00");
	EV("a + b", "a time, b interval", "{\"a\": \"23:00\", \"b\": \"1 day 2 hours\"}", "01:00:00");
	EV("a + b", "a time, b interval", "{\"a\": \"23:00\", \"b\": \"-25 hours\"}", "22:00:00");
	EV("a + b", "a time, b interval", "{\"a\": \"23:00\", \"b\": \"1 mon\"}", "23:00:00");
	EV("a - b", "a time, b interval", "{\"a\": \"00:00\", \"b\": \"00:00:00.000001\"}", "23:59:59.999999");
	EV("a + b", "a timetz, b interval", "{\"a\": \"23:00+02\", \"b\": \"2 hours\"}", "01:00:00+02");
	EV("a - b", "a timetz, b interval", "{\"a\": \"01:00-03\", \"b\": \"2 hours\"}", "23:00:00-03");
	EV("a + b", "a interval, b interval", "{\"a\": \"1 mon 2 days\", \"b\": \"3 hours\"}",
	   "1 mon 2 days 03:00:00");
	EV("a - b", "a interval, b interval", "{\"a\": \"1 mon 2 days\", \"b\": \"3 hours\"}",
	   "1 mon 2 days -03:00:00");
	EV("a + b", "a interval, b interval", "{\"a\": \"1 year\", \"b\": \"-13 mons\"}", "-1 mons");
	EV("-a", "a interval", "{\"a\": \"1 mon -2 days 03:00\"}", "-1 mons +2 days -03:00:00");
	EV("-a", "a interval", "{\"a\": \"0\"}", "00:00:00");
	EV("a * b", "a interval, b int", "{\"a\": \"1 mon 2 days 03:00\", \"b\": 3}", "3 mons 6 days 09:00:00");
	EV("a * b", "a interval, b float8", "{\"a\": \"1 mon\", \"b\": 1.5}", "1 mon 15 days");
	EV("a * b", "a interval, b float8", "{\"a\": \"1 day\", \"b\": 0.1}", "02:24:00");
	EV("a * b", "a interval, b float8", "{\"a\": \"1 day\", \"b\": -0.5}", "-12:00:00");
	EV("a / b", "a interval, b float8", "{\"a\": \"1 mon\", \"b\": 7}", "4 days 06:51:25.6896");
	EV("a / b", "a interval, b float8", "{\"a\": \"1 mon\", \"b\": 0}", "ERROR: division by zero");
	EV("a / b", "a interval, b numeric(5,2)", "{\"a\": \"3 days\", \"b\": \"2.5\"}", "1 day 04:48:00");
	EV("b * a", "a interval, b int", "{\"a\": \"1 hour\", \"b\": 3}", "03:00:00");
	EV("a + b", "a interval, b interval", "{\"a\": \"178000000 years\", \"b\": \"178000000 years\"}",
	   "ERROR: interval out of range");
	EV("a * b", "a interval, b float8", "{\"a\": \"1 day\", \"b\": 1e300}", "ERROR: interval out of range");
	EV("a", "a interval", "{\"a\": \"1 year 2 mons 3 days 04:05:06.5\"}", "1 year 2 mons 3 days 04:05:06.5");
	EV("a", "a interval", "{\"a\": \"-1 year -2 mons +3 days -04:05:06\"}", "-1 years -2 mons +3 days -04:05:06");
	EV("a", "a interval", "{\"a\": \"0\"}", "00:00:00");
	EV("a", "a interval", "{\"a\": \"25 hours\"}", "25:00:00");
	EV("a", "a interval", "{\"a\": \"1.5 years\"}", "1 year 6 mons");
	EV("a", "a interval", "{\"a\": \"10s\"}", "00:00:10");
	EV("a", "a interval", "{\"a\": \"P1DT2H\"}", "1 day 02:00:00");
	EV("a", "a interval", "{\"a\": \"1-2\"}", "1 year 2 mons");
	EV("a", "a interval", "{\"a\": \"-00:00:01.5\"}", "-00:00:01.5");
	EV("a", "a timestamptz", "{\"a\": \"0001-01-01 00:00:00+00\"}", "0001-01-01 00:00:00+00");
	EV("a", "a timestamptz", "{\"a\": \"0001-01-01 00:00:00+00 BC\"}", "0001-01-01 00:00:00+00 BC");
	EV("a", "a timestamp", "{\"a\": \"1999-12-31 23:59:59.999999\"}", "1999-12-31 23:59:59.999999");
	EV("a", "a timestamp", "{\"a\": \"epoch\"}", "1970-01-01 00:00:00");
	EV("a", "a timestamp", "{\"a\": \"294276-12-31 23:59:59.999999\"}", "294276-12-31 23:59:59.999999");
	EV("a", "a timestamp", "{\"a\": \"294277-01-01 00:00:00\"}",
	   "BAD CHANGE: column \"a\": 294277-01-01 00:00:00 is not a valid timestamp: timestamp out of range");
	EV("a", "a date", "{\"a\": \"epoch\"}", "1970-01-01");
	EV("a", "a date", "{\"a\": \"4714-11-24 BC\"}", "4714-11-24 BC");
	EV("a", "a date", "{\"a\": \"4714-11-23 BC\"}",
	   "BAD CHANGE: column \"a\": 4714-11-23 BC is not a valid date: date out of range");
	EV("a", "a timetz", "{\"a\": \"12:00:00.5-03:30\"}", "12:00:00.5-03:30");
	EV("a", "a timetz", "{\"a\": \"12:00:00+05:45:30\"}", "12:00:00+05:45:30");
	EV("a", "a time", "{\"a\": \"00:00:00.000001\"}", "00:00:00.000001");
	EV("a", "a timestamptz", "{\"a\": \"2024-06-30 23:59:60+00\"}", "2024-07-01 00:00:00+00");
	EV("a", "a timestamptz", "{\"a\": \"2024-02-29 12:00:00+14\"}", "2024-02-28 22:00:00+00");
	EV("a", "a timestamptz", "{\"a\": \"2024-02-29 12:00:00-12:30\"}", "2024-03-01 00:30:00+00");
}
END_TEST

/* cdcc refuses what reads the clock or a zone database (docs 7.5, 7.9). */
START_TEST(datetime_cdcc_rules)
{
	EV("a::date", "a text", "{\"a\": \"today\"}",
	   "ERROR: now, today, tomorrow and yesterday depend on the clock and are not accepted as input");
	EV("a::timestamptz", "a text", "{\"a\": \"2024-05-01 12:30:45 Europe/Paris\"}",
	   "ERROR: time zone not supported: only UTC, GMT, Z and numeric offsets such as +02:00 are accepted");
	/* a timestamp becomes a timestamptz as UTC time, and back */
	EV("a::timestamptz", "a timestamp", "{\"a\": \"2024-05-01 12:00\"}", "2024-05-01 12:00:00+00");
	EV("a::timestamp", "a timestamptz", "{\"a\": \"2024-05-01 12:00-07\"}", "2024-05-01 19:00:00");
	EV("a::date", "a timestamptz", "{\"a\": \"2024-05-01 22:00-07\"}", "2024-05-02");
	/* time and timetz to interval and back (docs 7.4): the time of day */
	EV("a::interval", "a timetz", "{\"a\": \"12:34:56+02\"}", "12:34:56");
	EV("a::timetz", "a interval", "{\"a\": \"25:30:00\"}", "01:30:00+00");
	EV("a::time", "a interval", "{\"a\": \"1 day 02:00\"}", "02:00:00");
}
END_TEST

/* date - date is an integer number of days.  Codegen compiles it as integer subtraction
 * (a CAST of each date and SUBI), not DATESUBD, so an infinite date gives a number where
 * PostgreSQL says "cannot subtract infinite dates"; DATESUBD itself is tested in
 * `handmade_opcodes`.  The finite cases agree. */
START_TEST(date_minus_date)
{
	EVT("a - b", "a date, b date", "{\"a\": \"2024-03-01\", \"b\": \"2023-03-01\"}", "366", "integer");
	EV("a - b", "a date, b date", "{\"a\": \"2023-03-01\", \"b\": \"2024-03-01\"}", "-366");
	EV("a - b", "a date, b date", "{\"a\": \"2000-01-01\", \"b\": \"1999-12-31\"}", "1");
	EV("a - b", "a date, b date", "{\"a\": null, \"b\": \"1999-12-31\"}", "NULL");
}
END_TEST

/* ---- invalid UTF-8 ---------------------------------------------------------------------- */

START_TEST(invalid_utf8)
{
	/* the change reader refuses bytes that are not UTF-8, wherever they are */
	hpipe p;
	ck_assert_msg(hp_open(&p, "a text, j json", NULL, "r = length(a)"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"ok \xc3\xa9\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "4");
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"bad \xff\"}"), -1);
	ck_assert_str_eq(p.err, "invalid JSON at byte 36: invalid UTF-8");
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"\xc0\xaf\"}"), -1);        /* overlong '/' */
	ck_assert_ptr_nonnull(strstr(p.err, "invalid UTF-8"));
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"\xed\xa0\x80\"}"), -1);    /* an encoded surrogate */
	ck_assert_ptr_nonnull(strstr(p.err, "invalid UTF-8"));
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"\xf4\x90\x80\x80\"}"), -1); /* above U+10FFFF */
	ck_assert_ptr_nonnull(strstr(p.err, "invalid UTF-8"));
	ck_assert_int_eq(hp_run(&p, "{\"j\": {\"k\": \"\xe2\x82\"}}"), -1); /* cut short */
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"\\ud800\"}"), -1);         /* an unpaired surrogate */
	ck_assert_ptr_nonnull(strstr(p.err, "surrogate"));
	/* text cannot hold a NUL character, in PostgreSQL either */
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"x\\u0000y\"}"), -1);
	ck_assert_str_eq(p.err, "column \"a\": x is not a valid text: invalid byte sequence for encoding \"UTF8\": 0x00");
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"\\ud83d\\ude00\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "1");
	hp_close(&p);

	/* cdc_val_parse checks text itself: it also reads plans and literals */
	cdc_arena *a = cdc_arena_new("t");
	cdc_rtype text = {CDC_TY_TEXT, 0, 0, -1}, vc = {CDC_TY_VARCHAR, 0, 0, 3}, js = {CDC_TY_JSON, 0, 0, -1};
	cdc_rtype arr = {CDC_TY_TEXT, 1, 0, -1};
	cdc_value v;
	const char *why;
	static const struct { const char *s; size_t n; const char *why; } bad[] = {
		{"\xff", 1, "invalid byte sequence for encoding \"UTF8\""},
		{"ab\xc3", 3, "incomplete multibyte character for encoding \"UTF8\""},
		{"\xc3\x28", 2, "invalid byte sequence for encoding \"UTF8\""},
		{"\xc0\x80", 2, "invalid byte sequence for encoding \"UTF8\""},
		{"\xe0\x80\xaf", 3, "invalid byte sequence for encoding \"UTF8\""},
		{"\xed\xbf\xbf", 3, "invalid byte sequence for encoding \"UTF8\""},
		{"\xf5\x80\x80\x80", 4, "invalid byte sequence for encoding \"UTF8\""},
		{"\x80", 1, "invalid byte sequence for encoding \"UTF8\""},
		{"a\0b", 3, "invalid byte sequence for encoding \"UTF8\": 0x00"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!cdc_val_parse(a, text, bad[i].s, bad[i].n, &v, &why), "text %zu accepted", i);
		ck_assert_str_eq(why, bad[i].why);
		ck_assert(!cdc_val_parse(a, vc, bad[i].s, bad[i].n, &v, &why));
		ck_assert(!cdc_val_parse(a, arr, bad[i].s, bad[i].n, &v, &why));
	}
	ck_assert(!cdc_val_parse(a, js, "\"\xff\"", 3, &v, &why));
	ck_assert_str_eq(why, "invalid byte sequence for encoding \"UTF8\"");
	ck_assert(cdc_val_parse(a, text, "\xf0\x9f\x98\x80\xc3\xa9\xe2\x9c\x93", 9, &v, &why));
	ck_assert_uint_eq(v.u.s.len, 9);
	ck_assert(cdc_val_parse(a, text, "", 0, &v, &why));
	ck_assert_uint_eq(v.u.s.len, 0);
	/* bytea takes any bytes */
	cdc_rtype by = {CDC_TY_BYTEA, 0, 0, -1};
	ck_assert(cdc_val_parse(a, by, "\xff\x01", 2, &v, &why));
	ck_assert_uint_eq(v.u.s.len, 2);
	cdc_arena_free(a);

	/* casting cuts at characters, not bytes */
	EV("a::varchar(3)", "a text", "{\"a\": \"\xc3\xa9\xe2\x9c\x93xyz\"}", "\xc3\xa9\xe2\x9c\x93x");
	EV("a::char(2)", "a text", "{\"a\": \"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\"}",
	   "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
}
END_TEST

/* ---- values: text forms, order, hash, JSON -------------------------------------------------- */

static cdc_value
parse_as(cdc_arena *a, int id, int mod, int scale, const char *s)
{
	cdc_rtype t = {(uint8_t)id, 0, (int16_t)scale, mod};
	cdc_value v;
	const char *why;
	ck_assert_msg(cdc_val_parse(a, t, s, strlen(s), &v, &why), "%s: %s", s, why);
	return v;
}

static const char *
json_of(cdc_value v, int id)
{
	cdc_rtype t = {(uint8_t)id, 0, 0, -1};
	cdc_buf b = CDC_BUF_INIT;
	cdc_val_json(v, t, &b);
	const char *r = h_keep(cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

START_TEST(value_api)
{
	cdc_arena *a = cdc_arena_new("t");
	/* equal values compare 0 and hash equal, whatever their display scale or spelling */
	cdc_value n1 = parse_as(a, CDC_TY_NUMERIC, -1, 0, "1.5"), n2 = parse_as(a, CDC_TY_NUMERIC, -1, 0, "1.500");
	ck_assert_int_eq(cdc_val_cmp(n1, n2), 0);
	ck_assert_uint_eq(cdc_val_hash(n1), cdc_val_hash(n2));
	cdc_value z1 = cdc_val_float(0.0), z2 = cdc_val_float(-0.0);
	ck_assert_int_eq(cdc_val_cmp(z1, z2), 0);
	ck_assert_uint_eq(cdc_val_hash(z1), cdc_val_hash(z2));
	cdc_value nan1 = cdc_val_float(NAN), inf = cdc_val_float(INFINITY);
	ck_assert_int_eq(cdc_val_cmp(nan1, cdc_val_float(NAN)), 0);
	ck_assert_int_gt(cdc_val_cmp(nan1, inf), 0);
	ck_assert_int_lt(cdc_val_cmp(inf, nan1), 0);
	cdc_value i1 = parse_as(a, CDC_TY_INTERVAL, -1, 0, "1 mon"), i2 = parse_as(a, CDC_TY_INTERVAL, -1, 0, "30 days");
	ck_assert_int_eq(cdc_val_cmp(i1, i2), 0);
	ck_assert_uint_eq(cdc_val_hash(i1), cdc_val_hash(i2));
	cdc_value u1 = parse_as(a, CDC_TY_UUID, -1, 0, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
	cdc_value u2 = parse_as(a, CDC_TY_UUID, -1, 0, "{a0eebc999c0b4ef8bb6d6bb9bd380a11}");
	ck_assert_int_eq(cdc_val_cmp(u1, u2), 0);
	ck_assert_uint_eq(cdc_val_hash(u1), cdc_val_hash(u2));
	cdc_value t1 = parse_as(a, CDC_TY_TEXT, -1, 0, "ab"), t2 = parse_as(a, CDC_TY_TEXT, -1, 0, "abc");
	ck_assert_int_lt(cdc_val_cmp(t1, t2), 0);
	ck_assert_int_gt(cdc_val_cmp(t2, t1), 0);
	ck_assert_uint_ne(cdc_val_hash(t1), cdc_val_hash(t2));
	cdc_value j1 = parse_as(a, CDC_TY_JSONB, -1, 0, "{\"b\": 1, \"a\": [1, 2]}");
	cdc_value j2 = parse_as(a, CDC_TY_JSONB, -1, 0, "{\"a\":[1,2],\"b\":1}");
	ck_assert_int_eq(cdc_val_cmp(j1, j2), 0);
	ck_assert_uint_eq(cdc_val_hash(j1), cdc_val_hash(j2));
	/* timetz: the same instant in two zones is not the same value */
	cdc_value tz1 = parse_as(a, CDC_TY_TIMETZ, -1, 0, "12:00+02"), tz2 = parse_as(a, CDC_TY_TIMETZ, -1, 0, "10:00+00");
	ck_assert_int_ne(cdc_val_cmp(tz1, tz2), 0);
	ck_assert_uint_eq(cdc_val_hash(cdc_val_null()), cdc_val_hash(cdc_val_null()));

	/* tags of static types */
	cdc_rtype ty = {CDC_TY_VARCHAR, 0, 0, 3};
	ck_assert_int_eq(cdc_val_tag_of(ty), CDC_VAL_TEXT);
	ty.array = 1;
	ck_assert_int_eq(cdc_val_tag_of(ty), CDC_VAL_ARRAY);
	ty = (cdc_rtype){CDC_TY_JSONB, 0, 0, -1};
	ck_assert_int_eq(cdc_val_tag_of(ty), CDC_VAL_JSON);
	ty = (cdc_rtype){CDC_TY_TIMESTAMPTZ, 0, 0, -1};
	ck_assert_int_eq(cdc_val_tag_of(ty), CDC_VAL_TSTZ);

	/* JSON: exact digits as numbers, specials and the rest as strings */
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_NUMERIC, 38, 2, "12345678901234567890.5"), CDC_TY_NUMERIC),
	                 "12345678901234567890.50");
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_NUMERIC, -1, 0, "NaN"), CDC_TY_NUMERIC), "\"NaN\"");
	ck_assert_str_eq(json_of(cdc_val_float(-INFINITY), CDC_TY_FLOAT8), "\"-Infinity\"");
	ck_assert_str_eq(json_of(cdc_val_float(0.1), CDC_TY_FLOAT8), "0.1");
	ck_assert_str_eq(json_of(cdc_val_int(-7), CDC_TY_INT4), "-7");
	ck_assert_str_eq(json_of(cdc_val_bool(true), CDC_TY_BOOL), "true");
	ck_assert_str_eq(json_of(cdc_val_null(), CDC_TY_TEXT), "null");
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_TEXT, -1, 0, "a\"b\n\xc3\xa9"), CDC_TY_TEXT), "\"a\\\"b\\n\xc3\xa9\"");
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_JSON, -1, 0, "{\"k\": [1, 2]}"), CDC_TY_JSON), "{\"k\": [1, 2]}");
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_DATE, -1, 0, "2024-02-29"), CDC_TY_DATE), "\"2024-02-29\"");
	ck_assert_str_eq(json_of(parse_as(a, CDC_TY_BYTEA, -1, 0, "\\x00ff"), CDC_TY_BYTEA), "\"\\\\x00ff\"");

	/* casts of NULL and UNCHANGED keep them */
	cdc_value out;
	const char *why;
	cdc_rtype i4 = {CDC_TY_INT4, 0, 0, -1}, tx = {CDC_TY_TEXT, 0, 0, -1};
	ck_assert(cdc_val_cast(a, cdc_val_null(), i4, tx, &out, &why));
	ck_assert_int_eq(out.tag, CDC_VAL_NULL);
	cdc_value unch = {0};
	unch.tag = CDC_VAL_UNCHANGED;
	ck_assert(cdc_val_cast(a, unch, i4, tx, &out, &why));
	ck_assert_int_eq(out.tag, CDC_VAL_UNCHANGED);
	/* NULL and UNCHANGED print nothing */
	cdc_buf b = CDC_BUF_INIT;
	cdc_val_format(unch, tx, &b);
	cdc_val_format(cdc_val_null(), tx, &b);
	ck_assert_uint_eq(b.len, 0);
	cdc_buf_free(&b);
	cdc_arena_free(a);
}
END_TEST

/* Arrays keep PostgreSQL's text form; every element is checked, and the text is made
 * canonical, as array_in and array_out do; casts between arrays go element by element. */
START_TEST(arrays)
{
	EV("a", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a", "a int[]", "{\"a\": \" { 1 , 2 ,3 } \"}", "{1,2,3}");
	EV("a", "a int[]", "{\"a\": \"{}\"}", "{}");
	EV("a", "a int[]", "{\"a\": \"{1,NULL,null}\"}", "{1,NULL,NULL}");
	EV("a", "a int[]", "{\"a\": \"{1,x}\"}",
	   "BAD CHANGE: column \"a\": {1,x} is not a valid integer[]: invalid input syntax for type integer");
	EV("a", "a int[]", "{\"a\": \"{1,,2}\"}",
	   "BAD CHANGE: column \"a\": {1,,2} is not a valid integer[]: malformed array literal");
	EV("a", "a int[]", "{\"a\": \"{1,2\"}",
	   "BAD CHANGE: column \"a\": {1,2 is not a valid integer[]: malformed array literal");
	EV("a", "a int[]", "{\"a\": \"1,2\"}",
	   "BAD CHANGE: column \"a\": 1,2 is not a valid integer[]: malformed array literal");
	EV("a", "a int[]", "{\"a\": \"{{1,2},{3,4}}\"}", "{{1,2},{3,4}}");
	EV("a", "a int[]", "{\"a\": \"{{1,2},{3}}\"}",
	   "BAD CHANGE: column \"a\": {{1,2},{3}} is not a valid integer[]: malformed array literal");
	EV("a", "a int[]", "{\"a\": \"{{1,2},3}\"}",
	   "BAD CHANGE: column \"a\": {{1,2},3} is not a valid integer[]: malformed array literal");
	EV("a", "a int[]", "{\"a\": \"{\\\"1\\\",\\\" 2 \\\"}\"}", "{1,2}");
	EV("a", "a int[]", "{\"a\": \"{2147483648}\"}",
	   "BAD CHANGE: column \"a\": {2147483648} is not a valid integer[]: value out of range for type integer");
	EV("a", "a text[]", "{\"a\": \"{a b,\\\"c,d\\\",\\\"\\\",\\\"NULL\\\",NULL,\\\\\\\\x,\\\"q\\\\\\\"x\\\"}\"}",
	   "{\"a b\",\"c,d\",\"\",\"NULL\",NULL,\"\\\\x\",\"q\\\"x\"}");
	EV("a", "a text[]", "{\"a\": \"{ a , b }\"}", "{a,b}");
	EV("a", "a text[]", "{\"a\": \"{é,✓}\"}", "{é,✓}");
	EV("a", "a text[]", "{\"a\": \"{a\\\\\\\\,b}\"}", "{\"a\\\\\",b}");
	EV("a", "a bool[]", "{\"a\": \"{true,0,YES}\"}", "{t,f,t}");
	EV("a", "a numeric(5,2)[]", "{\"a\": \"{1.005,2}\"}", "{1.01,2.00}");
	EV("a::int[]", "a numeric[]", "{\"a\": \"{1.5,-2.5,NULL}\"}", "{2,-3,NULL}");
	EV("a::bigint[]", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::int[]", "a bigint[]", "{\"a\": \"{1,9999999999}\"}", "ERROR: integer out of range");
	EV("a::int[]", "a text", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a::int[]", "a text", "{\"a\": \"{1,x}\"}", "ERROR: invalid input syntax for type integer");
	EV("a::text", "a int[]", "{\"a\": \"{1,2,3}\"}", "{1,2,3}");
	EV("a", "a date[]", "{\"a\": \"{2024-02-29,infinity}\"}", "{2024-02-29,infinity}");
	EV("a", "a date[]", "{\"a\": \"{2023-02-29}\"}",
	   "BAD CHANGE: column \"a\": {2023-02-29} is not a valid date[]: date/time field value out of range");
	EV("a", "a timestamptz[]", "{\"a\": \"{\\\"2024-05-01 12:00:00+02\\\"}\"}", "{\"2024-05-01 10:00:00+00\"}");
	EV("a", "a jsonb[]", "{\"a\": \"{\\\"{\\\\\\\"b\\\\\\\":1,\\\\\\\"a\\\\\\\":2}\\\"}\"}",
	   "{\"{\\\"a\\\": 2, \\\"b\\\": 1}\"}");
	EV("a", "a bytea[]", "{\"a\": \"{\\\"\\\\\\\\\\\\\\\\x0102\\\"}\"}", "{\"\\\\x5c7830313032\"}");
	EV("a", "a char(3)[]", "{\"a\": \"{a,bb}\"}", "{\"a  \",\"bb \"}");
	EV("a", "a int[]", "{\"a\": \"[0:1]={1,2}\"}", "[0:1]={1,2}");
	EV("a", "a uuid[]", "{\"a\": \"{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}\"}",
	   "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}");
	EV("a", "a interval[]", "{\"a\": \"{\\\"1 day\\\",\\\"25 hours\\\"}\"}", "{\"1 day\",25:00:00}");
	EV("a", "a float8[]", "{\"a\": \"{0.1,NaN,-Infinity,1e20}\"}", "{0.1,NaN,-Infinity,1e+20}");
}
END_TEST

/* jsonb values are kept in PostgreSQL's canonical text, so equal jsonb compare equal. */
START_TEST(jsonb_canonical)
{
	EV("a", "a jsonb", "{\"a\": {\"y\": 1, \"x\": [1,2], \"aa\": {\"b\": \"c\\\"d\\u00e9/\"}, \"x\": 5}}",
	   "{\"x\": 5, \"y\": 1, \"aa\": {\"b\": \"c\\\"d\xc3\xa9/\"}}");
	EV("a", "a jsonb", "{\"a\": [1.50, 1e2, -0, 0.0010, 1E-3, -0.0, 1e-40, true, null, \"t\\u0001\"]}",
	   "[1.50, 100, 0, 0.0010, 0.001, 0.0, 1e-40, true, null, \"t\\u0001\"]");
	EV("a", "a json", "{\"a\": {\"y\": 1,  \"x\": [1,2]}}",
	   "{\"y\": 1,  \"x\": [1,2]}");   /* json keeps its text */
	EV("a::jsonb", "a text", "{\"a\": \"  {\\\"b\\\":1,\\\"a\\\":2}  \"}", "{\"a\": 2, \"b\": 1}");
	EV("a::jsonb", "a json", "{\"a\": {\"b\": 1, \"a\": 2, \"b\": 3}}", "{\"a\": 2, \"b\": 3}");
	EV("a::json", "a jsonb", "{\"a\": {\"b\": 1, \"a\": 2}}", "{\"a\": 2, \"b\": 1}");
	EV("a::jsonb", "a text", "{\"a\": \"{\\\"a\\\": \\\"\\\\u0000\\\"}\"}",
	   "ERROR: unsupported Unicode escape sequence: \\u0000 cannot be converted to text");
	EV("a::jsonb", "a text", "{\"a\": \"{\\\"a\\\": 1,}\"}", "ERROR: invalid input syntax for type json");
	EV("a", "a jsonb", "{\"a\": 123456789012345678901234567890123456789012}",
	   "123456789012345678901234567890123456789012");
	EV("a", "a jsonb", "{\"a\": {}}", "{}");
	EV("a", "a jsonb", "{\"a\": [[], {}, [{}]]}", "[[], {}, [{}]]");
	EV("a", "a jsonb", "{\"a\": {\"long\": 1, \"b\": 2, \"ab\": 3, \"a\": 4}}",
	   "{\"a\": 4, \"b\": 2, \"ab\": 3, \"long\": 1}");
}
END_TEST

/* ---- hand-made programs: the verifier, and opcodes codegen does not emit ------------------ */

typedef struct hprog {
	cdc_program   p;
	cdc_instr     code[32];
	cdc_value     consts[4];
	cdc_rtype     ctypes[4];
	cdc_cast      casts[2];
	cdc_call      calls[2];
	uint16_t      cargs[4];
	cdc_segment   segs[4];
	cdc_prog_rule rules[2];
	cdc_prog_step steps[2];
	uint16_t      out[4];
	uint64_t      rdeps[2], fdeps[2], odeps[4];
} hprog;

static void
hprog_init(hprog *h, uint16_t ninputs, uint16_t nregs)
{
	memset(h, 0, sizeof *h);
	h->p.code = h->code;
	h->p.consts = h->consts;
	h->p.const_types = h->ctypes;
	h->p.casts = h->casts;
	h->p.calls = h->calls;
	h->p.segments = h->segs;
	h->p.rules = h->rules;
	h->p.steps = h->steps;
	h->p.out = h->out;
	h->p.rule_deps = h->rdeps;
	h->p.filter_deps = h->fdeps;
	h->p.out_deps = h->odeps;
	h->p.ninputs = ninputs;
	h->p.nregs = nregs;
	h->p.dep_words = 1;
}

static uint32_t
hemit(hprog *h, cdc_opcode op, uint16_t a, uint16_t b, uint16_t c, int32_t d)
{
	cdc_instr in = {0};
	in.op = (uint8_t)op;
	in.a = a;
	in.b = b;
	in.c = c;
	in.d = d;
	in.line = h->p.ncode + 1;
	h->code[h->p.ncode] = in;
	return h->p.ncode++;
}

/*
 * A small program that uses every kind of side table:
 *
 *   0  LOADK  r1, k0          k0 = 5
 *   1  ADDI   r2, r0, r1, 4   -- rule 0 (warn): r0 + 5 > 5
 *   2  CMPI   r3, r2, r1, GT
 *   3  RULE   r3, #0
 *   4  CAST   r4, r2, #0      -- step 0: r = lower((r0 + 5)::text), filter on the rule's test
 *   5  CALL   r5, #0          lower(r4)
 *   6  FILTER r3, #0
 *   7  JMP    -> 8
 *   8  END
 */
static void
hprog_sample(hprog *h)
{
	hprog_init(h, 1, 8);
	h->consts[0] = cdc_val_int(5);
	h->ctypes[0] = (cdc_rtype){CDC_TY_INT4, 0, 0, -1};
	h->p.nconsts = 1;
	h->casts[0] = (cdc_cast){{CDC_TY_INT4, 0, 0, -1}, {CDC_TY_TEXT, 0, 0, -1}, 0};
	h->p.ncasts = 1;
	int n;
	const cdc_builtin *lower = cdc_builtin_find("lower", &n);
	ck_assert_ptr_nonnull(lower);
	h->cargs[0] = 4;
	h->calls[0] = (cdc_call){(uint16_t)lower->id, 1, 1, h->cargs, {CDC_TY_TEXT, 0, 0, -1}, NULL, false};
	h->p.ncalls = 1;
	hemit(h, CDC_BC_LOADK, 1, 0, 0, 0);
	hemit(h, CDC_BC_ADDI, 2, 0, 1, 4);
	hemit(h, CDC_BC_CMPI, 3, 2, 1, CDC_CMP_GT);
	hemit(h, CDC_BC_RULE, 0, 3, 0, 0);
	hemit(h, CDC_BC_CAST, 4, 2, 0, 0);
	hemit(h, CDC_BC_CALL, 5, 0, 0, 0);
	hemit(h, CDC_BC_FILTER, 0, 3, 0, 0);
	hemit(h, CDC_BC_JMP, 0, 0, 0, 0);
	hemit(h, CDC_BC_END, 0, 0, 0, 0);
	h->segs[0] = (cdc_segment){1, CDC_SEG_RULE, 0, 10};
	h->segs[1] = (cdc_segment){4, CDC_SEG_STEP, 0, 20};
	h->p.nsegments = 2;
	h->rules[0] = (cdc_prog_rule){"positive", CDC_ACT_WARN, 10};
	h->p.nrules = 1;
	h->steps[0] = (cdc_prog_step){CDC_STEP_K_ASSIGN, "r", 20};
	h->p.nsteps = 1;
	h->p.nfilters = 1;
	h->out[0] = 0;
	h->out[1] = 5;
	h->p.nout = 2;
	h->rdeps[0] = h->fdeps[0] = h->odeps[0] = h->odeps[1] = 1;
}

/* The verifier refuses the sample after `mutate`, with a message containing `part`. */
#define REFUSED(mutate, part) do { \
	hprog h_; \
	hprog_sample(&h_); \
	{ hprog *h = &h_; (void)h; mutate; } \
	char why_[256] = ""; \
	ck_assert_msg(!cdc_prog_verify(&h_.p, 1, why_, sizeof why_), "accepted after %s", #mutate); \
	ck_assert_msg(strstr(why_, (part)) != NULL, "after %s: \"%s\", want \"%s\"", #mutate, why_, (part)); \
} while (0)

START_TEST(verifier)
{
	hprog h0;
	hprog_sample(&h0);
	char why[256] = "";
	ck_assert_msg(cdc_prog_verify(&h0.p, 1, why, sizeof why), "%s", why);
	ck_assert(!cdc_prog_verify(&h0.p, 2, why, sizeof why));
	ck_assert_str_eq(why, "the program reads 1 columns, the table has 2");

	REFUSED(h->code[8].op = CDC_BC_LOADNULL, "the program does not end with END");
	REFUSED(h->p.ncode = 0, "the program does not end with END");
	REFUSED(h->p.ncode = 8, "the program does not end with END");
	REFUSED((h->p.ninputs = 9, h->p.nregs = 8), "the program reads 9 columns");
	REFUSED(h->p.dep_words = 0, "dependency sets too small");
	REFUSED(h->code[0].op = 200, "instruction 0: invalid opcode 200");
	REFUSED(h->code[0].op = CDC_BC_COUNT, "instruction 0: invalid opcode");
	/* registers: a destination must be a computed register, sources any register */
	REFUSED(h->code[0].a = 0, "instruction 0: bad destination register");
	REFUSED(h->code[0].a = 8, "instruction 0: bad destination register");
	REFUSED(h->code[1].b = 8, "instruction 1: bad register");
	REFUSED(h->code[1].c = 65535, "instruction 1: bad register");
	REFUSED(h->code[3].b = 8, "instruction 3: bad register");
	/* side tables */
	REFUSED(h->code[0].d = 1, "instruction 0: bad constant");
	REFUSED(h->code[0].d = -1, "instruction 0: bad constant");
	REFUSED(h->code[4].d = 1, "instruction 4: bad cast");
	REFUSED(h->code[5].d = 1, "instruction 5: bad call");
	REFUSED(h->calls[0].fn = (uint16_t)cdc_builtin_count(), "instruction 5: bad call entry");
	REFUSED(h->calls[0].nargs = CDC_MAX_CALL_ARGS + 1, "instruction 5: bad call entry");
	REFUSED(h->cargs[0] = 8, "instruction 5: bad argument register");
	REFUSED(h->calls[0].result.id = CDC_TY_COUNT, "call 0: bad type");
	REFUSED(h->code[3].d = 1, "instruction 3: bad rule");
	REFUSED(h->code[6].d = 1, "instruction 6: bad filter");
	REFUSED(h->code[6].d = -1, "instruction 6: bad filter");
	/* jumps go forward and stay inside the code, so every run ends */
	REFUSED(h->code[7].d = -2, "instruction 7: bad jump");
	REFUSED(h->code[7].d = 1, "instruction 7: bad jump");
	REFUSED((h->code[7].op = CDC_BC_JMPT, h->code[7].d = 5), "instruction 7: bad jump");
	REFUSED((h->code[7].op = CDC_BC_JMPNT, h->code[7].d = -1), "instruction 7: bad jump");
	REFUSED((h->code[7].op = CDC_BC_JMPNN, h->code[7].d = 2), "instruction 7: bad jump");
	/* immediates */
	REFUSED(h->code[2].d = 6, "instruction 2: bad comparison");
	REFUSED((h->code[2].op = CDC_BC_DISTINCT, h->code[2].d = CDC_BC_ADDI), "instruction 2: bad comparison");
	REFUSED(h->code[1].d = 3, "instruction 1: bad integer width");
	REFUSED((h->code[1].op = CDC_BC_DIVN, h->code[1].d = 39), "instruction 1: bad scale");
	REFUSED((h->code[1].op = CDC_BC_NEGI, h->code[1].d = 16), "instruction 1: bad integer width");
	REFUSED((h->code[0].op = CDC_BC_EVENT, h->code[0].d = CDC_EV_NOW + 1), "instruction 0: bad event field");
	REFUSED((h->code[0].op = CDC_BC_BEFORE, h->code[0].b = 1), "instruction 0: bad column");
	/* segments, rules, steps and outputs */
	REFUSED(h->segs[1].first = 9, "bad segment 1");
	REFUSED(h->segs[1].first = 0, "bad segment 1");                 /* out of order */
	REFUSED(h->segs[0].index = 1, "bad segment 0");
	REFUSED(h->segs[1].kind = 7, "bad segment 1");
	REFUSED(h->rules[0].action = 4, "rule 0: bad action");
	REFUSED(h->steps[0].kind = 4, "step 0: bad kind");
	REFUSED(h->out[1] = 8, "output column 1: bad register");

	/* what the verifier accepts, the VM runs */
	hprog h;
	hprog_sample(&h);
	cdc_arena *a = cdc_arena_new("event");
	cdc_vm vm;
	cdc_vm_init(&vm, a);
	cdc_event_info ev = {0};
	uint64_t warns[1] = {0};
	vm.ev = &ev;
	vm.warns = warns;
	cdc_value regs[8] = {{0}};
	regs[0] = cdc_val_int(1);
	ck_assert_int_eq(cdc_vm_run(&vm, &h.p, regs), CDC_VM_OK);
	ck_assert_int_eq(regs[5].tag, CDC_VAL_TEXT);
	ck_assert_uint_eq(regs[5].u.s.len, 1);
	ck_assert_int_eq(regs[5].u.s.p[0], '6');
	ck_assert_uint_eq(warns[0], 0);
	regs[0] = cdc_val_int(0);   /* 5 > 5 is false: the warn rule counts, the filter removes */
	ck_assert_int_eq(cdc_vm_run(&vm, &h.p, regs), CDC_VM_FILTERED);
	ck_assert_uint_eq(warns[0], 1);
	regs[0] = cdc_val_int(2147483647);   /* overflow in the rule's segment */
	ck_assert_int_eq(cdc_vm_run(&vm, &h.p, regs), CDC_VM_ERROR);
	ck_assert_str_eq(vm.error, "integer out of range");
	ck_assert_uint_eq(vm.pc, 1);
	const cdc_segment *seg = cdc_vm_segment(&h.p, vm.pc);
	ck_assert_ptr_nonnull(seg);
	ck_assert_int_eq(seg->kind, CDC_SEG_RULE);
	ck_assert_ptr_eq(cdc_vm_segment(&h.p, 5), &h.segs[1]);
	ck_assert_ptr_null(cdc_vm_segment(&h.p, 0));
	/* resuming at the step segment skips the rule: r3 is still FALSE from the failed run */
	regs[0] = cdc_val_int(0);
	regs[2] = cdc_val_int(7);
	regs[3] = cdc_val_bool(true);
	ck_assert_int_eq(cdc_vm_resume(&vm, &h.p, regs, 4), CDC_VM_OK);
	ck_assert_int_eq(regs[5].u.s.p[0], '7');
	/* a fail rule stops the program and names the rule */
	h.rules[0].action = CDC_ACT_FAIL;
	regs[0] = cdc_val_int(0);
	ck_assert_int_eq(cdc_vm_run(&vm, &h.p, regs), CDC_VM_RULE);
	ck_assert_uint_eq(vm.rule, 0);
	cdc_vm_release(&vm);
	cdc_arena_free(a);
}
END_TEST

/* Runs a hand-made program on r0, r1 and returns register `r` as text. */
static const char *
hrun(hprog *h, cdc_value r0, cdc_value r1, cdc_rtype rt, uint16_t r)
{
	char why[256];
	ck_assert_msg(cdc_prog_verify(&h->p, h->p.ninputs, why, sizeof why), "%s", why);
	cdc_arena *a = cdc_arena_new("event");
	cdc_vm vm;
	cdc_vm_init(&vm, a);
	cdc_event_info ev = {0};
	vm.ev = &ev;
	cdc_value regs[8] = {{0}};
	regs[0] = r0;
	regs[1] = r1;
	const char *res;
	if (cdc_vm_run(&vm, &h->p, regs) != CDC_VM_OK) {
		char e[300];
		snprintf(e, sizeof e, "ERROR: %s", vm.error);
		res = h_keep(e);
	} else if (regs[r].tag == CDC_VAL_NULL) {
		res = "NULL";
	} else {
		cdc_buf b = CDC_BUF_INIT;
		cdc_val_format(regs[r], rt, &b);
		res = h_keep(cdc_buf_str(&b));
		cdc_buf_free(&b);
	}
	cdc_vm_release(&vm);
	cdc_arena_free(a);
	return res;
}

START_TEST(handmade_opcodes)
{
	cdc_arena *a = cdc_arena_new("t");
	cdc_rtype i4 = {CDC_TY_INT4, 0, 0, -1}, tx = {CDC_TY_TEXT, 0, 0, -1};
	cdc_value d1 = parse_as(a, CDC_TY_DATE, -1, 0, "2024-03-01"), d2 = parse_as(a, CDC_TY_DATE, -1, 0, "2023-03-01");
	cdc_value dinf = parse_as(a, CDC_TY_DATE, -1, 0, "infinity"), dminf = parse_as(a, CDC_TY_DATE, -1, 0, "-infinity");
	hprog h;

	/* DATESUBD: days between dates; PostgreSQL refuses infinite ones */
	hprog_init(&h, 2, 3);
	hemit(&h, CDC_BC_DATESUBD, 2, 0, 1, 0);
	hemit(&h, CDC_BC_END, 0, 0, 0, 0);
	ck_assert_str_eq(hrun(&h, d1, d2, i4, 2), "366");
	ck_assert_str_eq(hrun(&h, d2, d1, i4, 2), "-366");
	ck_assert_str_eq(hrun(&h, dinf, d2, i4, 2), "ERROR: cannot subtract infinite dates");
	ck_assert_str_eq(hrun(&h, d1, dminf, i4, 2), "ERROR: cannot subtract infinite dates");
	ck_assert_str_eq(hrun(&h, cdc_val_null(), d1, i4, 2), "NULL");

	/* JMPT: jumps on TRUE only; JMPNN on any value that is not NULL (FALSE too) */
	cdc_value x = parse_as(a, CDC_TY_TEXT, -1, 0, "x"), y = parse_as(a, CDC_TY_TEXT, -1, 0, "y");
	cdc_value unch = {0};
	unch.tag = CDC_VAL_UNCHANGED;
	for (int k = 0; k < 2; k++) {
		hprog_init(&h, 1, 3);
		h.consts[0] = x;
		h.consts[1] = y;
		h.ctypes[0] = h.ctypes[1] = tx;
		h.p.nconsts = 2;
		hemit(&h, CDC_BC_LOADK, 2, 0, 0, 0);
		hemit(&h, k == 0 ? CDC_BC_JMPT : CDC_BC_JMPNN, 0, 0, 0, 1);
		hemit(&h, CDC_BC_LOADK, 2, 0, 0, 1);
		hemit(&h, CDC_BC_END, 0, 0, 0, 0);
		ck_assert_str_eq(hrun(&h, cdc_val_bool(true), cdc_val_null(), tx, 2), "x");
		ck_assert_str_eq(hrun(&h, cdc_val_bool(false), cdc_val_null(), tx, 2), k == 0 ? "y" : "x");
		ck_assert_str_eq(hrun(&h, cdc_val_null(), cdc_val_null(), tx, 2), "y");
		ck_assert_str_eq(hrun(&h, unch, cdc_val_null(), tx, 2), "y");   /* unchanged counts as NULL */
		ck_assert_str_eq(hrun(&h, cdc_val_int(0), cdc_val_null(), tx, 2), k == 0 ? "y" : "x");
	}

	/* MOVE and LOADNULL */
	hprog_init(&h, 1, 3);
	hemit(&h, CDC_BC_MOVE, 1, 0, 0, 0);
	hemit(&h, CDC_BC_LOADNULL, 2, 0, 0, 0);
	hemit(&h, CDC_BC_END, 0, 0, 0, 0);
	ck_assert_str_eq(hrun(&h, cdc_val_int(42), cdc_val_null(), i4, 1), "42");
	ck_assert_str_eq(hrun(&h, cdc_val_int(42), cdc_val_null(), i4, 2), "NULL");

	/* DISTINCT with each comparison kind; UNCHANGED counts as NULL there too */
	static const cdc_opcode kinds[] = {CDC_BC_CMPI, CDC_BC_CMPN, CDC_BC_CMPF, CDC_BC_CMPT, CDC_BC_CMPV};
	cdc_value pairs[][2] = {
		{cdc_val_int(1), cdc_val_int(1)},
		{parse_as(a, CDC_TY_NUMERIC, -1, 0, "1.0"), parse_as(a, CDC_TY_NUMERIC, -1, 0, "1")},
		{cdc_val_float(NAN), cdc_val_float(NAN)},
		{x, parse_as(a, CDC_TY_TEXT, -1, 0, "x")},
		{cdc_val_bool(true), cdc_val_bool(true)},
	};
	cdc_rtype bo = {CDC_TY_BOOL, 0, 0, -1};
	for (int k = 0; k < 5; k++) {
		hprog_init(&h, 2, 3);
		hemit(&h, CDC_BC_DISTINCT, 2, 0, 1, kinds[k]);
		hemit(&h, CDC_BC_END, 0, 0, 0, 0);
		ck_assert_str_eq(hrun(&h, pairs[k][0], pairs[k][1], bo, 2), "f");
		ck_assert_str_eq(hrun(&h, pairs[k][0], cdc_val_null(), bo, 2), "t");
		ck_assert_str_eq(hrun(&h, unch, cdc_val_null(), bo, 2), "f");
		ck_assert_str_eq(hrun(&h, unch, pairs[k][1], bo, 2), "t");
	}

	/* IVDIV by zero, FITN overflow and rounding, EVENT and BEFORE without values */
	cdc_rtype iv = {CDC_TY_INTERVAL, 0, 0, -1}, num = {CDC_TY_NUMERIC, 0, 2, 5};
	hprog_init(&h, 2, 3);
	hemit(&h, CDC_BC_IVDIV, 2, 0, 1, 0);
	hemit(&h, CDC_BC_END, 0, 0, 0, 0);
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_INTERVAL, -1, 0, "1 day"), cdc_val_float(0), iv, 2),
	                 "ERROR: division by zero");
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_INTERVAL, -1, 0, "1 day"), cdc_val_float(4), iv, 2), "06:00:00");
	hprog_init(&h, 1, 2);
	hemit(&h, CDC_BC_FITN, 1, 0, 0, 5 << 16 | 2);
	hemit(&h, CDC_BC_END, 0, 0, 0, 0);
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_NUMERIC, -1, 0, "123.455"), cdc_val_null(), num, 1), "123.46");
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_NUMERIC, -1, 0, "-123.455"), cdc_val_null(), num, 1), "-123.46");
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_NUMERIC, -1, 0, "999.995"), cdc_val_null(), num, 1),
	                 "ERROR: numeric value does not fit numeric(5,2)");
	ck_assert_str_eq(hrun(&h, parse_as(a, CDC_TY_NUMERIC, -1, 0, "NaN"), cdc_val_null(), num, 1), "NaN");
	hprog_init(&h, 1, 3);
	hemit(&h, CDC_BC_EVENT, 1, 0, 0, CDC_EV_TXID);
	hemit(&h, CDC_BC_BEFORE, 2, 0, 0, 0);
	hemit(&h, CDC_BC_END, 0, 0, 0, 0);
	ck_assert_str_eq(hrun(&h, cdc_val_int(1), cdc_val_null(), i4, 1), "NULL");   /* no txid */
	ck_assert_str_eq(hrun(&h, cdc_val_int(1), cdc_val_null(), i4, 2), "NULL");   /* no before image */
	cdc_arena_free(a);
}
END_TEST

/* ---- the stage: rules, steps, filters and their fates ---------------------------------- */

/* Every change has exactly one fate, so the counters add up. */
static void
counters_add_up(const hpipe *p)
{
	uint64_t sum = 0;
	for (int f = 0; f < CDC_FATE_COUNT; f++)
		sum += p->st.n.fate[f];
	ck_assert_uint_eq(sum, p->st.n.changes);
}

START_TEST(stage_rule_fates)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int",
	                      "require a_present: a IS NOT NULL else drop\n"
	                      "require a_positive: a > 0 else quarantine\n"
	                      "warn a_small: a < 100\n"
	                      "require a_not_13: a <> 13",
	                      "r = a * 2"), "%s", p.err);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 5}")), "10");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": null}")), "dropped a_present: the condition is false");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": -1}")), "quarantined a_positive: the condition is false");
	ck_assert_int_eq(p.st.rule, 1);
	ck_assert_uint_eq(p.st.line, 9);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 500}")), "1000");   /* warn: counted, applied */
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 13}")), "failed a_not_13: the condition is false");
	ck_assert_uint_eq(p.st.n.changes, 5);
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_APPLY], 2);
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_DROP], 1);
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_QUARANTINE], 1);
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_FAIL], 1);
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_FILTER], 0);
	for (int r = 0; r < 4; r++)
		ck_assert_uint_eq(p.st.n.rule_broken[r], 1);
	counters_add_up(&p);
	/* a rule stops at the first breaking fail/quarantine/drop rule: later ones are not run */
	ck_assert_int_eq(hp_run(&p, "{\"a\": -500}"), CDC_FATE_QUARANTINE);
	ck_assert_uint_eq(p.st.n.rule_broken[2], 1);
	hp_close(&p);

	/* a NULL condition passes (docs 10.3); so does an unlabelled rule, named by its text */
	ck_assert_msg(hp_open(&p, "a int", "require a > 0 else quarantine", "r = coalesce(a, -1)"), "%s", p.err);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": null}")), "-1");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 0}")), "quarantined a > 0: the condition is false");
	ck_assert_str_eq(cdc_stage_rule_name(&p.st), "a > 0");
	hp_close(&p);

	/* require without else fails; require ... else warn is a warn */
	ck_assert_msg(hp_open(&p, "a int", "require a > 0\nrequire w: a > 1 else warn", NULL), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 1}"), CDC_FATE_APPLY);
	ck_assert_uint_eq(p.st.n.rule_broken[1], 1);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), CDC_FATE_FAIL);
	counters_add_up(&p);
	hp_close(&p);
}
END_TEST

/* An error in a condition breaks the rule; in a step it quarantines the change (docs 8.9). */
START_TEST(stage_errors)
{
	static const struct { const char *action; int fate; } acts[] = {
		{"quarantine", CDC_FATE_QUARANTINE}, {"drop", CDC_FATE_DROP}, {"fail", CDC_FATE_FAIL},
	};
	for (size_t i = 0; i < 3; i++) {
		hpipe p;
		char rules[128];
		snprintf(rules, sizeof rules, "require ok: 10 / a > 1 else %s", acts[i].action);
		ck_assert_msg(hp_open(&p, "a int", rules, NULL), "%s", p.err);
		ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), acts[i].fate);
		ck_assert_str_eq(p.st.reason, "error in the condition: division by zero");
		ck_assert_str_eq(cdc_stage_rule_name(&p.st), "ok");
		ck_assert_uint_eq(p.st.n.rule_broken[0], 1);
		ck_assert_uint_eq(p.st.n.step_errors, 0);
		ck_assert_int_eq(hp_run(&p, "{\"a\": 2}"), CDC_FATE_APPLY);
		counters_add_up(&p);
		hp_close(&p);
	}

	/* a warn rule's error is counted and the next rules still run */
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", "warn w: 10 / a > 1\nrequire q: a <> 0 else quarantine\nwarn w2: a < 0",
	                      "r = a + 1"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), CDC_FATE_QUARANTINE);
	ck_assert_str_eq(cdc_stage_rule_name(&p.st), "q");
	ck_assert_uint_eq(p.st.n.rule_broken[0], 1);
	ck_assert_uint_eq(p.st.n.rule_broken[1], 1);
	ck_assert_uint_eq(p.st.n.rule_broken[2], 0);
	hp_close(&p);
	ck_assert_msg(hp_open(&p, "a int", "warn w: 10 / a > 1\nwarn w2: a >= 0", "r = a + 1"), "%s", p.err);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 0}")), "1");
	ck_assert_uint_eq(p.st.n.rule_broken[0], 1);
	ck_assert_uint_eq(p.st.n.rule_broken[1], 0);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": -1}")), "0");
	ck_assert_uint_eq(p.st.n.rule_broken[0], 2);
	ck_assert_uint_eq(p.st.n.rule_broken[1], 1);
	hp_close(&p);

	/* a step error: quarantined as "transform", with the step's line */
	ck_assert_msg(hp_open(&p, "a int", NULL, "s = a + 1\nr = 10 / a"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), CDC_FATE_QUARANTINE);
	ck_assert_int_eq(p.st.rule, -1);
	ck_assert_str_eq(cdc_stage_rule_name(&p.st), "transform");
	ck_assert_str_eq(p.st.vm.error, "division by zero");
	ck_assert_ptr_nonnull(strstr(p.st.reason, "division by zero"));
	ck_assert_uint_eq(p.st.line, 9);
	ck_assert_uint_eq(p.st.n.step_errors, 1);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 5}")), "2");
	ck_assert_str_eq(hp_col(&p, "s"), "6");
	ck_assert_uint_eq(p.st.n.step_errors, 1);
	counters_add_up(&p);
	hp_close(&p);
}
END_TEST

START_TEST(stage_filters)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", NULL, "filter a > 0\nr = 10 / a\nfilter r <> 5"), "%s", p.err);
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 1}")), "10");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": -1}")), "FILTERED");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": null}")), "FILTERED");   /* NULL removes, as WHERE */
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": 2}")), "FILTERED");
	ck_assert_uint_eq(p.st.n.fate[CDC_FATE_FILTER], 3);
	counters_add_up(&p);
	hp_close(&p);
	/* an error in a filter quarantines */
	ck_assert_msg(hp_open(&p, "a int", NULL, "filter 10 / a > 1"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": 0}"), CDC_FATE_QUARANTINE);
	ck_assert_str_eq(p.st.vm.error, "division by zero");
	ck_assert_int_eq(hp_run(&p, "{\"a\": 1}"), CDC_FATE_APPLY);
	hp_close(&p);
}
END_TEST

/* A column an update does not send is UNCHANGED (an insert or a snapshot row is whole: what
 * it does not list is NULL): rules and filters that read it pass, and outputs computed from
 * it stay UNCHANGED, so the target keeps its value. */
START_TEST(stage_unchanged)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int, b text",
	                      "require b_ok: b <> 'x' else quarantine\nrequire b_present: b IS NOT NULL else drop",
	                      "r = b || '!'\ns = a + 1\nt = coalesce(b, 'z')\nu = b IS NULL\nv = 'const'\nfilter b <> 'y'"),
	              "%s", p.err);
#define UPD(row) "{\"op\": \"update\", \"row\": " row "}"
	ck_assert_int_eq(hp_run(&p, UPD("{\"id\": 1, \"a\": 1}")), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "b"), "UNCHANGED");
	ck_assert_str_eq(hp_col(&p, "r"), "UNCHANGED");
	ck_assert_str_eq(hp_col(&p, "t"), "UNCHANGED");
	ck_assert_str_eq(hp_col(&p, "u"), "UNCHANGED");
	ck_assert_str_eq(hp_col(&p, "s"), "2");
	ck_assert_str_eq(hp_col(&p, "v"), "const");
	ck_assert_str_eq(hp_col(&p, "id"), "1");
	ck_assert_uint_eq(p.st.n.rule_broken[0] + p.st.n.rule_broken[1], 0);
	/* sent values are judged as usual; a sent NULL is not unchanged */
	ck_assert_int_eq(hp_run(&p, UPD("{\"a\": 1, \"b\": \"x\"}")), CDC_FATE_QUARANTINE);
	ck_assert_int_eq(hp_run(&p, UPD("{\"a\": 1, \"b\": null}")), CDC_FATE_DROP);
	ck_assert_int_eq(hp_run(&p, UPD("{\"a\": 1, \"b\": \"y\"}")), CDC_FATE_FILTER);
	ck_assert_int_eq(hp_run(&p, UPD("{\"b\": \"w\"}")), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "w!");
	ck_assert_str_eq(hp_col(&p, "s"), "UNCHANGED");
	ck_assert_str_eq(hp_col(&p, "t"), "w");
	ck_assert_str_eq(hp_col(&p, "u"), "f");
	/* an insert lists the whole row: a column it leaves out is NULL */
	ck_assert_int_eq(hp_run(&p, "{\"a\": 1}"), CDC_FATE_DROP);
	ck_assert_int_eq(hp_run(&p, "{\"b\": \"w\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "s"), "NULL");
	ck_assert_str_eq(hp_col(&p, "a"), "NULL");
#undef UPD
	counters_add_up(&p);

	/* the quarantine record shows the change as it came: unchanged columns are left out */
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"update\", \"row\": {\"id\": 7, \"b\": \"x\"}, \"position\": \"0/AB\", "
	                            "\"commit_time\": \"2024-05-01 12:00:00.5+02\"}"), CDC_FATE_QUARANTINE);
	cdc_buf b = CDC_BUF_INIT;
	cdc_stage_quarantine_json(&p.st, &p.ev, p.ch.row, &b);
	ck_assert_str_eq(cdc_buf_str(&b), "{\"table\": \"s.public.t\", \"rule\": \"b_ok\", \"reason\": \"the condition is false\", "
	                                  "\"line\": 9, \"op\": \"update\", \"position\": \"0/AB\", "
	                                  "\"commit_time\": \"2024-05-01 10:00:00.5+00\", \"row\": {\"id\": 7, \"b\": \"x\"}}");
	cdc_buf_truncate(&b, 0);
	cdc_row_json(p.t->cols, p.t->ncols, p.ch.row, &b);
	ck_assert_str_eq(cdc_buf_str(&b), "{\"id\": 7, \"b\": \"x\"}");
	cdc_buf_free(&b);
	hp_close(&p);
}
END_TEST

/* op(), commit_time(), source_position(), table_name(), txid(), now() and before() read
 * the change event (EVENT and BEFORE instructions). */
START_TEST(stage_event_fields)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int, b text", NULL,
	                      "o = op()\nc = commit_time()\nsp = source_position()\ntn = table_name()\n"
	                      "x = txid()\nn = now()\nba = before(a)\nbb = before(b)"), "%s", p.err);
	ck_assert(h_bit(p.ops, CDC_BC_EVENT) && h_bit(p.ops, CDC_BC_BEFORE));
	ck_assert_int_eq(hp_run(&p, "{\"a\": 1}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "I");
	ck_assert_str_eq(hp_col(&p, "c"), "2024-05-01 12:00:00+00");
	ck_assert_str_eq(hp_col(&p, "sp"), "0/16B3748");
	ck_assert_str_eq(hp_col(&p, "tn"), "public.t");
	ck_assert_str_eq(hp_col(&p, "x"), "NULL");
	ck_assert_str_eq(hp_col(&p, "n"), "2024-05-01 12:00:01.5+00");
	ck_assert_str_eq(hp_col(&p, "ba"), "NULL");
	ck_assert_str_eq(hp_type(&p, "x"), "bigint");
	ck_assert_str_eq(hp_type(&p, "ba"), "integer");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"update\", \"row\": {\"a\": 2}, \"before\": {\"a\": 1}, \"txid\": 731, "
	                            "\"position\": \"1/2\", \"commit_time\": \"2023-12-31 23:59:59+00\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "U");
	ck_assert_str_eq(hp_col(&p, "x"), "731");
	ck_assert_str_eq(hp_col(&p, "sp"), "1/2");
	ck_assert_str_eq(hp_col(&p, "c"), "2023-12-31 23:59:59+00");
	ck_assert_str_eq(hp_col(&p, "ba"), "1");
	ck_assert_str_eq(hp_col(&p, "bb"), "NULL");   /* not in the before image */
	ck_assert_str_eq(hp_col(&p, "b"), "UNCHANGED");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"snapshot\", \"row\": {\"a\": 3, \"b\": \"q\"}}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "S");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"delete\", \"row\": {\"id\": 3}, \"before\": {\"id\": 3, \"b\": \"old\"}}"),
	                 CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "D");
	ck_assert_str_eq(hp_col(&p, "bb"), "old");
	hp_close(&p);

	/* deletes are applied by key without the quality rules (docs 10.1) */
	ck_assert_msg(hp_open(&p, "a int", "require a > 0 else drop", NULL), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"delete\", \"row\": {\"id\": 1}}"), CDC_FATE_APPLY);
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"update\", \"row\": {\"id\": 1, \"a\": 0}}"), CDC_FATE_DROP);
	hp_close(&p);

	/* before() compares old and new values */
	EV("before(a) IS DISTINCT FROM a", "a text", "{\"op\": \"update\", \"row\": {\"a\": \"x\"}, \"before\": {\"a\": \"y\"}}", "t");
	EV("before(a) IS DISTINCT FROM a", "a text", "{\"op\": \"update\", \"row\": {\"a\": \"x\"}, \"before\": {\"a\": \"x\"}}", "f");
}
END_TEST

/* Reading changes: what is refused, and how. */
START_TEST(change_reader)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int, d date, j jsonb, f bool", NULL, "r = a"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"a\": \"1O\"}"), -1);
	ck_assert_str_eq(p.err, "column \"a\": 1O is not a valid integer: invalid input syntax for type integer");
	ck_assert_int_eq(hp_run(&p, "{\"d\": \"2023-02-29\"}"), -1);
	ck_assert_str_eq(p.err, "column \"d\": 2023-02-29 is not a valid date: date/time field value out of range");
	ck_assert_int_eq(hp_run(&p, "{\"nope\": 1}"), -1);
	ck_assert_str_eq(p.err, "\"nope\" is not a column");
	ck_assert_int_eq(hp_run(&p, "{\"a\": 1, \"a\": 2}"), -1);
	ck_assert_str_eq(p.err, "column \"a\" is given twice");
	ck_assert_int_eq(hp_run(&p, "{\"a\": [1]}"), -1);
	ck_assert_str_eq(p.err, "column \"a\": a JSON array is a value only for json columns");
	ck_assert_int_eq(hp_run(&p, "{\"a\": true}"), -1);
	ck_assert_str_eq(p.err, "column \"a\" is not boolean");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"upsert\", \"row\": {}}"), -1);
	ck_assert_str_eq(p.err, "\"op\" must be insert, update, delete or snapshot");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"insert\"}"), -1);
	ck_assert_str_eq(p.err, "\"row\" is missing");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"insert\", \"row\": {}, \"txid\": \"x\"}"), -1);
	ck_assert_str_eq(p.err, "\"txid\" must be an integer");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"insert\", \"row\": {}, \"commit_time\": \"soon\"}"), -1);
	ck_assert_str_eq(p.err, "\"commit_time\" must be a timestamp with time zone, as text");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"insert\", \"row\": {}, \"extra\": 1}"), -1);
	ck_assert_ptr_nonnull(strstr(p.err, "unknown key \"extra\""));
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"insert\", \"row\": {\"a\": 1}"), -1);
	ck_assert_ptr_nonnull(strstr(p.err, "invalid JSON at byte"));
	/* JSON values of the right kind */
	ck_assert_int_eq(hp_run(&p, "{\"a\": 7, \"j\": {\"k\": [1]}, \"f\": false, \"d\": \"2024-01-01\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "j"), "{\"k\": [1]}");
	ck_assert_str_eq(hp_col(&p, "f"), "f");
	ck_assert_int_eq(hp_run(&p, "{\"f\": \"yes\", \"j\": \"text\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "f"), "t");
	ck_assert_str_eq(hp_col(&p, "j"), "\"text\"");
	ck_assert_int_eq(cdc_change_op("snapshot"), CDC_EVOP_SNAPSHOT);
	ck_assert_int_eq(cdc_change_op("Insert"), -1);
	hp_close(&p);
}
END_TEST

START_TEST(disassembly)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", "require pos: a > 0 else quarantine", "r = a + 1\nfilter r < 10"), "%s", p.err);
	const char *names[] = {"id", "a"};
	cdc_buf b = CDC_BUF_INIT;
	cdc_prog_disasm(p.t->prog, names, NULL, &b);
	const char *s = cdc_buf_str(&b);
	ck_assert_msg(strstr(s, "-- rule \"pos\" (quarantine), line 8"), "%s", s);
	ck_assert_msg(strstr(s, "-- step 1 (r), line 11"), "%s", s);
	ck_assert_msg(strstr(s, "-- step 2 (filter), line 12"), "%s", s);
	ck_assert_msg(strstr(s, "CMPI      r"), "%s", s);
	ck_assert_msg(strstr(s, "ADDI      r"), "%s", s);
	ck_assert_msg(strstr(s, "RULE      r"), "%s", s);
	ck_assert_msg(strstr(s, "FILTER    r"), "%s", s);
	ck_assert_msg(strstr(s, ", GT") && strstr(s, ", LT"), "%s", s);
	ck_assert_msg(strstr(s, "END"), "%s", s);
	/* one numbered line per instruction */
	int lines = 0;
	for (const char *q = s; *q; q = strchr(q, '\n') ? strchr(q, '\n') + 1 : q + strlen(q)) {
		unsigned pc;
		char name[16];
		if (sscanf(q, "%u %15s", &pc, name) == 2) {
			ck_assert_msg(pc < p.t->prog->ncode && strcmp(name, cdc_op_name((cdc_opcode)p.t->prog->code[pc].op)) == 0,
			              "%s", s);
			lines++;
		}
	}
	ck_assert_msg(lines == (int)p.t->prog->ncode, "%s", s);
	cdc_buf_free(&b);
	cdc_buf t = CDC_BUF_INIT;
	cdc_rtype ty = {CDC_TY_NUMERIC, 1, 2, 12};
	cdc_rtype_str(ty, &t);
	ck_assert_str_eq(cdc_buf_str(&t), "numeric(12,2)[]");
	cdc_buf_free(&t);
	ck_assert_str_eq(cdc_typeid_name(CDC_TY_FLOAT8), "double precision");
	ck_assert_int_eq(cdc_typeid_find("timestamptz"), CDC_TY_TIMESTAMPTZ);
	ck_assert_int_eq(cdc_typeid_find("nope"), -1);
	hp_close(&p);
}
END_TEST

Suite *
vm_suite(void)
{
	Suite *s = suite_create("vm");
	TCase *tc = tcase_create("opcodes");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, opcode_coverage);
	tcase_add_test(tc, opcode_table);
	tcase_add_test(tc, handmade_opcodes);
	tcase_add_test(tc, verifier);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, integer_overflow_per_width);
	tcase_add_test(tc, integer_division);
	tcase_add_test(tc, numeric_38_digits);
	tcase_add_test(tc, numeric_rounding);
	tcase_add_test(tc, numeric_division_and_specials);
	tcase_add_test(tc, float_format);
	tcase_add_test(tc, pg_semantics);
	tcase_add_test(tc, float_errors);
	tcase_add_test(tc, float_compare);
	suite_add_tcase(s, tc);

	tc = tcase_create("logic");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, three_valued_logic);
	tcase_add_test(tc, is_tests);
	tcase_add_test(tc, in_and_between);
	tcase_add_test(tc, case_expressions);
	tcase_add_test(tc, like_patterns);
	tcase_add_test(tc, comparisons);
	tcase_add_test(tc, concatenation);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, casts);
	tcase_add_test(tc, datetime_arithmetic);
	tcase_add_test(tc, datetime_cdcc_rules);
	tcase_add_test(tc, date_minus_date);
	tcase_add_test(tc, invalid_utf8);
	tcase_add_test(tc, value_api);
	tcase_add_test(tc, jsonb_canonical);
	tcase_add_test(tc, arrays);
	suite_add_tcase(s, tc);

	tc = tcase_create("stage");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, stage_rule_fates);
	tcase_add_test(tc, stage_errors);
	tcase_add_test(tc, stage_filters);
	tcase_add_test(tc, stage_unchanged);
	tcase_add_test(tc, stage_event_fields);
	tcase_add_test(tc, change_reader);
	tcase_add_test(tc, disassembly);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * tests/unit/test_stdlib.c — the standard library (stdlib/builtins.def, stdlib/fn_*.c).
 *
 * Every builtin of builtins.def, each overload, is called from a compiled pipeline
 * (`every_builtin` checks that none is left out), with its typical values, its NULL
 * behaviour (strict functions give NULL for a NULL argument; coalesce, nullif, greatest,
 * least, concat and concat_ws handle NULLs as PostgreSQL does) and its edge cases.
 * Expected values are PostgreSQL 15's (psql, UTF-8 database with the C.UTF-8 locale,
 * TimeZone UTC) where PostgreSQL has the function; comments mark where cdcc documents
 * something else (docs/language.md sections 7 and 9) and the functions PostgreSQL lacks
 * (sha2, mask, pseudonymize, is_valid_json, ...), whose documented behaviour is tested.
 */
#include "tests/unit/vm_harness.h"

/* ---- the table itself ----------------------------------------------------------------- */

START_TEST(builtin_table)
{
	int n = cdc_builtin_count();
	ck_assert_int_gt(n, 50);
	for (int i = 0; i < n; i++) {
		const cdc_builtin *b = cdc_builtin_at(i);
		ck_assert_int_eq(b->id, i);
		ck_assert_ptr_nonnull(b->impl);
		ck_assert_msg(b->doc && b->doc[0], "%s has no doc", b->name);
		ck_assert_msg(b->min_args <= b->nparams, "%s", b->name);
		int k;
		const cdc_builtin *first = cdc_builtin_find(b->name, &k);
		ck_assert_msg(first && first <= b && b < first + k, "%s is not found by name", b->name);
		/* optional parameters come before a variadic one, and within the first 16 */
		for (int p = 0; p < b->nparams; p++) {
			ck_assert_msg(!b->params[p].variadic || p == b->nparams - 1, "%s", b->name);
			ck_assert_msg(!b->params[p].optional || p < 16, "%s", b->name);
		}
	}
	/* strictness: these handle NULL themselves, every other function is strict */
	static const char *const lenient[] = {"coalesce", "nullif", "greatest", "least", "concat", "concat_ws", "before"};
	for (int i = 0; i < n; i++) {
		const cdc_builtin *b = cdc_builtin_at(i);
		bool want_lenient = false;
		for (size_t k = 0; k < sizeof lenient / sizeof lenient[0]; k++)
			want_lenient |= strcmp(b->name, lenient[k]) == 0;
		ck_assert_msg(b->strict == !want_lenient, "%s: strict is %d", b->name, b->strict);
	}
	int k;
	const cdc_builtin *b = cdc_builtin_find("TO_TIMESTAMP", &k);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(k, 2);
	ck_assert_str_eq(b[0].params[0].name, "epoch");
	ck_assert_int_eq(b[0].params[0].cls, CDC_PC_FLOAT8);
	ck_assert_str_eq(b[1].params[1].name, "format");
	ck_assert_ptr_null(cdc_builtin_find("nvl", &k));
	ck_assert_int_eq(k, 0);
	b = cdc_builtin_find("mask", &k);
	ck_assert_int_eq(b->nparams, 4);
	ck_assert_int_eq(b->min_args, 1);
	ck_assert(b->params[1].optional && b->params[3].optional);
	ck_assert_str_eq(b->params[1].name, "keep_last");
	b = cdc_builtin_find("concat_ws", &k);
	ck_assert(b->variadic && b->params[1].variadic && !b->params[0].variadic);
	ck_assert_int_eq(b->vol, CDC_IMMUTABLE);
	ck_assert_int_eq(cdc_builtin_find("now", &k)->vol, CDC_VOLATILE);
	ck_assert_int_eq(cdc_builtin_find("commit_time", &k)->vol, CDC_EVENT);
	ck_assert_int_eq(cdc_builtin_find("env", &k)->vol, CDC_EVENT);
	ck_assert_str_eq(cdc_pclass_name(CDC_PC_STRBYTES), "strbytes");
	ck_assert_str_eq(cdc_pclass_name(CDC_PC_T), "T");
}
END_TEST

/* One call per line of builtins.def: each builtin, each overload, is reached from a
 * compiled pipeline (the event functions compile to EVENT and BEFORE instructions). */
static const struct fncase {
	const char *fn, *cols, *expr, *row, *want;
} fncases[] = {
	{"lower", "a text", "lower(a)", "{\"a\": \"\xc3\x89t\xc3\xa9 \xce\xa3\"}", "\xc3\xa9t\xc3\xa9 \xcf\x83"},
	{"upper", "a text", "upper(a)", "{\"a\": \"stra\xc3\x9f" "e \xc3\xa9\"}", "STRA\xc3\x9f" "E \xc3\x89"},
	{"trim", "a text", "trim(a)", "{\"a\": \"  x  \"}", "x"},
	{"ltrim", "a text", "ltrim(a, '0')", "{\"a\": \"0070\"}", "70"},
	{"rtrim", "a text", "rtrim(a, '0')", "{\"a\": \"0070\"}", "007"},
	{"substring", "a text", "substring(a, 2, 3)", "{\"a\": \"h\xc3\xa9llo\"}", "\xc3\xa9ll"},
	{"substr", "a text", "substr(a, 2)", "{\"a\": \"h\xc3\xa9llo\"}", "\xc3\xa9llo"},
	{"left", "a text", "left(a, -1)", "{\"a\": \"abc\"}", "ab"},
	{"right", "a text", "right(a, -1)", "{\"a\": \"abc\"}", "bc"},
	{"length", "a text", "length(a)", "{\"a\": \"\xf0\x9f\x98\x80x\"}", "2"},
	{"char_length", "a text", "char_length(a)", "{\"a\": \"\xf0\x9f\x98\x80x\"}", "2"},
	{"octet_length", "a text", "octet_length(a)", "{\"a\": \"\xf0\x9f\x98\x80x\"}", "5"},
	{"replace", "a text", "replace(a, 'b', 'xx')", "{\"a\": \"abcb\"}", "axxcxx"},
	{"concat", "a text, b int", "concat(a, b, NULL)", "{\"a\": \"x\", \"b\": 1}", "x1"},
	{"concat_ws", "a text, b int", "concat_ws('-', a, b, NULL)", "{\"a\": \"x\", \"b\": 1}", "x-1"},
	{"split_part", "a text", "split_part(a, '.', -2)", "{\"a\": \"a.b.c\"}", "b"},
	{"lpad", "a text", "lpad(a, 4, '0')", "{\"a\": \"7\"}", "0007"},
	{"rpad", "a text", "rpad(a, 3)", "{\"a\": \"7\"}", "7  "},
	{"strpos", "a text", "strpos(a, 'c')", "{\"a\": \"\xc3\xa9\xc3\xa9" "c\"}", "3"},
	{"starts_with", "a text", "starts_with(a, 'ab')", "{\"a\": \"abc\"}", "t"},
	{"regexp_like", "a text", "regexp_like(a, '^[a-z]+$')", "{\"a\": \"abc\"}", "t"},
	{"regexp_replace", "a text", "regexp_replace(a, '[0-9]', '#', 'g')", "{\"a\": \"a1b2\"}", "a#b#"},
	{"encode", "a bytea", "encode(a, 'base64')", "{\"a\": \"\\\\x68656c6c6f\"}", "aGVsbG8="},
	{"decode", "a text", "decode(a, 'base64')", "{\"a\": \"aGVsbG8=\"}", "\\x68656c6c6f"},
	{"coalesce", "a int, b int", "coalesce(a, b)", "{\"a\": null, \"b\": 2}", "2"},
	{"nullif", "a int", "nullif(a, 0)", "{\"a\": 0}", "NULL"},
	{"greatest", "a int, b int", "greatest(a, b)", "{\"a\": 1, \"b\": 2}", "2"},
	{"least", "a int, b int", "least(a, b)", "{\"a\": 1, \"b\": 2}", "1"},
	{"abs", "a numeric(5,2)", "abs(a)", "{\"a\": \"-1.5\"}", "1.50"},
	{"round", "a numeric(5,2)", "round(a, 1)", "{\"a\": \"1.25\"}", "1.3"},
	{"trunc", "a numeric(5,2)", "trunc(a, 1)", "{\"a\": \"1.29\"}", "1.2"},
	{"floor", "a numeric(5,2)", "floor(a)", "{\"a\": \"-1.5\"}", "-2"},
	{"ceil", "a numeric(5,2)", "ceil(a)", "{\"a\": \"-1.5\"}", "-1"},
	{"ceiling", "a numeric(5,2)", "ceiling(a)", "{\"a\": \"1.5\"}", "2"},
	{"mod", "a numeric(5,2)", "mod(a, 2)", "{\"a\": \"-7.5\"}", "-1.50"},
	{"power", "a float8", "power(a, 3)", "{\"a\": 2}", "8"},
	{"sqrt", "a float8", "sqrt(a)", "{\"a\": 2.25}", "1.5"},
	{"now", "a int", "now()", "{\"a\": 1}", "2024-05-01 12:00:01.5+00"},
	{"date_trunc", "a timestamp", "date_trunc('hour', a)", "{\"a\": \"2024-05-17 13:45:30\"}", "2024-05-17 13:00:00"},
	{"extract", "a timestamp", "EXTRACT(minute FROM a)", "{\"a\": \"2024-05-17 13:45:30\"}", "45.000000"},
	{"date_part", "a timestamp", "date_part('minute', a)", "{\"a\": \"2024-05-17 13:45:30\"}", "45"},
	{"to_timestamp", "a float8", "to_timestamp(a)", "{\"a\": 1715953530.5}", "2024-05-17 13:45:30.5+00"},
	{"to_timestamp", "a text", "to_timestamp(a, 'DD/MM/YYYY HH24:MI')", "{\"a\": \"17/05/2024 13:45\"}",
	 "2024-05-17 13:45:00+00"},
	{"to_date", "a text", "to_date(a, 'DD.MM.YYYY')", "{\"a\": \"17.05.2024\"}", "2024-05-17"},
	{"to_char", "a date", "to_char(a, 'FMDay, FMDD Mon YYYY')", "{\"a\": \"2024-05-17\"}", "Friday, 17 May 2024"},
	{"md5", "a text", "md5(a)", "{\"a\": \"abc\"}", "900150983cd24fb0d6963f7d28e17f72"},
	{"sha2", "a text", "sha2(a, 256)", "{\"a\": \"abc\"}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"mask", "a text", "mask(a)", "{\"a\": \"4111111111111111\"}", "************1111"},
	{"pseudonymize", "a text", "pseudonymize(a, 'Jefe')", "{\"a\": \"what do ya want for nothing?\"}",
	 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
	{"env", "a int", "env('CDC_UNIT_ENV')", "{\"a\": 1}", "v\xc3\xa9"},
	{"json_extract_path_text", "a json", "json_extract_path_text(a, 'k', '0')", "{\"a\": {\"k\": [\"v\"]}}", "v"},
	{"is_valid_json", "a text", "is_valid_json(a)", "{\"a\": \"{\\\"k\\\": 1, \\\"l\\\": 2}\"}", "t"},
	{"uuid_generate", "a int", "uuid_generate() IS NOT NULL", "{\"a\": 1}", "t"},
	{"gen_random_uuid", "a int", "gen_random_uuid() <> gen_random_uuid()", "{\"a\": 1}", "t"},
	{"op", "a int", "op()", "{\"a\": 1}", "I"},
	{"commit_time", "a int", "commit_time()", "{\"a\": 1}", "2024-05-01 12:00:00+00"},
	{"source_position", "a int", "source_position()", "{\"a\": 1}", "0/16B3748"},
	{"table_name", "a int", "table_name()", "{\"a\": 1}", "public.t"},
	{"txid", "a int", "txid()", "{\"op\": \"insert\", \"row\": {\"a\": 1}, \"txid\": 42}", "42"},
	{"before", "a int", "before(a)", "{\"op\": \"update\", \"row\": {\"a\": 2}, \"before\": {\"a\": 1}}", "1"},
};

START_TEST(every_builtin)
{
	setenv("CDC_UNIT_ENV", "v\xc3\xa9", 1);
	uint64_t called[2] = {0, 0};
	bool named[256] = {false};
	for (size_t i = 0; i < sizeof fncases / sizeof fncases[0]; i++) {
		const struct fncase *c = &fncases[i];
		uint64_t ops[2], fns[2];
		const char *got = h_eval_full(c->expr, c->cols, c->row, ops, fns, NULL);
		ck_assert_msg(strcmp(got, c->want) == 0, "%s [%s | %s]\n  got  %s\n  want %s", c->expr, c->cols, c->row, got, c->want);
		int n;
		const cdc_builtin *b = cdc_builtin_find(c->fn, &n);
		ck_assert_msg(b, "no builtin %s", c->fn);
		bool hit = false;
		for (int k = 0; k < n; k++)
			hit |= h_bit(fns, (unsigned)b[k].id);
		/* the change-event functions are instructions of their own, and coalesce is
		 * compiled to jumps (its arguments are evaluated lazily) */
		bool inline_fn = h_bit(ops, CDC_BC_EVENT) || h_bit(ops, CDC_BC_BEFORE) ||
		                 (strcmp(c->fn, "coalesce") == 0 && h_bit(ops, CDC_BC_JMPNN));
		hit |= inline_fn;
		ck_assert_msg(hit, "%s does not call %s", c->expr, c->fn);
		called[0] |= fns[0];
		called[1] |= fns[1];
		for (int k = 0; k < n; k++)
			if (h_bit(fns, (unsigned)b[k].id) || inline_fn)
				named[b[k].id] = true;
	}
	/* each overload: to_timestamp(float8) and to_timestamp(text, text) are both called */
	int n;
	const cdc_builtin *tt = cdc_builtin_find("to_timestamp", &n);
	ck_assert(h_bit(called, (unsigned)tt[0].id) && h_bit(called, (unsigned)tt[1].id));
	for (int i = 0; i < cdc_builtin_count(); i++)
		ck_assert_msg(named[i], "builtin %s (line %d of the table) is not tested", cdc_builtin_at(i)->name, i);
}
END_TEST

/* ---- strings ----------------------------------------------------------------------------- */

START_TEST(text_functions)
{
	/* lower and upper: Unicode's simple case mapping (C.UTF-8), as PostgreSQL in a UTF-8 database */
	EV("lower(a)", "a text", "{\"a\": \"ÉCOLE Ünïcode ΑΒΓ\"}", "école ünïcode αβγ");
	EV("upper(a)", "a text", "{\"a\": \"école ünïcode αβγ straße\"}", "ÉCOLE ÜNÏCODE ΑΒΓ STRAßE");
	EV("lower(a)", "a text", "{\"a\": null}", "NULL");
	EV("upper(a)", "a text", "{\"a\": \"\"}", "");
	EV("lower(a)", "a text", "{\"a\": \"ABC xyz 123 !?\"}", "abc xyz 123 !?");
	EV("upper(a)", "a char(4)", "{\"a\": \"ab\"}", "AB");
	EV("lower(a)", "a varchar(10)", "{\"a\": \"MiXeD\"}", "mixed");
	/* trim, ltrim, rtrim: a set of characters, multibyte ones too */
	EV("trim(a)", "a text", "{\"a\": \"  ab  \"}", "ab");
	EV("trim(a, 'xy')", "a text", "{\"a\": \"xyxabyx\"}", "ab");
	EV("ltrim(a, 'xy')", "a text", "{\"a\": \"xyxabyx\"}", "abyx");
	EV("rtrim(a, 'xy')", "a text", "{\"a\": \"xyxabyx\"}", "xyxab");
	EV("trim(a, 'é✓')", "a text", "{\"a\": \"é✓aé✓b✓é\"}", "aé✓b");
	EV("trim(a, '')", "a text", "{\"a\": \" a \"}", " a ");
	EV("ltrim(a)", "a text", "{\"a\": \"  a  \"}", "a  ");
	EV("rtrim(a)", "a text", "{\"a\": \"  a  \"}", "  a");
	EV("trim(a, NULL)", "a text", "{\"a\": \"  a  \"}", "NULL");
	EV("trim(a)", "a text", "{\"a\": \"    \"}", "");
	EV("rtrim(a, 'ab')", "a text", "{\"a\": \"abab\"}", "");
	EV("trim(a)", "a text", "{\"a\": \"\\t a \\n\"}", "\t a \n");
	EV("ltrim(a, b)", "a text, b text", "{\"a\": \"0001230\", \"b\": \"0\"}", "1230");
	/* substring and substr: character positions, PostgreSQL's rules before 1 */
	EV("substring(a, 2)", "a text", "{\"a\": \"héllo\"}", "éllo");
	EV("substring(a, 2, 3)", "a text", "{\"a\": \"héllo\"}", "éll");
	EV("substring(a, 0, 3)", "a text", "{\"a\": \"héllo\"}", "hé");
	EV("substring(a, -2, 5)", "a text", "{\"a\": \"héllo\"}", "hé");
	EV("substring(a, -2, 2)", "a text", "{\"a\": \"héllo\"}", "");
	EV("substring(a, 10)", "a text", "{\"a\": \"héllo\"}", "");
	EV("substring(a, 2, -1)", "a text", "{\"a\": \"héllo\"}", "ERROR: negative substring length not allowed");
	EV("substring(a, 2, 0)", "a text", "{\"a\": \"héllo\"}", "");
	EV("substring(a, 5, 1)", "a text", "{\"a\": \"héllo\"}", "o");
	EV("substring(a, 1)", "a text", "{\"a\": \"\"}", "");
	EV("substr(a, 3, 2)", "a text", "{\"a\": \"a✓✓✓b\"}", "✓✓");
	EV("substr(a, 4)", "a text", "{\"a\": \"😀😀😀😀\"}", "😀");
	EV("substring(a, b)", "a text, b int", "{\"a\": \"abc\", \"b\": null}", "NULL");
	EV("substring(a, 1, b)", "a text, b int", "{\"a\": \"abc\", \"b\": null}", "NULL");
	EV("substr(a, b, 2)", "a text, b int", "{\"a\": \"abc\", \"b\": -2147483648}", "");
	EV("substring(a, 2, b)", "a text, b int", "{\"a\": \"abcdef\", \"b\": 2147483647}", "bcdef");
	/* left and right: negative n counts from the other end */
	EV("left(a, 2)", "a text", "{\"a\": \"héllo\"}", "hé");
	EV("left(a, -2)", "a text", "{\"a\": \"héllo\"}", "hél");
	EV("left(a, -10)", "a text", "{\"a\": \"héllo\"}", "");
	EV("left(a, 10)", "a text", "{\"a\": \"héllo\"}", "héllo");
	EV("left(a, 0)", "a text", "{\"a\": \"héllo\"}", "");
	EV("right(a, 2)", "a text", "{\"a\": \"héllo\"}", "lo");
	EV("right(a, -2)", "a text", "{\"a\": \"héllo\"}", "llo");
	EV("right(a, -10)", "a text", "{\"a\": \"héllo\"}", "");
	EV("right(a, 0)", "a text", "{\"a\": \"héllo\"}", "");
	EV("right(a, 10)", "a text", "{\"a\": \"héllo\"}", "héllo");
	/* length and char_length count characters; octet_length bytes */
	EV("length(a)", "a text", "{\"a\": \"héllo✓😀\"}", "7");
	EV("char_length(a)", "a text", "{\"a\": \"héllo✓😀\"}", "7");
	EV("octet_length(a)", "a text", "{\"a\": \"héllo✓😀\"}", "13");
	EV("octet_length(a)", "a bytea", "{\"a\": \"\\\\x0001ff\"}", "3");
	EV("length(a)", "a text", "{\"a\": \"\"}", "0");
	EV("length(a)", "a char(5)", "{\"a\": \"ab\"}", "2");
	EV("length(a)", "a text", "{\"a\": null}", "NULL");
	EV("char_length(a)", "a varchar(3)", "{\"a\": \"✓✓\"}", "2");
	/* replace: every occurrence, left to right; an empty pattern changes nothing */
	EV("replace(a, 'l', 'L')", "a text", "{\"a\": \"héllo\"}", "héLLo");
	EV("replace(a, '', 'X')", "a text", "{\"a\": \"héllo\"}", "héllo");
	EV("replace(a, 'll', '')", "a text", "{\"a\": \"héllo\"}", "héo");
	EV("replace(a, 'aa', 'b')", "a text", "{\"a\": \"aaaaa\"}", "bba");
	EV("replace(a, 'é', 'e')", "a text", "{\"a\": \"éé\"}", "ee");
	EV("replace(a, 'x', 'y')", "a text", "{\"a\": \"\"}", "");
	EV("replace(a, b, 'z')", "a text, b text", "{\"a\": \"abc\", \"b\": null}", "NULL");
	/* split_part: negative n counts from the end (PostgreSQL 14+) */
	EV("split_part(a, ',', 2)", "a text", "{\"a\": \"a,b,c\"}", "b");
	EV("split_part(a, ',', -1)", "a text", "{\"a\": \"a,b,c\"}", "c");
	EV("split_part(a, ',', -3)", "a text", "{\"a\": \"a,b,c\"}", "a");
	EV("split_part(a, ',', -4)", "a text", "{\"a\": \"a,b,c\"}", "");
	EV("split_part(a, ',', 4)", "a text", "{\"a\": \"a,b,c\"}", "");
	EV("split_part(a, ',', 0)", "a text", "{\"a\": \"a,b,c\"}", "ERROR: field position must not be zero");
	EV("split_part(a, '', 1)", "a text", "{\"a\": \"a,b,c\"}", "a,b,c");
	EV("split_part(a, '', -1)", "a text", "{\"a\": \"a,b,c\"}", "a,b,c");
	EV("split_part(a, '', 2)", "a text", "{\"a\": \"a,b,c\"}", "");
	EV("split_part(a, ',', 1)", "a text", "{\"a\": \"\"}", "");
	EV("split_part(a, ',', -1)", "a text", "{\"a\": \"\"}", "");
	EV("split_part(a, ',,', 2)", "a text", "{\"a\": \"a,,,b\"}", ",b");
	EV("split_part(a, '✓', 2)", "a text", "{\"a\": \"a✓b✓c\"}", "b");
	EV("split_part(a, ',', 2)", "a text", "{\"a\": \",x,\"}", "x");
	EV("split_part(a, ',', 3)", "a text", "{\"a\": \",x,\"}", "");
	/* lpad and rpad: fill cycles, a longer string is cut */
	EV("lpad(a, 5)", "a text", "{\"a\": \"hi\"}", "   hi");
	EV("lpad(a, 5, 'xy')", "a text", "{\"a\": \"hi\"}", "xyxhi");
	EV("rpad(a, 5, 'xy')", "a text", "{\"a\": \"hi\"}", "hixyx");
	EV("lpad(a, 1, 'xy')", "a text", "{\"a\": \"héllo\"}", "h");
	EV("rpad(a, 2)", "a text", "{\"a\": \"héllo\"}", "hé");
	EV("lpad(a, 5, '')", "a text", "{\"a\": \"hi\"}", "hi");
	EV("lpad(a, -1, 'x')", "a text", "{\"a\": \"hi\"}", "");
	EV("rpad(a, 6, 'é✓')", "a text", "{\"a\": \"hi\"}", "hié✓é✓");
	EV("lpad(a, 3, '😀')", "a text", "{\"a\": \"\"}", "😀😀😀");
	/* strpos and starts_with */
	EV("strpos(a, 'l')", "a text", "{\"a\": \"héllo\"}", "3");
	EV("strpos(a, '')", "a text", "{\"a\": \"héllo\"}", "1");
	EV("strpos(a, 'z')", "a text", "{\"a\": \"héllo\"}", "0");
	EV("strpos(a, 'lo')", "a text", "{\"a\": \"✓✓lo\"}", "3");
	EV("strpos(a, 'é')", "a text", "{\"a\": \"abcé\"}", "4");
	EV("starts_with(a, 'hé')", "a text", "{\"a\": \"héllo\"}", "t");
	EV("starts_with(a, '')", "a text", "{\"a\": \"héllo\"}", "t");
	EV("starts_with(a, 'héllo!')", "a text", "{\"a\": \"héllo\"}", "f");
	EV("starts_with(a, 'H')", "a text", "{\"a\": \"héllo\"}", "f");
	/* concat and concat_ws: NULLs are skipped; concat_ws with a NULL separator is NULL */
	EV("concat(a, b, NULL, 1.50, a)", "a text, b int", "{\"a\": \"x\", \"b\": 5}", "x51.50x");
	EV("concat(a)", "a text, b int", "{\"a\": null}", "");
	EV("concat_ws(',', a, b, NULL, a)", "a text, b int", "{\"a\": \"x\", \"b\": 5}", "x,5,x");
	EV("concat_ws(NULL, a, b)", "a text, b int", "{\"a\": \"x\", \"b\": 5}", "NULL");
	EV("concat_ws(a, b, b)", "a text, b int", "{\"a\": null, \"b\": 5}", "NULL");
	EV("concat_ws(a, b, b)", "a text, b int", "{\"a\": \"--\", \"b\": 5}", "5--5");
	EV("concat(a, b)", "a text, b date", "{\"a\": \"x\", \"b\": \"2024-01-02\"}", "x2024-01-02");
	EV("concat_ws('', a, b)", "a text, b numeric(5,2)", "{\"a\": \"x\", \"b\": \"1.5\"}", "x1.50");
	EV("concat(a, b)", "a text, b text", "{\"a\": null, \"b\": null}", "");
	EV("concat_ws('|', a, b)", "a text, b text", "{\"a\": null, \"b\": null}", "");
	/* encode and decode: hex and base64 (76-character lines, as PostgreSQL) */
	EV("encode(a, 'hex')", "a bytea", "{\"a\": \"\\\\x00ff10\"}", "00ff10");
	EV("encode(a, 'base64')", "a bytea", "{\"a\": \"\\\\x00ff10\"}", "AP8Q");
	EV("encode(a, 'base64')", "a bytea", "{\"a\": \"\\\\x00ff\"}", "AP8=");
	EV("encode(a, 'base64')", "a bytea", "{\"a\": \"\\\\x00\"}", "AA==");
	EV("encode(a, 'base64')", "a bytea", "{\"a\": \"\\\\x\"}", "");
	EV("encode(a, 'HEX')", "a bytea", "{\"a\": \"\\\\xab\"}", "ab");
	/* cdcc has the hex and base64 formats only (docs 9.2) */
	EV("encode(a, 'escape')", "a bytea", "{\"a\": \"\\\\xab\"}", "COMPILE: E0405 unknown encoding \"escape\"");
	EV("decode(a, 'hex')", "a text", "{\"a\": \"00ff10\"}", "\\x00ff10");
	EV("decode(a, 'hex')", "a text", "{\"a\": \"00 ff\\n10\"}", "\\x00ff10");
	EV("decode(a, 'hex')", "a text", "{\"a\": \"00f\"}", "ERROR: invalid hexadecimal data: odd number of digits");
	EV("decode(a, 'hex')", "a text", "{\"a\": \"zz\"}", "ERROR: invalid hexadecimal digit");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"AP8Q\"}", "\\x00ff10");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"AP8=\"}", "\\x00ff");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"AA==\"}", "\\x00");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"A\"}", "ERROR: invalid base64 end sequence");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"A!==\"}",
	   "ERROR: invalid symbol \"!\" found while decoding base64 sequence");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"AP8=AP8=\"}", "\\x00ff00ff");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"=AP8\"}",
	   "ERROR: unexpected \"=\" while decoding base64 sequence");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"AP\\n8Q\"}", "\\x00ff10");
	EV("decode(a, 'base64')", "a text", "{\"a\": \"Aé==\"}",
	   "ERROR: invalid symbol \"é\" found while decoding base64 sequence");
	EV("decode(a, 'base32')", "a text", "{\"a\": \"AA\"}", "COMPILE: E0405 unknown encoding \"base32\"");
}
END_TEST

START_TEST(regex_functions)
{
	EV("regexp_like(a, '^h.l')", "a text", "{\"a\": \"héllo\"}", "t");
	EV("regexp_like(a, '^h.llo$')", "a text", "{\"a\": \"héllo\"}", "t");
	EV("regexp_like(a, 'HÉ', 'i')", "a text", "{\"a\": \"héllo\"}", "t");
	EV("regexp_like(a, 'HE', 'i')", "a text", "{\"a\": \"hello\"}", "t");
	EV("regexp_like(a, 'HE')", "a text", "{\"a\": \"hello\"}", "f");
	EV("regexp_like(a, '[[:alpha:]]+$')", "a text", "{\"a\": \"123é\"}", "t");
	EV("regexp_like(a, '^[0-9]{3}-[0-9]{4}$')", "a text", "{\"a\": \"555-1234\"}", "t");
	EV("regexp_like(a, '^[0-9]{3}-[0-9]{4}$')", "a text", "{\"a\": \"555-12345\"}", "f");
	EV("regexp_like(a, 'a|b')", "a text", "{\"a\": \"xbx\"}", "t");
	EV("regexp_like(a, '')", "a text", "{\"a\": \"\"}", "t");
	EV("regexp_like(a, 'x', '')", "a text", "{\"a\": \"x\"}", "t");
	EV("regexp_like(a, '✓+')", "a text", "{\"a\": \"a✓✓b\"}", "t");
	EV("regexp_like(a, 'b')", "a text", "{\"a\": null}", "NULL");
	EV("regexp_replace(a, 'l', 'L')", "a text", "{\"a\": \"hello\"}", "heLlo");
	EV("regexp_replace(a, 'l', 'L', 'g')", "a text", "{\"a\": \"hello\"}", "heLLo");
	EV("regexp_replace(a, 'L', 'x', 'gi')", "a text", "{\"a\": \"hello\"}", "hexxo");
	EV("regexp_replace(a, 'L', 'x', 'i')", "a text", "{\"a\": \"hello\"}", "hexlo");
	EV("regexp_replace(a, '(\\w+) (\\w+)', '\\2 \\1')", "a text", "{\"a\": \"hello world\"}", "world hello");
	EV("regexp_replace(a, '(l+)', '<\\1>')", "a text", "{\"a\": \"hello\"}", "he<ll>o");
	EV("regexp_replace(a, 'x*', '-', 'g')", "a text", "{\"a\": \"abc\"}", "-a-b-c-");
	EV("regexp_replace(a, '.', 'x', 'g')", "a text", "{\"a\": \"héllo\"}", "xxxxx");
	EV("regexp_replace(a, '^', '>', 'g')", "a text", "{\"a\": \"ab\"}", ">ab");
	EV("regexp_replace(a, '$', '!', 'g')", "a text", "{\"a\": \"ab\"}", "ab!");
	EV("regexp_replace(a, '$', '!')", "a text", "{\"a\": \"ab\"}", "ab!");
	EV("regexp_replace(a, 'b', '\\&\\&')", "a text", "{\"a\": \"abc\"}", "abbc");
	EV("regexp_replace(a, 'b', '\\\\')", "a text", "{\"a\": \"abc\"}", "a\\c");
	EV("regexp_replace(a, 'b', '[\\0]')", "a text", "{\"a\": \"abc\"}", "a[\\0]c");   /* \0 is no group */
	EV("regexp_replace(a, '[0-9]+', '#', 'g')", "a text", "{\"a\": \"a1b22c333\"}", "a#b#c#");
	EV("regexp_replace(a, 'é', 'E', 'g')", "a text", "{\"a\": \"éaé\"}", "EaE");
	EV("regexp_replace(a, 'É', 'e', 'gi')", "a text", "{\"a\": \"éaÉ\"}", "eae");
	EV("regexp_replace(a, 'z', 'y')", "a text", "{\"a\": \"abc\"}", "abc");
	EV("regexp_replace(a, '(a)(b)?', '[\\2]', 'g')", "a text", "{\"a\": \"aab\"}", "[][b]");
	EV("regexp_replace(a, '\\s+', ' ', 'g')", "a text", "{\"a\": \"a  b\\t\\tc\"}", "a b c");
	EV("regexp_replace(a, '[aeiou]', '', 'g')", "a text", "{\"a\": \"education\"}", "dctn");
	EV("regexp_replace(a, '^\\s+|\\s+$', '', 'g')", "a text", "{\"a\": \"  trim me  \"}", "trim me");
	EV("regexp_replace(a, 'a', 'b')", "a text", "{\"a\": \"\"}", "");
	EV("regexp_replace(a, 'a', NULL)", "a text", "{\"a\": \"abc\"}", "NULL");
}
END_TEST

/* ---- numbers and NULL handling ----------------------------------------------------------- */

START_TEST(number_functions)
{
	/* abs keeps the argument's type */
	EV("abs(a)", "a int", "{\"a\": -5}", "5");
	EV("abs(a)", "a smallint", "{\"a\": -32768}", "ERROR: smallint out of range");
	EV("abs(a)", "a int", "{\"a\": -2147483648}", "ERROR: integer out of range");
	EV("abs(a)", "a bigint", "{\"a\": -9223372036854775808}", "ERROR: bigint out of range");
	EV("abs(a)", "a bigint", "{\"a\": -9223372036854775807}", "9223372036854775807");
	EV("abs(a)", "a numeric(10,2)", "{\"a\": \"-1.50\"}", "1.50");
	EV("abs(a)", "a float8", "{\"a\": -0.0}", "0");
	EV("abs(a)", "a float8", "{\"a\": \"-Infinity\"}", "Infinity");
	EV("abs(a)", "a real", "{\"a\": -1.5}", "1.5");
	EV("abs(a)", "a numeric", "{\"a\": \"-Infinity\"}", "Infinity");
	EV("abs(a)", "a numeric", "{\"a\": \"NaN\"}", "NaN");
	EV("abs(a)", "a int", "{\"a\": null}", "NULL");
	/* round: numeric half away from zero, digits may be negative */
	EV("round(a)", "a numeric(10,2)", "{\"a\": \"2.50\"}", "3");
	EV("round(a)", "a numeric(10,2)", "{\"a\": \"-2.50\"}", "-3");
	EV("round(a)", "a numeric(10,2)", "{\"a\": \"-0.49\"}", "0");
	EV("round(a, 2)", "a numeric(10,3)", "{\"a\": \"1.005\"}", "1.01");
	EV("round(a, 2)", "a numeric(10,3)", "{\"a\": \"-1.005\"}", "-1.01");
	EV("round(a, -2)", "a numeric(10,2)", "{\"a\": \"1250.00\"}", "1300");
	EV("round(a, -2)", "a numeric(10,2)", "{\"a\": \"-1250.00\"}", "-1300");
	EV("round(a, -3)", "a numeric(10,2)", "{\"a\": \"499.99\"}", "0");
	EV("round(a, -10)", "a numeric(10,2)", "{\"a\": \"99999999.99\"}", "0");
	EV("round(a, 5)", "a numeric", "{\"a\": \"1.25\"}", "1.25000");
	EV("round(a, 2)", "a numeric", "{\"a\": \"NaN\"}", "NaN");
	EV("round(a)", "a numeric", "{\"a\": \"-Infinity\"}", "-Infinity");
	EV("round(a)", "a numeric(38,2)", "{\"a\": \"999999999999999999999999999999999999.50\"}",
	   "1000000000000000000000000000000000000");
	EV("round(a, 2)", "a numeric(38,4)", "{\"a\": \"9999999999999999999999999999999999.9951\"}",
	   "10000000000000000000000000000000000.00");
	EV("round(a, -1)", "a int", "{\"a\": 25}", "30");
	EV("round(a, -1)", "a int", "{\"a\": -25}", "-30");
	EV("round(a)", "a int", "{\"a\": 7}", "7");
	EV("round(a, -2)", "a smallint", "{\"a\": 32749}", "32700");
	EV("round(a)", "a float8", "{\"a\": 2.5}", "2");
	EV("round(a)", "a float8", "{\"a\": 3.5}", "4");
	EV("round(a)", "a float8", "{\"a\": -2.5}", "-2");
	EV("round(a)", "a real", "{\"a\": 2.5}", "2");
	EV("round(a, b)", "a numeric(10,2), b int", "{\"a\": \"1.25\", \"b\": null}", "NULL");
	/* with digits from a column the result keeps the column's scale (docs 7.6) */
	EV("round(a, b)", "a numeric(10,2), b int", "{\"a\": \"1.25\", \"b\": 1}", "1.30");
	/* trunc: toward zero */
	EV("trunc(a, 2)", "a numeric(10,3)", "{\"a\": \"-1.999\"}", "-1.99");
	EV("trunc(a)", "a numeric(10,3)", "{\"a\": \"-1.999\"}", "-1");
	EV("trunc(a, -1)", "a numeric(10,3)", "{\"a\": \"-19.999\"}", "-10");
	EV("trunc(a, -1)", "a numeric(10,3)", "{\"a\": \"19.999\"}", "10");
	EV("trunc(a, 1)", "a numeric", "{\"a\": \"NaN\"}", "NaN");
	EV("trunc(a, -1)", "a int", "{\"a\": 19}", "10");
	EV("trunc(a, -1)", "a int", "{\"a\": -19}", "-10");
	EV("trunc(a)", "a int", "{\"a\": -19}", "-19");
	EV("trunc(a)", "a float8", "{\"a\": -1.9}", "-1");
	EV("trunc(a)", "a float8", "{\"a\": 1.9}", "1");
	/* floor, ceil, ceiling */
	EV("floor(a)", "a numeric(10,2)", "{\"a\": \"-1.50\"}", "-2");
	EV("ceil(a)", "a numeric(10,2)", "{\"a\": \"-1.50\"}", "-1");
	EV("ceiling(a)", "a numeric(10,2)", "{\"a\": \"1.01\"}", "2");
	EV("floor(a)", "a numeric(10,2)", "{\"a\": \"1.99\"}", "1");
	EV("ceil(a)", "a numeric(10,2)", "{\"a\": \"-0.50\"}", "0");
	EV("floor(a)", "a numeric(10,2)", "{\"a\": \"0.00\"}", "0");
	EV("floor(a)", "a float8", "{\"a\": -1.5}", "-2");
	EV("ceil(a)", "a float8", "{\"a\": -1.5}", "-1");
	EV("ceil(a)", "a float8", "{\"a\": -0.5}", "-0");
	EV("ceiling(a)", "a float8", "{\"a\": 1e300}", "1e+300");
	EV("floor(a)", "a int", "{\"a\": 5}", "5");
	EV("ceiling(a)", "a bigint", "{\"a\": -5}", "-5");
	EV("floor(a)", "a numeric", "{\"a\": \"Infinity\"}", "Infinity");
	EV("ceil(a)", "a numeric", "{\"a\": \"NaN\"}", "NaN");
	EV("ceil(a)", "a numeric(38,2)", "{\"a\": \"999999999999999999999999999999999999.01\"}",
	   "1000000000000000000000000000000000000");
	/* mod: the sign of the dividend */
	EV("mod(a, b)", "a int, b int", "{\"a\": -7, \"b\": 3}", "-1");
	EV("mod(a, b)", "a int, b int", "{\"a\": 7, \"b\": -3}", "1");
	EV("mod(a, b)", "a int, b int", "{\"a\": 7, \"b\": 0}", "ERROR: division by zero");
	EV("mod(a, b)", "a bigint, b bigint", "{\"a\": -9223372036854775808, \"b\": -1}", "0");
	EV("mod(a, b)", "a smallint, b smallint", "{\"a\": -32768, \"b\": -1}", "0");
	EV("mod(a, b)", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"-7.50\", \"b\": \"2\"}", "-1.50");
	EV("mod(a, b)", "a numeric(10,2), b int", "{\"a\": \"7.50\", \"b\": 0}", "ERROR: division by zero");
	EV("mod(a, b)", "a numeric(10,2), b int", "{\"a\": \"7.50\", \"b\": 2}", "1.50");
	EV("mod(a, b)", "a numeric, b numeric", "{\"a\": \"Infinity\", \"b\": \"2\"}", "NaN");
	EV("mod(a, b)", "a numeric, b numeric", "{\"a\": \"5.5\", \"b\": \"Infinity\"}", "5.5");
	EV("mod(a, b)", "a int, b int", "{\"a\": null, \"b\": 0}", "NULL");
	/* power and sqrt, in double precision */
	EV("power(a, b)", "a int, b int", "{\"a\": 2, \"b\": 10}", "1024");
	EV("power(a, b)", "a int, b int", "{\"a\": 2, \"b\": -1}", "0.5");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 0, \"b\": -1}",
	   "ERROR: zero raised to a negative power is undefined");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 0, \"b\": 0}", "1");
	EV("power(a, b)", "a float8, b float8", "{\"a\": -8, \"b\": 0.333}",
	   "ERROR: a negative number raised to a non-integer power yields a complex result");
	EV("power(a, b)", "a float8, b float8", "{\"a\": -8, \"b\": \"NaN\"}", "NaN");
	EV("power(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 0}", "1");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 1, \"b\": \"NaN\"}", "1");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 10, \"b\": 309}", "ERROR: value out of range: overflow");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 10, \"b\": -400}", "ERROR: value out of range: underflow");
	EV("power(a, b)", "a float8, b float8", "{\"a\": 0.5, \"b\": \"Infinity\"}", "0");
	EV("power(a, b)", "a float8, b float8", "{\"a\": \"Infinity\", \"b\": -1}", "0");
	EV("power(a, b)", "a float8, b float8", "{\"a\": -2, \"b\": 3}", "-8");
	EV("power(a, b)", "a numeric(10,2), b numeric(10,2)", "{\"a\": \"2\", \"b\": \"0.5\"}", "1.4142135623730951");
	EV("sqrt(a)", "a float8", "{\"a\": 2}", "1.4142135623730951");
	EV("sqrt(a)", "a float8", "{\"a\": -1}", "ERROR: cannot take square root of a negative number");
	EV("sqrt(a)", "a int", "{\"a\": 16}", "4");
	EV("sqrt(a)", "a float8", "{\"a\": \"Infinity\"}", "Infinity");
	EV("sqrt(a)", "a float8", "{\"a\": \"NaN\"}", "NaN");
	EV("sqrt(a)", "a float8", "{\"a\": -0.0}", "-0");
	EV("sqrt(a)", "a numeric(10,2)", "{\"a\": \"2.25\"}", "1.5");
	/* coalesce, nullif, greatest, least: not strict, arguments of a common type */
	EV("coalesce(a, b, 3)", "a int, b int", "{\"a\": null, \"b\": null}", "3");
	EV("coalesce(a, b, 3)", "a int, b int", "{\"a\": null, \"b\": 2}", "2");
	EV("coalesce(a, b)", "a int, b int", "{\"a\": null, \"b\": null}", "NULL");
	EV("coalesce(a)", "a int, b int", "{\"a\": 4}", "4");
	EV("coalesce(a, b)", "a text, b text", "{\"a\": \"\", \"b\": \"x\"}", "");
	EV("nullif(a, b)", "a int, b int", "{\"a\": 1, \"b\": 1}", "NULL");
	EV("nullif(a, b)", "a int, b int", "{\"a\": 1, \"b\": 2}", "1");
	EV("nullif(a, b)", "a int, b int", "{\"a\": null, \"b\": 2}", "NULL");
	EV("nullif(a, b)", "a int, b int", "{\"a\": 1, \"b\": null}", "1");
	EV("nullif(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": \"NaN\"}", "NULL");
	EV("nullif(a, b)", "a text, b text", "{\"a\": \"\", \"b\": \"\"}", "NULL");
	EV("nullif(a, b)", "a interval, b interval", "{\"a\": \"1 day\", \"b\": \"24 hours\"}", "NULL");
	EV("greatest(a, b, 3)", "a int, b int", "{\"a\": null, \"b\": 5}", "5");
	EV("least(a, b, 3)", "a int, b int", "{\"a\": null, \"b\": 5}", "3");
	EV("greatest(a, b)", "a int, b int", "{\"a\": null, \"b\": null}", "NULL");
	EV("least(a, b)", "a int, b int", "{\"a\": null, \"b\": null}", "NULL");
	EV("greatest(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 5}", "NaN");
	EV("least(a, b)", "a float8, b float8", "{\"a\": \"NaN\", \"b\": 5}", "5");
	EV("greatest(a, b)", "a text, b text", "{\"a\": \"a\", \"b\": \"B\"}", "a");
	EV("least(a, b, 'é')", "a text, b text", "{\"a\": \"z\", \"b\": \"zz\"}", "z");
	EV("greatest(a, b)", "a date, b timestamp", "{\"a\": \"2024-01-02\", \"b\": \"2024-01-01 23:00\"}",
	   "2024-01-02 00:00:00");
	EV("least(a, b)", "a int, b bigint", "{\"a\": 1, \"b\": -9223372036854775808}", "-9223372036854775808");
	EV("greatest(a, b)", "a interval, b interval", "{\"a\": \"1 mon\", \"b\": \"29 days\"}", "1 mon");
	EV("greatest(a, b)", "a bool, b bool", "{\"a\": false, \"b\": true}", "t");
	EV("least(a, b)", "a uuid, b uuid", "{\"a\": \"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\", \"b\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}",
	   "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}
END_TEST

/* ---- dates and times ------------------------------------------------------------------ */

START_TEST(time_functions)
{
	EV("date_trunc('microseconds', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:30.123456");
	EV("date_trunc('milliseconds', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:30.123");
	EV("date_trunc('second', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:30");
	EV("date_trunc('minute', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:00");
	EV("date_trunc('hour', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024-05-17 13:00:00");
	EV("date_trunc('day', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024-05-17 00:00:00");
	EV("date_trunc('week', a)", "a timestamp", "{\"a\": \"2024-05-19 13:45:30.123456\"}", "2024-05-13 00:00:00");
	EV("date_trunc('week', a)", "a timestamp", "{\"a\": \"2021-01-01 13:45:30\"}", "2020-12-28 00:00:00");
	EV("date_trunc('month', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024-05-01 00:00:00");
	EV("date_trunc('quarter', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-04-01 00:00:00");
	EV("date_trunc('year', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024-01-01 00:00:00");
	EV("date_trunc('decade', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2020-01-01 00:00:00");
	EV("date_trunc('century', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2001-01-01 00:00:00");
	EV("date_trunc('century', a)", "a timestamp", "{\"a\": \"2000-05-17 13:45:30.123456\"}",
	   "1901-01-01 00:00:00");
	EV("date_trunc('millennium', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2001-01-01 00:00:00");
	EV("date_trunc('millennium', a)", "a timestamp", "{\"a\": \"2000-05-17 13:45:30.123456\"}",
	   "1001-01-01 00:00:00");
	EV("date_trunc('DAY', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024-05-17 00:00:00");
	EV("date_trunc('decade', a)", "a timestamp", "{\"a\": \"0005-05-17 13:45:30 BC\"}", "0011-01-01 00:00:00 BC");
	EV("date_trunc('century', a)", "a timestamp", "{\"a\": \"0005-05-17 13:45:30 BC\"}",
	   "0100-01-01 00:00:00 BC");
	EV("date_trunc('day', a)", "a timestamp", "{\"a\": \"infinity\"}", "infinity");
	EV("date_trunc('day', a)", "a timestamptz", "{\"a\": \"2024-05-17 23:45:30-05\"}", "2024-05-18 00:00:00+00");
	/* a date is truncated as a timestamp (rule trunc_ts, docs 9.1); PostgreSQL picks timestamptz */
	EV("date_trunc('month', a)", "a date", "{\"a\": \"2024-05-17\"}", "2024-05-01 00:00:00");
	EV("date_trunc(a, b)", "a text, b timestamp", "{\"a\": \"fortnight\", \"b\": \"2024-05-17\"}",
	   "ERROR: date_trunc unit not recognized");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024");
	EV("date_part('month', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "5");
	EV("date_part('day', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "17");
	EV("date_part('hour', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "13");
	EV("date_part('minute', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "45");
	EV("date_part('second', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30.123456");
	EV("date_part('millisecond', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30123.456");
	EV("date_part('milliseconds', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30123.456");
	EV("date_part('microsecond', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30123456");
	EV("date_part('microseconds', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30123456");
	EV("date_part('epoch', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "1715953530.123456");
	EV("date_part('dow', a)", "a timestamp", "{\"a\": \"2024-05-19 13:45:30.123456\"}", "0");
	EV("date_part('isodow', a)", "a timestamp", "{\"a\": \"2024-05-19 13:45:30.123456\"}", "7");
	EV("date_part('doy', a)", "a timestamp", "{\"a\": \"2024-12-31 13:45:30.123456\"}", "366");
	EV("date_part('week', a)", "a timestamp", "{\"a\": \"2021-01-01 13:45:30.123456\"}", "53");
	EV("date_part('quarter', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2");
	EV("date_part('isoyear', a)", "a timestamp", "{\"a\": \"2021-01-01 13:45:30.123456\"}", "2020");
	EV("date_part('decade', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "202");
	EV("date_part('century', a)", "a timestamp", "{\"a\": \"2000-05-17 13:45:30.123456\"}", "20");
	EV("date_part('century', a)", "a timestamp", "{\"a\": \"2001-05-17 13:45:30.123456\"}", "21");
	EV("date_part('millennium', a)", "a timestamp", "{\"a\": \"2000-05-17 13:45:30.123456\"}", "2");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"0044-03-15 BC\"}", "-44");
	EV("date_part('century', a)", "a timestamp", "{\"a\": \"0044-03-15 BC\"}", "-1");
	EV("date_part('decade', a)", "a timestamp", "{\"a\": \"0044-03-15 BC\"}", "-5");
	EV("date_part('epoch', a)", "a timestamp", "{\"a\": \"1960-01-01 00:00:00.5\"}", "-315619199.5");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"infinity\"}", "Infinity");
	EV("date_part('month', a)", "a timestamp", "{\"a\": \"infinity\"}", "NULL");
	EV("date_part('epoch', a)", "a timestamp", "{\"a\": \"-infinity\"}", "-Infinity");
	EV("date_part('timezone', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("date_part('timezone', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30+02\"}", "0");
	EV("date_part('timezone_hour', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30+02\"}", "0");
	EV("date_part('timezone_minute', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30+02\"}", "0");
	EV("date_part('hour', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30+02\"}", "11");
	EV("date_part('epoch', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30.5+02\"}", "1715946330.5");
	EV("date_part('year', a)", "a date", "{\"a\": \"2024-05-17\"}", "2024");
	EV("date_part('epoch', a)", "a date", "{\"a\": \"2024-05-17\"}", "1715904000");
	EV("date_part('dow', a)", "a date", "{\"a\": \"2024-05-17\"}", "5");
	EV("date_part('week', a)", "a date", "{\"a\": \"2024-12-30\"}", "1");
	EV("date_part('isoyear', a)", "a date", "{\"a\": \"2024-12-30\"}", "2025");
	EV("date_part('hour', a)", "a date", "{\"a\": \"2024-05-17\"}", "0");
	EV("date_part('day', a)", "a date", "{\"a\": \"infinity\"}", "NULL");
	EV("date_part('year', a)", "a date", "{\"a\": \"-infinity\"}", "-Infinity");
	EV("date_part('hour', a)", "a time", "{\"a\": \"13:45:30.5\"}", "13");
	EV("date_part('second', a)", "a time", "{\"a\": \"13:45:30.5\"}", "30.5");
	EV("date_part('epoch', a)", "a time", "{\"a\": \"13:45:30.5\"}", "49530.5");
	EV("date_part('millisecond', a)", "a time", "{\"a\": \"13:45:30.5\"}", "30500");
	EV("date_part('day', a)", "a time", "{\"a\": \"13:45:30.5\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('timezone', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-12600");
	EV("date_part('timezone_hour', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-3");
	EV("date_part('timezone_minute', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-30");
	EV("date_part('epoch', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "62130.5");
	EV("date_part('year', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2");
	EV("date_part('month', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2");
	EV("date_part('day', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "40");
	EV("date_part('hour', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "25");
	EV("date_part('minute', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "59");
	EV("date_part('second', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58.5");
	EV("date_part('epoch', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "71848798.5");
	EV("date_part('quarter', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "1");
	EV("date_part('decade', a)", "a interval", "{\"a\": \"-15 years\"}", "-1");
	EV("date_part('century', a)", "a interval", "{\"a\": \"-150 years\"}", "-1");
	EV("date_part('millennium', a)", "a interval", "{\"a\": \"2500 years\"}", "2");
	EV("date_part('milliseconds', a)", "a interval", "{\"a\": \"-1.5 seconds\"}", "-1500");
	EV("date_part('dow', a)", "a interval", "{\"a\": \"1 day\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('epoch', a)", "a interval", "{\"a\": \"-1 mon\"}", "-2592000");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "2024");
	EV("date_part('second', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30.123456");
	EV("date_part('epoch', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "1715953530.123456");
	EV("date_part('month', a)", "a timestamp", "{\"a\": \"infinity\"}", "NULL");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"infinity\"}", "Infinity");
	EV("date_part('epoch', a)", "a interval", "{\"a\": \"1 year\"}", "31557600");
	EV("date_part(a, b)", "a text, b timestamp", "{\"a\": \"dow\", \"b\": \"2024-05-17\"}", "5");
	EV("date_part(a, b)", "a text, b timestamp", "{\"a\": \"bogus\", \"b\": \"2024-05-17\"}",
	   "ERROR: extract field not recognized");
	EV("date_trunc('microseconds', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:30.123456");
	EV("date_trunc('ms', a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "COMPILE: E0405 unknown date_trunc unit \"ms\"");
	EV("date_trunc('quarter', a)", "a timestamp", "{\"a\": \"2024-12-31 23:59:59\"}", "2024-10-01 00:00:00");
	EV("date_trunc('week', a)", "a timestamp", "{\"a\": \"2024-01-01 00:00:00\"}", "2024-01-01 00:00:00");
	EV("date_trunc('year', a)", "a timestamp", "{\"a\": \"-infinity\"}", "-infinity");
	EV("date_trunc('hour', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30.5+05:30\"}",
	   "2024-05-17 08:00:00+00");
	EV("date_trunc(a, b)", "a text, b timestamp", "{\"a\": null, \"b\": \"2024-05-17\"}", "NULL");
	EV("date_part(a, b)", "a text, b timestamp", "{\"a\": \"hour\", \"b\": null}", "NULL");
	EV("date_part('hour', a)", "a date", "{\"a\": \"2024-05-17\"}", "0");
	EV("date_part('day', a)", "a date", "{\"a\": \"5874897-12-31\"}", "ERROR: date out of range for timestamp");
	EV("date_part('epoch', a)", "a date", "{\"a\": \"infinity\"}", "Infinity");
	EV("date_part('timezone_hour', a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30+02\"}", "0");
	EV("date_part('julian', a)", "a timestamp", "{\"a\": \"2024-05-17 12:00:00\"}",
	   "COMPILE: E0405 unknown date part \"julian\"");
	EV("date_part('month', a)", "a interval", "{\"a\": \"-13 mons\"}", "-1");
	EV("date_part('epoch', a)", "a interval", "{\"a\": \"1 mon -1 days 00:00:01\"}", "2505601");
	EV("to_timestamp(a)", "a float8", "{\"a\": 0}", "1970-01-01 00:00:00+00");
	EV("to_timestamp(a)", "a float8", "{\"a\": 1715953530.123456}", "2024-05-17 13:45:30.123456+00");
	EV("to_timestamp(a)", "a float8", "{\"a\": -1.5}", "1969-12-31 23:59:58.5+00");
	EV("to_timestamp(a)", "a float8", "{\"a\": \"Infinity\"}", "infinity");
	EV("to_timestamp(a)", "a float8", "{\"a\": \"-Infinity\"}", "-infinity");
	EV("to_timestamp(a)", "a float8", "{\"a\": \"NaN\"}", "ERROR: timestamp cannot be NaN");
	EV("to_timestamp(a)", "a float8", "{\"a\": 1e20}", "ERROR: timestamp out of range");
	EV("to_timestamp(a)", "a bigint", "{\"a\": 1715953530}", "2024-05-17 13:45:30+00");
	EV("to_timestamp(a)", "a numeric(20,3)", "{\"a\": \"1715953530.5\"}", "2024-05-17 13:45:30.5+00");
	EV("to_timestamp(a, 'YYYY-MM-DD HH24:MI:SS')", "a text", "{\"a\": \"2024-05-17 13:45:30\"}",
	   "2024-05-17 13:45:30+00");
	EV("to_timestamp(a, 'DD/MM/YYYY')", "a text", "{\"a\": \"17/05/2024\"}", "2024-05-17 00:00:00+00");
	EV("to_timestamp(a, 'YYYY-MM-DD HH24:MI:SS.US')", "a text", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024-05-17 13:45:30.123456+00");
	EV("to_timestamp(a, 'YYYY-MM-DD HH24:MI:SS.MS')", "a text", "{\"a\": \"2024-05-17 13:45:30.123\"}",
	   "2024-05-17 13:45:30.123+00");
	EV("to_timestamp(a, 'YYYY-MM-DD HH12:MI:SS AM')", "a text", "{\"a\": \"2024-05-17 01:45:30 PM\"}",
	   "2024-05-17 13:45:30+00");
	EV("to_timestamp(a, 'YYYY-MM-DD HH24:MI:SS TZH:TZM')", "a text", "{\"a\": \"2024-05-17 13:45:30 +02:30\"}",
	   "2024-05-17 11:15:30+00");
	EV("to_timestamp(a, 'DD Mon YYYY')", "a text", "{\"a\": \"17 May 2024\"}", "2024-05-17 00:00:00+00");
	EV("to_timestamp(a, 'DD Month YYYY')", "a text", "{\"a\": \"17 May 2024\"}", "2024-05-17 00:00:00+00");
	EV("to_timestamp(a, 'YYYYMMDD')", "a text", "{\"a\": \"20240517\"}", "2024-05-17 00:00:00+00");
	EV("to_timestamp(a, 'YYYY-MM-DD')", "a text", "{\"a\": \"2024-13-17\"}",
	   "ERROR: date/time field value out of range");
	EV("to_timestamp(a, 'YYYY-MM-DD')", "a text", "{\"a\": \"2024-02-30\"}",
	   "ERROR: date/time field value out of range");
	EV("to_timestamp(a, 'YYYY-DDD')", "a text", "{\"a\": \"2024-366\"}", "2024-12-31 00:00:00+00");
	EV("to_timestamp(a, 'IYYY-IW-ID')", "a text", "{\"a\": \"2021-01-1\"}", "2021-01-04 00:00:00+00");
	EV("to_timestamp(a, 'YYYY-MM-DD')", "a text", "{\"a\": \"garbage\"}",
	   "ERROR: invalid value for a to_timestamp field: an integer is expected");
	EV("to_date(a, 'YYYY-MM-DD')", "a text", "{\"a\": \"2024-05-17\"}", "2024-05-17");
	EV("to_date(a, 'DD.MM.YY')", "a text", "{\"a\": \"17.05.24\"}", "2024-05-17");
	EV("to_date(a, 'DD.MM.YY')", "a text", "{\"a\": \"17.05.70\"}", "1970-05-17");
	EV("to_date(a, 'Mon DD, YYYY')", "a text", "{\"a\": \"Feb 29, 2024\"}", "2024-02-29");
	EV("to_date(a, 'Mon DD, YYYY')", "a text", "{\"a\": \"Feb 30, 2023\"}",
	   "ERROR: date/time field value out of range");
	EV("to_date(a, 'YYYY-MM-DD BC')", "a text", "{\"a\": \"0044-03-15 BC\"}", "0044-03-15 BC");
	/* intervals and times format their fields (PostgreSQL 15's interval_to_char) */
	EV("to_char(a, 'HH24:MI:SS DD MM YYYY')", "a interval", "{\"a\": \"1 year 2 mons 3 days 26:30:05\"}",
	   "26:30:05 03 02 0001");
	EV("to_char(a, 'DD HH24')", "a interval", "{\"a\": \"-1 day\"}", "-1 00");
	EV("to_char(a, 'HH24:MI')", "a interval", "{\"a\": \"1 day 02:30\"}", "02:30");
	EV("to_char(a, 'Day')", "a interval", "{\"a\": \"1 day\"}", "ERROR: invalid format specification for an interval value");
	EV("to_char(a, 'HH12:MI')", "a time", "{\"a\": \"13:45\"}", "01:45");
	/* a date formats as a timestamptz: TZ is the pipeline's zone */
	EV("to_char(a, 'YYYY TZ')", "a date", "{\"a\": \"2024-05-01\"}", "2024 UTC");
	EV("to_char(a, 'YYYY-MM-DD HH24:MI:SS')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "2024-05-07 03:04:05");
	EV("to_char(a, 'Day, DD Month YYYY')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "Tuesday  , 07 May       2024");
	EV("to_char(a, 'FMDay, FMDD FMMonth YYYY')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "Tuesday, 7 May 2024");
	EV("to_char(a, 'DY dy Dy MON mon Mon')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "TUE tue Tue MAY may May");
	EV("to_char(a, 'HH HH12 HH24 AM am P.M. p.m.')", "a timestamp", "{\"a\": \"2024-05-07 15:04:05.006007\"}",
	   "03 03 15 PM pm P.M. p.m.");
	EV("to_char(a, 'MS US FF1 FF2 FF3 FF4 FF5 FF6')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "006 006007 0 00 006 0060 00600 006007");
	EV("to_char(a, 'SSSS SSSSS')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}", "11045 11045");
	EV("to_char(a, 'DDD IDDD D ID W WW IW Q CC J')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "128 128 3 2 1 19 19 2 21 2460438");
	EV("to_char(a, 'IYYY IYY IY I YYY YY Y Y,YYY')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05.006007\"}",
	   "2024 024 24 4 024 24 4 2,024");
	EV("to_char(a, 'RM rm')", "a timestamp", "{\"a\": \"2024-09-07 03:04:05.006007\"}", "IX   ix  ");
	EV("to_char(a, 'DDth DDTH FMDDth')", "a timestamp", "{\"a\": \"2024-05-01 03:04:05\"}", "01st 01ST 1st");
	EV("to_char(a, 'DDth')", "a timestamp", "{\"a\": \"2024-05-02 03:04:05\"}", "02nd");
	EV("to_char(a, 'DDth')", "a timestamp", "{\"a\": \"2024-05-03 03:04:05\"}", "03rd");
	EV("to_char(a, 'DDth')", "a timestamp", "{\"a\": \"2024-05-11 03:04:05\"}", "11th");
	EV("to_char(a, 'DDth')", "a timestamp", "{\"a\": \"2024-05-22 03:04:05\"}", "22nd");
	EV("to_char(a, '\"Quarter\" Q, \"day\" DD')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}",
	   "Quarter 2, day 07");
	EV("to_char(a, 'YYYY\\\\-MM')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "2024\\\\-05");
	EV("to_char(a, 'TZ tz OF TZH TZM')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "  +00 +00 00");
	EV("to_char(a, 'YYYY-MM-DD HH24:MI:SS TZ OF TZH:TZM')", "a timestamptz", "{\"a\": \"2024-05-07 03:04:05+02\"}",
	   "2024-05-07 01:04:05 UTC +00 +00:00");
	EV("to_char(a, 'YYYY BC AD b.c. a.d.')", "a timestamp", "{\"a\": \"0044-03-15 BC\"}", "0044 BC BC b.c. b.c.");
	EV("to_char(a, 'YYYY')", "a timestamp", "{\"a\": \"infinity\"}", "NULL");
	EV("to_char(a, '')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "NULL");
	EV("to_char(a, 'YYYY/MM/DD')", "a date", "{\"a\": \"2024-05-07\"}", "2024/05/07");
	EV("to_char(a, 'HH24:MI:SS.MS')", "a time", "{\"a\": \"13:04:05.5\"}", "13:04:05.500");
	EV("to_char(a, 'HH12 AM')", "a time", "{\"a\": \"00:04:05\"}", "12 AM");
	/* an interval's hours are not wrapped at 24 */
	EV("to_char(a, 'HH24:MI:SS')", "a interval", "{\"a\": \"25:04:05\"}", "25:04:05");
	EV("to_char(a, 'TMMonth TMDay')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "May Tuesday");
	EV("to_char(a, 'MONTH MONTHx')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "MAY       MAY      x");
	EV("to_char(a, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}",
	   "2024-05-07T03:04:05Z");
	EV("to_char(a, 'FMHH12:FMMI')", "a timestamp", "{\"a\": \"2024-05-07 03:04:05\"}", "3:4");
}
END_TEST

/* ---- hashes and JSON ----------------------------------------------------------------------- */

START_TEST(hash_functions)
{
	EV("md5(a)", "a text", "{\"a\": \"\"}", "d41d8cd98f00b204e9800998ecf8427e");
	EV("md5(a)", "a text", "{\"a\": \"abc\"}", "900150983cd24fb0d6963f7d28e17f72");
	EV("md5(a)", "a text", "{\"a\": \"The quick brown fox jumps over the lazy dog\"}",
	   "9e107d9d372bb6826bd81d3542a419d6");
	EV("md5(a)", "a text", "{\"a\": \"héllo\"}", "be50e8478cf24ff3595bc7307fb91b50");
	EV("md5(a)", "a bytea", "{\"a\": \"\\\\x00ff\"}", "d07d34efac6328007ad67c7e0a985e00");
	EV("md5(a)", "a text", "{\"a\": null}", "NULL");
	EV("sha2(a, 224)", "a text", "{\"a\": \"abc\"}", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
	EV("sha2(a, 256)", "a text", "{\"a\": \"abc\"}",
	   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	EV("sha2(a, 384)", "a text", "{\"a\": \"abc\"}",
	   "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
	EV("sha2(a, 512)", "a text", "{\"a\": \"abc\"}",
	   "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	EV("sha2(a, 224)", "a text", "{\"a\": \"\"}", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f");
	EV("sha2(a, 256)", "a text", "{\"a\": \"\"}",
	   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	EV("sha2(a, 384)", "a text", "{\"a\": \"\"}",
	   "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b");
	EV("sha2(a, 512)", "a text", "{\"a\": \"\"}",
	   "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
	EV("sha2(a, 256)", "a bytea", "{\"a\": \"\\\\x00ff\"}",
	   "06eb7d6a69ee19e5fbdf749018d3d2abfa04bcbd1365db312eb86dc7169389b8");
	EV("sha2(a, 256)", "a text", "{\"a\": \"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq\"}",
	   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	EV("sha2(a, 512)", "a text", "{\"a\": \"héllo wörld, a longer text that spans more than one block of the sha512 compression function, 128 bytes at least, yes\"}",
	   "24c962cecaec848ceb92094a7e75804a3000ce5a75350d979d8a88809c07c129f7466a2fd453298723731770b4e67c0c736cbe0704976f60176ba09e33738c17");
	EV("sha2(a, 384)", "a text", "{\"a\": \"héllo wörld, a longer text that spans more than one block of the sha512 compression function, 128 bytes at least, yes\"}",
	   "2a77d92d4bd763b0db1deb117c9cdd3cf16b4e2b2e658bbfb7388ba788f32798ad8f4200b5045d7e244d09caa72949fb");
}
END_TEST

START_TEST(json_functions)
{
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": \"v\"}}", "v");
	EV("json_extract_path_text(a, 'x', 'y')", "a json", "{\"a\": {\"x\": {\"y\": [1, 2]}}}", "[1, 2]");
	EV("json_extract_path_text(a, 'x', '1')", "a json", "{\"a\": {\"x\": [10, 20]}}", "20");
	EV("json_extract_path_text(a, 'x', '-1')", "a json", "{\"a\": {\"x\": [10, 20]}}", "20");
	EV("json_extract_path_text(a, 'x', '-2')", "a json", "{\"a\": {\"x\": [10, 20]}}", "10");
	EV("json_extract_path_text(a, 'x', '-3')", "a json", "{\"a\": {\"x\": [10, 20]}}", "NULL");
	EV("json_extract_path_text(a, 'x', '2')", "a json", "{\"a\": {\"x\": [10, 20]}}", "NULL");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": null}}", "NULL");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": true}}", "true");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": 1.5e3}}", "1.5e3");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": \"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\\t\"}}",
	   "a\"b\\cé😀\t");
	EV("json_extract_path_text(a, 'a')", "a json", "{\"a\": {\"a\": 1, \"a\": 2}}", "2");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": [1]}", "NULL");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": {\"k\": [1, {\"z\": null}]}}}",
	   "{\"k\": [1, {\"z\": null}]}");
	EV("json_extract_path_text(a, 'x', NULL)", "a json", "{\"a\": {\"x\": 1}}", "NULL");
	EV("json_extract_path_text(a, '')", "a json", "{\"a\": {\"\": 7}}", "7");
	EV("json_extract_path_text(a, '0')", "a json", "{\"a\": [\"a\"]}", "a");
	EV("json_extract_path_text(a, ' 0')", "a json", "{\"a\": [\"a\"]}", "a");
	EV("json_extract_path_text(a, '+0')", "a json", "{\"a\": [\"a\"]}", "a");
	EV("json_extract_path_text(a, '0x')", "a json", "{\"a\": [\"a\"]}", "NULL");
	EV("json_extract_path_text(a, '0', 'b')", "a json", "{\"a\": [{\"b\": \"deep\"}]}", "deep");
	EV("json_extract_path_text(a, 'é')", "a json", "{\"a\": {\"é\": 1}}", "1");
	EV("json_extract_path_text(a, 'x', 'y', 'z')", "a json", "{\"a\": {\"x\": {\"y\": {\"z\": \"three\"}}}}",
	   "three");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"y\": 1, \"x\": {}}}", "{}");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": []}}", "[]");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": {\"x\": \"\"}}", "");
	EV("json_extract_path_text(a, 'k')", "a json", "{\"a\": {\"x\": {\"k\": 1}, \"k\": 2}}", "2");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": null}", "NULL");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": 5}", "NULL");
}
END_TEST

/* json_extract_path_text on text (jsonish), and PostgreSQL's json edge cases */
START_TEST(json_text_argument)
{
	EV("json_extract_path_text(a, 'b')", "a text", "{\"a\": \"{\\\"a\\\": 1, \\\"b\\\": 2}\"}", "2");
	EV("json_extract_path_text(a, 'b')", "a text", "{\"a\": \"{ \\\"a\\\" : 1 ,\\n \\\"b\\\" : [ 2 ] }\"}",
	   "[ 2 ]");
	EV("json_extract_path_text(a, 'a')", "a text", "{\"a\": \"{\\\"\\\\u0061\\\": 5}\"}",
	   "5");   /* keys are decoded */
	EV("json_extract_path_text(a, 'a\"b')", "a text", "{\"a\": \"{\\\"a\\\\\\\"b\\\": 6}\"}", "6");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{bad\"}",
	   "ERROR: invalid input syntax for type json");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"\"}", "ERROR: invalid input syntax for type json");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": 1,}\"}",
	   "ERROR: invalid input syntax for type json");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": \\\"\\\\u00e9\\\\ud83d\\\\ude00\\\"}\"}",
	   
	   "\xc3\xa9\xf0\x9f\x98\x80");
	/* what cannot be text: a NUL character, half a surrogate pair */
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": \\\"a\\\\u0000b\\\"}\"}",
	   "ERROR: unsupported Unicode escape sequence: \\u0000 cannot be converted to text");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": \\\"\\\\ud800\\\"}\"}",
	   "ERROR: invalid input syntax for type json: Unicode low surrogate must follow a high surrogate");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": \\\"\\\\udc00x\\\"}\"}",
	   "ERROR: invalid input syntax for type json: Unicode low surrogate must follow a high surrogate");
	EV("json_extract_path_text(a, 'x')", "a text", "{\"a\": \"{\\\"x\\\": \\\"\\\\ud800\\\\u0041\\\"}\"}",
	   "ERROR: invalid input syntax for type json: Unicode low surrogate must follow a high surrogate");
	/* a jsonb value is already canonical: the last duplicate key won when it was read */
	EV("json_extract_path_text(a, 'a')", "a jsonb", "{\"a\": {\"a\": 1, \"a\": 2}}", "2");
	EV("json_extract_path_text(a, 'x')", "a jsonb", "{\"a\": {\"x\": {\"b\": 1, \"a\": 2}}}",
	   "{\"a\": 2, \"b\": 1}");
	EV("json_extract_path_text(a, 'x', b)", "a json, b text", "{\"a\": {\"x\": [1, 2]}, \"b\": \"1\"}", "2");
	EV("json_extract_path_text(a, 'x', b)", "a json, b text", "{\"a\": {\"x\": [1, 2]}, \"b\": null}", "NULL");
	EV("json_extract_path_text(a, 'x')", "a json", "{\"a\": null}", "NULL");   /* a NULL json, not JSON null */
}
END_TEST

/* Redshift's is_valid_json: RFC 8259 text */
START_TEST(is_valid_json_cases)
{
	static const struct { const char *text; const char *want; } cases[] = {
		{"{\"a\": [1, 2.5e-3, true, null, \"x\"]}", "t"}, {"{\"a\": 1, \"b\": {\"c\": []}}", "t"},
		{" 1 ", "t"}, {"\"\"", "t"}, {"[]", "t"}, {"null", "t"}, {"-0.5E+2", "t"}, {"\"\\u00e9\\n\"", "t"},
		{"{\"a\": }", "f"}, {"", "f"}, {"01", "f"}, {"[1,]", "f"}, {"\"\\x\"", "f"}, {"\"\\u12\"", "f"},
		{"NaN", "f"}, {"1 2", "f"}, {"{\"a\":1}}", "f"}, {"-", "f"}, {"1.", "f"}, {"{a: 1}", "f"},
		{"'x'", "f"}, {"[1, 2", "f"}, {"tru", "f"}, {"{\"a\" 1}", "f"}, {"\"tab\there\"", "f"}, {"+1", "f"},
	};
	hpipe p;
	ck_assert_msg(hp_open(&p, "a text", NULL, "r = is_valid_json(a)"), "%s", p.err);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cdc_buf row = CDC_BUF_INIT;
		cdc_buf_puts(&row, "{\"a\": ");
		cdc_buf_json_string(&row, cases[i].text, strlen(cases[i].text));
		cdc_buf_putc(&row, '}');
		const char *got = hp_outcome(&p, hp_run(&p, cdc_buf_str(&row)));
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "is_valid_json('%s') = %s, want %s", cases[i].text, got, cases[i].want);
		cdc_buf_free(&row);
	}
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": null}")), "NULL");
	/* deep nesting is refused, not a stack overflow */
	cdc_buf deep = CDC_BUF_INIT;
	cdc_buf_puts(&deep, "{\"a\": \"");
	for (int i = 0; i < 5000; i++)
		cdc_buf_putc(&deep, '[');
	cdc_buf_puts(&deep, "\"}");
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, cdc_buf_str(&deep))), "f");
	cdc_buf_free(&deep);
	hp_close(&p);
}
END_TEST

START_TEST(hmac_and_masks)
{
	/* pseudonymize is HMAC-SHA-256 (RFC 4231 test cases 1, 2 and 6 keys), lower-case hex */
	EV("pseudonymize(a, 'Jefe')", "a text", "{\"a\": \"what do ya want for nothing?\"}",
	   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	EV("pseudonymize(a, 'key')", "a text", "{\"a\": \"alice@example.com\"}",
	   "7f5869472f7937382ee449fa11667e1d9eb381ed70999a7177ff6faf6ca456dd");
	/* the text form of any value: 42 and '42' give the same pseudonym */
	EV("pseudonymize(a, 'key')", "a int", "{\"a\": 42}",
	   "f2991b7ce981d0b5adc5e6a0f31acaeb407bfc21354bbcc31a0c43eaffa83d65");
	EV("pseudonymize(a, 'key')", "a text", "{\"a\": \"42\"}",
	   "f2991b7ce981d0b5adc5e6a0f31acaeb407bfc21354bbcc31a0c43eaffa83d65");
	EV("pseudonymize(a, '')", "a text", "{\"a\": \"\"}",
	   "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
	EV("pseudonymize(a, 'key')", "a text", "{\"a\": null}", "NULL");
	EV("pseudonymize(a, 'key') = pseudonymize(b, 'key')", "a text, b text", "{\"a\": \"x\", \"b\": \"x\"}", "t");
	EV("pseudonymize(a, 'key') = pseudonymize(a, 'KEY')", "a text", "{\"a\": \"x\"}", "f");
	/* a key longer than the SHA-256 block is hashed first (RFC 4231 test case 6) */
	EV("pseudonymize(a, repeat_key)", "a text, repeat_key text",
	   "{\"a\": \"Test Using Larger Than Block-Size Key - Hash Key First\", \"repeat_key\": \"x\"}",
	   "COMPILE: E0405 the key of pseudonymize() must be a constant, usually env('NAME')");
	char step[512];
	char key[132];
	memset(key, 'k', 131);
	key[131] = '\0';
	snprintf(step, sizeof step, "pseudonymize(a, '%s')", key);
	const char *h1 = h_eval(step, "a text", "{\"a\": \"v\"}");
	ck_assert_uint_eq(strlen(h1), 64);
	ck_assert_str_ne(h1, h_eval("pseudonymize(a, 'k')", "a text", "{\"a\": \"v\"}"));

	/* mask: every character but the first keep_first and last keep_last (0 and 4) */
	EV("mask(a)", "a text", "{\"a\": \"4111111111111111\"}", "************1111");
	EV("mask(a, 2)", "a text", "{\"a\": \"4111111111111111\"}", "**************11");
	EV("mask(a, keep_last => 0)", "a text", "{\"a\": \"secret\"}", "******");
	EV("mask(a, keep_first => 2)", "a text", "{\"a\": \"4111111111111111\"}", "41**********1111");
	EV("mask(a, 4, 4, '#')", "a text", "{\"a\": \"4111111111111111\"}", "4111########1111");
	EV("mask(a, mask_char => '\xe2\x9c\x93')", "a text", "{\"a\": \"h\xc3\xa9llo w\xc3\xb6rld\"}",
	   "\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xe2\x9c\x93\xc3\xb6rld");
	EV("mask(a, 2, 2)", "a text", "{\"a\": \"12345\"}", "12*45");
	EV("mask(a)", "a text", "{\"a\": \"12345\"}", "*2345");
	/* too short to mask: nothing stays visible */
	EV("mask(a)", "a text", "{\"a\": \"1234\"}", "****");
	EV("mask(a, 2, 3)", "a text", "{\"a\": \"12345\"}", "*****");
	EV("mask(a)", "a text", "{\"a\": \"\"}", "");
	EV("mask(a)", "a text", "{\"a\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}",
	   "*\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	EV("mask(a, -1)", "a text", "{\"a\": \"12345\"}",
	   "ERROR: mask() keeps a number of characters that must not be negative");
	EV("mask(a, NULL)", "a text", "{\"a\": \"123456\"}", "NULL");
	EV("mask(a)", "a text", "{\"a\": null}", "NULL");
	EV("mask(s => a, mask_char => 'x', keep_first => 1, keep_last => 1)", "a text", "{\"a\": \"abcd\"}", "axxd");
}
END_TEST

START_TEST(uuids)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", NULL, "r = uuid_generate()\ns = gen_random_uuid()"), "%s", p.err);
	char seen[40][37];
	for (int i = 0; i < 20; i++) {
		ck_assert_int_eq(hp_run(&p, "{\"a\": 1}"), CDC_FATE_APPLY);
		for (int k = 0; k < 2; k++) {
			const char *u = hp_col(&p, k ? "s" : "r");
			ck_assert_uint_eq(strlen(u), 36);
			for (int j = 0; j < 36; j++) {
				if (j == 8 || j == 13 || j == 18 || j == 23)
					ck_assert_int_eq(u[j], '-');
				else
					ck_assert_msg(strchr("0123456789abcdef", u[j]) && u[j], "%s", u);
			}
			ck_assert_int_eq(u[14], '4');                               /* version 4 */
			ck_assert_msg(strchr("89ab", u[19]) && u[19], "%s", u);     /* RFC 4122 variant */
			for (int m = 0; m < 2 * i + k; m++)
				ck_assert_str_ne(seen[m], u);
			memcpy(seen[2 * i + k], u, 37);
		}
	}
	ck_assert_str_eq(hp_type(&p, "r"), "uuid");
	hp_close(&p);
	/* volatile calls are not folded: two calls differ in one row */
	EV("uuid_generate() = uuid_generate()", "a int", "{\"a\": 1}", "f");
	EV("uuid_generate()::text LIKE '________-____-4___-____-____________'", "a int", "{\"a\": 1}", "t");
}
END_TEST

/* env() reads the environment when the program runs (the VM's env callback if set). */
static const char *
fake_env(void *data, const char *name)
{
	return strcmp(name, "PII_KEY") == 0 ? (const char *)data : NULL;
}

START_TEST(env_function)
{
	setenv("CDC_UNIT_ENV", "from the environment", 1);
	unsetenv("CDC_UNIT_UNSET");
	EV("env('CDC_UNIT_ENV')", "a int", "{\"a\": 1}", "from the environment");
	EV("env('CDC_UNIT_UNSET')", "a int", "{\"a\": 1}",
	   "ERROR: environment variable \"CDC_UNIT_UNSET\" is not set");
	EV("env(a)", "a text", "{\"a\": \"X\"}",
	   "COMPILE: E0405 env() takes the variable's name as a string literal: env('PII_KEY')");
	hpipe p;
	ck_assert_msg(hp_open(&p, "a text", NULL, "r = pseudonymize(a, env('PII_KEY'))\ns = env('HOME')"), "%s", p.err);
	p.st.vm.env = fake_env;
	p.st.vm.env_data = (void *)"Jefe";
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": \"x\"}")), "ERROR: environment variable \"HOME\" is not set");
	hp_close(&p);
	ck_assert_msg(hp_open(&p, "a text", NULL, "r = pseudonymize(a, env('PII_KEY'))"), "%s", p.err);
	p.st.vm.env = fake_env;
	p.st.vm.env_data = (void *)"Jefe";
	ck_assert_str_eq(hp_outcome(&p, hp_run(&p, "{\"a\": \"what do ya want for nothing?\"}")),
	                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	hp_close(&p);
}
END_TEST

/* The change-event builtins are compiled to EVENT and BEFORE; called directly (as tools
 * that evaluate one call do) they read the same event. */
static const char *
direct0(const char *name, const cdc_event_info *ev)
{
	int n;
	const cdc_builtin *b = cdc_builtin_find(name, &n);
	ck_assert_ptr_nonnull(b);
	cdc_arena *a = cdc_arena_new("event");
	cdc_vm vm;
	cdc_vm_init(&vm, a);
	vm.ev = ev;
	cdc_call call = {(uint16_t)b->id, 0, 0, NULL, {CDC_TY_TEXT, 0, 0, -1}, NULL, false};
	cdc_value out, args[1] = {cdc_val_null()};
	const char *r;
	if (!b->impl(&vm, &call, args, &out)) {
		r = h_keep(vm.error);
	} else if (out.tag == CDC_VAL_NULL) {
		r = "NULL";
	} else {
		cdc_rtype t = {CDC_TY_TEXT, 0, 0, -1};
		if (out.tag == CDC_VAL_TSTZ)
			t.id = CDC_TY_TIMESTAMPTZ;
		else if (out.tag == CDC_VAL_INT)
			t.id = CDC_TY_INT8;
		cdc_buf buf = CDC_BUF_INIT;
		cdc_val_format(out, t, &buf);
		r = h_keep(cdc_buf_str(&buf));
		cdc_buf_free(&buf);
	}
	cdc_vm_release(&vm);
	cdc_arena_free(a);
	return r;
}

START_TEST(event_functions)
{
	cdc_event_info ev = {0};
	ev.op = CDC_EVOP_DELETE;
	ev.commit_time = 0;
	ev.position = "mysql-bin.000003:4711";
	ev.table = "shop.orders";
	ev.txid = 99;
	ev.has_txid = true;
	ev.now = 86400000000LL + 1;
	ck_assert_str_eq(direct0("op", &ev), "D");
	ck_assert_str_eq(direct0("commit_time", &ev), "2000-01-01 00:00:00+00");
	ck_assert_str_eq(direct0("source_position", &ev), "mysql-bin.000003:4711");
	ck_assert_str_eq(direct0("table_name", &ev), "shop.orders");
	ck_assert_str_eq(direct0("txid", &ev), "99");
	ck_assert_str_eq(direct0("now", &ev), "2000-01-02 00:00:00.000001+00");
	ck_assert_str_eq(direct0("before", &ev), "before() is compiled to the BEFORE instruction");
	ev.op = CDC_EVOP_SNAPSHOT;
	ev.has_txid = false;
	ev.position = NULL;
	ev.table = NULL;
	ck_assert_str_eq(direct0("op", &ev), "S");
	ck_assert_str_eq(direct0("txid", &ev), "NULL");
	ck_assert_str_eq(direct0("source_position", &ev), "NULL");
	ck_assert_str_eq(direct0("table_name", &ev), "NULL");

	/* in a pipeline: volatile and event functions are evaluated per change */
	hpipe p;
	ck_assert_msg(hp_open(&p, "a int", NULL, "o = op()\nc = commit_time()\nn = now()\nx = txid()\nl = commit_time() < now()"),
	              "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"update\", \"row\": {\"a\": 1}, \"commit_time\": \"2024-02-29 23:59:59.5+00\", "
	                            "\"txid\": 9223372036854775807}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "U");
	ck_assert_str_eq(hp_col(&p, "c"), "2024-02-29 23:59:59.5+00");
	ck_assert_str_eq(hp_col(&p, "n"), "2024-03-01 00:00:01+00");
	ck_assert_str_eq(hp_col(&p, "x"), "9223372036854775807");
	ck_assert_str_eq(hp_col(&p, "l"), "t");
	ck_assert_int_eq(hp_run(&p, "{\"op\": \"delete\", \"row\": {\"id\": 5}}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "o"), "D");
	ck_assert_str_eq(hp_col(&p, "x"), "NULL");
	hp_close(&p);
}
END_TEST

/* Functions never make invalid UTF-8 out of valid UTF-8: no character is cut. */
static bool
valid_utf8(const char *s)
{
	cdc_arena *a = cdc_arena_new("t");
	cdc_rtype t = {CDC_TY_TEXT, 0, 0, -1};
	cdc_value v;
	const char *why;
	bool ok = cdc_val_parse(a, t, s, strlen(s), &v, &why);
	cdc_arena_free(a);
	return ok;
}

START_TEST(utf8_never_cut)
{
	static const char *const words[] = {
		"h\xc3\xa9llo", "\xf0\x9f\x98\x80\xe2\x9c\x93\xc3\xa9" "a", "\xce\xa3\xcf\x83\xcf\x82", "", "a",
		"\xe2\x9c\x93\xe2\x9c\x93 \xe2\x9c\x93",
	};
	hpipe p;
	ck_assert_msg(hp_open(&p, "s text, i int, j int", NULL,
	                      "r1 = substring(s, i, j)\nr2 = substr(s, i)\nr3 = left(s, i)\nr4 = right(s, i)\n"
	                      "r5 = lpad(s, j, '\xe2\x9c\x93\xc3\xa9')\nr6 = rpad(s, j, '\xf0\x9f\x98\x80')\n"
	                      "r7 = mask(s, keep_last => abs(i), keep_first => abs(j), mask_char => '\xc3\xa9')\n"
	                      "r8 = split_part(s, '\xe2\x9c\x93', i)\nr9 = trim(s, '\xe2\x9c\x93\xf0\x9f\x98\x80')\n"
	                      "r10 = upper(s) || lower(s)\nr11 = regexp_replace(s, '.', '\xc3\xa9|', 'g')\n"
	                      "r12 = replace(s, '\xc3\xa9', '')\nr13 = substring(s, j, abs(i))\nr14 = rtrim(s, '\xc3\xa9" "a')\n"
	                      "r15 = (s::varchar(3))::text\nr16 = (s::char(2))::text\nr17 = split_part(s, '', i)"),
	              "%s", p.err);
	int runs = 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		for (int i = -3; i <= 7; i++) {
			for (int j = -1; j <= 7; j++) {
				if (i == 0)
					continue;       /* split_part's field 0 is an error */
				char row[256];
				snprintf(row, sizeof row, "{\"s\": \"%s\", \"i\": %d, \"j\": %d}", words[w], i, j);
				int f = hp_run(&p, row);
				if (j < 0) {        /* substring's negative length is an error, as in PostgreSQL */
					ck_assert_int_eq(f, CDC_FATE_QUARANTINE);
					ck_assert_str_eq(p.st.vm.error, "negative substring length not allowed");
					continue;
				}
				ck_assert_msg(f == CDC_FATE_APPLY, "%s: %s", row, p.st.vm.error);
				for (int k = 1; k <= 17; k++) {
					char col[8];
					snprintf(col, sizeof col, "r%d", k);
					const char *v = hp_col(&p, col);
					ck_assert_msg(valid_utf8(v), "%s on %s is not valid UTF-8", col, row);
				}
				/* lpad and rpad make exactly j characters */
				size_t chars = 0;
				for (const char *q = hp_col(&p, "r5"); *q; q++)
					chars += ((unsigned char)*q & 0xC0) != 0x80;
				ck_assert_uint_eq(chars, (size_t)j);
				chars = 0;
				for (const char *q = hp_col(&p, "r6"); *q; q++)
					chars += ((unsigned char)*q & 0xC0) != 0x80;
				ck_assert_uint_eq(chars, (size_t)j);
				runs++;
			}
		}
	}
	ck_assert_int_gt(runs, 300);
	hp_close(&p);
}
END_TEST

/* Regular expressions: compiled once per call site, again when a column's pattern changes. */
START_TEST(regex_patterns_per_row)
{
	hpipe p;
	ck_assert_msg(hp_open(&p, "s text, pat text, f text", NULL,
	                      "r = regexp_like(s, pat)\nt = regexp_replace(s, pat, '_', f)"), "%s", p.err);
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": \"b\", \"f\": \"g\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "t");
	ck_assert_str_eq(hp_col(&p, "t"), "a_c");
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": \"^b\", \"f\": \"g\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "f");
	ck_assert_str_eq(hp_col(&p, "t"), "abc");
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"ABC\", \"pat\": \"b\", \"f\": \"gi\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "f");
	ck_assert_str_eq(hp_col(&p, "t"), "A_C");
	/* a bad pattern or flag from a row is that row's error */
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": \"(\", \"f\": \"g\"}"), CDC_FATE_QUARANTINE);
	ck_assert_msg(strncmp(p.st.vm.error, "invalid regular expression: ", 28) == 0, "%s", p.st.vm.error);
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": \"b\", \"f\": \"x\"}"), CDC_FATE_QUARANTINE);
	ck_assert_str_eq(p.st.vm.error, "invalid regular expression option: \"x\"");
	/* and the next good row works again */
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": \"c$\", \"f\": \"\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "t");
	ck_assert_str_eq(hp_col(&p, "t"), "ab_");
	ck_assert_int_eq(hp_run(&p, "{\"s\": \"abc\", \"pat\": null, \"f\": \"g\"}"), CDC_FATE_APPLY);
	ck_assert_str_eq(hp_col(&p, "r"), "NULL");
	hp_close(&p);
	/* literal patterns and flags are checked when the pipeline is compiled (docs 9.2) */
	EV("regexp_like(a, '(')", "a text", "{\"a\": \"x\"}",
	   "COMPILE: E0405 invalid regular expression: Unmatched ( or \\(");
	EV("regexp_replace(a, 'x', 'y', 'q')", "a text", "{\"a\": \"x\"}",
	   "COMPILE: E0405 regular expression flags are i (ignore case) and g (every match)");
}
END_TEST

/* Integer arguments are bigints: the extremes are handled without overflow (PostgreSQL's
 * functions take integers, so these have no PostgreSQL counterpart). */
START_TEST(extreme_arguments)
{
	EV("right(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": -9223372036854775808}", "");
	EV("right(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}", "abc");
	EV("left(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": -9223372036854775808}", "");
	EV("left(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}", "abc");
	EV("split_part(a, ',', b)", "a text, b bigint", "{\"a\": \"a,b\", \"b\": -9223372036854775808}", "");
	EV("split_part(a, ',', b)", "a text, b bigint", "{\"a\": \"a,b\", \"b\": 9223372036854775807}", "");
	EV("lpad(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": -9223372036854775808}", "");
	EV("rpad(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}",
	   "ERROR: requested length too large");
	EV("substring(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": -9223372036854775808}", "");
	EV("substring(a, b, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}", "");
	EV("substring(a, -9223372036854775807, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}",
	   "");
	EV("mask(a, b)", "a text, b bigint", "{\"a\": \"abc\", \"b\": 9223372036854775807}", "***");
	EV("mask(a, b, b)", "a text, b bigint", "{\"a\": \"abcdef\", \"b\": 9223372036854775807}", "******");
	EV("round(a, b)", "a numeric(10,2), b bigint", "{\"a\": \"1.5\", \"b\": -9223372036854775808}", "0.00");
	EV("trunc(a, b)", "a numeric(10,2), b bigint", "{\"a\": \"1.5\", \"b\": 9223372036854775807}", "1.50");
	EV("round(a, b)", "a float8, b bigint", "{\"a\": 1.5, \"b\": 9223372036854775807}", "1.5");
	EV("round(a, b)", "a float8, b bigint", "{\"a\": 1.5, \"b\": -9223372036854775808}", "0");
	EV("round(a, b)", "a bigint, b bigint", "{\"a\": 15, \"b\": -9223372036854775808}", "0");
	EV("a + b", "a date, b bigint", "{\"a\": \"2024-01-01\", \"b\": 9223372036854775807}",
	   "ERROR: date out of range");
	EV("a - b", "a date, b bigint", "{\"a\": \"2024-01-01\", \"b\": -9223372036854775808}",
	   "ERROR: date out of range");
	EV("a - b", "a date, b bigint", "{\"a\": \"2024-01-01\", \"b\": 9223372036854775807}",
	   "ERROR: date out of range");
	EV("a * b", "a interval, b float8", "{\"a\": \"1 day\", \"b\": 1e300}", "ERROR: interval out of range");
	EV("a / b", "a interval, b float8", "{\"a\": \"1 day\", \"b\": 1e-300}", "ERROR: interval out of range");
	EV("a + b", "a timestamp, b interval", "{\"a\": \"2024-01-01\", \"b\": \"178000000 years\"}",
	   "ERROR: timestamp out of range");
	EV("to_timestamp(a)", "a float8", "{\"a\": -1e300}", "ERROR: timestamp out of range");
	EV("a::smallint", "a bigint", "{\"a\": -9223372036854775808}", "ERROR: smallint out of range");
	EV("a::bigint", "a float8", "{\"a\": 9.3e18}", "ERROR: bigint out of range");
	EV("a::bigint", "a float8", "{\"a\": -9.3e18}", "ERROR: bigint out of range");
	EV("a::bigint", "a numeric", "{\"a\": \"-9223372036854775808.4\"}", "-9223372036854775808");
	EV("a::bigint", "a numeric", "{\"a\": \"-9223372036854775808.5\"}", "ERROR: bigint out of range");
	/* to_char sizes its result as PostgreSQL does: 12 bytes per format byte */
	char fmt[1200], expr[1300], want[1000];
	fmt[0] = want[0] = '\0';
	for (int i = 0; i < 120; i++) {
		strcat(fmt, "YYYY-");
		strcat(want, "2024-");
	}
	snprintf(expr, sizeof expr, "to_char(a, '%s')", fmt);
	EV(expr, "a timestamp", "{\"a\": \"2024-05-17 13:45:30\"}", want);
	fmt[0] = '\0';
	for (int i = 0; i < 120; i++)
		strcat(fmt, "Day \xe2\x9c\x93");
	snprintf(expr, sizeof expr, "length(to_char(a, '%s'))", fmt);
	EV(expr, "a timestamp", "{\"a\": \"2024-05-17 13:45:30\"}", "1320");
}
END_TEST

/* EXTRACT is numeric(20,6) (builtins.def), so its values show six decimals; date_part is
 * PostgreSQL's double precision. */
START_TEST(extract_function)
{
	EVT("EXTRACT(year FROM a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}",
	   "2024.000000", "numeric(20,6)");
	EV("EXTRACT(second FROM a)", "a timestamp", "{\"a\": \"2024-05-17 13:45:30.123456\"}", "30.123456");
	EV("EXTRACT(epoch FROM a)", "a timestamptz", "{\"a\": \"2024-05-17 13:45:30.5+02\"}", "1715946330.500000");
	EV("EXTRACT(dow FROM a)", "a date", "{\"a\": \"2024-05-19\"}", "0.000000");
	EV("EXTRACT(isodow FROM a)", "a date", "{\"a\": \"2024-05-19\"}", "7.000000");
	EV("EXTRACT(week FROM a)", "a date", "{\"a\": \"2021-01-01\"}", "53.000000");
	EV("EXTRACT(millisecond FROM a)", "a time", "{\"a\": \"13:45:30.5\"}", "30500.000000");
	EV("EXTRACT(timezone_hour FROM a)", "a timetz", "{\"a\": \"13:45:30-03:30\"}", "-3.000000");
	EV("EXTRACT(month FROM a)", "a interval", "{\"a\": \"1 year 14 mons\"}", "2.000000");
	EV("extract('YEAR', a)", "a date", "{\"a\": \"0044-03-15 BC\"}", "-44.000000");
	EV("extract(f, a)", "a date, f text", "{\"a\": \"2024-05-17\", \"f\": \"quarter\"}", "2.000000");
	/* PostgreSQL's extract on a date has no time fields */
	EV("EXTRACT(hour FROM a)", "a date", "{\"a\": \"2024-05-17\"}",
	   "ERROR: extract field not supported for type date");
	EV("extract(f, a)", "a date, f text", "{\"a\": \"2024-05-17\", \"f\": \"eon\"}",
	   "ERROR: extract field not recognized");
	/* the infinities: growing fields are +-Infinity, cyclic ones NULL */
	EV("EXTRACT(year FROM a)", "a timestamp", "{\"a\": \"infinity\"}", "Infinity");
	EV("EXTRACT(epoch FROM a)", "a timestamp", "{\"a\": \"-infinity\"}", "-Infinity");
	EV("EXTRACT(year FROM a)", "a date", "{\"a\": \"-infinity\"}", "-Infinity");
	EV("EXTRACT(month FROM a)", "a timestamp", "{\"a\": \"infinity\"}", "NULL");
	EV("EXTRACT(day FROM a)", "a date", "{\"a\": \"infinity\"}", "NULL");
	EV("EXTRACT(year FROM a)", "a timestamp", "{\"a\": null}", "NULL");
}
END_TEST

/* Every EXTRACT and date_part field on every type it applies to, as PostgreSQL 15 gives it
 * (EXTRACT's numeric(20,6) is PostgreSQL's value at six decimals), and the errors for the
 * fields a type does not have. */
START_TEST(extract_every_field)
{
	EV("EXTRACT(year FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "2021.000000");
	EV("EXTRACT(year FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(year FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(year FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "2021.000000");
	EV("EXTRACT(year FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "2021.000000");
	EV("EXTRACT(year FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2.000000");
	EV("EXTRACT(month FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "1.000000");
	EV("EXTRACT(month FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(month FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(month FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1.000000");
	EV("EXTRACT(month FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "1.000000");
	EV("EXTRACT(month FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2.000000");
	EV("EXTRACT(day FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "3.000000");
	EV("EXTRACT(day FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(day FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(day FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3.000000");
	EV("EXTRACT(day FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3.000000");
	EV("EXTRACT(day FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "40.000000");
	EV("EXTRACT(hour FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(hour FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "13.000000");
	EV("EXTRACT(hour FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "13.000000");
	EV("EXTRACT(hour FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "13.000000");
	EV("EXTRACT(hour FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "8.000000");
	EV("EXTRACT(hour FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "25.000000");
	EV("EXTRACT(minute FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(minute FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "45.000000");
	EV("EXTRACT(minute FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "45.000000");
	EV("EXTRACT(minute FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "45.000000");
	EV("EXTRACT(minute FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "45.000000");
	EV("EXTRACT(minute FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "59.000000");
	EV("EXTRACT(second FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(second FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30.123456");
	EV("EXTRACT(second FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30.500000");
	EV("EXTRACT(second FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30.123456");
	EV("EXTRACT(second FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "30.123456");
	EV("EXTRACT(second FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58.500000");
	EV("EXTRACT(millisecond FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(millisecond FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123.456000");
	EV("EXTRACT(millisecond FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500.000000");
	EV("EXTRACT(millisecond FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123.456000");
	EV("EXTRACT(millisecond FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "30123.456000");
	EV("EXTRACT(millisecond FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "58500.000000");
	EV("EXTRACT(microsecond FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(microsecond FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123456.000000");
	EV("EXTRACT(microsecond FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500000.000000");
	EV("EXTRACT(microsecond FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "30123456.000000");
	EV("EXTRACT(microsecond FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "30123456.000000");
	EV("EXTRACT(microsecond FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "58500000.000000");
	EV("EXTRACT(milliseconds FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(milliseconds FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123.456000");
	EV("EXTRACT(milliseconds FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500.000000");
	EV("EXTRACT(milliseconds FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123.456000");
	EV("EXTRACT(milliseconds FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "30123.456000");
	EV("EXTRACT(milliseconds FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "58500.000000");
	EV("EXTRACT(microseconds FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(microseconds FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123456.000000");
	EV("EXTRACT(microseconds FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500000.000000");
	EV("EXTRACT(microseconds FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "30123456.000000");
	EV("EXTRACT(microseconds FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "30123456.000000");
	EV("EXTRACT(microseconds FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "58500000.000000");
	EV("EXTRACT(epoch FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "1609632000.000000");
	EV("EXTRACT(epoch FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}", "49530.123456");
	EV("EXTRACT(epoch FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "62130.500000");
	EV("EXTRACT(epoch FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1609681530.123456");
	EV("EXTRACT(epoch FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "1609663530.123456");
	EV("EXTRACT(epoch FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "71848798.500000");
	EV("EXTRACT(dow FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "0.000000");
	EV("EXTRACT(dow FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(dow FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(dow FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "0.000000");
	EV("EXTRACT(dow FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0.000000");
	EV("EXTRACT(dow FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(isodow FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "7.000000");
	EV("EXTRACT(isodow FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(isodow FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(isodow FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "7.000000");
	EV("EXTRACT(isodow FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "7.000000");
	EV("EXTRACT(isodow FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(doy FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "3.000000");
	EV("EXTRACT(doy FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(doy FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(doy FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3.000000");
	EV("EXTRACT(doy FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3.000000");
	EV("EXTRACT(doy FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(week FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "53.000000");
	EV("EXTRACT(week FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(week FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(week FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "53.000000");
	EV("EXTRACT(week FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "53.000000");
	EV("EXTRACT(week FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(quarter FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "1.000000");
	EV("EXTRACT(quarter FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(quarter FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(quarter FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1.000000");
	EV("EXTRACT(quarter FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "1.000000");
	EV("EXTRACT(quarter FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "1.000000");
	EV("EXTRACT(isoyear FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "2020.000000");
	EV("EXTRACT(isoyear FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(isoyear FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(isoyear FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "2020.000000");
	EV("EXTRACT(isoyear FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "2020.000000");
	EV("EXTRACT(isoyear FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(decade FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "202.000000");
	EV("EXTRACT(decade FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(decade FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(decade FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "202.000000");
	EV("EXTRACT(decade FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "202.000000");
	EV("EXTRACT(decade FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0.000000");
	EV("EXTRACT(century FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "21.000000");
	EV("EXTRACT(century FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(century FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(century FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "21.000000");
	EV("EXTRACT(century FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "21.000000");
	EV("EXTRACT(century FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0.000000");
	EV("EXTRACT(millennium FROM a)", "a date", "{\"a\": \"2021-01-03\"}", "3.000000");
	EV("EXTRACT(millennium FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(millennium FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("EXTRACT(millennium FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3.000000");
	EV("EXTRACT(millennium FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3.000000");
	EV("EXTRACT(millennium FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0.000000");
	EV("EXTRACT(timezone FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(timezone FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(timezone FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-12600.000000");
	EV("EXTRACT(timezone FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("EXTRACT(timezone FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0.000000");
	EV("EXTRACT(timezone FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(timezone_hour FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(timezone_hour FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(timezone_hour FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-3.000000");
	EV("EXTRACT(timezone_hour FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("EXTRACT(timezone_hour FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "0.000000");
	EV("EXTRACT(timezone_hour FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("EXTRACT(timezone_minute FROM a)", "a date", "{\"a\": \"2021-01-03\"}",
	   "ERROR: extract field not supported for type date");
	EV("EXTRACT(timezone_minute FROM a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("EXTRACT(timezone_minute FROM a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-30.000000");
	EV("EXTRACT(timezone_minute FROM a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("EXTRACT(timezone_minute FROM a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "0.000000");
	EV("EXTRACT(timezone_minute FROM a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('year', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('year', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('year', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "2021");
	EV("date_part('year', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "2021");
	EV("date_part('year', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2");
	EV("date_part('month', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('month', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('month', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1");
	EV("date_part('month', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "1");
	EV("date_part('month', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "2");
	EV("date_part('day', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('day', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('day', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3");
	EV("date_part('day', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3");
	EV("date_part('day', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "40");
	EV("date_part('hour', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "13");
	EV("date_part('hour', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "13");
	EV("date_part('hour', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "13");
	EV("date_part('hour', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "8");
	EV("date_part('hour', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "25");
	EV("date_part('minute', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "45");
	EV("date_part('minute', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "45");
	EV("date_part('minute', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "45");
	EV("date_part('minute', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "45");
	EV("date_part('minute', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "59");
	EV("date_part('second', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30.123456");
	EV("date_part('second', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30.5");
	EV("date_part('second', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30.123456");
	EV("date_part('second', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "30.123456");
	EV("date_part('second', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58.5");
	EV("date_part('millisecond', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123.456");
	EV("date_part('millisecond', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500");
	EV("date_part('millisecond', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123.456");
	EV("date_part('millisecond', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "30123.456");
	EV("date_part('millisecond', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58500");
	EV("date_part('microsecond', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123456");
	EV("date_part('microsecond', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500000");
	EV("date_part('microsecond', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123456");
	EV("date_part('microsecond', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "30123456");
	EV("date_part('microsecond', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58500000");
	EV("date_part('milliseconds', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123.456");
	EV("date_part('milliseconds', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500");
	EV("date_part('milliseconds', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123.456");
	EV("date_part('milliseconds', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "30123.456");
	EV("date_part('milliseconds', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "58500");
	EV("date_part('microseconds', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "30123456");
	EV("date_part('microseconds', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "30500000");
	EV("date_part('microseconds', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "30123456");
	EV("date_part('microseconds', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "30123456");
	EV("date_part('microseconds', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "58500000");
	EV("date_part('epoch', a)", "a time", "{\"a\": \"13:45:30.123456\"}", "49530.123456");
	EV("date_part('epoch', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "62130.5");
	EV("date_part('epoch', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1609681530.123456");
	EV("date_part('epoch', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}",
	   "1609663530.123456");
	EV("date_part('epoch', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "71848798.5");
	EV("date_part('dow', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('dow', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('dow', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "0");
	EV("date_part('dow', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0");
	EV("date_part('dow', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('isodow', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('isodow', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('isodow', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "7");
	EV("date_part('isodow', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "7");
	EV("date_part('isodow', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('doy', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('doy', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('doy', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3");
	EV("date_part('doy', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3");
	EV("date_part('doy', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('week', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('week', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('week', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "53");
	EV("date_part('week', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "53");
	EV("date_part('week', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('quarter', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('quarter', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('quarter', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "1");
	EV("date_part('quarter', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "1");
	EV("date_part('quarter', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "1");
	EV("date_part('isoyear', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('isoyear', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('isoyear', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "2020");
	EV("date_part('isoyear', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "2020");
	EV("date_part('isoyear', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('decade', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('decade', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('decade', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "202");
	EV("date_part('decade', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "202");
	EV("date_part('decade', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0");
	EV("date_part('century', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('century', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('century', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "21");
	EV("date_part('century', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "21");
	EV("date_part('century', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0");
	EV("date_part('millennium', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('millennium', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}",
	   "ERROR: extract field not supported for type time with time zone");
	EV("date_part('millennium', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}", "3");
	EV("date_part('millennium', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "3");
	EV("date_part('millennium', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}", "0");
	EV("date_part('timezone', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('timezone', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-12600");
	EV("date_part('timezone', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("date_part('timezone', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0");
	EV("date_part('timezone', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('timezone_hour', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('timezone_hour', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-3");
	EV("date_part('timezone_hour', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("date_part('timezone_hour', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0");
	EV("date_part('timezone_hour', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
	EV("date_part('timezone_minute', a)", "a time", "{\"a\": \"13:45:30.123456\"}",
	   "ERROR: extract field not supported for type time");
	EV("date_part('timezone_minute', a)", "a timetz", "{\"a\": \"13:45:30.5-03:30\"}", "-30");
	EV("date_part('timezone_minute', a)", "a timestamp", "{\"a\": \"2021-01-03 13:45:30.123456\"}",
	   "ERROR: extract field not supported for timestamp without time zone");
	EV("date_part('timezone_minute', a)", "a timestamptz", "{\"a\": \"2021-01-03 13:45:30.123456+05\"}", "0");
	EV("date_part('timezone_minute', a)", "a interval", "{\"a\": \"1 year 14 mons 40 days 25:59:58.5\"}",
	   "ERROR: extract field not supported for type interval");
}
END_TEST

Suite *
stdlib_suite(void)
{
	Suite *s = suite_create("stdlib");
	TCase *tc = tcase_create("table");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, builtin_table);
	tcase_add_test(tc, every_builtin);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, text_functions);
	tcase_add_test(tc, regex_functions);
	tcase_add_test(tc, regex_patterns_per_row);
	tcase_add_test(tc, utf8_never_cut);
	tcase_add_test(tc, extreme_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, number_functions);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, time_functions);
	tcase_add_test(tc, extract_function);
	tcase_add_test(tc, extract_every_field);
	tcase_add_test(tc, event_functions);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, hash_functions);
	tcase_add_test(tc, hmac_and_masks);
	tcase_add_test(tc, json_functions);
	tcase_add_test(tc, json_text_argument);
	tcase_add_test(tc, is_valid_json_cases);
	tcase_add_test(tc, uuids);
	tcase_add_test(tc, env_function);
	suite_add_tcase(s, tc);
	return s;
}

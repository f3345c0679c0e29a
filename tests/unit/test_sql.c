/*
 * tests/unit/test_sql.c — the SQL of `cdcc ddl` (compiler/sql.h) and what `cdcc check`
 * asks of it (compiler/dialect.h): dialect words, identifier and literal quoting, the
 * type mapping with its fit answers, key sizes, and the output of a few pipelines.
 */
#include "unit.h"

#include "compiler/dialect.h"
#include "compiler/ir.h"
#include "compiler/options.h"
#include "compiler/sql.h"
#include "compiler/types.h"
#include "runtime/typeids.h"

/* ---- dialect words ------------------------------------------------------------------------ */

START_TEST(dialect_words)
{
	static const char *const words[CDC_DIALECT_COUNT] = {
		[CDC_DIALECT_REDSHIFT] = "redshift", [CDC_DIALECT_POSTGRES] = "postgres",
		[CDC_DIALECT_MYSQL] = "mysql", [CDC_DIALECT_ATHENA] = "athena",
	};
	for (int d = 0; d < CDC_DIALECT_COUNT; d++) {
		cdc_dialect got = (cdc_dialect)-1;
		ck_assert_msg(cdc_dialect_parse(words[d], &got), "%s not parsed", words[d]);
		ck_assert_int_eq(got, d);
		ck_assert_str_eq(cdc_dialect_word((cdc_dialect)d), words[d]);
	}
	ck_assert_str_eq(cdc_dialect_word(CDC_DIALECT_COUNT), "?");
	/* another word is refused and leaves *out alone */
	const char *bad[] = {"Redshift", "POSTGRES", "postgresql", "mariadb", "s3", "files", "", "mysql ", "athena2"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cdc_dialect got = CDC_DIALECT_MYSQL;
		ck_assert_msg(!cdc_dialect_parse(bad[i], &got), "\"%s\" parsed", bad[i]);
		ck_assert_int_eq(got, CDC_DIALECT_MYSQL);
	}
}
END_TEST

START_TEST(dialect_serves_target_kinds)
{
	static const char *const kinds[] = {"redshift", "postgres", "mysql", "s3", "files", "kinesis", "dynamodb", ""};
	/* serves[d][k]: does dialect d write SQL for a target of kinds[k] */
	static const bool serves[CDC_DIALECT_COUNT][8] = {
		[CDC_DIALECT_REDSHIFT] = {true, false, false, false, false, false, false, false},
		[CDC_DIALECT_POSTGRES] = {false, true, false, false, false, false, false, false},
		[CDC_DIALECT_MYSQL]    = {false, false, true, false, false, false, false, false},
		[CDC_DIALECT_ATHENA]   = {false, false, false, true, true, false, false, false},
	};
	for (int d = 0; d < CDC_DIALECT_COUNT; d++)
		for (int k = 0; k < 8; k++)
			ck_assert_msg(cdc_dialect_serves((cdc_dialect)d, kinds[k]) == serves[d][k], "%s serves \"%s\": %d, want %d",
			              cdc_dialect_word((cdc_dialect)d), kinds[k], !serves[d][k], serves[d][k]);
}
END_TEST

/* ---- identifiers and string literals ------------------------------------------------------- */

static void
expect_ident(cdc_dialect d, const char *name, const char *want)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_sql_ident(&b, d, name);
	ck_assert_msg(strcmp(cdc_buf_str(&b), want) == 0, "%s ident of [%s] = [%s], want [%s]", cdc_dialect_word(d), name,
	              cdc_buf_str(&b), want);
	cdc_buf_free(&b);
}

START_TEST(ident_postgres)
{
	cdc_dialect d = CDC_DIALECT_POSTGRES;
	expect_ident(d, "orders", "\"orders\"");
	expect_ident(d, "MixedCase", "\"MixedCase\"");             /* case kept */
	expect_ident(d, "a\"b", "\"a\"\"b\"");                     /* " doubled */
	expect_ident(d, "\"", "\"\"\"\"");
	expect_ident(d, "a`b", "\"a`b\"");                         /* ` is not special */
	expect_ident(d, "order items", "\"order items\"");
	expect_ident(d, "select", "\"select\"");                   /* reserved words stay quoted */
	expect_ident(d, "caf\xc3\xa9", "\"caf\xc3\xa9\"");
	expect_ident(d, "a\\b", "\"a\\b\"");
	expect_ident(d, "", "\"\"");
}
END_TEST

START_TEST(ident_redshift)
{
	cdc_dialect d = CDC_DIALECT_REDSHIFT;
	expect_ident(d, "orders", "\"orders\"");
	expect_ident(d, "MixedCase", "\"mixedcase\"");             /* folded, as Redshift folds */
	expect_ident(d, "A\"B", "\"a\"\"b\"");
	expect_ident(d, "Order Items", "\"order items\"");
	expect_ident(d, "SELECT", "\"select\"");
	/* ASCII is folded, other bytes are kept as they are (UTF-8 and a lone Latin-1 byte) */
	expect_ident(d, "\xc3\x84pfel", "\"\xc3\x84pfel\"");
	expect_ident(d, "CAF\xc3\x89", "\"caf\xc3\x89\"");
	expect_ident(d, "\xc4X\xd6", "\"\xc4x\xd6\"");
	expect_ident(d, "a`b", "\"a`b\"");
}
END_TEST

START_TEST(ident_mysql)
{
	cdc_dialect d = CDC_DIALECT_MYSQL;
	expect_ident(d, "orders", "`orders`");
	expect_ident(d, "MixedCase", "`MixedCase`");
	expect_ident(d, "a`b", "`a``b`");                          /* ` doubled */
	expect_ident(d, "``", "``````");
	expect_ident(d, "a\"b", "`a\"b`");                         /* " is not special */
	expect_ident(d, "order items", "`order items`");
	expect_ident(d, "select", "`select`");
	expect_ident(d, "caf\xc3\xa9", "`caf\xc3\xa9`");
}
END_TEST

START_TEST(ident_athena)
{
	cdc_dialect d = CDC_DIALECT_ATHENA;
	expect_ident(d, "orders", "`orders`");
	expect_ident(d, "MixedCase", "`mixedcase`");               /* Athena keeps names in lower case */
	expect_ident(d, "Order_Items2", "`order_items2`");
	expect_ident(d, "order items", "`order items`");
	expect_ident(d, "SELECT", "`select`");
	expect_ident(d, "a\"b", "`a\"b`");
}
END_TEST

START_TEST(ident_appends)
{
	/* the quoting appends to what the buffer holds, so a qualified name is built in place */
	cdc_buf b = CDC_BUF_INIT;
	cdc_buf_puts(&b, "x ");
	cdc_sql_ident(&b, CDC_DIALECT_POSTGRES, "S");
	cdc_buf_putc(&b, '.');
	cdc_sql_ident(&b, CDC_DIALECT_REDSHIFT, "T");
	cdc_buf_putc(&b, '.');
	cdc_sql_ident(&b, CDC_DIALECT_MYSQL, "U");
	ck_assert_str_eq(cdc_buf_str(&b), "x \"S\".\"t\".`U`");
	cdc_buf_free(&b);
}
END_TEST

static void
expect_string(cdc_dialect d, const char *s, const char *want)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_sql_string(&b, d, s);
	ck_assert_msg(strcmp(cdc_buf_str(&b), want) == 0, "%s string of [%s] = [%s], want [%s]", cdc_dialect_word(d), s,
	              cdc_buf_str(&b), want);
	cdc_buf_free(&b);
}

START_TEST(string_literals)
{
	/* PostgreSQL: standard_conforming_strings, only ' is doubled */
	expect_string(CDC_DIALECT_POSTGRES, "s3://b/p/{{batch}}/", "'s3://b/p/{{batch}}/'");
	expect_string(CDC_DIALECT_POSTGRES, "it's", "'it''s'");
	expect_string(CDC_DIALECT_POSTGRES, "a\\b", "'a\\b'");
	expect_string(CDC_DIALECT_POSTGRES, "\\'", "'\\'''");
	expect_string(CDC_DIALECT_POSTGRES, "", "''");
	/* Redshift and MySQL: ' doubled, \ doubled */
	const cdc_dialect escaping[] = {CDC_DIALECT_REDSHIFT, CDC_DIALECT_MYSQL};
	for (int i = 0; i < 2; i++) {
		cdc_dialect d = escaping[i];
		expect_string(d, "s3://b/p/", "'s3://b/p/'");
		expect_string(d, "it's", "'it''s'");
		expect_string(d, "a\\b", "'a\\\\b'");
		expect_string(d, "\\'", "'\\\\'''");                   /* a trailing \ cannot escape the quote */
		expect_string(d, "''", "''''''");
		expect_string(d, "", "''");
	}
	/* Athena (Hive DDL): ' is \', \ is doubled */
	expect_string(CDC_DIALECT_ATHENA, "s3://lake/raw/", "'s3://lake/raw/'");
	expect_string(CDC_DIALECT_ATHENA, "it's", "'it\\'s'");
	expect_string(CDC_DIALECT_ATHENA, "a\\b", "'a\\\\b'");
	expect_string(CDC_DIALECT_ATHENA, "\\'", "'\\\\\\''");
	expect_string(CDC_DIALECT_ATHENA, "", "''");
	/* other bytes pass through in every dialect */
	for (int d = 0; d < CDC_DIALECT_COUNT; d++)
		expect_string((cdc_dialect)d, "caf\xc3\xa9 \"x\" `y` ${dt}", "'caf\xc3\xa9 \"x\" `y` ${dt}'");
}
END_TEST

/* ---- the type mapping ------------------------------------------------------------------------ */

enum { FOK = CDC_FIT_OK, WIDE = CDC_FIT_TOO_WIDE, UNSUP = CDC_FIT_UNSUPPORTED, UNB = CDC_FIT_UNBOUNDED };

/* cdc_rtype {id, array, scale, mod} */
#define TY(id, mod, scale)  {CDC_TY_##id, 0, scale, mod}
#define ARR(id, mod, scale) {CDC_TY_##id, 1, scale, mod}

typedef struct type_case {
	const char *cdcc;   /* the type as cdcc spells it: parses to `t` */
	cdc_rtype   t;
	bool        key;    /* part of the merge key */
	struct {
		const char *text;
		int         fit;
	} want[CDC_DIALECT_COUNT];   /* redshift, postgres, mysql, athena */
} type_case;

static const type_case type_cases[] = {
	{"boolean", TY(BOOL, -1, 0), false, {{"BOOLEAN", FOK}, {"boolean", FOK}, {"BOOLEAN", FOK}, {"boolean", FOK}}},
	{"smallint", TY(INT2, -1, 0), false, {{"SMALLINT", FOK}, {"smallint", FOK}, {"SMALLINT", FOK}, {"smallint", FOK}}},
	{"integer", TY(INT4, -1, 0), false, {{"INTEGER", FOK}, {"integer", FOK}, {"INT", FOK}, {"int", FOK}}},
	{"bigint", TY(INT8, -1, 0), false, {{"BIGINT", FOK}, {"bigint", FOK}, {"BIGINT", FOK}, {"bigint", FOK}}},
	{"bigint", TY(INT8, -1, 0), true, {{"BIGINT", FOK}, {"bigint", FOK}, {"BIGINT", FOK}, {"bigint", FOK}}},
	/* numeric: Redshift 38 digits, MySQL 65 with at most 30 after the point, Athena's
	 * decimal 38 (wider ones are read as their text) */
	{"numeric(12,2)", TY(NUMERIC, 12, 2), false,
	 {{"DECIMAL(12,2)", FOK}, {"numeric(12,2)", FOK}, {"DECIMAL(12,2)", FOK}, {"decimal(12,2)", FOK}}},
	{"numeric(38,2)", TY(NUMERIC, 38, 2), false,
	 {{"DECIMAL(38,2)", FOK}, {"numeric(38,2)", FOK}, {"DECIMAL(38,2)", FOK}, {"decimal(38,2)", FOK}}},
	{"numeric(39,2)", TY(NUMERIC, 39, 2), false,
	 {{"DECIMAL(38,2)", WIDE}, {"numeric(39,2)", FOK}, {"DECIMAL(39,2)", FOK}, {"string", FOK}}},
	{"numeric(40,2)", TY(NUMERIC, 40, 2), false,
	 {{"DECIMAL(38,2)", WIDE}, {"numeric(40,2)", FOK}, {"DECIMAL(40,2)", FOK}, {"string", FOK}}},
	{"numeric(65,30)", TY(NUMERIC, 65, 30), false,
	 {{"DECIMAL(38,30)", WIDE}, {"numeric(65,30)", FOK}, {"DECIMAL(65,30)", FOK}, {"string", FOK}}},
	{"numeric(66,0)", TY(NUMERIC, 66, 0), false,
	 {{"DECIMAL(38,0)", WIDE}, {"numeric(66,0)", FOK}, {"DECIMAL(65,0)", WIDE}, {"string", FOK}}},
	{"numeric(40,31)", TY(NUMERIC, 40, 31), false,
	 {{"DECIMAL(38,31)", WIDE}, {"numeric(40,31)", FOK}, {"DECIMAL(40,30)", WIDE}, {"string", FOK}}},
	{"numeric", TY(NUMERIC, -1, 0), false,
	 {{"DECIMAL(38,10)", UNB}, {"numeric", FOK}, {"DECIMAL(65,30)", UNB}, {"decimal(38,10)", UNB}}},
	{"real", TY(FLOAT4, -1, 0), false, {{"REAL", FOK}, {"real", FOK}, {"FLOAT", FOK}, {"float", FOK}}},
	{"double precision", TY(FLOAT8, -1, 0), false,
	 {{"DOUBLE PRECISION", FOK}, {"double precision", FOK}, {"DOUBLE", FOK}, {"double", FOK}}},
	/* strings: Redshift counts bytes (4 a character, at most 65535); MySQL VARCHAR up
	 * to 255 characters, then TEXT types; a MySQL key at most VARCHAR(768) */
	{"char(1)", TY(CHAR, 1, 0), false, {{"VARCHAR(4)", FOK}, {"char(1)", FOK}, {"CHAR(1)", FOK}, {"string", FOK}}},
	{"char(255)", TY(CHAR, 255, 0), false,
	 {{"VARCHAR(1020)", FOK}, {"char(255)", FOK}, {"CHAR(255)", FOK}, {"string", FOK}}},
	{"char(256)", TY(CHAR, 256, 0), false, {{"VARCHAR(1024)", FOK}, {"char(256)", FOK}, {"TEXT", FOK}, {"string", FOK}}},
	{"char(300)", TY(CHAR, 300, 0), true,
	 {{"VARCHAR(1200)", FOK}, {"char(300)", FOK}, {"VARCHAR(300)", FOK}, {"string", FOK}}},
	{"char(800)", TY(CHAR, 800, 0), true,
	 {{"VARCHAR(3200)", FOK}, {"char(800)", FOK}, {"VARCHAR(768)", WIDE}, {"string", FOK}}},
	{"varchar(20)", TY(VARCHAR, 20, 0), false,
	 {{"VARCHAR(80)", FOK}, {"varchar(20)", FOK}, {"VARCHAR(20)", FOK}, {"string", FOK}}},
	{"varchar(255)", TY(VARCHAR, 255, 0), false,
	 {{"VARCHAR(1020)", FOK}, {"varchar(255)", FOK}, {"VARCHAR(255)", FOK}, {"string", FOK}}},
	{"varchar(256)", TY(VARCHAR, 256, 0), false,
	 {{"VARCHAR(1024)", FOK}, {"varchar(256)", FOK}, {"TEXT", FOK}, {"string", FOK}}},
	{"varchar(16383)", TY(VARCHAR, 16383, 0), false,
	 {{"VARCHAR(65532)", FOK}, {"varchar(16383)", FOK}, {"TEXT", FOK}, {"string", FOK}}},
	{"varchar(16384)", TY(VARCHAR, 16384, 0), false,
	 {{"VARCHAR(65535)", FOK}, {"varchar(16384)", FOK}, {"MEDIUMTEXT", FOK}, {"string", FOK}}},
	{"varchar(65535)", TY(VARCHAR, 65535, 0), false,
	 {{"VARCHAR(65535)", FOK}, {"varchar(65535)", FOK}, {"MEDIUMTEXT", FOK}, {"string", FOK}}},
	{"varchar(65536)", TY(VARCHAR, 65536, 0), false,
	 {{"VARCHAR(65535)", WIDE}, {"varchar(65536)", FOK}, {"MEDIUMTEXT", FOK}, {"string", FOK}}},
	{"varchar(70000)", TY(VARCHAR, 70000, 0), false,
	 {{"VARCHAR(65535)", WIDE}, {"varchar(70000)", FOK}, {"MEDIUMTEXT", FOK}, {"string", FOK}}},
	{"varchar(4194303)", TY(VARCHAR, 4194303, 0), false,
	 {{"VARCHAR(65535)", WIDE}, {"varchar(4194303)", FOK}, {"MEDIUMTEXT", FOK}, {"string", FOK}}},
	{"varchar(4194304)", TY(VARCHAR, 4194304, 0), false,
	 {{"VARCHAR(65535)", WIDE}, {"varchar(4194304)", FOK}, {"LONGTEXT", FOK}, {"string", FOK}}},
	{"varchar", TY(VARCHAR, -1, 0), false, {{"VARCHAR(65535)", FOK}, {"varchar", FOK}, {"LONGTEXT", FOK}, {"string", FOK}}},
	{"varchar(255)", TY(VARCHAR, 255, 0), true,
	 {{"VARCHAR(1020)", FOK}, {"varchar(255)", FOK}, {"VARCHAR(255)", FOK}, {"string", FOK}}},
	{"varchar(256)", TY(VARCHAR, 256, 0), true,
	 {{"VARCHAR(1024)", FOK}, {"varchar(256)", FOK}, {"VARCHAR(256)", FOK}, {"string", FOK}}},
	{"varchar(768)", TY(VARCHAR, 768, 0), true,
	 {{"VARCHAR(3072)", FOK}, {"varchar(768)", FOK}, {"VARCHAR(768)", FOK}, {"string", FOK}}},
	{"varchar(769)", TY(VARCHAR, 769, 0), true,
	 {{"VARCHAR(3076)", FOK}, {"varchar(769)", FOK}, {"VARCHAR(768)", WIDE}, {"string", FOK}}},
	{"varchar(800)", TY(VARCHAR, 800, 0), true,
	 {{"VARCHAR(3200)", FOK}, {"varchar(800)", FOK}, {"VARCHAR(768)", WIDE}, {"string", FOK}}},
	{"varchar", TY(VARCHAR, -1, 0), true, {{"VARCHAR(65535)", FOK}, {"varchar", FOK}, {"VARCHAR(768)", WIDE}, {"string", FOK}}},
	{"text", TY(TEXT, -1, 0), false, {{"VARCHAR(65535)", FOK}, {"text", FOK}, {"LONGTEXT", FOK}, {"string", FOK}}},
	{"text", TY(TEXT, -1, 0), true, {{"VARCHAR(65535)", FOK}, {"text", FOK}, {"VARCHAR(768)", WIDE}, {"string", FOK}}},
	{"bytea", TY(BYTEA, -1, 0), false, {{"VARBYTE(1024000)", FOK}, {"bytea", FOK}, {"LONGBLOB", FOK}, {"string", FOK}}},
	{"bytea", TY(BYTEA, -1, 0), true,
	 {{"VARBYTE(1024000)", FOK}, {"bytea", FOK}, {"VARBINARY(3072)", WIDE}, {"string", FOK}}},
	/* dates and times */
	{"date", TY(DATE, -1, 0), false, {{"DATE", FOK}, {"date", FOK}, {"DATE", FOK}, {"date", FOK}}},
	{"time", TY(TIME, -1, 0), false, {{"TIME", FOK}, {"time", FOK}, {"TIME(6)", FOK}, {"string", FOK}}},
	{"time(3)", TY(TIME, 3, 0), false, {{"TIME", FOK}, {"time(3)", FOK}, {"TIME(6)", FOK}, {"string", FOK}}},
	{"timetz", TY(TIMETZ, -1, 0), false, {{"TIMETZ", FOK}, {"timetz", FOK}, {"VARCHAR(32)", UNSUP}, {"string", FOK}}},
	{"timestamp", TY(TIMESTAMP, -1, 0), false,
	 {{"TIMESTAMP", FOK}, {"timestamp", FOK}, {"DATETIME(6)", FOK}, {"timestamp", FOK}}},
	{"timestamptz", TY(TIMESTAMPTZ, -1, 0), false,
	 {{"TIMESTAMPTZ", FOK}, {"timestamptz", FOK}, {"DATETIME(6)", FOK}, {"timestamp", FOK}}},
	{"timestamptz(3)", TY(TIMESTAMPTZ, 3, 0), false,
	 {{"TIMESTAMPTZ", FOK}, {"timestamptz(3)", FOK}, {"DATETIME(6)", FOK}, {"timestamp", FOK}}},
	{"timestamptz", TY(TIMESTAMPTZ, -1, 0), true,
	 {{"TIMESTAMPTZ", FOK}, {"timestamptz", FOK}, {"DATETIME(6)", FOK}, {"timestamp", FOK}}},
	{"interval", TY(INTERVAL, -1, 0), false,
	 {{"VARCHAR(64)", UNSUP}, {"interval", FOK}, {"VARCHAR(64)", UNSUP}, {"string", FOK}}},
	/* the rest */
	{"uuid", TY(UUID, -1, 0), false, {{"CHAR(36)", FOK}, {"uuid", FOK}, {"CHAR(36)", FOK}, {"string", FOK}}},
	{"uuid", TY(UUID, -1, 0), true, {{"CHAR(36)", FOK}, {"uuid", FOK}, {"CHAR(36)", FOK}, {"string", FOK}}},
	{"json", TY(JSON, -1, 0), false, {{"SUPER", FOK}, {"json", FOK}, {"JSON", FOK}, {"string", FOK}}},
	{"jsonb", TY(JSONB, -1, 0), false, {{"SUPER", FOK}, {"jsonb", FOK}, {"JSON", FOK}, {"string", FOK}}},
	/* arrays: SUPER, JSON, their text in Athena, whatever the element type */
	{"integer[]", ARR(INT4, -1, 0), false, {{"SUPER", FOK}, {"integer[]", FOK}, {"JSON", FOK}, {"string", FOK}}},
	{"varchar(20)[]", ARR(VARCHAR, 20, 0), false,
	 {{"SUPER", FOK}, {"varchar(20)[]", FOK}, {"JSON", FOK}, {"string", FOK}}},
	{"numeric(50,2)[]", ARR(NUMERIC, 50, 2), false,
	 {{"SUPER", FOK}, {"numeric(50,2)[]", FOK}, {"JSON", FOK}, {"string", FOK}}},
	{"interval[]", ARR(INTERVAL, -1, 0), false, {{"SUPER", FOK}, {"interval[]", FOK}, {"JSON", FOK}, {"string", FOK}}},
	{"text[]", ARR(TEXT, -1, 0), false, {{"SUPER", FOK}, {"text[]", FOK}, {"JSON", FOK}, {"string", FOK}}},
};

#define NTYPE_CASES ((int)(sizeof type_cases / sizeof *type_cases))

static const char *const fit_names[] = {"OK", "TOO_WIDE", "UNSUPPORTED", "UNBOUNDED"};

static cdc_type
to_type(cdc_rtype r)
{
	cdc_type t = {r.id, r.array, r.scale, r.mod};
	return t;
}

START_TEST(type_cases_are_cdcc_types)
{
	/* every row's cdc_rtype is what cdcc makes of its spelling */
	for (int i = 0; i < NTYPE_CASES; i++) {
		const type_case *c = &type_cases[i];
		cdc_type t;
		const char *why;
		ck_assert_msg(cdc_type_parse_text(c->cdcc, &t, &why) == CDC_TYERR_OK, "cannot parse %s", c->cdcc);
		ck_assert_msg(t.id == c->t.id && t.array == c->t.array && t.mod == c->t.mod && t.scale == c->t.scale,
		              "%s parses to id %d array %d mod %d scale %d, the row has %d %d %d %d", c->cdcc, t.id, t.array,
		              t.mod, t.scale, c->t.id, c->t.array, c->t.mod, c->t.scale);
	}
}
END_TEST

START_TEST(type_mapping_table)
{
	for (int i = 0; i < NTYPE_CASES; i++) {
		const type_case *c = &type_cases[i];
		for (int d = 0; d < CDC_DIALECT_COUNT; d++) {
			cdc_buf b = CDC_BUF_INIT;
			const char *why = "unset";
			cdc_fit fit = cdc_sql_type(&b, (cdc_dialect)d, c->t, c->key, &why);
			ck_assert_msg(strcmp(cdc_buf_str(&b), c->want[d].text) == 0 && (int)fit == c->want[d].fit,
			              "%s%s in %s: %s %s, want %s %s", c->cdcc, c->key ? " (key)" : "",
			              cdc_dialect_word((cdc_dialect)d), cdc_buf_str(&b), fit_names[fit], c->want[d].text,
			              fit_names[c->want[d].fit]);
			/* a reason comes with every answer but OK, and only then */
			ck_assert_msg((fit == CDC_FIT_OK) == (why == NULL), "%s in %s: fit %s with why %s", c->cdcc,
			              cdc_dialect_word((cdc_dialect)d), fit_names[fit], why ? why : "NULL");
			cdc_buf_free(&b);
		}
	}
}
END_TEST

static void
expect_why(cdc_dialect d, cdc_rtype t, bool key, cdc_fit fit, const char *why)
{
	cdc_buf b = CDC_BUF_INIT;
	const char *got;
	ck_assert_int_eq(cdc_sql_type(&b, d, t, key, &got), fit);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, why);
	cdc_buf_free(&b);
}

START_TEST(type_reasons)
{
	cdc_rtype n39 = TY(NUMERIC, 39, 2), nun = TY(NUMERIC, -1, 0), v70k = TY(VARCHAR, 70000, 0),
	          iv = TY(INTERVAL, -1, 0), v800 = TY(VARCHAR, 800, 0), txt = TY(TEXT, -1, 0), by = TY(BYTEA, -1, 0),
	          n66 = TY(NUMERIC, 66, 0), ttz = TY(TIMETZ, -1, 0);
	expect_why(CDC_DIALECT_REDSHIFT, n39, false, CDC_FIT_TOO_WIDE, "Redshift DECIMAL holds at most 38 digits");
	expect_why(CDC_DIALECT_REDSHIFT, nun, false, CDC_FIT_UNBOUNDED, "it is stored as DECIMAL(38,10)");
	expect_why(CDC_DIALECT_REDSHIFT, v70k, false, CDC_FIT_TOO_WIDE, "Redshift VARCHAR holds at most 65535 bytes");
	expect_why(CDC_DIALECT_REDSHIFT, iv, false, CDC_FIT_UNSUPPORTED,
	           "Redshift has no interval type that holds months and days together");
	expect_why(CDC_DIALECT_MYSQL, v800, true, CDC_FIT_TOO_WIDE,
	           "a MySQL key column holds at most 768 characters (3,072 bytes in utf8mb4)");
	expect_why(CDC_DIALECT_MYSQL, txt, true, CDC_FIT_TOO_WIDE,
	           "a MySQL key column holds at most 768 characters and this type has no length limit");
	expect_why(CDC_DIALECT_MYSQL, by, true, CDC_FIT_TOO_WIDE,
	           "a MySQL key column holds at most 3,072 bytes and bytea has no length limit");
	expect_why(CDC_DIALECT_MYSQL, n66, false, CDC_FIT_TOO_WIDE, "MySQL DECIMAL holds at most 65 digits, 30 after the point");
	expect_why(CDC_DIALECT_MYSQL, nun, false, CDC_FIT_UNBOUNDED, "it is stored as DECIMAL(65,30)");
	expect_why(CDC_DIALECT_MYSQL, ttz, false, CDC_FIT_UNSUPPORTED, "MySQL has no time with time zone");
	expect_why(CDC_DIALECT_MYSQL, iv, false, CDC_FIT_UNSUPPORTED, "MySQL has no interval type");
	expect_why(CDC_DIALECT_ATHENA, nun, false, CDC_FIT_UNBOUNDED, "it is read as decimal(38,10)");
}
END_TEST

START_TEST(type_appends_and_resets_why)
{
	/* the type is appended to the buffer; *why is reset on every call */
	cdc_buf b = CDC_BUF_INIT;
	const char *why;
	cdc_buf_puts(&b, "x ");
	ck_assert_int_eq(cdc_sql_type(&b, CDC_DIALECT_REDSHIFT, (cdc_rtype)TY(INTERVAL, -1, 0), false, &why),
	                 CDC_FIT_UNSUPPORTED);
	ck_assert_ptr_nonnull(why);
	cdc_buf_puts(&b, ", ");
	ck_assert_int_eq(cdc_sql_type(&b, CDC_DIALECT_REDSHIFT, (cdc_rtype)TY(INT4, -1, 0), false, &why), CDC_FIT_OK);
	ck_assert_ptr_null(why);
	ck_assert_str_eq(cdc_buf_str(&b), "x VARCHAR(64), INTEGER");
	cdc_buf_free(&b);
}
END_TEST

/* ---- key sizes --------------------------------------------------------------------------- */

static void
expect_key(cdc_dialect d, const cdc_rtype *types, int n, bool fits, int bytes)
{
	int got = 12345;
	ck_assert_msg(cdc_sql_key_fits(d, types, n, &got) == fits, "%s key of %d columns: fits %d", cdc_dialect_word(d), n,
	              !fits);
	ck_assert_int_eq(got, bytes);
}

START_TEST(key_fits_mysql)
{
	cdc_dialect my = CDC_DIALECT_MYSQL;
	cdc_rtype v384x2[] = {TY(VARCHAR, 384, 0), TY(VARCHAR, 384, 0)};
	cdc_rtype v384_385[] = {TY(VARCHAR, 384, 0), TY(VARCHAR, 385, 0)};
	cdc_rtype v768[] = {TY(VARCHAR, 768, 0)};
	cdc_rtype v768_bool[] = {TY(VARCHAR, 768, 0), TY(BOOL, -1, 0)};
	cdc_rtype ints_uuid[] = {TY(INT8, -1, 0), TY(INT4, -1, 0), TY(INT2, -1, 0), TY(UUID, -1, 0)};
	cdc_rtype times[] = {TY(DATE, -1, 0), TY(TIME, -1, 0), TY(TIMESTAMP, -1, 0), TY(TIMESTAMPTZ, -1, 0)};
	cdc_rtype nums[] = {TY(NUMERIC, 12, 2), TY(NUMERIC, 9, 0), TY(NUMERIC, -1, 0)};
	cdc_rtype c10_v20[] = {TY(CHAR, 10, 0), TY(VARCHAR, 20, 0)};
	cdc_rtype txt[] = {TY(TEXT, -1, 0)};
	cdc_rtype txt_int2[] = {TY(TEXT, -1, 0), TY(INT2, -1, 0)};
	cdc_rtype by[] = {TY(BYTEA, -1, 0)};
	cdc_rtype v900_int4[] = {TY(VARCHAR, 900, 0), TY(INT4, -1, 0)};
	cdc_rtype v730_uuid_int8[] = {TY(VARCHAR, 730, 0), TY(UUID, -1, 0), TY(INT8, -1, 0)};
	cdc_rtype v731_uuid_int8[] = {TY(VARCHAR, 731, 0), TY(UUID, -1, 0), TY(INT8, -1, 0)};
	expect_key(my, v384x2, 2, true, 3072);          /* exactly InnoDB's limit */
	expect_key(my, v384_385, 2, false, 3076);
	expect_key(my, v768, 1, true, 3072);
	expect_key(my, v768_bool, 2, false, 3073);
	expect_key(my, ints_uuid, 4, true, 8 + 4 + 2 + 144);
	expect_key(my, times, 4, true, 3 + 6 + 8 + 8);
	expect_key(my, nums, 3, true, 9 + 5 + 30);     /* 4 bytes a 9 digits, + 1; unbounded 30 */
	expect_key(my, c10_v20, 2, true, 120);
	expect_key(my, txt, 1, true, 3072);            /* unbounded: counted at the key type's bound */
	expect_key(my, txt_int2, 2, false, 3074);
	expect_key(my, by, 1, true, 3072);
	expect_key(my, v900_int4, 2, false, 3076);     /* a too-long varchar counts as 768 */
	expect_key(my, v730_uuid_int8, 3, true, 2920 + 144 + 8);   /* 3072 */
	expect_key(my, v731_uuid_int8, 3, false, 2924 + 144 + 8);
	expect_key(my, v768, 0, true, 0);              /* no key */
}
END_TEST

START_TEST(key_fits_others)
{
	cdc_rtype wide[] = {TY(TEXT, -1, 0), TY(TEXT, -1, 0), TY(BYTEA, -1, 0), TY(VARCHAR, 5000, 0)};
	cdc_rtype v384_385[] = {TY(VARCHAR, 384, 0), TY(VARCHAR, 385, 0)};
	for (int d = 0; d < CDC_DIALECT_COUNT; d++) {
		if (d == CDC_DIALECT_MYSQL)
			continue;
		expect_key((cdc_dialect)d, wide, 4, true, 0);
		expect_key((cdc_dialect)d, v384_385, 2, true, 0);
	}
}
END_TEST

/* ---- what `cdcc check` asks (compiler/dialect.h) ------------------------------------------ */

START_TEST(dialect_fit_follows_the_mapping)
{
	/* the check's answer is the DDL's, row by row, for the database targets */
	static const struct {
		unsigned    kind;
		cdc_dialect d;
	} db[] = {{CDC_K_REDSHIFT, CDC_DIALECT_REDSHIFT}, {CDC_K_TPOSTGRES, CDC_DIALECT_POSTGRES}, {CDC_K_TMYSQL, CDC_DIALECT_MYSQL}};
	for (int i = 0; i < NTYPE_CASES; i++) {
		const type_case *c = &type_cases[i];
		for (int k = 0; k < 3; k++) {
			const char *why = "unset";
			cdc_fit fit = cdc_dialect_fit(db[k].kind, to_type(c->t), c->key, &why);
			ck_assert_msg((int)fit == c->want[db[k].d].fit, "check: %s%s in %s: %s, want %s", c->cdcc,
			              c->key ? " (key)" : "", cdc_dialect_name(db[k].kind), fit_names[fit],
			              fit_names[c->want[db[k].d].fit]);
			cdc_buf b = CDC_BUF_INIT;
			const char *ddl_why;
			cdc_sql_type(&b, db[k].d, c->t, c->key, &ddl_why);
			cdc_buf_free(&b);
			ck_assert_msg(why == ddl_why || (why && ddl_why && strcmp(why, ddl_why) == 0),
			              "check: %s in %s: why %s, ddl says %s", c->cdcc, cdc_dialect_name(db[k].kind),
			              why ? why : "NULL", ddl_why ? ddl_why : "NULL");
		}
		/* the lake holds every type */
		const unsigned lake[] = {CDC_K_S3, CDC_K_TFILES};
		for (int k = 0; k < 2; k++) {
			const char *why = "unset";
			ck_assert_int_eq(cdc_dialect_fit(lake[k], to_type(c->t), c->key, &why), CDC_FIT_OK);
			ck_assert_ptr_null(why);
		}
	}
}
END_TEST

START_TEST(dialect_fit_cases)
{
	const char *why;
	cdc_type n39 = to_type((cdc_rtype)TY(NUMERIC, 39, 2)), iv = to_type((cdc_rtype)TY(INTERVAL, -1, 0)),
	         txt = to_type((cdc_rtype)TY(TEXT, -1, 0)), v800 = to_type((cdc_rtype)TY(VARCHAR, 800, 0));
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_REDSHIFT, n39, false, &why), CDC_FIT_TOO_WIDE);
	ck_assert_str_eq(why, "Redshift DECIMAL holds at most 38 digits");
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TPOSTGRES, n39, false, &why), CDC_FIT_OK);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TMYSQL, iv, false, &why), CDC_FIT_UNSUPPORTED);
	ck_assert_str_eq(why, "MySQL has no interval type");
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TMYSQL, txt, true, &why), CDC_FIT_TOO_WIDE);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TMYSQL, txt, false, &why), CDC_FIT_OK);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TMYSQL, v800, true, &why), CDC_FIT_TOO_WIDE);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_REDSHIFT, v800, true, &why), CDC_FIT_OK);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_S3, iv, false, &why), CDC_FIT_OK);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(cdc_dialect_fit(CDC_K_TFILES, n39, true, &why), CDC_FIT_OK);
	ck_assert_ptr_null(why);
	/* a type sema already reported is not reported again */
	cdc_type err = cdc_type_make(CDC_TY_ERROR);
	for (unsigned k = CDC_K_REDSHIFT; k <= CDC_K_TFILES; k <<= 1) {
		why = "unset";
		ck_assert_int_eq(cdc_dialect_fit(k, err, true, &why), CDC_FIT_OK);
		ck_assert_ptr_null(why);
	}
}
END_TEST

START_TEST(dialect_key_fits)
{
	cdc_type v384x2[] = {to_type((cdc_rtype)TY(VARCHAR, 384, 0)), to_type((cdc_rtype)TY(VARCHAR, 384, 0))};
	cdc_type v384_385[] = {to_type((cdc_rtype)TY(VARCHAR, 384, 0)), to_type((cdc_rtype)TY(VARCHAR, 385, 0))};
	int bytes = -1;
	ck_assert(cdc_dialect_key_fits(CDC_K_TMYSQL, v384x2, 2, &bytes));
	ck_assert_int_eq(bytes, 3072);
	bytes = -1;
	ck_assert(!cdc_dialect_key_fits(CDC_K_TMYSQL, v384_385, 2, &bytes));
	ck_assert_int_eq(bytes, 3076);
	bytes = -1;
	ck_assert(cdc_dialect_key_fits(CDC_K_TMYSQL, v384_385, 0, &bytes));
	ck_assert_int_eq(bytes, 0);
	const unsigned others[] = {CDC_K_REDSHIFT, CDC_K_TPOSTGRES, CDC_K_S3, CDC_K_TFILES};
	for (int k = 0; k < 4; k++) {
		bytes = -1;
		ck_assert_msg(cdc_dialect_key_fits(others[k], v384_385, 2, &bytes), "%s", cdc_dialect_name(others[k]));
		ck_assert_int_eq(bytes, 0);
	}
}
END_TEST

START_TEST(dialect_names_and_limits)
{
	ck_assert(cdc_dialect_folds_names(CDC_K_REDSHIFT));
	ck_assert(cdc_dialect_folds_names(CDC_K_TMYSQL));
	ck_assert(!cdc_dialect_folds_names(CDC_K_TPOSTGRES));
	ck_assert(!cdc_dialect_folds_names(CDC_K_S3));
	ck_assert(!cdc_dialect_folds_names(CDC_K_TFILES));
	ck_assert_int_eq(cdc_dialect_name_max(CDC_K_REDSHIFT), 127);
	ck_assert_int_eq(cdc_dialect_name_max(CDC_K_TPOSTGRES), 63);
	ck_assert_int_eq(cdc_dialect_name_max(CDC_K_TMYSQL), 64);
	ck_assert_int_eq(cdc_dialect_name_max(CDC_K_S3), 0);
	ck_assert_int_eq(cdc_dialect_name_max(CDC_K_TFILES), 0);
	ck_assert_str_eq(cdc_dialect_name(CDC_K_REDSHIFT), "Redshift");
	ck_assert_str_eq(cdc_dialect_name(CDC_K_TPOSTGRES), "PostgreSQL");
	ck_assert_str_eq(cdc_dialect_name(CDC_K_TMYSQL), "MySQL");
	ck_assert_str_eq(cdc_dialect_name(CDC_K_S3), "the s3 lake");
	ck_assert_str_eq(cdc_dialect_name(CDC_K_TFILES), "the files lake");
}
END_TEST

/* ---- cdc_sql_emit on pipelines compiled in memory ----------------------------------------- */

typedef struct sqlpipe {
	tunit   u;
	cdc_ir *ir;
} sqlpipe;

/* Parses, checks and lowers `src` as `cdcc ddl` does; the pipeline must check cleanly. */
static void
sp_open(sqlpipe *p, const char *path, const char *src)
{
	tu_compile_as(&p->u, path, src, true);
	ck_assert_msg(p->u.m != NULL, "syntax errors:\n%s", tu_dump(&p->u));
	ck_clean(&p->u);
	p->ir = cdc_ir_lower(p->u.a, p->u.d, p->u.m, src, strlen(src), false);
	ck_assert_ptr_nonnull(p->ir);
	ck_clean(&p->u);
}

/* cdc_sql_emit's SQL (in the pipeline's arena); *ok its result, *errors its error lines. */
static const char *
sp_emit(sqlpipe *p, cdc_dialect d, const cdc_sql_opts *o, bool *ok, const char **errors)
{
	cdc_buf out = CDC_BUF_INIT, err = CDC_BUF_INIT;
	*ok = cdc_sql_emit(&out, d, p->ir, o, &err);
	const char *r = cdc_arena_strdup(p->u.a, cdc_buf_str(&out));
	*errors = cdc_arena_strdup(p->u.a, cdc_buf_str(&err));
	cdc_buf_free(&out);
	cdc_buf_free(&err);
	return r;
}

/* The same, for output that must be written without errors. */
static const char *
sp_sql(sqlpipe *p, cdc_dialect d, const cdc_sql_opts *o)
{
	bool ok;
	const char *errors;
	const char *sql = sp_emit(p, d, o, &ok, &errors);
	ck_assert_msg(ok, "%s: cdc_sql_emit failed:\n%s", cdc_dialect_word(d), errors);
	ck_assert_str_eq(errors, "");
	return sql;
}

/* (Check's messages are limited in size: at most the start of the SQL, or where the
 * unexpected text is.) */
#define ck_has(sql, s)   ck_assert_msg(strstr((sql), (s)) != NULL, "missing [%s] in:\n%.1500s", (s), (sql))
#define ck_lacks(sql, s) ck_assert_msg(strstr((sql), (s)) == NULL, "unexpected [%s] at:\n%.300s", (s), strstr((sql), (s)))

/* Does the SQL name a per-column "not sent" flag of the collapse (_cdc_u1, _cdc_u2, ...)? */
static bool
has_unsent_flags(const char *sql)
{
	for (const char *p = sql; (p = strstr(p, "_cdc_u")) != NULL; p++)
		if (p[6] >= '0' && p[6] <= '9')
			return true;
	return false;
}

static const char *const every_target =
	"pipeline p {}\n"
	"source s postgres { dsn = env(\"X\") heartbeat = 1m tables = [public.t] }\n"
	"table s.public.t {\n  id bigint primary key\n  note text\n  amount numeric(12,2)\n}\n"
	"target pg postgres { dsn = env(\"P\") }\n"
	"target rs redshift { dsn = env(\"R\") staging = s3(\"s3://b/p/\") }\n"
	"target my mysql { dsn = env(\"M\") }\n"
	"target lake s3 { path = \"s3://lake/raw/\" }\n"
	"target local files { path = \"/var/lib/lake\" }\n"
	"merge s.public.t into pg.an.t {}\n"
	"merge s.public.t into rs.an.t {}\n"
	"merge s.public.t into my.an.t {}\n"
	"merge s.public.t into lake.an.t {}\n"
	"merge s.public.t into local.an.t {}\n";

START_TEST(emit_postgres)
{
	sqlpipe p;
	sp_open(&p, "dir/test.cdc", every_target);
	cdc_sql_opts o = {0};
	const char *sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	char head[256];
	snprintf(head, sizeof head, "-- cdcc ddl --dialect postgres: pipeline p, from test.cdc (sha256 %.12s)\n", p.ir->sha256);
	ck_assert_msg(strncmp(sql, head, strlen(head)) == 0, "header: %s", sql);
	ck_has(sql, "\n-- ==== target pg (postgres) ====\nCREATE SCHEMA IF NOT EXISTS \"cdcc\";\n"
	            "CREATE TABLE IF NOT EXISTS \"cdcc\".\"cdcc_checkpoints\" (\n");
	ck_has(sql, "CREATE TABLE IF NOT EXISTS \"cdcc\".\"cdcc_quarantine\" (\n");
	ck_has(sql, "\n-- s.public.t -> pg.an.t (merge)\nCREATE SCHEMA IF NOT EXISTS \"an\";\n"
	            "CREATE TABLE IF NOT EXISTS \"an\".\"t\" (\n  \"id\" bigint NOT NULL,\n  \"note\" text,\n"
	            "  \"amount\" numeric(12,2),\n  PRIMARY KEY (\"id\")\n);\n");
	/* only this dialect's targets, and without --load no per-batch statements */
	ck_lacks(sql, "target rs");
	ck_lacks(sql, "target my");
	ck_lacks(sql, "MERGE");
	ck_lacks(sql, "cdcc_stage");
	o.load = true;
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "COPY \"cdcc_stage\" (\"_cdc_seq\", \"_cdc_op\", \"_cdc_unchanged\", \"id\", \"note\", \"amount\") "
	            "FROM STDIN;\n");
	/* one MERGE reads the collapse inline; a delete is one of its clauses */
	ck_has(sql, "MERGE INTO \"an\".\"t\" AS t USING (\nSELECT * FROM (\n");
	ck_has(sql, "WHERE x.\"_cdc_rn\" = 1\n) AS b ON t.\"id\" = b.\"id\"\n"
	            "WHEN MATCHED AND b.\"_cdc_op\" = 'D' THEN DELETE\nWHEN MATCHED THEN UPDATE SET\n"
	            "  \"note\" = CASE WHEN b.\"_cdc_u2\" = 1 THEN t.\"note\" ELSE b.\"note\" END,\n");
	ck_has(sql, "WHEN NOT MATCHED AND b.\"_cdc_op\" <> 'D' THEN INSERT (\"id\", \"note\", \"amount\")\n");
	ck_lacks(sql, "DELETE FROM \"an\"");
	ck_lacks(sql, "cdcc_batch");
	ck_has(sql, "ON CONFLICT (\"pipeline\", \"source\") DO UPDATE SET");
	ck_has(sql, "DROP TABLE \"cdcc_stage\";\n");
	tu_free(&p.u);
}
END_TEST

/* A batch loaded ahead (runtime/pg_target.c): its stage is the loader's regular table,
 * created unlogged and never analyzed, filled by the load and read by the apply, which
 * neither creates nor drops it; the other forms are untouched. */
START_TEST(route_ahead_postgres)
{
	sqlpipe p;
	sp_open(&p, "ahead.cdc", every_target);
	const cdc_ir_table *t = &p.ir->tables[0];
	const cdc_ir_route *r = NULL;
	for (int i = 0; i < t->nroutes; i++)
		if (strcmp(p.ir->targets[t->routes[i].target].kind, "postgres") == 0)
			r = &t->routes[i];
	ck_assert_ptr_nonnull(r);
	for (int f = 0; f < 2; f++) {
		cdc_buf stage = CDC_BUF_INIT, load = CDC_BUF_INIT, apply = CDC_BUF_INIT, err = CDC_BUF_INIT;
		cdc_sql_parts parts = {&stage, &load, &apply};
		ck_assert(cdc_sql_route_ahead(CDC_DIALECT_POSTGRES, p.ir, t, r, f == 1, "rt", "cdcc_ahead_x_0_a", &parts, &err));
		ck_assert_str_eq(cdc_buf_str(&err), "");
		ck_has(cdc_buf_str(&stage), "DROP TABLE IF EXISTS \"rt\".\"cdcc_ahead_x_0_a\";\n"
		                            "CREATE UNLOGGED TABLE \"rt\".\"cdcc_ahead_x_0_a\" (\n");
		ck_has(cdc_buf_str(&stage), "\n) WITH (autovacuum_enabled = false);\n");
		ck_has(cdc_buf_str(&load), "COPY \"rt\".\"cdcc_ahead_x_0_a\" (\"_cdc_seq\", ");
		ck_has(cdc_buf_str(&apply), "FROM \"rt\".\"cdcc_ahead_x_0_a\" s");
		ck_lacks(cdc_buf_str(&apply), "cdcc_stage");
		ck_lacks(cdc_buf_str(&apply), "DROP TABLE \"rt\"");
		/* the same route's usual form still stages in a temp table and drops it */
		cdc_buf_truncate(&stage, 0);
		cdc_buf_truncate(&load, 0);
		cdc_buf_truncate(&apply, 0);
		ck_assert(cdc_sql_route_batch(CDC_DIALECT_POSTGRES, p.ir, t, r, f == 1, &parts, &err));
		ck_has(cdc_buf_str(&stage), "CREATE TEMP TABLE \"cdcc_stage\"");
		ck_has(cdc_buf_str(&apply), "DROP TABLE \"cdcc_stage\";\n");
		cdc_buf_free(&stage);
		cdc_buf_free(&load);
		cdc_buf_free(&apply);
		cdc_buf_free(&err);
	}
	/* other dialects have no loader */
	cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT, c = CDC_BUF_INIT, err = CDC_BUF_INIT;
	cdc_sql_parts parts = {&a, &b, &c};
	ck_assert(!cdc_sql_route_ahead(CDC_DIALECT_MYSQL, p.ir, t, r, true, "rt", "x", &parts, &err));
	ck_has(cdc_buf_str(&err), "does not load");
	cdc_buf_free(&a);
	cdc_buf_free(&b);
	cdc_buf_free(&c);
	cdc_buf_free(&err);
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_redshift_merge_has_no_target_alias)
{
	sqlpipe p;
	sp_open(&p, "test.cdc", every_target);
	cdc_sql_opts o = {.load = true};
	const char *sql = sp_sql(&p, CDC_DIALECT_REDSHIFT, &o);
	ck_has(sql, "CREATE TABLE IF NOT EXISTS \"an\".\"t\" (\n  \"id\" BIGINT ENCODE AZ64 NOT NULL,\n"
	            "  \"note\" VARCHAR(65535) ENCODE ZSTD,\n  \"amount\" DECIMAL(12,2) ENCODE AZ64,\n"
	            "  PRIMARY KEY (\"id\")\n)\nDISTSTYLE AUTO;\n");
	ck_has(sql, "FROM 's3://b/p/{{batch}}/an.t.manifest'\nIAM_ROLE default\n");
	/* Redshift's MERGE takes no alias for its target: its columns are named in full */
	ck_has(sql, "MERGE INTO \"an\".\"t\" USING \"cdcc_batch\" AS b ON \"an\".\"t\".\"id\" = b.\"id\"\n");
	ck_has(sql, "  \"note\" = CASE WHEN b.\"_cdc_u2\" = 1 THEN \"an\".\"t\".\"note\" ELSE b.\"note\" END,\n");
	ck_lacks(sql, "MERGE INTO \"an\".\"t\" AS");
	ck_lacks(sql, " t.\"");
	ck_has(sql, "DELETE FROM \"an\".\"t\" USING \"cdcc_batch\" WHERE \"an\".\"t\".\"id\" = \"cdcc_batch\".\"id\" AND "
	            "\"cdcc_batch\".\"_cdc_op\" = 'D';\n");
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_mysql)
{
	sqlpipe p;
	sp_open(&p, "test.cdc", every_target);
	cdc_sql_opts o = {.load = true};
	const char *sql = sp_sql(&p, CDC_DIALECT_MYSQL, &o);
	ck_has(sql, "CREATE TABLE IF NOT EXISTS `an`.`t` (\n  `id` BIGINT NOT NULL,\n  `note` LONGTEXT,\n"
	            "  `amount` DECIMAL(12,2),\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=");
	/* (the collation's name is not asserted: it depends on the target's server) */
	/* temporary tables live in the runtime schema */
	ck_has(sql, "CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (\n");
	ck_has(sql, "LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4\n");
	ck_has(sql, "\n) AS n\nON DUPLICATE KEY UPDATE\n  `note` = n.`note`,\n  `amount` = n.`amount`;\n");
	ck_lacks(sql, "MERGE");
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_full_rows_has_one_sort)
{
	sqlpipe p;
	sp_open(&p, "test.cdc", every_target);
	for (int d = 0; d < CDC_DIALECT_ATHENA; d++) {
		cdc_sql_opts o = {.load = true};
		const char *partial = sp_sql(&p, (cdc_dialect)d, &o);
		ck_assert_msg(has_unsent_flags(partial), "%s: no _cdc_uN without full_rows", cdc_dialect_word((cdc_dialect)d));
		ck_has(partial, "FIRST_VALUE(");
		o.full_rows = true;
		const char *full = sp_sql(&p, (cdc_dialect)d, &o);
		ck_assert_msg(!has_unsent_flags(full), "%s: _cdc_uN with full_rows", cdc_dialect_word((cdc_dialect)d));
		ck_lacks(full, "FIRST_VALUE(");
		ck_lacks(full, "SUBSTRING(");
		if (d == CDC_DIALECT_POSTGRES)
			ck_has(full, "SELECT DISTINCT ON (s.\"id\", CASE WHEN s.\"id\" IS NULL THEN s.\"_cdc_seq\" END) s.*\n"
			             "FROM \"cdcc_stage\" s\nORDER BY s.\"id\", CASE WHEN s.\"id\" IS NULL THEN s.\"_cdc_seq\" END, "
			             "s.\"_cdc_seq\" DESC\n");
		else
			ck_has(full, "SELECT * FROM (\n  SELECT s.*,\n    ROW_NUMBER() OVER (PARTITION BY s.");
		/* the stage still has the column of unsent flags: the runtime sends it */
		ck_has(full, "_cdc_unchanged");
	}
	cdc_sql_opts o = {.load = true, .full_rows = true};
	const char *pg = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(pg, "WHEN MATCHED THEN UPDATE SET\n  \"note\" = b.\"note\",\n  \"amount\" = b.\"amount\"\n"
	           "WHEN NOT MATCHED AND b.\"_cdc_op\" <> 'D' THEN INSERT (\"id\", \"note\", \"amount\")\n"
	           "  VALUES (b.\"id\", b.\"note\", b.\"amount\");\n");
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_athena)
{
	sqlpipe p;
	sp_open(&p, "test.cdc", every_target);
	cdc_sql_opts o = {.load = true};
	const char *sql = sp_sql(&p, CDC_DIALECT_ATHENA, &o);
	ck_has(sql, "\n-- s.public.t -> lake.an.t (append)\nCREATE DATABASE IF NOT EXISTS `an`;\n"
	            "CREATE EXTERNAL TABLE IF NOT EXISTS `an`.`t` (\n  `id` bigint,\n  `note` string,\n"
	            "  `amount` decimal(12,2)\n)\nPARTITIONED BY (`dt` string)\n");
	ck_has(sql, "LOCATION 's3://lake/raw/an/t/'\n");
	ck_has(sql, "'storage.location.template' = 's3://lake/raw/an/t/dt=${dt}/'\n);\n");
	/* the files target is served, but has nothing to create */
	ck_has(sql, "\n-- ==== target local (files) ====\n"
	            "-- a local folder, not S3: Athena cannot read it, so there is no table to create\n");
	ck_lacks(sql, "local.an.t");
	ck_lacks(sql, "cdcc_stage");   /* the lake has no per-batch statements */
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_athena_refuses_names)
{
	sqlpipe p;
	sp_open(&p, "test.cdc",
	        "pipeline p {}\n"
	        "source s postgres { dsn = env(\"X\") heartbeat = 1m tables = [public.t] }\n"
	        "table s.public.t {\n  id bigint primary key\n  \"Page URL\" text\n  dt date\n}\n"
	        "target lake s3 { path = \"s3://lake/raw/\" }\n"
	        "merge s.public.t into lake.web.visits {}\n");
	cdc_sql_opts o = {0};
	bool ok;
	const char *errors;
	const char *sql = sp_emit(&p, CDC_DIALECT_ATHENA, &o, &ok, &errors);
	ck_assert(!ok);
	ck_assert_str_eq(errors,
	                 "lake.web.visits: column \"Page URL\" cannot be an Athena name: only letters, digits and _ are "
	                 "allowed (rename it in a transform or in the merge)\n"
	                 "lake.web.visits: column \"dt\" has the name of a partition column of the lake; rename it in a "
	                 "transform\n");
	ck_has(sql, "CREATE EXTERNAL TABLE IF NOT EXISTS `web`.`visits` (");   /* what it could write */
	/* the other dialects have no target here, and that is no error */
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "\n-- no postgres target in this pipeline\n");
	tu_free(&p.u);
}
END_TEST

START_TEST(emit_filters)
{
	sqlpipe p;
	sp_open(&p, "test.cdc", every_target);
	cdc_sql_opts o = {.target = "nosuch"};
	const char *sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "\n-- no postgres target in this pipeline named nosuch\n");
	ck_lacks(sql, "CREATE");
	o.target = "pg";
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "CREATE TABLE IF NOT EXISTS \"an\".\"t\" (");
	o.target = "rs";   /* a target of another dialect */
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "\n-- no postgres target in this pipeline named rs\n");
	o.target = NULL;
	o.table = "s.public.other";
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "CREATE TABLE IF NOT EXISTS \"cdcc\".\"cdcc_checkpoints\" (");   /* the runtime tables still */
	ck_lacks(sql, "\"an\"");
	o.table = "s.public.t";
	sql = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(sql, "CREATE TABLE IF NOT EXISTS \"an\".\"t\" (");
	tu_free(&p.u);
}
END_TEST

/* No line that begins a comment holds a control character (a CR ends a comment for
 * PostgreSQL's lexer, a LF for every dialect's). */
static void
ck_comments_clean(const char *sql)
{
	for (const char *line = sql; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (n >= 2 && line[0] == '-' && line[1] == '-')
			for (size_t i = 0; i < n; i++)
				ck_assert_msg((unsigned char)line[i] >= 0x20 && line[i] != 0x7f,
				              "control character 0x%02x in comment line [%.*s]", (unsigned char)line[i], (int)n, line);
		line += n + (nl != NULL);
	}
}

START_TEST(emit_control_characters_stay_out_of_comments)
{
	/* quoted names may hold any character but a line break (the lexer's rule) */
	static const char src[] =
		"pipeline p {}\n"
		"source s postgres { dsn = env(\"X\") heartbeat = 1m tables = [public.\"t\x01u\"] }\n"
		"table s.public.\"t\x01u\" {\n  id bigint primary key\n  note text\n}\n"
		"target pg postgres { dsn = env(\"P\") }\n"
		"target rs redshift { dsn = env(\"R\") staging = s3(\"s3://b/p/\") }\n"
		"target my mysql { dsn = env(\"M\") }\n"
		"merge s.public.\"t\x01u\" into pg.an.\"a\rb\tc\x7f" "d\" {}\n"
		"merge s.public.\"t\x01u\" into rs.an.\"a\rb\tc\x7f" "d\" {}\n"
		"merge s.public.\"t\x01u\" into my.an.\"a\rb\tc\x7f" "d\" {}\n";
	sqlpipe p;
	sp_open(&p, "dir/a\rb.cdc", src);   /* the file's name is in the header comment */
	for (int load = 0; load < 2; load++)
		for (int d = 0; d < CDC_DIALECT_ATHENA; d++) {
			cdc_sql_opts o = {.load = load};
			const char *sql = sp_sql(&p, (cdc_dialect)d, &o);
			ck_comments_clean(sql);
			ck_has(sql, ", from a?b.cdc (sha256 ");
		}
	cdc_sql_opts o = {.load = true};
	const char *pg = sp_sql(&p, CDC_DIALECT_POSTGRES, &o);
	ck_has(pg, "\n-- s.public.\"t?u\" -> pg.an.\"a?b?c?d\" (merge)\n");
	/* in the SQL itself the name is a quoted identifier, with its characters as they are */
	ck_has(pg, "CREATE TABLE IF NOT EXISTS \"an\".\"a\rb\tc\x7f" "d\" (\n");
	const char *rs = sp_sql(&p, CDC_DIALECT_REDSHIFT, &o);
	ck_has(rs, "\n-- s.public.\"t?u\" -> rs.an.\"a?b?c?d\" (merge)\n");
	ck_has(rs, "CREATE TABLE IF NOT EXISTS \"an\".\"a\rb\tc\x7f" "d\" (\n");
	/* in an S3 key such bytes are %XX */
	ck_has(rs, "FROM 's3://b/p/{{batch}}/an.a%0Db%09c%7Fd.manifest'\n");
	const char *my = sp_sql(&p, CDC_DIALECT_MYSQL, &o);
	ck_has(my, "\n-- s.public.\"t?u\" -> my.an.\"a?b?c?d\" (merge)\n");
	ck_has(my, "CREATE TABLE IF NOT EXISTS `an`.`a\rb\tc\x7f" "d` (\n");
	tu_free(&p.u);
}
END_TEST

Suite *
sql_suite(void)
{
	Suite *s = suite_create("sql");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, dialect_words);
	tcase_add_test(tc, dialect_serves_target_kinds);
	tcase_add_test(tc, ident_postgres);
	tcase_add_test(tc, ident_redshift);
	tcase_add_test(tc, ident_mysql);
	tcase_add_test(tc, ident_athena);
	tcase_add_test(tc, ident_appends);
	tcase_add_test(tc, string_literals);
	tcase_add_test(tc, type_cases_are_cdcc_types);
	tcase_add_test(tc, type_mapping_table);
	tcase_add_test(tc, type_reasons);
	tcase_add_test(tc, type_appends_and_resets_why);
	tcase_add_test(tc, key_fits_mysql);
	tcase_add_test(tc, key_fits_others);
	tcase_add_test(tc, dialect_fit_follows_the_mapping);
	tcase_add_test(tc, dialect_fit_cases);
	tcase_add_test(tc, dialect_key_fits);
	tcase_add_test(tc, dialect_names_and_limits);
	tcase_add_test(tc, emit_postgres);
	tcase_add_test(tc, route_ahead_postgres);
	tcase_add_test(tc, emit_redshift_merge_has_no_target_alias);
	tcase_add_test(tc, emit_mysql);
	tcase_add_test(tc, emit_full_rows_has_one_sort);
	tcase_add_test(tc, emit_athena);
	tcase_add_test(tc, emit_athena_refuses_names);
	tcase_add_test(tc, emit_filters);
	tcase_add_test(tc, emit_control_characters_stay_out_of_comments);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * tests/unit/test_lexer.c — the scanner: tokens, literals, patterns, comments, errors.
 */
#include "unit.h"

#include "grammar/parser.h"

#include <stdlib.h>

typedef struct lexed {
	tunit   u;
	int     tok[256];
	cdc_loc loc[256];
	int     n;
} lexed;

static void
lex(lexed *l, const char *src)
{
	tu_compile_as(&l->u, "lex.cdc", "", false);
	l->u.f = cdc_srcfile_from_mem(l->u.a, "lex.cdc", src, strlen(src));
	l->u.d = cdc_diag_new(l->u.a, l->u.f);
	l->u.p.file = l->u.f;
	l->u.p.diags = l->u.d;
	l->u.p.ncomments = 0;
	l->n = cdc_lex_tokens(&l->u.p, l->tok, l->loc, 256);
}

/* The source text of token i. */
static const char *
text(lexed *l, int i)
{
	return cdc_arena_strndup(l->u.a, l->u.f->text + l->loc[i].start, l->loc[i].end - l->loc[i].start);
}

static void
expect_tokens(const char *src, const int *want, int nwant)
{
	lexed l;
	lex(&l, src);
	ck_assert_msg(l.n == nwant, "\"%s\": %d tokens, want %d", src, l.n, nwant);
	for (int i = 0; i < nwant; i++)
		ck_assert_msg(l.tok[i] == want[i], "\"%s\": token %d (%s) is %d, want %d", src, i,
		              text(&l, i), l.tok[i], want[i]);
	ck_assert_msg(cdc_diag_count(l.u.d) == 0, "\"%s\": %s", src, tu_dump(&l.u));
	tu_free(&l.u);
}

#define TOKENS(src, ...) do { const int w_[] = {__VA_ARGS__}; \
	expect_tokens(src, w_, (int)(sizeof w_ / sizeof w_[0])); } while (0)

START_TEST(block_header_tokens)
{
	TOKENS("source s postgres { dsn = env(\"X\") }",
	       SOURCE, NAME, NAME, '{', NAME, '=', NAME, '(', DQSTRING, ')', '}');
	TOKENS("merge a.b.c into d.e.f", MERGE, NAME, '.', NAME, '.', NAME, INTO, NAME, '.', NAME, '.', NAME);
}
END_TEST

START_TEST(keywords_fold_case)
{
	TOKENS("AND and And aNd", AND, AND, AND, AND);
	TOKENS("Key KEY key_x", KEY, KEY, NAME);
	TOKENS("not null is true false", NOT, NULL_P, IS, TRUE_P, FALSE_P);
	ck_assert(cdc_lex_is_reserved("case"));
	ck_assert(!cdc_lex_is_reserved("source"));
	ck_assert(!cdc_lex_is_reserved("amount"));
}
END_TEST

START_TEST(literals)
{
	TOKENS("42 4.2 .5 1e3 2.5E-3", INTEGER, DECIMAL, DECIMAL, FLOAT, FLOAT);
	TOKENS("10s 500ms 5m 1.5h 2d", DURATION, DURATION, DURATION, DURATION, DURATION);
	TOKENS("64MB 1GiB 512kB 100B 2tb", SIZE, SIZE, SIZE, SIZE, SIZE);
	TOKENS("'it''s' \"a\"\"b\" ''", SQSTRING, DQSTRING, SQSTRING);
	TOKENS(":: || <= >= <> != => ==", COLONCOLON, CONCAT, LE, GE, NE, NE, ARROW, EQEQ);
}
END_TEST

START_TEST(string_contents)
{
	tunit u;
	tu_compile_as(&u, "t.cdc", "test \"a\"\"b\" { given s.t { insert { x = 'it''s' } } }", false);
	ck_assert_int_eq(u.p.syntax_errors, 0);
	const cdc_node *t = u.p.root->a;
	ck_assert_str_eq(t->b->text, "a\"b");
	ck_assert_str_eq(t->a->b->a->b->text, "it's");
	tu_free(&u);
}
END_TEST

START_TEST(patterns)
{
	TOKENS("public.*", NAME, DOTPAT);
	TOKENS("sales.order_%", NAME, DOTPAT);
	TOKENS("shop.*.orders", NAME, DOTPAT, '.', NAME);
	TOKENS("*.orders", WILDHEAD, '.', NAME);
	TOKENS("%.orders", WILDHEAD, '.', NAME);
	/* without a dot next to it, * and % are operators */
	TOKENS("a * b % c", NAME, '*', NAME, '%', NAME);
	TOKENS("a*.5", NAME, '*', DECIMAL);
	TOKENS("public.orders", NAME, '.', NAME);
	/* one-part patterns end a list item and start or end with a wildcard */
	TOKENS("[orders_%, *]", '[', WILDHEAD, ',', WILDHEAD, ']');
	TOKENS("[%_log ]", '[', WILDHEAD, ']');
	TOKENS("f(amount%7, 0)", NAME, '(', NAME, '%', INTEGER, ',', INTEGER, ')');
	TOKENS("f(a %b, 0)", NAME, '(', NAME, '%', NAME, ',', INTEGER, ')');
	TOKENS("g(1, x*, 2)", NAME, '(', INTEGER, ',', WILDHEAD, ',', INTEGER, ')');
}
END_TEST

START_TEST(multiword_types_and_lookahead)
{
	TOKENS("double precision", NAME);
	TOKENS("timestamp  with\ttime zone", NAME);
	TOKENS("character varying", NAME);
	TOKENS("a NOT LIKE b", NAME, NOT_LA, LIKE, NAME);
	TOKENS("a not in (1)", NAME, NOT_LA, IN_P, '(', INTEGER, ')');
	TOKENS("NOT in_stock", NOT, NAME);
	TOKENS("primary key (a)", PRIMARY_LA, KEY, '(', NAME, ')');
	TOKENS("primary key", PRIMARY, KEY);
}
END_TEST

START_TEST(comments_recorded)
{
	lexed l;
	lex(&l, "-- one\nx /* two /* nested */ still */ y -- three\n");
	ck_assert_int_eq(l.n, 2);
	ck_assert_uint_eq(l.u.p.ncomments, 3);
	ck_assert(l.u.p.comments[0].own_line);
	ck_assert(!l.u.p.comments[1].own_line);
	ck_assert(!l.u.p.comments[2].own_line);
	ck_assert_uint_eq(l.u.p.comments[1].loc.start, 9);
	ck_assert_uint_eq(l.u.p.comments[1].loc.end, 37);
	tu_free(&l.u);
}
END_TEST

START_TEST(locations_are_byte_offsets)
{
	lexed l;
	lex(&l, "a  \"é\" bc");
	ck_assert_int_eq(l.n, 3);
	ck_assert_uint_eq(l.loc[1].start, 3);
	ck_assert_uint_eq(l.loc[1].end, 7);   /* é is two bytes */
	ck_assert_uint_eq(l.loc[2].start, 8);
	uint32_t line, col;
	cdc_srcfile_linecol(l.u.f, 8, &line, &col);
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(col, 8);             /* columns count characters */
	tu_free(&l.u);
}
END_TEST

static void
expect_error(const char *src, cdc_diag_code code)
{
	lexed l;
	lex(&l, src);
	ck_assert_msg(tu_count(&l.u, code) == 1, "\"%s\": want %s, got:\n%s", src,
	              cdc_diag_info_of(code)->code, tu_dump(&l.u));
	tu_free(&l.u);
}

START_TEST(lexical_errors)
{
	expect_error("x = \"abc\ny", CDC_E0101);
	expect_error("x = 'abc", CDC_E0101);
	expect_error("@", CDC_E0103);
	expect_error("a /* b /* c */", CDC_E0104);
	expect_error("10x", CDC_E0105);
	expect_error("12abc", CDC_E0105);
	expect_error("1.2.3", CDC_E0105);
	expect_error("x \xff y", CDC_E0106);
	expect_error("\xed\xa0\x80", CDC_E0106);       /* a surrogate */
	expect_error("\xc0\xaf", CDC_E0106);           /* overlong */
	char longname[200];
	memset(longname, 'a', 150);
	longname[150] = 0;
	expect_error(longname, CDC_E0108);
}
END_TEST

/* Tokens longer than flex's 16 KiB buffer (a long comment, string, run of blanks) once
 * overflowed the trailing-context state buffer. */
START_TEST(long_tokens)
{
	size_t n = 70000;
	char *src = malloc(n + 64);
	strcpy(src, "-- ");
	memset(src + 3, 'a', n);
	strcpy(src + 3 + n, "\nx");
	lexed l;
	lex(&l, src);
	ck_assert_int_eq(l.n, 1);
	ck_assert_uint_eq(l.u.p.ncomments, 1);
	tu_free(&l.u);
	strcpy(src, "[");
	memset(src + 1, ' ', n);
	strcpy(src + 1 + n, "orders_%, *]");
	lex(&l, src);
	ck_assert_int_eq(l.n, 5);
	ck_assert_int_eq(l.tok[1], WILDHEAD);
	tu_free(&l.u);
	src[0] = '"';
	memset(src + 1, 'b', n);
	strcpy(src + 1 + n, "\" not like");
	lex(&l, src);
	ck_assert_int_eq(l.n, 3);
	ck_assert_int_eq(l.tok[1], NOT_LA);
	tu_free(&l.u);
	free(src);
}
END_TEST

Suite *
lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, block_header_tokens);
	tcase_add_test(tc, keywords_fold_case);
	tcase_add_test(tc, literals);
	tcase_add_test(tc, string_contents);
	tcase_add_test(tc, patterns);
	tcase_add_test(tc, multiword_types_and_lookahead);
	tcase_add_test(tc, comments_recorded);
	tcase_add_test(tc, locations_are_byte_offsets);
	tcase_add_test(tc, lexical_errors);
	tcase_add_test(tc, long_tokens);
	suite_add_tcase(s, tc);
	return s;
}

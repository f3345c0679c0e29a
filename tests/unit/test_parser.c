/*
 * tests/unit/test_parser.c — the grammar: precedence, every construct, recovery.
 */
#include "unit.h"

/* Expressions as fully parenthesized S-expressions. */
static void
sx(cdc_buf *b, const cdc_node *e)
{
	const char *not = (e->flags & CDC_NF_NOT) ? "NOT " : "";
	switch (e->kind) {
	case CDC_N_E_LIT:
		cdc_buf_puts(b, e->op == CDC_LIT_STRING ? "'" : "");
		cdc_buf_puts(b, e->text);
		cdc_buf_puts(b, e->op == CDC_LIT_STRING ? "'" : "");
		break;
	case CDC_N_E_COL:
		cdc_buf_puts(b, e->a->key);
		break;
	case CDC_N_E_UNARY:
		cdc_buf_printf(b, "(%s ", cdc_ast_op_text(e->op));
		sx(b, e->a);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_BINARY:
	case CDC_N_E_LIKE:
		cdc_buf_printf(b, "(%s%s ", not, cdc_ast_op_text(e->op));
		sx(b, e->a);
		cdc_buf_putc(b, ' ');
		sx(b, e->b);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_IS:
		cdc_buf_printf(b, "(IS %s%s ", not, (const char *[]){"NULL", "TRUE", "FALSE", "DISTINCT"}[e->op]);
		sx(b, e->a);
		if (e->b) {
			cdc_buf_putc(b, ' ');
			sx(b, e->b);
		}
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_IN:
		cdc_buf_printf(b, "(%sIN ", not);
		sx(b, e->a);
		for (const cdc_node *i = e->b; i; i = i->next) {
			cdc_buf_putc(b, ' ');
			sx(b, i);
		}
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_BETWEEN:
		cdc_buf_printf(b, "(%sBETWEEN ", not);
		sx(b, e->a);
		cdc_buf_putc(b, ' ');
		sx(b, e->b);
		cdc_buf_putc(b, ' ');
		sx(b, e->c);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_CASE:
		cdc_buf_puts(b, "(CASE");
		if (e->a) {
			cdc_buf_putc(b, ' ');
			sx(b, e->a);
		}
		for (const cdc_node *w = e->b; w; w = w->next) {
			cdc_buf_puts(b, " (WHEN ");
			sx(b, w->a);
			cdc_buf_putc(b, ' ');
			sx(b, w->b);
			cdc_buf_putc(b, ')');
		}
		if (e->c) {
			cdc_buf_puts(b, " (ELSE ");
			sx(b, e->c);
			cdc_buf_putc(b, ')');
		}
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_CAST:
		cdc_buf_puts(b, "(CAST ");
		sx(b, e->a);
		cdc_buf_printf(b, " %s", e->b->text);
		for (const cdc_node *m = e->b->a; m; m = m->next)
			cdc_buf_printf(b, "%s%s", m == e->b->a ? "(" : ",", m->text);
		cdc_buf_puts(b, e->b->a ? ")" : "");
		cdc_buf_puts(b, (e->b->flags & CDC_NF_ARRAY) ? "[])" : ")");
		break;
	case CDC_N_E_CALL:
		cdc_buf_printf(b, "(%s", e->a->key);
		for (const cdc_node *a = e->b; a; a = a->next) {
			cdc_buf_putc(b, ' ');
			if (a->kind == CDC_N_E_NAMEDARG) {
				cdc_buf_printf(b, "%s=>", a->a->key);
				sx(b, a->b);
			} else {
				sx(b, a);
			}
		}
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_EXTRACT:
		cdc_buf_printf(b, "(%s %s ", e->c->key, e->a->key);
		sx(b, e->b);
		cdc_buf_putc(b, ')');
		break;
	default:
		cdc_buf_puts(b, "?");
	}
}

/* Parses `expr` as a transform step's value and returns its S-expression. */
static void
expect_expr(const char *expr, const char *want)
{
	char src[1024];
	snprintf(src, sizeof src, "transform s.t.u {\n  x = %s\n}\n", expr);
	tunit u;
	tu_compile_as(&u, "t.cdc", src, false);
	ck_assert_msg(u.p.syntax_errors == 0, "%s: %s", expr, tu_dump(&u));
	cdc_buf b = CDC_BUF_INIT;
	sx(&b, u.p.root->a->b->b);
	ck_assert_msg(strcmp(cdc_buf_str(&b), want) == 0, "%s\n  got  %s\n  want %s", expr, cdc_buf_str(&b), want);
	cdc_buf_free(&b);
	tu_free(&u);
}

START_TEST(precedence)
{
	expect_expr("a OR b AND c", "(OR a (AND b c))");
	expect_expr("NOT a = b", "(NOT (= a b))");
	expect_expr("a + b * c - d", "(- (+ a (* b c)) d)");
	expect_expr("a * b ^ c", "(* a (^ b c))");
	expect_expr("-a ^ 2", "(^ (- a) 2)");
	expect_expr("a || b = c", "(= (|| a b) c)");
	expect_expr("a + b || c", "(|| (+ a b) c)");
	expect_expr("a = b IS NULL", "(IS NULL (= a b))");
	expect_expr("a IS NOT NULL AND b", "(AND (IS NOT NULL a) b)");
	expect_expr("x BETWEEN 1 AND 2 AND y", "(AND (BETWEEN x 1 2) y)");
	expect_expr("x NOT BETWEEN a + 1 AND b", "(NOT BETWEEN x (+ a 1) b)");
	expect_expr("a = b NOT LIKE c", "(= a (NOT LIKE b c))");
	expect_expr("NOT a LIKE b", "(NOT (LIKE a b))");
	expect_expr("a NOT IN (1, 2) OR b ILIKE 'x%'", "(OR (NOT IN a 1 2) (ILIKE b 'x%'))");
	expect_expr("a::int + 1", "(+ (CAST a int) 1)");
	expect_expr("-a::numeric(12,2)", "(- (CAST a numeric(12,2)))");
	expect_expr("(a + b) * c", "(* (+ a b) c)");
}
END_TEST

START_TEST(expression_forms)
{
	expect_expr("a IS NOT DISTINCT FROM b", "(IS NOT DISTINCT a b)");
	expect_expr("a IS TRUE", "(IS TRUE a)");
	expect_expr("CAST(x AS text[])", "(CAST x text[])");
	expect_expr("x::double precision", "(CAST x double precision)");
	expect_expr("CASE x WHEN 1 THEN 'a' ELSE 'b' END", "(CASE x (WHEN 1 'a') (ELSE 'b'))");
	expect_expr("CASE WHEN a THEN 1 WHEN b THEN 2 END", "(CASE (WHEN a 1) (WHEN b 2))");
	expect_expr("mask(card, keep_last => 4)", "(mask card keep_last=>4)");
	expect_expr("extract(year FROM ts)", "(extract year ts)");
	expect_expr("now()", "(now)");
	expect_expr("\"Weird Col\" || 'x'", "(|| Weird Col 'x')");
	expect_expr("commit_time() - 5m", "(- (commit_time) 5m)");
	expect_expr("key + source", "(+ key source)");   /* unreserved words as columns */
}
END_TEST

START_TEST(every_block)
{
	const char *src =
		"pipeline p { description = \"d\" }\n"
		"source s postgres { dsn = env(\"X\") tables = [public.*, \"My\".t] batch { rows = 1 } }\n"
		"target t redshift { staging = s3(\"s3://b/\", region = \"r\") n = -5 z = 1.5 }\n"
		"table s.public.orders { id bigint primary key, a numeric(12,2) not null\n b text[]\n primary key (id) }\n"
		"quality s.public.* { require a > 0 else quarantine  require k: b IS NULL  warn w: true }\n"
		"transform s.public.orders { x = 1  drop a, b  rename c to d  filter x > 0 }\n"
		"merge s.public.* into t.an.* { key = (id) deletes = soft(_d) sortkey = compound(a, b) }\n"
		"test \"t\" { given s.public.orders { insert { id = 1, a = 2 } delete { id = 1 } }\n"
		"  given s.public.orders from \"f.jsonl\"\n"
		"  expect t.an.orders { row { id = 1 } }\n"
		"  expect quarantine s.public.orders { row k { id = 2 } }\n"
		"  expect failure \"a > 0\" }\n";
	tunit u;
	tu_compile_as(&u, "t.cdc", src, false);
	ck_assert_msg(u.p.syntax_errors == 0, "%s", tu_dump(&u));
	const cdc_node *it = u.p.root->a;
	cdc_node_kind kinds[] = {CDC_N_PIPELINE, CDC_N_SOURCE, CDC_N_TARGET, CDC_N_TABLE, CDC_N_QUALITY,
	                         CDC_N_TRANSFORM, CDC_N_MERGE, CDC_N_TEST};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++, it = it->next)
		ck_assert_int_eq(it->kind, kinds[i]);
	ck_assert_ptr_null(it);
	const cdc_node *tbl = u.p.root->a->next->next->next;
	ck_assert_uint_eq(cdc_ast_list_len(tbl->b), 4);
	ck_assert_int_eq(tbl->b->op, CDC_COL_PKEY);
	ck_assert_int_eq(tbl->b->next->op, CDC_COL_NOTNULL);
	ck_assert(tbl->b->next->next->b->flags & CDC_NF_ARRAY);
	ck_assert_int_eq(tbl->b->next->next->next->kind, CDC_N_PKEY);
	const cdc_node *src_tables = u.p.root->a->next->c->next->b;
	ck_assert_int_eq(src_tables->kind, CDC_N_V_LIST);
	ck_assert(src_tables->a->a->next->flags & CDC_NF_WILD);
	ck_assert(src_tables->a->next->a->flags & CDC_NF_QUOTED);
	ck_assert_str_eq(cdc_ast_path_text(u.a, src_tables->a->next), "\"My\".t");
	const cdc_node *neg = u.p.root->a->next->next->c->next->b;
	ck_assert_int_eq(neg->kind, CDC_N_V_NUMBER);
	ck_assert_int_eq(neg->op, 1);
	tu_free(&u);
}
END_TEST

START_TEST(recovery_reports_every_block)
{
	const char *src =
		"pipeline p { x = }\n"
		"source s postgres { dsn = = \"x\" }\n"
		"quality s.a.b { require a >= else fail }\n"
		"transform s.a.b { x = 1 + }\n"
		"merge s.a.b into t.a.b { key = ( }\n";
	tunit u;
	tu_compile_as(&u, "t.cdc", src, false);
	ck_assert_msg(tu_count(&u, CDC_E0102) == 5, "%s", tu_dump(&u));
	ck_assert_uint_eq(cdc_ast_list_len(u.p.root->a), 5);   /* every block still parsed */
	tu_free(&u);
}
END_TEST

START_TEST(nesting_limit)
{
	char src[8192] = "transform s.t.u { x = ";
	for (int i = 0; i < 2000; i++)
		strcat(src, "(");
	strcat(src, "1");
	tunit u;
	tu_compile_as(&u, "t.cdc", src, false);
	ck_assert_msg(tu_count(&u, CDC_E0109) == 1, "%s", tu_dump(&u));
	tu_free(&u);
}
END_TEST

START_TEST(primary_is_not_a_column_name)
{
	tunit u;
	tu_compile_as(&u, "t.cdc", "table s.a.b { primary int }", false);
	ck_assert_int_gt(u.p.syntax_errors, 0);
	tu_free(&u);
	tu_compile_as(&u, "t.cdc", "table s.a.b { \"primary\" int  key int  source text }", false);
	ck_assert_int_eq(u.p.syntax_errors, 0);
	tu_free(&u);
}
END_TEST

Suite *
parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, precedence);
	tcase_add_test(tc, expression_forms);
	tcase_add_test(tc, every_block);
	tcase_add_test(tc, recovery_reports_every_block);
	tcase_add_test(tc, nesting_limit);
	tcase_add_test(tc, primary_is_not_a_column_name);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * tests/unit/test_support.c — arena, buffer, hash map, patterns, suggestions, the
 * builtin and option tables, diagnostics.
 */
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>

#include "compiler/options.h"
#include "compiler/pattern.h"
#include "compiler/suggest.h"
#include "runtime/hmap.h"
#include "stdlib/builtins.h"

START_TEST(arena_alignment_and_reset)
{
	cdc_arena *a = cdc_arena_new("t");
	for (int i = 1; i < 5000; i++) {
		void *p = cdc_arena_alloc(a, (size_t)(i % 97) + 1);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		memset(p, 0xAB, (size_t)(i % 97) + 1);
	}
	char *big = cdc_arena_alloc(a, 3 * 1024 * 1024);   /* larger than any chunk */
	memset(big, 1, 3 * 1024 * 1024);
	ck_assert_str_eq(cdc_arena_printf(a, "%s-%d", "x", 42), "x-42");
	ck_assert_str_eq(cdc_arena_strndup(a, "abcdef", 3), "abc");
	ck_assert_uint_gt(cdc_arena_bytes(a), 3 * 1024 * 1024);
	cdc_arena_reset(a);
	ck_assert_uint_eq(cdc_arena_bytes(a), 0);
	char *z = cdc_arena_zalloc(a, 100);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(z[i], 0);
	cdc_arena_free(a);
}
END_TEST

START_TEST(buf_operations)
{
	cdc_buf b = CDC_BUF_INIT;
	ck_assert_str_eq(cdc_buf_str(&b), "");
	cdc_buf_puts(&b, "ab");
	cdc_buf_putc(&b, 'c');
	cdc_buf_pad(&b, '-', 3);
	cdc_buf_printf(&b, "%05d", 42);
	ck_assert_str_eq(cdc_buf_str(&b), "abc---00042");
	cdc_buf_truncate(&b, 3);
	ck_assert_str_eq(cdc_buf_str(&b), "abc");
	for (int i = 0; i < 10000; i++)
		cdc_buf_putc(&b, 'x');
	ck_assert_uint_eq(b.len, 10003);
	cdc_buf_free(&b);
}
END_TEST

START_TEST(hmap_many_keys)
{
	cdc_arena *a = cdc_arena_new("t");
	cdc_hmap m = CDC_HMAP_INIT;
	for (int i = 0; i < 20000; i++) {
		char *k = cdc_arena_printf(a, "key%d", i);
		ck_assert_ptr_null(cdc_hmap_put(&m, k, (void *)(intptr_t)(i + 1)));
	}
	ck_assert_uint_eq(m.count, 20000);
	for (int i = 0; i < 20000; i += 7) {
		char k[32];
		snprintf(k, sizeof k, "key%d", i);
		ck_assert_int_eq((intptr_t)cdc_hmap_get(&m, k), i + 1);
	}
	ck_assert_ptr_null(cdc_hmap_get(&m, "nope"));
	ck_assert_int_eq((intptr_t)cdc_hmap_put(&m, "key5", (void *)99), 6);
	ck_assert_int_eq((intptr_t)cdc_hmap_get(&m, "key5"), 99);
	cdc_hmap_free(&m);
	cdc_arena_free(a);
}
END_TEST

START_TEST(pattern_matching)
{
	ck_assert(cdc_pattern_match("*", ""));
	ck_assert(cdc_pattern_match("*", "orders"));
	ck_assert(cdc_pattern_match("%", "orders"));
	ck_assert(cdc_pattern_match("order_%", "order_2024"));
	ck_assert(cdc_pattern_match("order_%", "order_"));
	ck_assert(!cdc_pattern_match("order_%", "orders"));
	ck_assert(cdc_pattern_match("a*b*c", "axxbyyc"));
	ck_assert(!cdc_pattern_match("a*b*c", "axxbyy"));
	ck_assert(cdc_pattern_match("*ab", "aaab"));          /* backtracking */
	ck_assert(cdc_pattern_match("tmp_*_old", "tmp_x_y_old"));
	ck_assert(!cdc_pattern_match("orders", "orders2"));
	ck_assert(cdc_pattern_match("orders", "orders"));
	ck_assert(!cdc_pattern_match("_x", "ax"));            /* '_' is literal, unlike LIKE */
	ck_assert_int_eq(cdc_pattern_specificity("order_%"), 6);
	ck_assert_int_eq(cdc_pattern_specificity("*"), 0);
}
END_TEST

START_TEST(suggestions)
{
	ck_assert_uint_eq(cdc_suggest_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(cdc_suggest_distance("teh", "the"), 1);
	ck_assert_uint_eq(cdc_suggest_distance("Amount", "amount"), 0);
	cdc_suggest s;
	cdc_suggest_init(&s, "amout");
	cdc_suggest_add(&s, "id");
	cdc_suggest_add(&s, "amount");
	cdc_suggest_add(&s, "mount");
	ck_assert_str_eq(cdc_suggest_best(&s), "amount");
	cdc_suggest_init(&s, "xyz");
	cdc_suggest_add(&s, "amount");
	ck_assert_ptr_null(cdc_suggest_best(&s));
}
END_TEST

START_TEST(builtin_table)
{
	int n;
	for (int i = 0; i < cdc_builtin_count(); i++) {
		const cdc_builtin *b = cdc_builtin_at(i);
		ck_assert_msg(b->doc[0], "%s has no doc", b->name);
		ck_assert_int_le(b->min_args, b->nparams);
	}
	const cdc_builtin *b = cdc_builtin_find("TO_TIMESTAMP", &n);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(n, 2);
	b = cdc_builtin_find("coalesce", &n);
	ck_assert(b->variadic);
	ck_assert_int_eq(b->params[0].cls, CDC_PC_T);
	b = cdc_builtin_find("mask", &n);
	ck_assert_int_eq(b->min_args, 1);
	ck_assert_str_eq(b->params[1].name, "keep_last");
	ck_assert(b->params[1].optional);
	ck_assert_ptr_null(cdc_builtin_find("no_such_fn", &n));
}
END_TEST

START_TEST(option_table)
{
	for (int id = 0; id < CDC_OPT_COUNT; id++) {
		const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
		ck_assert_int_eq(d->id, id);
		ck_assert_msg(d->doc[0], "option %s has no doc", d->name);
		if (d->vkind == CDC_V_ENUM) {
			ck_assert_msg(d->choices[0], "enum option %s has no choices", d->name);
			ck_assert_msg(d->dflt[0] == 0 || cdc_opt_choice_ok(d, d->dflt) || strchr(d->dflt, ' '),
			              "default of %s is not a choice", d->name);
		}
		ck_assert_msg(!d->required || !d->dflt[0], "required option %s has a default", d->name);
	}
	ck_assert_ptr_nonnull(cdc_kind_find("redshift", true));
	ck_assert_ptr_null(cdc_kind_find("redshift", false));
	char buf[64];
	ck_assert_str_eq(cdc_kind_list(CDC_K_POSTGRES | CDC_K_MYSQL, buf, sizeof buf), "postgres and mysql sources");
}
END_TEST

START_TEST(diag_codes_unique)
{
	for (int i = 0; i < CDC_DIAG_COUNT; i++) {
		const cdc_diag_info *d = cdc_diag_info_of((cdc_diag_code)i);
		ck_assert_int_eq(strlen(d->code), 5);
		ck_assert(d->code[0] == (d->sev == CDC_SEV_ERROR ? 'E' : 'W'));
		ck_assert_ptr_eq(cdc_diag_find(d->code), d);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(cdc_diag_info_of((cdc_diag_code)j)->code, d->code);
	}
	ck_assert_ptr_nonnull(cdc_diag_find("e0304"));
}
END_TEST

START_TEST(diag_dedupe_sort_and_mask)
{
	cdc_arena *a = cdc_arena_new("t");
	const char *src = "dsn = \"postgres://u:hunter2@h/db\"\nx = 1\n";
	cdc_srcfile *f = cdc_srcfile_from_mem(a, "f.cdc", src, strlen(src));
	cdc_diags *d = cdc_diag_new(a, f);
	cdc_diag_subjects(d, "s.a.t1", NULL);
	cdc_diag_report(d, CDC_E0501, (cdc_loc){35, 36}, "second in s.a.t1");
	cdc_diag_subjects(d, "s.a.t2", NULL);
	/* the same problem for another table folds into the first ... */
	ck_assert_ptr_null(cdc_diag_report(d, CDC_E0501, (cdc_loc){35, 36}, "second in s.a.t2"));
	/* ... an exact repeat is dropped without counting ... */
	ck_assert_ptr_null(cdc_diag_report(d, CDC_E0501, (cdc_loc){35, 36}, "second in s.a.t2"));
	/* ... and a different problem at the same place is its own diagnostic */
	ck_assert_ptr_nonnull(cdc_diag_report(d, CDC_E0501, (cdc_loc){35, 36}, "third in s.a.t2"));
	cdc_diag_subjects(d, NULL, NULL);
	cdc_diag *g = cdc_diag_report(d, CDC_W0104, (cdc_loc){6, 34}, "first");
	cdc_diag_help(g, "help text");
	cdc_diag_mask(d, (cdc_loc){6, 34});
	ck_assert_uint_eq(cdc_diag_count(d), 3);
	ck_assert_uint_eq(cdc_diag_errors(d), 2);
	ck_assert_uint_eq(cdc_diag_error_reports(d), 4);
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	cdc_diag_style st = {false};
	cdc_diag_print_text(d, fp, &st);
	fclose(fp);
	ck_assert_ptr_null(strstr(out, "hunter2"));
	char *first = strstr(out, "first"), *second = strstr(out, "second");
	ck_assert(first && second && first < second);
	ck_assert_ptr_nonnull(strstr(out, "f.cdc:1:7: warning[W0104]: first"));
	ck_assert_ptr_nonnull(strstr(out, "help: help text"));
	ck_assert_ptr_nonnull(strstr(out, "1 more table"));
	free(out);
	cdc_arena_free(a);
}
END_TEST

Suite *
support_suite(void)
{
	Suite *s = suite_create("support");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, arena_alignment_and_reset);
	tcase_add_test(tc, buf_operations);
	tcase_add_test(tc, hmap_many_keys);
	tcase_add_test(tc, pattern_matching);
	tcase_add_test(tc, suggestions);
	tcase_add_test(tc, builtin_table);
	tcase_add_test(tc, option_table);
	tcase_add_test(tc, diag_codes_unique);
	tcase_add_test(tc, diag_dedupe_sort_and_mask);
	suite_add_tcase(s, tc);
	return s;
}

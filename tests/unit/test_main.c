/*
 * tests/unit/test_main.c — runs every unit test suite.
 */
#include <check.h>
#include <stdlib.h>

Suite *support_suite(void);
Suite *lexer_suite(void);
Suite *parser_suite(void);
Suite *types_suite(void);
Suite *sema_suite(void);
Suite *hash_suite(void);
Suite *numeric_suite(void);
Suite *datetime_suite(void);
Suite *json_suite(void);
Suite *vm_suite(void);
Suite *stdlib_suite(void);
Suite *sql_suite(void);
Suite *runtime_suite(void);

int
main(void)
{
	SRunner *sr = srunner_create(support_suite());
	srunner_add_suite(sr, lexer_suite());
	srunner_add_suite(sr, parser_suite());
	srunner_add_suite(sr, types_suite());
	srunner_add_suite(sr, sema_suite());
	srunner_add_suite(sr, hash_suite());
	srunner_add_suite(sr, numeric_suite());
	srunner_add_suite(sr, datetime_suite());
	srunner_add_suite(sr, json_suite());
	srunner_add_suite(sr, vm_suite());
	srunner_add_suite(sr, stdlib_suite());
	srunner_add_suite(sr, sql_suite());
	srunner_add_suite(sr, runtime_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

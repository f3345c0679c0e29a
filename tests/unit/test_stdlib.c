/*
 * tests/unit/test_stdlib.c — (being written)
 */
#include "tests/unit/unit.h"

Suite *
stdlib_suite(void)
{
	Suite *s = suite_create("stdlib");
	return s;
}

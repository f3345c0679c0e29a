/*
 * tests/unit/test_vm.c — (being written)
 */
#include "tests/unit/unit.h"

Suite *
vm_suite(void)
{
	Suite *s = suite_create("vm");
	return s;
}

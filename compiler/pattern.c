/*
 * compiler/pattern.c — wildcard matching with single-star backtracking (linear in
 * practice, O(n*m) worst case, no recursion).
 */
#include "compiler/pattern.h"

#include <stddef.h>

static bool
is_wild(char c)
{
	return c == '*' || c == '%';
}

bool
cdc_pattern_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (is_wild(*p)) {
			star = ++p;
			resume = s;
		} else if (*p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (is_wild(*p))
		p++;
	return *p == '\0';
}

int
cdc_pattern_specificity(const char *p)
{
	int n = 0;
	for (; *p; p++)
		n += !is_wild(*p);
	return n;
}

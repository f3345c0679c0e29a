/*
 * compiler/pattern.h — table name patterns (`public.*`, `sales.order_%`).
 *
 * In a pattern segment `*` and `%` both match any run of characters, including none;
 * every other character matches itself.  Matching works on lookup keys (unquoted names
 * already folded to lower case).
 */
#ifndef CDC_PATTERN_H
#define CDC_PATTERN_H

#include <stdbool.h>

bool cdc_pattern_match(const char *pattern, const char *name);
/* Literal characters in the pattern: the more, the more specific. */
int  cdc_pattern_specificity(const char *pattern);

#endif

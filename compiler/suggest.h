/*
 * compiler/suggest.h — "did you mean" for names, options, functions and types.
 */
#ifndef CDC_SUGGEST_H
#define CDC_SUGGEST_H

#include <stddef.h>

typedef struct cdc_suggest {
	const char *word;     /* the misspelling */
	const char *best;     /* closest candidate so far, or NULL */
	size_t      best_dist;
} cdc_suggest;

void        cdc_suggest_init(cdc_suggest *s, const char *word);
/* Offers a candidate; the closest one within a third of the word's length wins. */
void        cdc_suggest_add(cdc_suggest *s, const char *candidate);
const char *cdc_suggest_best(const cdc_suggest *s);
/* Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
 * case-insensitive. */
size_t      cdc_suggest_distance(const char *a, const char *b);

#endif

/*
 * compiler/suggest.c — edit distance and nearest-candidate selection.
 */
#include "compiler/suggest.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAXLEN 64   /* longer words are not worth suggesting for */

size_t
cdc_suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAXLEN || m > MAXLEN)
		return (size_t)-1;
	size_t d[MAXLEN + 1][MAXLEN + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[n][m];
}

void
cdc_suggest_init(cdc_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_dist = (size_t)-1;
}

void
cdc_suggest_add(cdc_suggest *s, const char *candidate)
{
	size_t len = strlen(s->word);
	size_t limit = len < 3 ? 1 : (len + 2) / 3;
	size_t d = cdc_suggest_distance(s->word, candidate);
	/* one word the other's start (lowercase / lower): a candidate, after closer ones */
	size_t n = strlen(candidate), m = strlen(s->word), k = n < m ? n : m;
	if (d > limit && k >= 4 && strncasecmp(candidate, s->word, k) == 0)
		d = limit;
	if (d == 0 || d > limit || d >= s->best_dist)
		return;
	s->best = candidate;
	s->best_dist = d;
}

const char *
cdc_suggest_best(const cdc_suggest *s)
{
	return s->best;
}

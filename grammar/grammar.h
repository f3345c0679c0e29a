/*
 * grammar/grammar.h — entry points of the generated lexer and parser.
 */
#ifndef CDC_GRAMMAR_H
#define CDC_GRAMMAR_H

#include <stdbool.h>

#include "compiler/ast.h"

/*
 * Parses p->file into p->root (a FILE node, never NULL).  Syntax errors go to p->diags
 * and are counted in p->syntax_errors; the tree then holds every block that parsed.
 */
void cdc_parse_run(cdc_parse *p);

/* Runs the scanner alone over p->file, storing up to max token codes (grammar/parser.h)
 * and their locations; returns the number of tokens.  For tests and fuzzing. */
int cdc_lex_tokens(cdc_parse *p, int *tokens, cdc_loc *locs, int max);

/* True for the reserved words that cannot be used as bare names. */
bool cdc_lex_is_reserved(const char *word);

#endif

/*
 * compiler/ast.c — syntax tree constructors.
 *
 * Constructors only allocate and link; they never look anything up or report problems
 * (that is sema's job), so the grammar stays a pure description of the syntax.
 */
#include "compiler/ast.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <string.h>

bool cdc_lex_is_reserved(const char *word);  /* grammar/lexer.l */

static const char *const op_text[] = {
#define X(name, text) text,
	CDC_OPERATORS(X)
#undef X
};

const char *
cdc_ast_op_text(int op)
{
	return op >= 0 && op < CDC_OP_COUNT ? op_text[op] : "?";
}

cdc_node *
cdc_ast_node(cdc_parse *p, cdc_node_kind k, int op, cdc_loc loc, cdc_node *a, cdc_node *b,
             cdc_node *c)
{
	cdc_node *n = cdc_arena_zalloc(p->arena, sizeof *n);
	n->kind = k;
	n->op = op;
	n->loc = loc;
	n->a = a;
	n->b = b;
	n->c = c;
	/* Only expressions and values nest without bound; blocks and statements around
	 * them add nothing, so the limit counts what the user nested. */
	unsigned d = 0;
	if (a && a->depth > d)
		d = a->depth;
	if (b && b->depth > d)
		d = b->depth;
	if (c && c->depth > d)
		d = c->depth;
	n->depth = d + (k >= CDC_N_V_STRING);
	if (n->depth > CDC_AST_MAX_DEPTH && !p->too_deep) {
		p->too_deep = true;        /* reported by the parse driver */
		p->too_deep_loc = loc;
	}
	return n;
}

cdc_node *
cdc_ast_nodef(cdc_parse *p, cdc_node_kind k, int op, unsigned flags, cdc_loc loc, cdc_node *a,
              cdc_node *b, cdc_node *c)
{
	cdc_node *n = cdc_ast_node(p, k, op, loc, a, b, c);
	n->flags = flags;
	return n;
}

cdc_node *
cdc_ast_path(cdc_parse *p, cdc_loc loc, cdc_node *head)
{
	return cdc_ast_node(p, CDC_N_PATH, 0, loc, cdc_ast_append(NULL, head), NULL, NULL);
}

cdc_node *
cdc_ast_path_add(cdc_node *path, cdc_node *seg, cdc_loc loc)
{
	cdc_ast_append(path->a, seg);
	path->loc.end = loc.end;
	return path;
}

cdc_node *
cdc_ast_type(cdc_parse *p, cdc_loc loc, const char *name, cdc_node *mods, unsigned flags)
{
	cdc_node *n = cdc_ast_nodef(p, CDC_N_TYPE, 0, flags, loc, mods, NULL, NULL);
	n->text = name;
	return n;
}

cdc_node *
cdc_ast_typed_literal(cdc_parse *p, cdc_loc loc, cdc_loc type_loc, const char *type,
                      cdc_loc str_loc, const char *str)
{
	return cdc_ast_node(p, CDC_N_E_CAST, CDC_CAST_LITERAL, loc,
	                    cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_STRING, str_loc, str),
	                    cdc_ast_type(p, type_loc, type, NULL, 0), NULL);
}

cdc_node *
cdc_ast_leaf(cdc_parse *p, cdc_node_kind k, int op, cdc_loc loc, const char *text)
{
	cdc_node *n = cdc_ast_node(p, k, op, loc, NULL, NULL, NULL);
	n->text = text;
	return n;
}

/* Unquoted names fold to lower case, as in PostgreSQL; only ASCII letters fold. */
cdc_node *
cdc_ast_name(cdc_parse *p, cdc_loc loc, const char *text, bool quoted)
{
	cdc_node *n = cdc_ast_leaf(p, CDC_N_NAME, 0, loc, text);
	if (quoted) {
		n->flags |= CDC_NF_QUOTED;
		n->key = text;
		return n;
	}
	size_t len = strlen(text);
	char *k = cdc_arena_strndup(p->arena, text, len);
	for (size_t i = 0; i < len; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	n->key = k;
	return n;
}

cdc_node *
cdc_ast_name_at(cdc_parse *p, cdc_loc loc)
{
	const char *text = cdc_arena_strndup(p->arena, p->file->text + loc.start, loc.end - loc.start);
	return cdc_ast_name(p, loc, text, false);
}

cdc_node *
cdc_ast_wild(cdc_parse *p, cdc_loc loc, const char *text)
{
	cdc_node *n = cdc_ast_name(p, loc, text, false);
	n->flags |= CDC_NF_WILD;
	return n;
}

cdc_node *
cdc_ast_flag(cdc_node *n, unsigned flags, cdc_loc loc)
{
	n->flags |= flags;
	if (loc.start < n->loc.start)
		n->loc.start = loc.start;
	if (loc.end > n->loc.end)
		n->loc.end = loc.end;
	return n;
}

cdc_node *
cdc_ast_append(cdc_node *list, cdc_node *item)
{
	if (!item)
		return list;
	if (!list) {
		item->tail = item;
		return item;
	}
	list->tail->next = item;
	list->tail = item;
	return list;
}

unsigned
cdc_ast_list_len(const cdc_node *list)
{
	unsigned n = 0;
	for (; list; list = list->next)
		n++;
	return n;
}

const char *
cdc_ast_kind_name(cdc_node_kind k)
{
	static const char *const names[] = {
		"file", "pipeline", "source", "target", "table", "column", "primary key",
		"quality", "rule", "transform", "assignment", "drop", "rename", "filter", "merge",
		"test", "given", "change", "expect", "row", "field", "option", "name", "path",
		"type", "string", "number", "duration", "size", "boolean", "null", "call",
		"named argument", "list", "tuple", "block", "literal", "column reference",
		"unary expression", "binary expression", "IS test", "IN list", "BETWEEN",
		"LIKE", "CASE", "WHEN", "cast", "function call", "named argument", "EXTRACT",
	};
	return names[k];
}

/* A name prints bare when it would lex back to the same key: lower-case letters, digits,
 * '_' and '$' (bytes >= 0x80 count as letters), not starting with a digit, and not a
 * reserved word.  Anything else is double-quoted, quotes doubled, as in SQL. */
bool
cdc_ast_name_is_bare(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9') || *s == '$')
		return false;
	for (const char *q = s; *q; q++) {
		unsigned char c = (unsigned char)*q;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
		      c >= 0x80))
			return false;
	}
	return !cdc_lex_is_reserved(s);
}

void
cdc_ast_put_name(cdc_buf *b, const char *key)
{
	if (cdc_ast_name_is_bare(key)) {
		cdc_buf_puts(b, key);
		return;
	}
	cdc_buf_putc(b, '"');
	for (const char *s = key; *s; s++) {
		if (*s == '"')
			cdc_buf_putc(b, '"');
		cdc_buf_putc(b, *s);
	}
	cdc_buf_putc(b, '"');
}

static void
put_segment(cdc_buf *b, const cdc_node *seg)
{
	if (seg->flags & CDC_NF_WILD)
		cdc_buf_puts(b, seg->key);
	else
		cdc_ast_put_name(b, seg->key);
}

const char *
cdc_ast_path_text(cdc_arena *a, const cdc_node *path)
{
	cdc_buf b = CDC_BUF_INIT;
	for (const cdc_node *s = path->a; s; s = s->next) {
		if (s != path->a)
			cdc_buf_putc(&b, '.');
		put_segment(&b, s);
	}
	const char *r = cdc_arena_strdup(a, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

bool
cdc_ast_path_is_wild(const cdc_node *path)
{
	for (const cdc_node *s = path->a; s; s = s->next)
		if (s->flags & CDC_NF_WILD)
			return true;
	return false;
}

/*
 * compiler/fmt.c — the canonical formatter.
 *
 * Output is built line by line.  Before a line is printed, the comments that precede
 * its node in the source are flushed on lines of their own; after it, a comment that
 * followed the node on the same source line is appended.  Blank lines between
 * statements survive (collapsed to one); everything else is canonical.
 */
#include "compiler/fmt.h"
#include "runtime/buf.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WIDTH    100  /* a list longer than this is printed one item per line */
#define ALIGN_NAMES   32  /* `=` and column types align after names up to this width */
#define ALIGN_RULES   56  /* `else` aligns after conditions up to this width */

typedef struct fmt {
	cdc_buf          *out;
	const cdc_parse  *p;
	const char       *src;
	unsigned          next_comment;  /* first comment not yet printed */
	int               indent;
} fmt;

/* ---- expressions ---------------------------------------------------------------- */

static void put_quoted(cdc_buf *b, const char *s, char q)
{
	cdc_buf_putc(b, q);
	for (; *s; s++) {
		if (*s == q)
			cdc_buf_putc(b, q);
		cdc_buf_putc(b, *s);
	}
	cdc_buf_putc(b, q);
}

/* Quoted names print as written; unquoted names in their folded, lower-case form,
 * which means the same and makes the canonical text independent of how a name was
 * typed (rule names derived from conditions depend on this). */
static void
put_name(cdc_buf *b, const cdc_node *n)
{
	if (n->flags & CDC_NF_QUOTED)
		put_quoted(b, n->text, '"');
	else
		cdc_buf_puts(b, n->key);
}

static void
put_lower(cdc_buf *b, const char *s)
{
	for (; *s; s++)
		cdc_buf_putc(b, (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s);
}

static void
put_type(cdc_buf *b, const cdc_node *t)
{
	put_lower(b, t->text);
	if (t->a) {
		cdc_buf_putc(b, '(');
		for (const cdc_node *m = t->a; m; m = m->next) {
			if (m != t->a)
				cdc_buf_putc(b, ',');
			cdc_buf_puts(b, m->text);
		}
		cdc_buf_putc(b, ')');
	}
	if (t->flags & CDC_NF_ARRAY)
		cdc_buf_puts(b, "[]");
}

static void expr(cdc_buf *b, const cdc_node *e);

static void
expr_list(cdc_buf *b, const cdc_node *e)
{
	for (; e; e = e->next) {
		expr(b, e);
		if (e->next)
			cdc_buf_puts(b, ", ");
	}
}

static void
expr(cdc_buf *b, const cdc_node *e)
{
	if (e->flags & CDC_NF_PAREN)
		cdc_buf_putc(b, '(');
	const char *not = (e->flags & CDC_NF_NOT) ? "NOT " : "";
	switch (e->kind) {
	case CDC_N_E_LIT:
		if (e->op == CDC_LIT_STRING)
			put_quoted(b, e->text, '\'');
		else
			cdc_buf_puts(b, e->text);
		break;
	case CDC_N_E_COL:
		put_name(b, e->a);
		break;
	case CDC_N_E_UNARY:
		cdc_buf_puts(b, e->op == CDC_OP_NOT ? "NOT " : cdc_ast_op_text(e->op));
		/* `- -1`, not `--1`, which would start a comment */
		if (e->op != CDC_OP_NOT && e->a->kind == CDC_N_E_UNARY && e->a->op != CDC_OP_NOT &&
		    !(e->a->flags & CDC_NF_PAREN))
			cdc_buf_putc(b, ' ');
		expr(b, e->a);
		break;
	case CDC_N_E_BINARY:
		expr(b, e->a);
		cdc_buf_printf(b, " %s ", cdc_ast_op_text(e->op));
		expr(b, e->b);
		break;
	case CDC_N_E_IS:
		expr(b, e->a);
		cdc_buf_printf(b, " IS %s", not);
		if (e->op == CDC_IS_DISTINCT) {
			cdc_buf_puts(b, "DISTINCT FROM ");
			expr(b, e->b);
		} else {
			cdc_buf_puts(b, e->op == CDC_IS_NULL ? "NULL" : e->op == CDC_IS_TRUE ? "TRUE" : "FALSE");
		}
		break;
	case CDC_N_E_IN:
		expr(b, e->a);
		cdc_buf_printf(b, " %sIN (", not);
		expr_list(b, e->b);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_BETWEEN:
		expr(b, e->a);
		cdc_buf_printf(b, " %sBETWEEN ", not);
		expr(b, e->b);
		cdc_buf_puts(b, " AND ");
		expr(b, e->c);
		break;
	case CDC_N_E_LIKE:
		expr(b, e->a);
		cdc_buf_printf(b, " %s%s ", not, cdc_ast_op_text(e->op));
		expr(b, e->b);
		break;
	case CDC_N_E_CASE:
		cdc_buf_puts(b, "CASE");
		if (e->a) {
			cdc_buf_putc(b, ' ');
			expr(b, e->a);
		}
		for (const cdc_node *w = e->b; w; w = w->next) {
			cdc_buf_puts(b, " WHEN ");
			expr(b, w->a);
			cdc_buf_puts(b, " THEN ");
			expr(b, w->b);
		}
		if (e->c) {
			cdc_buf_puts(b, " ELSE ");
			expr(b, e->c);
		}
		cdc_buf_puts(b, " END");
		break;
	case CDC_N_E_CAST:
		if (e->op == CDC_CAST_LITERAL) {
			put_type(b, e->b);
			cdc_buf_putc(b, ' ');
			expr(b, e->a);
		} else if (e->op == CDC_CAST_FUNC) {
			cdc_buf_puts(b, "CAST(");
			expr(b, e->a);
			cdc_buf_puts(b, " AS ");
			put_type(b, e->b);
			cdc_buf_putc(b, ')');
		} else {
			expr(b, e->a);
			cdc_buf_puts(b, "::");
			put_type(b, e->b);
		}
		break;
	case CDC_N_E_CALL:
		put_name(b, e->a);
		cdc_buf_putc(b, '(');
		expr_list(b, e->b);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_E_NAMEDARG:
		put_name(b, e->a);
		cdc_buf_puts(b, " => ");
		expr(b, e->b);
		break;
	case CDC_N_E_EXTRACT:
		put_name(b, e->c);
		cdc_buf_putc(b, '(');
		put_name(b, e->a);
		cdc_buf_puts(b, " FROM ");
		expr(b, e->b);
		cdc_buf_putc(b, ')');
		break;
	default:
		break;
	}
	if (e->flags & CDC_NF_PAREN)
		cdc_buf_putc(b, ')');
}

void
cdc_fmt_expr(cdc_buf *out, const cdc_node *e)
{
	expr(out, e);
}

/* ---- values ---------------------------------------------------------------------- */

static void
path(cdc_buf *b, const cdc_node *p)
{
	for (const cdc_node *s = p->a; s; s = s->next) {
		if (s != p->a)
			cdc_buf_putc(b, '.');
		put_name(b, s);
	}
}

static void value(cdc_buf *b, const cdc_node *v);

static void
value_list(cdc_buf *b, const cdc_node *v)
{
	for (; v; v = v->next) {
		value(b, v);
		if (v->next)
			cdc_buf_puts(b, ", ");
	}
}

static void inline_options(cdc_buf *b, const cdc_node *o);

static void
value(cdc_buf *b, const cdc_node *v)
{
	switch (v->kind) {
	case CDC_N_V_STRING:
		put_quoted(b, v->text, '"');
		break;
	case CDC_N_V_NUMBER:
		if (v->op)
			cdc_buf_putc(b, '-');
		cdc_buf_puts(b, v->text);
		break;
	case CDC_N_V_DURATION:
	case CDC_N_V_SIZE:
	case CDC_N_V_BOOL:
	case CDC_N_V_NULL:
		cdc_buf_puts(b, v->text);
		break;
	case CDC_N_PATH:
		path(b, v);
		break;
	case CDC_N_V_CALL:
		put_name(b, v->a);
		cdc_buf_putc(b, '(');
		value_list(b, v->b);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_V_NAMEDARG:
		put_name(b, v->a);
		cdc_buf_puts(b, " = ");
		value(b, v->b);
		break;
	case CDC_N_V_LIST:
		cdc_buf_putc(b, '[');
		value_list(b, v->a);
		cdc_buf_putc(b, ']');
		break;
	case CDC_N_V_TUPLE:
		cdc_buf_putc(b, '(');
		value_list(b, v->a);
		cdc_buf_putc(b, ')');
		break;
	case CDC_N_V_BLOCK:
		put_name(b, v->a);
		cdc_buf_puts(b, " {");
		inline_options(b, v->b);
		cdc_buf_puts(b, v->b ? " }" : "}");
		break;
	default:
		break;
	}
}

/* `batch { rows = 1  interval = 10s }`: options of a one-line block, two spaces apart. */
static void
inline_options(cdc_buf *b, const cdc_node *o)
{
	for (; o; o = o->next) {
		cdc_buf_putc(b, ' ');
		if (o->kind == CDC_N_V_BLOCK) {
			value(b, o);
		} else {
			put_name(b, o->a);
			cdc_buf_puts(b, " = ");
			value(b, o->b);
		}
		if (o->next)
			cdc_buf_putc(b, ' ');
	}
}

/* ---- comments and layout ---------------------------------------------------------- */

static uint32_t
line_of(const fmt *f, uint32_t off)
{
	uint32_t line, col;
	cdc_srcfile_linecol(f->p->file, off, &line, &col);
	return line;
}

static void
pad(fmt *f)
{
	cdc_buf_pad(f->out, ' ', (size_t)f->indent * 2);
}

static void
put_comment(fmt *f, const cdc_comment *c)
{
	cdc_buf_put(f->out, f->src + c->loc.start, c->loc.end - c->loc.start);
}

/* True if the source has a blank line between offsets a and b (outside comments). */
static bool
blank_between(const fmt *f, uint32_t a, uint32_t b)
{
	int nl = 0;
	for (uint32_t i = a; i < b; i++) {
		char c = f->src[i];
		if (c == '\n') {
			if (++nl >= 2)
				return true;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			nl = 0;
		}
	}
	return false;
}

/* Prints the comments that start before `before`, each on its own line.  `prev_end` is
 * where the previous printed construct ended, to keep blank lines around comments. */
static void
flush_comments(fmt *f, uint32_t before, uint32_t *prev_end)
{
	const cdc_parse *p = f->p;
	while (f->next_comment < p->ncomments && p->comments[f->next_comment].loc.start < before) {
		const cdc_comment *c = &p->comments[f->next_comment++];
		if (*prev_end && blank_between(f, *prev_end, c->loc.start) && f->out->len > 0)
			cdc_buf_putc(f->out, '\n');
		pad(f);
		put_comment(f, c);
		cdc_buf_putc(f->out, '\n');
		*prev_end = c->loc.end;
	}
}

/* Appends a comment that follows offset `end` on the same source line. */
static void
trailing_comment(fmt *f, uint32_t end)
{
	const cdc_parse *p = f->p;
	if (f->next_comment >= p->ncomments)
		return;
	const cdc_comment *c = &p->comments[f->next_comment];
	if (c->own_line || line_of(f, c->loc.start) != line_of(f, end ? end - 1 : 0))
		return;
	/* only blanks and commas may stand between: a comment after a closing brace belongs
	 * to the block that brace closes, not to its last statement */
	for (uint32_t i = end; i < c->loc.start; i++)
		if (f->src[i] != ' ' && f->src[i] != '\t' && f->src[i] != ',')
			return;
	cdc_buf_puts(f->out, "  ");
	put_comment(f, c);
	f->next_comment++;
}

/* The offset just past the '{' that opens a block whose header ends at `from`. */
static uint32_t
brace_after(const fmt *f, uint32_t from)
{
	const char *s = f->src;
	uint32_t n = (uint32_t)f->p->file->len;
	for (uint32_t i = from; i < n; i++) {
		if (s[i] == '{')
			return i + 1;
		if (s[i] == '-' && s[i + 1] == '-')
			while (i < n && s[i] != '\n')
				i++;
		else if (s[i] == '/' && s[i + 1] == '*') {
			int depth = 1;
			for (i += 2; i + 1 < n && depth; i++) {
				if (s[i] == '/' && s[i + 1] == '*')
					depth++, i++;
				else if (s[i] == '*' && s[i + 1] == '/')
					depth--, i++;
			}
			i--;
		}
	}
	return from;
}

/* A statement line, split so that consecutive lines can align their second part. */
typedef struct line {
	const cdc_node *node;
	cdc_buf         lhs, rhs;   /* rhs may be empty: no alignment */
	bool            multiline;  /* contains a nested multi-line part: ends alignment runs */
} line;

static size_t
width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void block_body(fmt *f, const cdc_node *owner, const cdc_node *first, uint32_t open,
                       uint32_t close);

/* Renders one child of a block into a line. */
static void
render(fmt *f, const cdc_node *n, line *l)
{
	cdc_buf *a = &l->lhs, *b = &l->rhs;
	switch (n->kind) {
	case CDC_N_OPTION:
		put_name(a, n->a);
		cdc_buf_puts(b, "= ");
		if (n->b->kind == CDC_N_V_LIST) {
			cdc_buf tmp = CDC_BUF_INIT;
			value(&tmp, n->b);
			if ((size_t)f->indent * 2 + width(cdc_buf_str(a)) + 3 + tmp.len > MAX_WIDTH && n->b->a) {
				cdc_buf_puts(b, "[\n");
				for (const cdc_node *v = n->b->a; v; v = v->next) {
					cdc_buf_pad(b, ' ', (size_t)(f->indent + 1) * 2);
					value(b, v);
					cdc_buf_puts(b, ",\n");
				}
				cdc_buf_pad(b, ' ', (size_t)f->indent * 2);
				cdc_buf_putc(b, ']');
				l->multiline = true;
			} else {
				cdc_buf_puts(b, cdc_buf_str(&tmp));
			}
			cdc_buf_free(&tmp);
		} else {
			value(b, n->b);
		}
		break;
	case CDC_N_V_BLOCK:
		/* a nested block stays on one line if it was written on one line */
		if (line_of(f, n->loc.start) == line_of(f, n->loc.end - 1)) {
			value(a, n);
		} else {
			put_name(a, n->a);
			cdc_buf_puts(a, " {\n");
			l->multiline = true;
		}
		break;
	case CDC_N_COLUMN:
		put_name(a, n->a);
		put_type(b, n->b);
		if (n->op & CDC_COL_PKEY)
			cdc_buf_puts(b, " primary key");
		if (n->op & CDC_COL_NOTNULL)
			cdc_buf_puts(b, " not null");
		if (n->op & CDC_COL_NULL)
			cdc_buf_puts(b, " null");
		break;
	case CDC_N_PKEY:
		cdc_buf_puts(a, "primary key (");
		for (const cdc_node *c = n->a; c; c = c->next) {
			put_name(a, c);
			if (c->next)
				cdc_buf_puts(a, ", ");
		}
		cdc_buf_putc(a, ')');
		break;
	case CDC_N_RULE:
		cdc_buf_puts(a, n->op == CDC_RULE_WARN ? "warn" : "require");
		if (n->a) {
			cdc_buf_putc(a, ' ');
			put_name(a, n->a);
			cdc_buf_putc(a, ':');
		}
		cdc_buf_putc(a, ' ');
		expr(a, n->b);
		if (n->c) {
			cdc_buf_puts(b, "else ");
			put_name(b, n->c);
		}
		break;
	case CDC_N_ASSIGN:
		put_name(a, n->a);
		cdc_buf_puts(b, "= ");
		expr(b, n->b);
		break;
	case CDC_N_DROP:
		cdc_buf_puts(a, "drop ");
		for (const cdc_node *c = n->a; c; c = c->next) {
			put_name(a, c);
			if (c->next)
				cdc_buf_puts(a, ", ");
		}
		break;
	case CDC_N_RENAME:
		cdc_buf_puts(a, "rename ");
		put_name(a, n->a);
		cdc_buf_puts(a, " to ");
		put_name(a, n->b);
		break;
	case CDC_N_FILTER:
		cdc_buf_puts(a, "filter ");
		expr(a, n->a);
		break;
	case CDC_N_CHANGE:
	case CDC_N_ROW: {
		static const char *const ops[] = {"insert", "update", "delete", "snapshot"};
		cdc_buf_puts(a, n->kind == CDC_N_ROW ? "row" : ops[n->op]);
		if (n->kind == CDC_N_ROW && n->b) {
			cdc_buf_putc(a, ' ');
			put_name(a, n->b);
		}
		size_t head = a->len;
		cdc_buf_puts(a, n->a ? " { " : " {}");
		for (const cdc_node *fl = n->a; fl; fl = fl->next) {
			put_name(a, fl->a);
			cdc_buf_puts(a, " = ");
			expr(a, fl->b);
			cdc_buf_puts(a, fl->next ? ", " : " }");
		}
		if ((size_t)f->indent * 2 + width(cdc_buf_str(a)) <= MAX_WIDTH)
			break;
		/* too long for one line: one field per line, `=` aligned */
		cdc_buf_truncate(a, head);
		cdc_buf_puts(a, " {\n");
		size_t w = 0;
		for (const cdc_node *fl = n->a; fl; fl = fl->next) {
			cdc_buf name = CDC_BUF_INIT;
			put_name(&name, fl->a);
			if (width(cdc_buf_str(&name)) > w && width(cdc_buf_str(&name)) <= ALIGN_NAMES)
				w = width(cdc_buf_str(&name));
			cdc_buf_free(&name);
		}
		for (const cdc_node *fl = n->a; fl; fl = fl->next) {
			cdc_buf_pad(a, ' ', (size_t)(f->indent + 1) * 2);
			size_t before = a->len;
			put_name(a, fl->a);
			size_t nw = width(a->data + before);
			cdc_buf_pad(a, ' ', (w > nw ? w - nw : 0) + 1);
			cdc_buf_puts(a, "= ");
			expr(a, fl->b);
			cdc_buf_putc(a, '\n');
		}
		cdc_buf_pad(a, ' ', (size_t)f->indent * 2);
		cdc_buf_putc(a, '}');
		l->multiline = true;
		break;
	}
	case CDC_N_GIVEN:
		cdc_buf_puts(a, "given ");
		path(a, n->a);
		if (n->c) {
			cdc_buf_puts(a, " from ");
			put_quoted(a, n->c->text, '"');
		} else {
			cdc_buf_puts(a, " {\n");
			l->multiline = true;
		}
		break;
	case CDC_N_EXPECT:
		cdc_buf_puts(a, "expect ");
		if (n->op == CDC_EXP_FAILURE) {
			cdc_buf_puts(a, "failure ");
			put_name(a, n->c);
			break;
		}
		if (n->op == CDC_EXP_QUARANTINE)
			cdc_buf_puts(a, "quarantine ");
		path(a, n->a);
		cdc_buf_puts(a, n->b ? " {\n" : " {}");
		l->multiline = n->b != NULL;
		break;
	default:
		break;
	}
}

/* Children that open a block of their own print their body after their line. */
static void
render_tail(fmt *f, const cdc_node *n)
{
	if (n->kind == CDC_N_V_BLOCK && line_of(f, n->loc.start) != line_of(f, n->loc.end - 1)) {
		f->indent++;
		block_body(f, n, n->b, brace_after(f, n->a->loc.end), n->loc.end - 1);
		f->indent--;
		pad(f);
		cdc_buf_putc(f->out, '}');
	} else if (n->kind == CDC_N_GIVEN && !n->c) {
		f->indent++;
		block_body(f, n, n->b, brace_after(f, n->a->loc.end), n->loc.end - 1);
		f->indent--;
		pad(f);
		cdc_buf_putc(f->out, '}');
	} else if (n->kind == CDC_N_EXPECT && n->b) {
		f->indent++;
		block_body(f, n, n->b, brace_after(f, n->a->loc.end), n->loc.end - 1);
		f->indent--;
		pad(f);
		cdc_buf_putc(f->out, '}');
	}
}

static bool
aligns(const cdc_node *n)
{
	return n->kind == CDC_N_OPTION || n->kind == CDC_N_COLUMN || n->kind == CDC_N_ASSIGN ||
	       n->kind == CDC_N_RULE;
}

/* Prints the children of a block (open: just after its '{'; close: at its '}'). */
static void
block_body(fmt *f, const cdc_node *owner, const cdc_node *first, uint32_t open, uint32_t close)
{
	(void)owner;
	trailing_comment(f, open);
	cdc_buf_putc(f->out, '\n');
	uint32_t prev_end = open;
	const cdc_node *n = first;
	while (n) {
		/* a run: consecutive aligned lines of one kind, no blank line or comment between */
		const cdc_node *run_end = n->next;
		if (aligns(n)) {
			const cdc_node *last = n;
			while (run_end && run_end->kind == n->kind && !blank_between(f, last->loc.end, run_end->loc.start)) {
				/* A comment that will stand on a line of its own between two members ends
				 * the run: one between them, or one inside `last` (moved after it).  Only
				 * a comment trailing `last` on its line keeps the run going.  Deciding
				 * this from the output's point of view keeps fmt a fixed point. */
				bool comment = false;
				for (unsigned c = f->next_comment; c < f->p->ncomments; c++) {
					const cdc_comment *cm = &f->p->comments[c];
					uint32_t cs = cm->loc.start;
					if (cs >= run_end->loc.start)
						break;
					if (cs < last->loc.start)
						continue;
					bool trailing = cs >= last->loc.end && !cm->own_line &&
					                line_of(f, cs) == line_of(f, last->loc.end - 1);
					if (!trailing)
						comment = true;
				}
				if (comment)
					break;
				last = run_end;
				run_end = run_end->next;
			}
		}
		int count = 0;
		for (const cdc_node *k = n; k != run_end; k = k->next)
			count++;
		line *lines = calloc((size_t)count, sizeof *lines);
		size_t w = 0;
		int i = 0;
		/* Alignment stops at a cap: one long line does not push the whole run right;
		 * lines longer than the cap keep a single space. */
		size_t cap = n->kind == CDC_N_RULE ? ALIGN_RULES : ALIGN_NAMES;
		for (const cdc_node *k = n; k != run_end; k = k->next, i++) {
			lines[i].node = k;
			render(f, k, &lines[i]);
			size_t lw = width(cdc_buf_str(&lines[i].lhs));
			if (lines[i].rhs.len && !lines[i].multiline && lw > w && lw <= cap)
				w = lw;
		}
		for (i = 0; i < count; i++) {
			const cdc_node *k = lines[i].node;
			flush_comments(f, k->loc.start, &prev_end);
			if (blank_between(f, prev_end, k->loc.start) && k != first)
				cdc_buf_putc(f->out, '\n');
			pad(f);
			cdc_buf_puts(f->out, cdc_buf_str(&lines[i].lhs));
			if (lines[i].rhs.len) {
				size_t lw = width(cdc_buf_str(&lines[i].lhs));
				cdc_buf_pad(f->out, ' ', (w > lw ? w - lw : 0) + 1);
				cdc_buf_puts(f->out, cdc_buf_str(&lines[i].rhs));
			}
			if (lines[i].multiline && (k->kind == CDC_N_V_BLOCK || k->kind == CDC_N_GIVEN ||
			                           k->kind == CDC_N_EXPECT)) {
				/* the line ends with " {\n": drop the newline, the body prints its own */
				cdc_buf_truncate(f->out, f->out->len - 1);
				render_tail(f, k);
			}
			trailing_comment(f, k->loc.end);
			cdc_buf_putc(f->out, '\n');
			prev_end = k->loc.end;
			cdc_buf_free(&lines[i].lhs);
			cdc_buf_free(&lines[i].rhs);
		}
		free(lines);
		n = run_end;
	}
	flush_comments(f, close, &prev_end);
}

/* ---- top-level blocks --------------------------------------------------------------- */

static void
header(fmt *f, const cdc_node *it, uint32_t *hdr_end)
{
	cdc_buf *o = f->out;
	switch (it->kind) {
	case CDC_N_PIPELINE:
		cdc_buf_puts(o, "pipeline ");
		put_name(o, it->a);
		*hdr_end = it->a->loc.end;
		break;
	case CDC_N_SOURCE:
	case CDC_N_TARGET:
		cdc_buf_puts(o, it->kind == CDC_N_SOURCE ? "source " : "target ");
		put_name(o, it->a);
		cdc_buf_putc(o, ' ');
		put_name(o, it->b);
		*hdr_end = it->b->loc.end;
		break;
	case CDC_N_TABLE:
	case CDC_N_QUALITY:
	case CDC_N_TRANSFORM:
		cdc_buf_puts(o, it->kind == CDC_N_TABLE ? "table " : it->kind == CDC_N_QUALITY ? "quality " : "transform ");
		path(o, it->a);
		*hdr_end = it->a->loc.end;
		break;
	case CDC_N_MERGE:
		cdc_buf_puts(o, "merge ");
		path(o, it->a);
		cdc_buf_puts(o, " into ");
		path(o, it->b);
		*hdr_end = it->b->loc.end;
		break;
	case CDC_N_TEST:
		cdc_buf_puts(o, "test ");
		if (it->b->kind == CDC_N_V_STRING)
			put_quoted(o, it->b->text, '"');
		else
			put_name(o, it->b);
		*hdr_end = it->b->loc.end;
		break;
	default:
		break;
	}
}

static const cdc_node *
children(const cdc_node *it)
{
	switch (it->kind) {
	case CDC_N_PIPELINE: case CDC_N_TABLE: case CDC_N_QUALITY: case CDC_N_TRANSFORM:
		return it->b;
	case CDC_N_SOURCE: case CDC_N_TARGET: case CDC_N_MERGE:
		return it->c;
	case CDC_N_TEST:
		return it->a;
	default:
		return NULL;
	}
}

/* Blocks are separated by one blank line; comments before a block stay attached to it
 * (a blank line between them and the block is kept). */
void
cdc_fmt_file(cdc_buf *out, const cdc_parse *p)
{
	fmt f = {out, p, p->file->text, 0, 0};
	uint32_t prev_end = 0;
	for (const cdc_node *it = p->root->a; it; it = it->next) {
		if (out->len > 0)
			cdc_buf_putc(out, '\n');
		uint32_t comments_end = 0;
		flush_comments(&f, it->loc.start, &comments_end);
		if (comments_end && blank_between(&f, comments_end, it->loc.start))
			cdc_buf_putc(out, '\n');
		uint32_t hdr_end = it->loc.start;
		header(&f, it, &hdr_end);
		const cdc_node *kids = children(it);
		uint32_t open = brace_after(&f, hdr_end);
		bool inner_comment = f.next_comment < p->ncomments &&
		                     p->comments[f.next_comment].loc.start < it->loc.end;
		if (!kids && !inner_comment) {
			cdc_buf_puts(out, " {}");
		} else {
			cdc_buf_puts(out, " {");
			f.indent = 1;
			block_body(&f, it, kids, open, it->loc.end - 1);
			f.indent = 0;
			cdc_buf_putc(out, '}');
		}
		trailing_comment(&f, it->loc.end);
		cdc_buf_putc(out, '\n');
		prev_end = it->loc.end;
	}
	flush_comments(&f, (uint32_t)p->file->len + 1, &prev_end);
}

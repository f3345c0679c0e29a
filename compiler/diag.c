/*
 * compiler/diag.c — diagnostics collection and the three output formats.
 */
#include "compiler/diag.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cdc_diag_info diag_table[] = {
#define CDC_DIAG(code, sev, title, doc) {#code, CDC_SEV_##sev, title, doc},
#include "compiler/diag.def"
#undef CDC_DIAG
};

struct cdc_diags {
	cdc_arena         *arena;
	const cdc_srcfile *file;
	cdc_diag         **items;
	unsigned           n, cap;
	unsigned           errors, warnings;
	unsigned           error_reports;
	unsigned           not_shown;   /* reports beyond CDC_DIAG_MAX */
	bool               sorted;
	cdc_loc           *masks;     /* secret ranges, never printed */
	unsigned           nmasks, masks_cap;
	const char        *subjects[2];   /* what the current checks are about, or NULL */
};

void
cdc_diag_subjects(cdc_diags *d, const char *subject, const char *subject2)
{
	d->subjects[0] = subject;
	d->subjects[1] = subject2;
}

/* The message with every occurrence of the current subjects replaced by "\x01". */
static const char *
fold_key(cdc_diags *d, const char *msg)
{
	if (!d->subjects[0] && !d->subjects[1])
		return msg;
	cdc_buf b = CDC_BUF_INIT;
	for (const char *p = msg; *p;) {
		size_t hit = 0;
		for (int i = 0; i < 2 && !hit; i++)
			if (d->subjects[i] && d->subjects[i][0] &&
			    strncmp(p, d->subjects[i], strlen(d->subjects[i])) == 0)
				hit = strlen(d->subjects[i]);
		if (hit) {
			cdc_buf_putc(&b, '\x01');
			p += hit;
		} else {
			cdc_buf_putc(&b, *p++);
		}
	}
	const char *r = cdc_arena_strdup(d->arena, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

const cdc_diag_info *
cdc_diag_info_of(cdc_diag_code c)
{
	return &diag_table[c];
}

const cdc_diag_info *
cdc_diag_find(const char *code)
{
	for (size_t i = 0; i < CDC_DIAG_COUNT; i++)
		if (strcasecmp(diag_table[i].code, code) == 0)
			return &diag_table[i];
	return NULL;
}

cdc_diags *
cdc_diag_new(cdc_arena *a, const cdc_srcfile *f)
{
	cdc_diags *d = cdc_arena_zalloc(a, sizeof *d);
	d->arena = a;
	d->file = f;
	return d;
}

cdc_diag *
cdc_diag_report(cdc_diags *d, cdc_diag_code code, cdc_loc loc, const char *fmt, ...)
{
	if (diag_table[code].sev == CDC_SEV_ERROR)
		d->error_reports++;
	if (d->n >= CDC_DIAG_MAX) {
		/* A file this broken (or not a pipeline at all) gets its first problems
		 * listed; the rest are counted so the totals and the exit status stay right. */
		d->not_shown++;
		if (diag_table[code].sev == CDC_SEV_ERROR)
			d->errors++;
		else
			d->warnings++;
		return NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	const char *msg = cdc_arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
	const char *fold = fold_key(d, msg);
	/* The scan is linear, but files have few diagnostics. */
	for (unsigned i = 0; i < d->n; i++) {
		cdc_diag *g = d->items[i];
		if (g->code == code && g->loc.start == loc.start && g->loc.end == loc.end &&
		    strcmp(g->fold, fold) == 0) {
			if (strcmp(g->msg, msg) != 0 && !(g->last && strcmp(g->last, msg) == 0)) {
				g->repeats++;
				g->last = msg;
			}
			return NULL;
		}
	}
	cdc_diag *g = cdc_arena_zalloc(d->arena, sizeof *g);
	g->code = code;
	g->loc = loc;
	g->arena = d->arena;
	g->msg = msg;
	g->fold = fold;
	g->seq = d->n;
	if (d->n == d->cap) {
		unsigned cap = d->cap ? d->cap * 2 : 16;
		cdc_diag **items = cdc_arena_alloc(d->arena, cap * sizeof *items);
		if (d->n)
			memcpy(items, d->items, d->n * sizeof *items);
		d->items = items;
		d->cap = cap;
	}
	d->items[d->n++] = g;
	d->sorted = false;
	if (diag_table[code].sev == CDC_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	return g;
}

static void
add_note(cdc_diag *g, cdc_note_kind kind, const cdc_loc *loc, const char *fmt, va_list ap)
{
	cdc_note *n = cdc_arena_zalloc(g->arena, sizeof *n);
	n->kind = kind;
	if (loc) {
		n->has_loc = true;
		n->loc = *loc;
	}
	n->msg = cdc_arena_vprintf(g->arena, fmt, ap);
	if (g->last_note)
		g->last_note->next = n;
	else
		g->notes = n;
	g->last_note = n;
}

void
cdc_diag_note(cdc_diag *g, const char *fmt, ...)
{
	if (!g)
		return;
	va_list ap;
	va_start(ap, fmt);
	add_note(g, CDC_NOTE, NULL, fmt, ap);
	va_end(ap);
}

void
cdc_diag_note_at(cdc_diag *g, cdc_loc loc, const char *fmt, ...)
{
	if (!g)
		return;
	va_list ap;
	va_start(ap, fmt);
	add_note(g, CDC_NOTE, &loc, fmt, ap);
	va_end(ap);
}

void
cdc_diag_help(cdc_diag *g, const char *fmt, ...)
{
	if (!g)
		return;
	va_list ap;
	va_start(ap, fmt);
	add_note(g, CDC_HELP, NULL, fmt, ap);
	va_end(ap);
}

void
cdc_diag_mask(cdc_diags *d, cdc_loc loc)
{
	if (d->nmasks == d->masks_cap) {
		unsigned cap = d->masks_cap ? d->masks_cap * 2 : 8;
		cdc_loc *m = cdc_arena_alloc(d->arena, cap * sizeof *m);
		if (d->nmasks)
			memcpy(m, d->masks, d->nmasks * sizeof *m);
		d->masks = m;
		d->masks_cap = cap;
	}
	d->masks[d->nmasks++] = loc;
}

static bool
masked(const cdc_diags *d, uint32_t off)
{
	for (unsigned i = 0; i < d->nmasks; i++)
		if (off > d->masks[i].start && off + 1 < d->masks[i].end)
			return true;
	return false;
}

unsigned cdc_diag_errors(const cdc_diags *d) { return d->errors; }
unsigned cdc_diag_not_shown(const cdc_diags *d) { return d->not_shown; }
unsigned cdc_diag_error_reports(const cdc_diags *d) { return d->error_reports; }
unsigned cdc_diag_warnings(const cdc_diags *d) { return d->warnings; }
unsigned cdc_diag_count(const cdc_diags *d) { return d->n; }
const cdc_diag *cdc_diag_at(const cdc_diags *d, unsigned i) { return d->items[i]; }
const cdc_srcfile *cdc_diag_file(const cdc_diags *d) { return d->file; }

static int
cmp_diag(const void *pa, const void *pb)
{
	const cdc_diag *a = *(cdc_diag *const *)pa, *b = *(cdc_diag *const *)pb;
	if (a->loc.start != b->loc.start)
		return a->loc.start < b->loc.start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
cdc_diag_sort(cdc_diags *d)
{
	if (!d->sorted && d->n > 1)
		qsort(d->items, d->n, sizeof *d->items, cmp_diag);
	d->sorted = true;
}

/* ---- text ---------------------------------------------------------------------- */

#define C_RESET  "\033[0m"
#define C_BOLD   "\033[1m"
#define C_ERROR  "\033[1;31m"
#define C_WARN   "\033[1;35m"
#define C_NOTE   "\033[1;36m"
#define C_HELP   "\033[1;32m"
#define C_CARET  "\033[1;32m"

static const char *
col_(const cdc_diag_style *st, const char *c)
{
	return st->color ? c : "";
}

static const char *
repeats_note(cdc_arena *a, unsigned n)
{
	return cdc_arena_printf(a,
		"reported once: the same problem occurs for %u more table%s this block applies to",
		n, n == 1 ? "" : "s");
}

/* Length of the valid UTF-8 character at s (n bytes left), or 0. */
static size_t
utf8_char(const unsigned char *s, size_t n)
{
	size_t k = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 && s[0] >= 0xC2 ? 2
	         : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (k == 0 || k > n)
		return 0;
	for (size_t j = 1; j < k; j++)
		if ((s[j] & 0xC0) != 0x80)
			return 0;
	return k;
}

#define SNIPPET_BEFORE 60    /* columns kept before the caret on a long line */
#define SNIPPET_WIDTH  160   /* columns shown of a long line */

/* Prints the line holding `loc` and an underline below it: '^' then '~' to the end of
 * the range (clipped to the line).  What reaches the terminal is sanitised: control
 * bytes and invalid UTF-8 print as '?' (a pipeline file must not drive the terminal),
 * tabs expand to 8-column stops so the carets line up, secrets print as '*', and a long
 * line is cut to a window around the caret. */
static void
print_snippet(FILE *out, const cdc_diags *d, cdc_loc loc, const cdc_diag_style *st)
{
	const cdc_srcfile *f = d->file;
	uint32_t line, c0;
	cdc_srcfile_linecol(f, loc.start, &line, &c0);
	size_t len;
	const char *text = cdc_srcfile_line(f, line, &len);
	uint32_t lstart = f->line_starts[line - 1];
	uint32_t end = loc.end > loc.start ? loc.end : loc.start + 1;
	/* the window, in columns */
	size_t first = c0 > SNIPPET_BEFORE + 1 ? c0 - 1 - SNIPPET_BEFORE : 0;
	size_t last = first + SNIPPET_WIDTH;
	cdc_buf src = CDC_BUF_INIT, mark = CDC_BUF_INIT;
	size_t vcol = 0, col = 0;
	bool cut_right = false;
	if (first) {
		cdc_buf_puts(&src, "...");
		cdc_buf_puts(&mark, "   ");
	}
	for (size_t i = 0; i <= len;) {
		uint32_t off = lstart + (uint32_t)i;
		size_t k = i < len ? utf8_char((const unsigned char *)text + i, len - i) : 1;
		bool bad = k == 0;
		if (bad)
			k = 1;
		if (col >= last && i < len) {
			cut_right = true;
			break;
		}
		unsigned char ch = i < len ? (unsigned char)text[i] : ' ';
		size_t w = ch == '\t' ? 8 - vcol % 8 : 1;
		if (col >= first) {
			if (i < len) {
				if (masked(d, off))
					cdc_buf_putc(&src, '*');
				else if (ch == '\t')
					cdc_buf_pad(&src, ' ', w);
				else if (bad || ch < 0x20 || ch == 0x7f)
					cdc_buf_putc(&src, '?');
				else
					cdc_buf_put(&src, text + i, k);
			}
			char m = ' ';
			if (off == loc.start)
				m = '^';
			else if (off > loc.start && off < end && i < len)
				m = '~';
			if (m != ' ' || off < loc.start)
				cdc_buf_pad(&mark, m, w);
			vcol += w;
		}
		if (i == len || (off >= loc.start && off >= end))
			if (i == len)
				break;
		col++;
		i += k;
	}
	if (cut_right)
		cdc_buf_puts(&src, "...");
	while (mark.len && mark.data[mark.len - 1] == ' ')
		cdc_buf_truncate(&mark, mark.len - 1);
	int gw = snprintf(NULL, 0, "%u", line);
	if (gw < 4)
		gw = 4;
	fprintf(out, " %*u | %s\n", gw, line, cdc_buf_str(&src));
	fprintf(out, " %*s | %s%s%s\n", gw, "", col_(st, C_CARET), cdc_buf_str(&mark),
	        col_(st, C_RESET));
	cdc_buf_free(&src);
	cdc_buf_free(&mark);
}

void
cdc_diag_print_text(cdc_diags *d, FILE *out, const cdc_diag_style *st)
{
	cdc_diag_sort(d);
	for (unsigned i = 0; i < d->n; i++) {
		const cdc_diag *g = d->items[i];
		const cdc_diag_info *info = &diag_table[g->code];
		uint32_t line, c;
		cdc_srcfile_linecol(d->file, g->loc.start, &line, &c);
		bool err = info->sev == CDC_SEV_ERROR;
		fprintf(out, "%s%s:%u:%u:%s %s%s[%s]%s: %s%s%s\n",
		        col_(st, C_BOLD), d->file->path, line, c, col_(st, C_RESET),
		        col_(st, err ? C_ERROR : C_WARN), err ? "error" : "warning", info->code,
		        col_(st, C_RESET), col_(st, C_BOLD), g->msg, col_(st, C_RESET));
		print_snippet(out, d, g->loc, st);
		for (const cdc_note *n = g->notes; n; n = n->next) {
			const char *kc = n->kind == CDC_NOTE ? C_NOTE : C_HELP;
			const char *kw = n->kind == CDC_NOTE ? "note" : "help";
			if (n->has_loc) {
				cdc_srcfile_linecol(d->file, n->loc.start, &line, &c);
				fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s\n", col_(st, C_BOLD),
				        d->file->path, line, c, col_(st, C_RESET), col_(st, kc), kw,
				        col_(st, C_RESET), n->msg);
				print_snippet(out, d, n->loc, st);
			} else {
				fprintf(out, "%s%s:%s %s\n", col_(st, kc), kw, col_(st, C_RESET), n->msg);
			}
		}
		if (g->repeats)
			fprintf(out, "%snote:%s %s\n", col_(st, C_NOTE), col_(st, C_RESET),
			        repeats_note(d->arena, g->repeats));
	}
	if (d->not_shown)
		fprintf(out, "%s: %snote:%s %u more problems are not shown: cdcc lists the first %d of a file\n",
		        d->file->path, col_(st, C_NOTE), col_(st, C_RESET), d->not_shown, CDC_DIAG_MAX);
}

/* ---- GitHub Actions workflow commands ------------------------------------------ */

/* Escaping rules of workflow commands: data escapes %, CR, LF; properties also : and ,. */
static void
gh_escape(cdc_buf *b, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			cdc_buf_puts(b, "%25");
		else if (*s == '\r')
			cdc_buf_puts(b, "%0D");
		else if (*s == '\n')
			cdc_buf_puts(b, "%0A");
		else if (property && *s == ':')
			cdc_buf_puts(b, "%3A");
		else if (property && *s == ',')
			cdc_buf_puts(b, "%2C");
		else
			cdc_buf_putc(b, *s);
	}
}

void
cdc_diag_print_github(cdc_diags *d, FILE *out, const cdc_diag_style *st)
{
	(void)st;
	cdc_diag_sort(d);
	for (unsigned i = 0; i < d->n; i++) {
		const cdc_diag *g = d->items[i];
		const cdc_diag_info *info = &diag_table[g->code];
		uint32_t line, c, eline, ec;
		cdc_srcfile_linecol(d->file, g->loc.start, &line, &c);
		cdc_srcfile_linecol(d->file, g->loc.end > g->loc.start ? g->loc.end : g->loc.start,
		                    &eline, &ec);
		cdc_buf b = CDC_BUF_INIT, msg = CDC_BUF_INIT, title = CDC_BUF_INIT;
		cdc_buf_printf(&title, "%s %s", info->code, info->title);
		cdc_buf_puts(&msg, g->msg);
		for (const cdc_note *n = g->notes; n; n = n->next)
			cdc_buf_printf(&msg, "\n%s: %s", n->kind == CDC_NOTE ? "note" : "help", n->msg);
		if (g->repeats)
			cdc_buf_printf(&msg, "\nnote: %s", repeats_note(d->arena, g->repeats));
		cdc_buf_printf(&b, "::%s file=", info->sev == CDC_SEV_ERROR ? "error" : "warning");
		gh_escape(&b, d->file->path, true);
		cdc_buf_printf(&b, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", line, c, eline, ec);
		gh_escape(&b, cdc_buf_str(&title), true);
		cdc_buf_puts(&b, "::");
		gh_escape(&b, cdc_buf_str(&msg), false);
		fprintf(out, "%s\n", cdc_buf_str(&b));
		cdc_buf_free(&b);
		cdc_buf_free(&msg);
		cdc_buf_free(&title);
	}
}

/* ---- JSON ------------------------------------------------------------------------ */

static void
json_loc(cJSON *o, const cdc_srcfile *f, cdc_loc loc)
{
	uint32_t line, c, eline, ec;
	cdc_srcfile_linecol(f, loc.start, &line, &c);
	cdc_srcfile_linecol(f, loc.end > loc.start ? loc.end : loc.start, &eline, &ec);
	cJSON_AddStringToObject(o, "file", f->path);
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", c);
	cJSON_AddNumberToObject(o, "end_line", eline);
	cJSON_AddNumberToObject(o, "end_column", ec);
}

void
cdc_diag_to_json(cdc_diags *d, cJSON *array, const cdc_diag_style *st)
{
	(void)st;
	cdc_diag_sort(d);
	for (unsigned i = 0; i < d->n; i++) {
		const cdc_diag *g = d->items[i];
		const cdc_diag_info *info = &diag_table[g->code];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", info->code);
		cJSON_AddStringToObject(o, "severity",
		                        info->sev == CDC_SEV_ERROR ? "error" : "warning");
		cJSON_AddStringToObject(o, "message", g->msg);
		json_loc(o, d->file, g->loc);
		cJSON_AddNumberToObject(o, "occurrences", 1 + g->repeats);
		cJSON *notes = cJSON_AddArrayToObject(o, "notes");
		for (const cdc_note *n = g->notes; n; n = n->next) {
			cJSON *no = cJSON_CreateObject();
			cJSON_AddStringToObject(no, "kind", n->kind == CDC_NOTE ? "note" : "help");
			cJSON_AddStringToObject(no, "message", n->msg);
			if (n->has_loc)
				json_loc(no, d->file, n->loc);
			cJSON_AddItemToArray(notes, no);
		}
		cJSON_AddItemToArray(array, o);
	}
}

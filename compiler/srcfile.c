/*
 * compiler/srcfile.c — file loading and the line table.
 */
#include "compiler/srcfile.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void
index_lines(cdc_arena *a, cdc_srcfile *f)
{
	uint32_t n = 1;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			n++;
	f->line_starts = cdc_arena_alloc(a, n * sizeof(uint32_t));
	f->line_starts[0] = 0;
	uint32_t k = 1;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->line_starts[k++] = (uint32_t)(i + 1);
	f->nlines = n;
}

cdc_srcfile *
cdc_srcfile_from_mem(cdc_arena *a, const char *path, const char *text, size_t len)
{
	cdc_srcfile *f = cdc_arena_zalloc(a, sizeof *f);
	f->path = cdc_arena_strdup(a, path);
	f->text = cdc_arena_strndup(a, text, len);
	f->len = len;
	index_lines(a, f);
	return f;
}

cdc_srcfile *
cdc_srcfile_read(cdc_arena *a, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp)
		return NULL;
	cdc_buf b = CDC_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		cdc_buf_put(&b, chunk, n);
	int err = ferror(fp) ? (errno ? errno : EIO) : 0;
	if (fp != stdin)
		fclose(fp);
	if (err) {
		cdc_buf_free(&b);
		errno = err;
		return NULL;
	}
	if (b.len > UINT32_MAX - 1) {
		cdc_buf_free(&b);
		errno = EFBIG;
		return NULL;
	}
	cdc_srcfile *f = cdc_srcfile_from_mem(a, strcmp(path, "-") == 0 ? "<stdin>" : path,
	                                      cdc_buf_str(&b), b.len);
	cdc_buf_free(&b);
	return f;
}

void
cdc_srcfile_linecol(const cdc_srcfile *f, uint32_t off, uint32_t *line, uint32_t *col)
{
	if (off > f->len)
		off = (uint32_t)f->len;
	uint32_t lo = 0, hi = f->nlines;   /* find the last line start <= off */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	uint32_t c = 1;
	for (uint32_t i = f->line_starts[lo]; i < off; i++)
		if (((unsigned char)f->text[i] & 0xC0) != 0x80)  /* skip UTF-8 continuation bytes */
			c++;
	*line = lo + 1;
	*col = c;
}

const char *
cdc_srcfile_line(const cdc_srcfile *f, uint32_t line, size_t *len)
{
	if (line < 1 || line > f->nlines) {
		*len = 0;
		return "";
	}
	uint32_t s = f->line_starts[line - 1];
	uint32_t e = line < f->nlines ? f->line_starts[line] - 1 : (uint32_t)f->len;
	if (e > s && f->text[e - 1] == '\r')
		e--;
	*len = e - s;
	return f->text + s;
}

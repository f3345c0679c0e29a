/*
 * runtime/rt.c — errors, the log, options and the clock of a run (see rt.h).
 */
#include "runtime/rt.h"
#include "runtime/buf.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool
cdc_fail(cdc_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->retry = false;
	e->drift = false;
	return false;
}

void
cdc_log(const cdc_rt *rt, cdc_log_level level, const char *fmt, ...)
{
	if (rt && level < rt->log_level)
		return;
	static const char *const names[] = {"debug", "info", "warning", "error"};
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (rt && rt->log_json) {
		cdc_buf j = CDC_BUF_INIT;
		int64_t now = cdc_rt_now();
		time_t secs = (time_t)(now / 1000000 + INT64_C(946684800));
		struct tm tm;
		gmtime_r(&secs, &tm);
		char ts[40];
		strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
		cdc_buf_printf(&j, "{\"time\": \"%s.%06dZ\", \"level\": \"%s\", \"message\": ", ts,
		               (int)(now % 1000000), names[level]);
		cdc_buf_json_string(&j, line, strlen(line));
		cdc_buf_puts(&j, "}\n");
		fputs(cdc_buf_str(&j), stderr);
		cdc_buf_free(&j);
		return;
	}
	/* one line each: a message never spans lines, whatever names it quotes */
	for (char *p = line; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			*p = ' ';
	fprintf(stderr, "cdcc: %s: %s\n", names[level], line);
}

void
cdc_progress(const cdc_rt *rt, const char *what, uint64_t done, uint64_t total, int64_t started, int64_t *last,
             bool final)
{
	int64_t now = cdc_rt_now();
	bool bar = rt->tty && !rt->log_json && rt->log_level <= CDC_LOG_INFO;
	if (!final && now - *last < (bar ? INT64_C(200000) : INT64_C(10000000)))
		return;
	if (!final && !bar && *last == 0) {
		*last = now;   /* a plain line only when the step lasts */
		return;
	}
	*last = now;
	double secs = (double)(now - started) / 1e6, rate = secs > 0 ? (double)done / secs : 0;
	char eta[32] = "";
	if (total > done && rate > 0)
		snprintf(eta, sizeof eta, ", about %.0f s left", (double)(total - done) / rate);
	char of[48] = "";
	if (total)
		snprintf(of, sizeof of, " of about %llu", (unsigned long long)total);
	if (!bar) {
		if (!final)
			cdc_log(rt, CDC_LOG_INFO, "%s: %llu rows so far%s, %.0f rows/s%s", what, (unsigned long long)done, of,
			        rate, eta);
		return;
	}
	int pct = total ? (int)(done >= total ? 100 : done * 100 / total) : -1;
	char gauge[24] = "";
	if (pct >= 0) {
		memcpy(gauge, "[                    ] ", 24);
		for (int i = 0; i < pct / 5; i++)
			gauge[1 + i] = '#';
	}
	/* redrawn in place; the final call clears it for the step's own log line */
	if (final)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r\033[Kcdcc: %s %s%llu rows%s, %.0f rows/s%s", what, gauge, (unsigned long long)done, of,
		        rate, eta);
	fflush(stderr);
}

const char *
cdc_rt_secret(const char *dir, int kind, const char *str, const char *name, const char *what, cdc_buf *out,
              cdc_err *e)
{
	cdc_buf_truncate(out, 0);
	switch (kind) {
	case CDC_IRV_ENV: {
		const char *v = getenv(str);
		if (!v) {
			cdc_fail(e, "%s: option %s reads the environment variable %s, which is not set", what, name, str);
			return NULL;
		}
		cdc_buf_puts(out, v);
		return cdc_buf_str(out);
	}
	case CDC_IRV_FILE: {
		char path[4096];
		if (str[0] == '/' || !dir)
			snprintf(path, sizeof path, "%s", str);
		else
			snprintf(path, sizeof path, "%s/%s", dir, str);
		FILE *f = fopen(path, "rb");
		if (!f) {
			cdc_fail(e, "%s: option %s reads the file %s: %s", what, name, path, strerror(errno));
			return NULL;
		}
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			cdc_buf_put(out, chunk, n);
		fclose(f);
		if (out->len && out->data[out->len - 1] == '\n')
			cdc_buf_truncate(out, out->len - 1);
		if (out->len && out->data[out->len - 1] == '\r')
			cdc_buf_truncate(out, out->len - 1);
		return cdc_buf_str(out);
	}
	case CDC_IRV_STR:
		cdc_buf_puts(out, str);
		return cdc_buf_str(out);
	default:
		cdc_fail(e, "%s: option %s is not text", what, name);
		return NULL;
	}
}

const char *
cdc_rt_option(const cdc_rt *rt, const cdc_ir_opts *opts, const char *name, const char *what, cdc_buf *out,
              cdc_err *e)
{
	const cdc_ir_opt *o = cdc_ir_opt_get(opts, name);
	cdc_buf_truncate(out, 0);
	if (!o)
		return NULL;
	return cdc_rt_secret(rt->dir, o->kind, o->str, name, what, out, e);
}

int64_t
cdc_rt_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec - INT64_C(946684800)) * 1000000 + ts.tv_nsec / 1000;
}

void
cdc_fault(const char *point)
{
	static int state;              /* 0: not read yet, 1: no fault, 2: armed */
	static char name[64];
	static long left;
	if (state == 0) {
		const char *v = getenv("CDCC_FAULT"), *colon = v ? strchr(v, ':') : NULL;
		state = 1;
		if (colon && (size_t)(colon - v) < sizeof name) {
			memcpy(name, v, (size_t)(colon - v));
			name[colon - v] = '\0';
			left = strtol(colon + 1, NULL, 10);
			state = left > 0 ? 2 : 1;
		}
	}
	if (state == 2 && strcmp(point, name) == 0 && --left == 0) {
		fprintf(stderr, "cdcc: fault point %s reached (CDCC_FAULT): killing this process\n", point);
		raise(SIGKILL);
	}
}

void
cdc_rt_thread_quiet(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

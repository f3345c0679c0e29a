/*
 * compiler/cdcc.c — the command line: `cdcc check`, `cdcc fmt`, `cdcc codes`.
 *
 * Exit status: 0 clean (warnings allowed unless -Werror), 1 problems found in a file,
 * 2 usage or I/O error.  Each file gets its own compile arena, freed when the file is
 * done, so checking many files keeps memory flat.
 */
#include "config.h"

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/fmt.h"
#include "compiler/sema.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
	"usage: cdcc <command> [options] [file...]\n"
	"\n"
	"cdcc compiles .cdc pipeline files: change data capture from PostgreSQL, MySQL,\n"
	"Kinesis, DynamoDB Streams and change files into Redshift, PostgreSQL, MySQL and S3.\n"
	"\n"
	"commands:\n"
	"  check FILE...      parse and check pipeline files; report every problem\n"
	"  fmt FILE...        rewrite pipeline files in the canonical format\n"
	"  codes [CODE]       list the diagnostic codes, or explain one\n"
	"\n"
	"options:\n"
	"  -h, --help         show help (cdcc <command> --help for a command's options)\n"
	"  --version          show the version\n";

static const char usage_check[] =
	"usage: cdcc check [options] FILE...\n"
	"\n"
	"Parses and checks each pipeline file and reports every problem found: syntax,\n"
	"names, types, options, keys, target limits, tests.  A file named - is read from\n"
	"standard input.\n"
	"\n"
	"options:\n"
	"  --format=FORMAT    text (default; on standard error), json (one document on\n"
	"                     standard output) or github (GitHub Actions annotations on\n"
	"                     standard output)\n"
	"  -Werror            treat warnings as errors for the exit status\n"
	"  --color=WHEN       auto (default), always or never\n"
	"  -v, --verbose      also print a line for each clean file\n"
	"\n"
	"exit status: 0 no errors, 1 errors (or warnings with -Werror), 2 usage or I/O error\n";

static const char usage_fmt[] =
	"usage: cdcc fmt [options] FILE...\n"
	"\n"
	"Rewrites each file in the canonical format, keeping every comment, and prints the\n"
	"names of the files it changed.  A file named - is read from standard input and\n"
	"written to standard output.\n"
	"\n"
	"options:\n"
	"  --check            change nothing; list the files that are not formatted and\n"
	"                     exit 1 if there are any\n"
	"  --stdout           print the formatted text instead of rewriting the file\n"
	"\n"
	"exit status: 0 done (or, with --check, all formatted), 1 unformatted files or\n"
	"syntax errors, 2 usage or I/O error\n";

static const char usage_codes[] =
	"usage: cdcc codes [CODE...]\n"
	"\n"
	"Without arguments, lists every diagnostic code with its title.  With codes\n"
	"(E0304, W0106), explains each one.\n";

static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "cdcc%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'cdcc %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

static bool
want_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "help") == 0;
}

/* A parsed file with its arena, diagnostics and (when it parsed) model. */
typedef struct unit {
	cdc_arena   *arena;
	cdc_srcfile *file;
	cdc_diags   *diags;
	cdc_parse    parse;
	cdc_model   *model;
} unit;

/* Loads and parses; returns false (after printing why) when the file cannot be read. */
static bool
unit_open(unit *u, const char *path)
{
	memset(u, 0, sizeof *u);
	u->arena = cdc_arena_new("compile");
	u->file = cdc_srcfile_read(u->arena, path);
	if (!u->file) {
		fprintf(stderr, "cdcc: could not read \"%s\": %s\n", path, strerror(errno));
		cdc_arena_free(u->arena);
		u->arena = NULL;
		return false;
	}
	u->diags = cdc_diag_new(u->arena, u->file);
	u->parse.arena = u->arena;
	u->parse.file = u->file;
	u->parse.diags = u->diags;
	cdc_parse_run(&u->parse);
	return true;
}

static void
unit_close(unit *u)
{
	cdc_arena_free(u->arena);
	u->arena = NULL;
}

static bool
use_color(const char *when)
{
	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	/* no-color.org: NO_COLOR set to a non-empty value turns colour off */
	const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
	return isatty(STDERR_FILENO) && !(no_color && *no_color) && term && strcmp(term, "dumb") != 0;
}

static int
cmd_check(int argc, char **argv)
{
	enum { TEXT, JSON, GITHUB } format = TEXT;
	const char *color = "auto";
	bool werror = false, verbose = false;
	int nfiles = 0;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (want_help(a)) {
			fputs(usage_check, stdout);
			free(files);
			return EXIT_CLEAN;
		}
		if (strncmp(a, "--format=", 9) == 0 || strcmp(a, "--format") == 0) {
			const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
			if (strcmp(v, "text") == 0)
				format = TEXT;
			else if (strcmp(v, "json") == 0)
				format = JSON;
			else if (strcmp(v, "github") == 0)
				format = GITHUB;
			else {
				free(files);
				return usage_error("check", "unknown format \"%s\" (text, json or github)", v);
			}
		} else if (strncmp(a, "--color=", 8) == 0) {
			color = a + 8;
			if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
				free(files);
				return usage_error("check", "unknown --color value \"%s\" (auto, always or never)", color);
			}
		} else if (strcmp(a, "-Werror") == 0 || strcmp(a, "--werror") == 0) {
			werror = true;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			verbose = true;
		} else if (a[0] == '-' && a[1]) {
			free(files);
			return usage_error("check", "unknown option \"%s\"", a);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (nfiles == 0) {
		free(files);
		return usage_error("check", "%sno files to check", "");
	}
	cdc_diag_style st = {format == TEXT && use_color(color)};
	cJSON *doc = cJSON_CreateObject(), *diags = cJSON_CreateArray(), *jfiles = cJSON_CreateArray();
	unsigned errors = 0, warnings = 0;
	int status = EXIT_CLEAN;
	for (int i = 0; i < nfiles; i++) {
		unit u;
		if (!unit_open(&u, files[i])) {
			status = EXIT_USAGE;
			continue;
		}
		if (u.parse.syntax_errors == 0)
			u.model = cdc_sema_run(u.arena, u.file, u.diags, u.parse.root);
		unsigned e = cdc_diag_errors(u.diags), w = cdc_diag_warnings(u.diags);
		errors += e;
		warnings += w;
		if (format == TEXT)
			cdc_diag_print_text(u.diags, stderr, &st);
		else if (format == GITHUB)
			cdc_diag_print_github(u.diags, stdout, &st);
		else {
			cdc_diag_to_json(u.diags, diags, &st);
			cJSON *jf = cJSON_CreateObject();
			cJSON_AddStringToObject(jf, "file", u.file->path);
			cJSON_AddNumberToObject(jf, "errors", e);
			cJSON_AddNumberToObject(jf, "warnings", w);
			cJSON_AddNumberToObject(jf, "not_shown", cdc_diag_not_shown(u.diags));
			cJSON_AddItemToArray(jfiles, jf);
		}
		if (verbose && format == TEXT && e == 0 && !(werror && w) && u.model) {
			const cdc_model *m = u.model;
			fprintf(stderr, "%s: ok: pipeline \"%s\", %d source%s, %d target%s, %d route%s",
			        u.file->path, m->name, m->nsources, m->nsources == 1 ? "" : "s", m->ntargets,
			        m->ntargets == 1 ? "" : "s", m->nroutes, m->nroutes == 1 ? "" : "s");
			if (w)
				fprintf(stderr, ", %u warning%s", w, w == 1 ? "" : "s");
			fputc('\n', stderr);
		}
		if ((e || (werror && w)) && status == EXIT_CLEAN)
			status = EXIT_PROBLEMS;
		unit_close(&u);
	}
	if (format == JSON) {
		cJSON_AddNumberToObject(doc, "version", 1);
		cJSON_AddItemToObject(doc, "files", jfiles);
		cJSON_AddItemToObject(doc, "diagnostics", diags);
		cJSON_AddNumberToObject(doc, "errors", errors);
		cJSON_AddNumberToObject(doc, "warnings", warnings);
		char *text = cJSON_Print(doc);
		printf("%s\n", text);
		cJSON_free(text);
	} else {
		cJSON_Delete(jfiles);
		cJSON_Delete(diags);
	}
	cJSON_Delete(doc);
	if (format == TEXT && (errors || warnings))
		fprintf(stderr, "%u error%s and %u warning%s%s\n", errors, errors == 1 ? "" : "s", warnings,
		        warnings == 1 ? "" : "s", werror && warnings ? " (warnings are errors: -Werror)" : "");
	free(files);
	return status;
}

/* Replaces path's contents through a temporary file and rename(), so an interrupted
 * fmt never leaves a half-written pipeline. */
static bool
write_file(const char *path, const cdc_buf *b)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	snprintf(tmp, n, "%s.fmt~", path);
	FILE *fp = fopen(tmp, "wb");
	bool ok = fp && fwrite(cdc_buf_str(b), 1, b->len, fp) == b->len;
	if (fp && fclose(fp) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		fprintf(stderr, "cdcc: could not write \"%s\": %s\n", path, strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return ok;
}

static int
cmd_fmt(int argc, char **argv)
{
	bool check = false, to_stdout = false;
	int status = EXIT_CLEAN, nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (want_help(a)) {
			fputs(usage_fmt, stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(a, "--check") == 0)
			check = true;
		else if (strcmp(a, "--stdout") == 0)
			to_stdout = true;
		else if (a[0] == '-' && a[1])
			return usage_error("fmt", "unknown option \"%s\"", a);
	}
	cdc_diag_style st = {use_color("auto")};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1])
			continue;
		nfiles++;
		unit u;
		if (!unit_open(&u, a)) {
			status = EXIT_USAGE;
			continue;
		}
		if (u.parse.syntax_errors) {
			cdc_diag_print_text(u.diags, stderr, &st);
			if (status == EXIT_CLEAN)
				status = EXIT_PROBLEMS;
			unit_close(&u);
			continue;
		}
		cdc_buf out = CDC_BUF_INIT;
		cdc_fmt_file(&out, &u.parse);
		bool same = out.len == u.file->len && memcmp(cdc_buf_str(&out), u.file->text, out.len) == 0;
		if (to_stdout || (strcmp(a, "-") == 0 && !check)) {   /* stdin goes to stdout */
			fwrite(cdc_buf_str(&out), 1, out.len, stdout);
		} else if (!same) {
			printf("%s\n", u.file->path);
			if (check) {
				if (status == EXIT_CLEAN)
					status = EXIT_PROBLEMS;
			} else if (strcmp(a, "-") == 0 || !write_file(a, &out)) {
				status = EXIT_USAGE;
			}
		}
		cdc_buf_free(&out);
		unit_close(&u);
	}
	if (nfiles == 0)
		return usage_error("fmt", "%sno files to format", "");
	return status;
}

static int
cmd_codes(int argc, char **argv)
{
	if (argc == 1) {
		for (int c = 0; c < CDC_DIAG_COUNT; c++) {
			const cdc_diag_info *d = cdc_diag_info_of((cdc_diag_code)c);
			printf("%s  %-7s  %s\n", d->code, d->sev == CDC_SEV_ERROR ? "error" : "warning", d->title);
		}
		return EXIT_CLEAN;
	}
	int status = EXIT_CLEAN;
	for (int i = 1; i < argc; i++) {
		if (want_help(argv[i])) {
			fputs(usage_codes, stdout);
			return EXIT_CLEAN;
		}
		const cdc_diag_info *d = cdc_diag_find(argv[i]);
		if (!d) {
			fprintf(stderr, "cdcc codes: unknown code \"%s\"\n", argv[i]);
			status = EXIT_USAGE;
			continue;
		}
		printf("%s%s (%s): %s\n\n%s\n", i > 1 ? "\n" : "", d->code,
		       d->sev == CDC_SEV_ERROR ? "error" : "warning", d->title, d->doc);
	}
	return status;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "%sno command given", "");
	const char *cmd = argv[1];
	if (want_help(cmd)) {
		fputs(usage_main, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("cdcc %s\n", PACKAGE_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "fmt") == 0)
		return cmd_fmt(argc - 1, argv + 1);
	if (strcmp(cmd, "codes") == 0)
		return cmd_codes(argc - 1, argv + 1);
	return usage_error(NULL, "unknown command \"%s\"", cmd);
}

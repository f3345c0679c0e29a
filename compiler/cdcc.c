/*
 * compiler/cdcc.c — the command line: check, build, explain, test, eval, fmt, codes.
 *
 * Exit status: 0 clean (warnings allowed unless -Werror), 1 problems found in a file,
 * 2 usage or I/O error.  Each file gets its own compile arena, freed when the file is
 * done, so checking many files keeps memory flat.
 */
#include "config.h"

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/explain.h"
#include "compiler/fmt.h"
#include "compiler/ir.h"
#include "compiler/plan.h"
#include "compiler/schemalock.h"
#include "compiler/sema.h"
#include "compiler/sql.h"
#include "compiler/srcfile.h"
#include "compiler/testrun.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/change.h"
#include "runtime/pg_schema.h"
#include "runtime/run.h"
#include "runtime/stage.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	"  build FILE         compile a pipeline into a plan file (.cdcb)\n"
	"  ddl FILE           the SQL of the targets: tables, runtime tables, load and apply\n"
	"  explain FILE       show the plan: graph, column lineage, rules, bytecode\n"
	"  test FILE...       run the pipeline files' test blocks, offline\n"
	"  run FILE           run the pipeline: snapshot, then stream changes into the\n"
	"                     targets, exactly once, until stopped (or --once)\n"
	"  schema pull FILE   connect to the sources and write the pipeline's schema lock\n"
	"  eval FILE          push change events (JSON Lines on standard input) through\n"
	"                     one table's quality rules and transform\n"
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

static const char usage_build[] =
	"usage: cdcc build [options] FILE\n"
	"\n"
	"Checks the pipeline file and compiles it into a plan: the pipeline graph and the\n"
	"bytecode of every table's quality rules and transform, which the runtime runs\n"
	"without the .cdc file.  The same file always gives the same plan, byte for byte.\n"
	"Credentials are stored as references (env(\"NAME\"), file(\"path\")); a credential\n"
	"written into the file is refused (E0901).\n"
	"\n"
	"options:\n"
	"  -o FILE            where to write the plan (default: FILE with .cdcb for .cdc;\n"
	"                     - for standard output)\n"
	"  -Werror            treat warnings as errors\n"
	"  --color=WHEN       auto (default), always or never\n"
	"\n"
	"exit status: 0 built, 1 errors in the file, 2 usage or I/O error\n";

static const char usage_ddl[] =
	"usage: cdcc ddl [options] FILE --dialect DIALECT\n"
	"\n"
	"Prints the SQL that sets up the pipeline's targets of one dialect: their schemas, the\n"
	"checkpoint and quarantine tables, and one table per route with its mapped types, key,\n"
	"and (Redshift) distribution, sort key and compression.  With --load, also the\n"
	"statements the runtime runs for every batch: the staging table, the load (COPY), the\n"
	"collapse of the batch to the latest change per key, the apply (MERGE or the\n"
	"dialect's upsert) and the checkpoint.  FILE is a pipeline file or a plan file.\n"
	"\n"
	"options:\n"
	"  --dialect D        redshift, postgres, mysql or athena (s3 lake targets)\n"
	"  --target NAME      only this target\n"
	"  --table NAME       only the routes of this source table (source.schema.table)\n"
	"  --load             also the per-batch statements\n"
	"  --full-rows        with --load: the form for batches whose changes sent every\n"
	"                     column (no TOAST-unchanged or missing columns): one sort\n"
	"  --migrate-from OLD instead of the whole DDL, the statements that take the\n"
	"                     targets from what OLD made to what FILE needs: OLD is an\n"
	"                     earlier version of the pipeline (.cdc or plan) or a schema\n"
	"                     lock of the sources as they were (FILE compiled against it)\n"
	"\n"
	"exit status: 0 written, 1 errors in the file or SQL the dialect cannot express,\n"
	"2 usage or I/O error\n";

static const char usage_explain[] =
	"usage: cdcc explain [options] FILE\n"
	"\n"
	"Shows what a pipeline file or plan file (.cdcb) does: its sources and targets, the\n"
	"graph of tables and routes, and per table the captured columns, the quality rules\n"
	"in order, the output columns with their types and the columns each one reads, the\n"
	"routes, and the disassembled bytecode with the source lines it comes from.\n"
	"\n"
	"options:\n"
	"  --format=FORMAT    text (default) or json\n"
	"  --table NAME       only this table (source.schema.table, as `cdcc explain` names it)\n"
	"  --no-code          leave out the bytecode\n"
	"\n"
	"exit status: 0 shown, 1 errors in the file, 2 usage or I/O error\n";

static const char usage_test[] =
	"usage: cdcc test [options] FILE...\n"
	"\n"
	"Runs the test blocks of each pipeline file without any database: the given changes\n"
	"go through the quality rules and transforms, are merged into in-memory target\n"
	"tables, and the result is compared with the expected rows, quarantined rows and\n"
	"failures.  A failing test prints what differs.\n"
	"\n"
	"options:\n"
	"  --test NAME        run only the test of this name\n"
	"  --env NAME=VALUE   the value of env(\"NAME\") in tests (tests never read the\n"
	"                     environment; an unset name reads as \"cdcc-test-NAME\")\n"
	"  -v, --verbose      also show what happened to changes in passing tests\n"
	"\n"
	"exit status: 0 all tests passed, 1 a test failed or the file has errors,\n"
	"2 usage or I/O error\n";

static const char usage_eval[] =
	"usage: cdcc eval [options] FILE --table NAME < changes.jsonl\n"
	"\n"
	"Reads change events of one table, one JSON object per line, from standard input:\n"
	"  {\"op\": \"insert\", \"row\": {\"id\": 1, \"amount\": \"10.00\"}}\n"
	"(optional: \"before\", \"position\", \"commit_time\", \"txid\"), runs each through\n"
	"the table's quality rules and transform, and prints one JSON line per change with\n"
	"its fate: applied (with the output row), filtered, dropped, quarantined (with the\n"
	"quarantine record) or failed.  A fail rule stops, as the pipeline would.  FILE is\n"
	"a pipeline file or a plan file.\n"
	"\n"
	"options:\n"
	"  --table NAME       the source table (source.schema.table)\n"
	"\n"
	"exit status: 0 every change processed, 1 a fail rule stopped or an input line is\n"
	"invalid, or errors in the file, 2 usage or I/O error\n";

static const char usage_run[] =
	"usage: cdcc run [options] FILE\n"
	"\n"
	"Runs the pipeline of FILE (a pipeline file or a plan file).  A new pipeline copies\n"
	"the source tables first (the snapshot), then streams every committed change; each\n"
	"batch commits in the target together with its checkpoint, so a run that is stopped\n"
	"or killed resumes exactly where the target left off.  Runs until SIGINT or SIGTERM,\n"
	"which apply what is batched and stop.\n"
	"\n"
	"options:\n"
	"  --once             catch up to the sources' positions at start, apply, exit\n"
	"  --stats FILE       write the counts of the run (per table: changes, applied,\n"
	"                     filtered, dropped, quarantined, failed, rules) as JSON at exit\n"
	"  --log-level LEVEL  debug, info (default), warning or error\n"
	"  --log-format FMT   text (default: cdcc: LEVEL: message) or json (one object\n"
	"                     per line: time, level, message)\n"
	"  --metrics FILE     rewrite FILE every 5 s with the run's metrics in Prometheus'\n"
	"                     text format (changes by table and fate, rules, batches,\n"
	"                     retries, lag)\n"
	"\n"
	"A status line (changes/s, lag, batches, fates, retries) is logged every 5 s.\n"
	"Lost connections are waited out, retrying after 1 s, 2 s, 4 s ... up to 60 s;\n"
	"with --once they end the run instead.\n"
	"\n"
	"exit status: 0 stopped as asked, 1 an error or a fail rule stopped the pipeline\n"
	"(the message says which), 2 usage, or errors in the file\n";

static const char usage_schema[] =
	"usage: cdcc schema pull [-o LOCK] FILE\n"
	"\n"
	"Connects to each postgres source of the pipeline FILE (its dsn, read as cdcc run\n"
	"reads it) and writes the schema lock: every table the source's tables/exclude\n"
	"select, with its columns, types and primary key, so that cdcc check can check the\n"
	"pipeline offline.  The lock goes to the pipeline's schema_lock file, or to LOCK.\n"
	"Sources of other kinds are left out of the lock.\n"
	"\n"
	"options:\n"
	"  -o LOCK            write the lock here (default: the pipeline's schema_lock)\n"
	"\n"
	"exit status: 0 written, 1 a source could not be read (nothing written), 2 usage\n";

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

/* A pipeline in IR form, from a .cdc file (checked and lowered) or a plan file. */
typedef struct loaded {
	unit         u;          /* the .cdc, when it is one */
	cdc_arena   *arena;      /* the plan's, when it is one */
	cdc_ir      *ir;
	cdc_srclines src;
} loaded;

static void
loaded_close(loaded *l)
{
	if (l->u.arena)
		unit_close(&l->u);
	if (l->arena)
		cdc_arena_free(l->arena);
	free((void *)l->src.lines);
	free((void *)l->src.lens);
	memset(l, 0, sizeof *l);
}

static bool use_color(const char *when);

/*
 * Loads FILE as an IR.  Prints diagnostics (errors always; warnings when `warnings`),
 * and returns EXIT_CLEAN, EXIT_PROBLEMS (errors, or warnings under werror) or
 * EXIT_USAGE (unreadable).  `plan`: lowering for a plan file (credentials are errors).
 */
static int
load(loaded *l, const char *path, bool plan, bool warnings, bool werror, const char *color, const char *lock)
{
	memset(l, 0, sizeof *l);
	cdc_arena *probe = cdc_arena_new("plan");
	cdc_srcfile *f = cdc_srcfile_read(probe, path);
	if (!f) {
		fprintf(stderr, "cdcc: could not read \"%s\": %s\n", path, strerror(errno));
		cdc_arena_free(probe);
		return EXIT_USAGE;
	}
	size_t plen = strlen(path);
	bool named_plan = plen > 5 && strcmp(path + plen - 5, ".cdcb") == 0;
	if (named_plan || cdc_plan_sniff(f->text, f->len)) {
		char why[512];
		l->arena = probe;
		l->ir = cdc_plan_read(probe, f->text, f->len, why, sizeof why);
		if (!l->ir) {
			fprintf(stderr, "cdcc: %s: cannot use this plan: %s\n", path, why);
			return EXIT_PROBLEMS;
		}
		return EXIT_CLEAN;
	}
	cdc_arena_free(probe);
	if (!unit_open(&l->u, path))
		return EXIT_USAGE;
	unit *u = &l->u;
	if (u->parse.syntax_errors == 0)
		u->model = cdc_sema_run_lock(u->arena, u->file, u->diags, u->parse.root, lock);
	if (u->model && cdc_diag_errors(u->diags) == 0)
		l->ir = cdc_ir_lower(u->arena, u->diags, u->model, u->file->text, u->file->len, plan);
	unsigned e = cdc_diag_errors(u->diags), w = cdc_diag_warnings(u->diags);
	cdc_diag_style st = {use_color(color)};
	if (e || (warnings && w))
		cdc_diag_print_text(u->diags, stderr, &st);
	if (e || !l->ir)
		return EXIT_PROBLEMS;
	if (werror && w) {
		fprintf(stderr, "cdcc: %s: warnings are errors (-Werror)\n", path);
		return EXIT_PROBLEMS;
	}
	l->src.n = u->file->nlines;
	const char **lines = calloc((size_t)l->src.n + 1, sizeof *lines);
	size_t *lens = calloc((size_t)l->src.n + 1, sizeof *lens);
	for (uint32_t i = 1; i <= l->src.n; i++)
		lines[i - 1] = cdc_srcfile_line(u->file, i, &lens[i - 1]);
	l->src.lines = lines;
	l->src.lens = lens;
	return EXIT_CLEAN;
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

/* Replaces path's contents through a temporary file (path + suffix) and rename(), so an
 * interrupted write never leaves half a file.  A path that exists and is not a regular
 * file (/dev/null, a pipe) is written directly: renaming over it would replace it. */
static bool
write_file(const char *path, const cdc_buf *b, const char *suffix)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		FILE *fp = fopen(path, "wb");
		bool ok = fp && fwrite(cdc_buf_str(b), 1, b->len, fp) == b->len;
		if (fp && fclose(fp) != 0)
			ok = false;
		if (!ok)
			fprintf(stderr, "cdcc: could not write \"%s\": %s\n", path, strerror(errno));
		return ok;
	}
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *tmp = malloc(n);
	snprintf(tmp, n, "%s%s", path, suffix);
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
			} else if (strcmp(a, "-") == 0 || !write_file(a, &out, ".fmt~")) {
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

/* Takes the value of --name=VALUE or --name VALUE at argv[*i]; NULL if a is not it. */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == '\0')
		return *i + 1 < argc ? argv[++*i] : "";
	return NULL;
}

static bool
write_out(const char *path, const cdc_buf *b)
{
	if (strcmp(path, "-") == 0)
		return fwrite(cdc_buf_str(b), 1, b->len, stdout) == b->len;
	return write_file(path, b, ".tmp~");
}

static int
cmd_build(int argc, char **argv)
{
	const char *file = NULL, *out = NULL, *color = "auto";
	bool werror = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_build, stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error("build", "%s-o needs a file name", "");
			out = argv[++i];
		} else if ((v = opt_value(argc, argv, &i, "--output")) != NULL)
			out = v;
		else if (strcmp(a, "-Werror") == 0 || strcmp(a, "--werror") == 0)
			werror = true;
		else if (strncmp(a, "--color=", 8) == 0)
			color = a + 8;
		else if (a[0] == '-' && a[1])
			return usage_error("build", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("build", "%sone pipeline file at a time", "");
		else
			file = a;
	}
	if (!file)
		return usage_error("build", "%sno pipeline file given", "");
	char *def = NULL;
	if (!out) {
		if (strcmp(file, "-") == 0)
			out = "-";
		else {
			size_t n = strlen(file);
			def = malloc(n + 6);
			memcpy(def, file, n + 1);
			if (n > 4 && strcmp(file + n - 4, ".cdc") == 0)
				def[n - 4] = '\0';
			strcat(def, ".cdcb");
			out = def;
		}
	}
	loaded l;
	int status = load(&l, file, true, true, werror, color, NULL);
	if (status == EXIT_CLEAN) {
		if (l.arena) {
			fprintf(stderr, "cdcc build: \"%s\" is already a plan\n", file);
			status = EXIT_USAGE;
		} else {
			cdc_buf b = CDC_BUF_INIT;
			cdc_plan_write(l.ir, &b);
			if (!write_out(out, &b))
				status = EXIT_USAGE;
			cdc_buf_free(&b);
		}
	}
	loaded_close(&l);
	free(def);
	return status;
}

/* Is this file a schema lock?  (False for an unreadable file: loading it says why.) */
static bool
is_lock_file(const char *path)
{
	cdc_arena *a = cdc_arena_new("sniff");
	cdc_srcfile *f = cdc_srcfile_read(a, path);
	bool lock = f && cdc_lock_sniff(f->text, f->len);
	cdc_arena_free(a);
	return lock;
}

static int
cmd_ddl(int argc, char **argv)
{
	const char *file = NULL, *dialect = NULL, *from = NULL;
	cdc_sql_opts o = {NULL, NULL, false, false};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_ddl, stdout);
			return EXIT_CLEAN;
		}
		if ((v = opt_value(argc, argv, &i, "--dialect")) != NULL)
			dialect = v;
		else if ((v = opt_value(argc, argv, &i, "--target")) != NULL)
			o.target = v;
		else if ((v = opt_value(argc, argv, &i, "--table")) != NULL)
			o.table = v;
		else if ((v = opt_value(argc, argv, &i, "--migrate-from")) != NULL)
			from = v;
		else if (strcmp(a, "--load") == 0)
			o.load = true;
		else if (strcmp(a, "--full-rows") == 0)
			o.full_rows = true;
		else if (a[0] == '-' && a[1])
			return usage_error("ddl", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("ddl", "%sone file at a time", "");
		else
			file = a;
	}
	if (!file)
		return usage_error("ddl", "%sno file given", "");
	cdc_dialect d;
	if (!dialect)
		return usage_error("ddl", "%s--dialect is required (redshift, postgres, mysql or athena)", "");
	if (!cdc_dialect_parse(dialect, &d))
		return usage_error("ddl", "unknown dialect \"%s\" (redshift, postgres, mysql or athena)", dialect);
	if (from && o.load)
		return usage_error("ddl", "%s--migrate-from and --load do not go together", "");
	if (o.full_rows && !o.load)
		return usage_error("ddl", "%s--full-rows goes with --load", "");
	loaded l, old;
	memset(&old, 0, sizeof old);
	int status = load(&l, file, false, false, false, "auto", NULL);
	bool from_lock = from && is_lock_file(from);
	if (status == EXIT_CLEAN && from) {
		if (from_lock)
			status = load(&old, file, false, false, false, "auto", from);
		else
			status = load(&old, from, false, false, false, "auto", NULL);
	}
	if (status == EXIT_CLEAN && o.table && !cdc_ir_find_table(l.ir, o.table)) {
		fprintf(stderr, "cdcc ddl: the pipeline captures no table \"%s\"\n", o.table);
		status = EXIT_USAGE;
	}
	if (status == EXIT_CLEAN && o.target) {
		bool found = false;
		for (int i = 0; i < l.ir->ntargets; i++)
			found |= strcmp(l.ir->targets[i].name, o.target) == 0;
		if (!found) {
			fprintf(stderr, "cdcc ddl: the pipeline has no target \"%s\"\n", o.target);
			status = EXIT_USAGE;
		}
	}
	if (status == EXIT_CLEAN) {
		cdc_buf b = CDC_BUF_INIT, errors = CDC_BUF_INIT, desc = CDC_BUF_INIT;
		if (from) {
			const char *slash = strrchr(from, '/'), *base = slash ? slash + 1 : from;
			if (from_lock)
				cdc_buf_printf(&desc, "the sources as the schema lock %s records them", base);
			else
				cdc_buf_printf(&desc, "%s (sha256 %.12s)", base, old.ir->sha256);
		}
		bool ok = from ? cdc_sql_migrate(&b, d, old.ir, l.ir, cdc_buf_str(&desc), &o, &errors)
		               : cdc_sql_emit(&b, d, l.ir, &o, &errors);
		cdc_buf_free(&desc);
		if (!ok) {
			/* nothing is printed: half a script is worse than none */
			for (const char *p = cdc_buf_str(&errors); *p;) {
				size_t n = strcspn(p, "\n");
				fprintf(stderr, "cdcc ddl: %.*s\n", (int)n, p);
				p += n + (p[n] == '\n');
			}
			status = EXIT_PROBLEMS;
		} else {
			fwrite(cdc_buf_str(&b), 1, b.len, stdout);
		}
		cdc_buf_free(&b);
		cdc_buf_free(&errors);
	}
	loaded_close(&l);
	if (from)
		loaded_close(&old);
	return status;
}

static int
cmd_explain(int argc, char **argv)
{
	const char *file = NULL, *format = "text";
	cdc_explain_opts o = {NULL, true, NULL};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_explain, stdout);
			return EXIT_CLEAN;
		}
		if ((v = opt_value(argc, argv, &i, "--format")) != NULL)
			format = v;
		else if ((v = opt_value(argc, argv, &i, "--table")) != NULL)
			o.table = v;
		else if (strcmp(a, "--no-code") == 0)
			o.code = false;
		else if (a[0] == '-' && a[1])
			return usage_error("explain", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("explain", "%sone file at a time", "");
		else
			file = a;
	}
	if (strcmp(format, "text") && strcmp(format, "json"))
		return usage_error("explain", "unknown format \"%s\" (text or json)", format);
	if (!file)
		return usage_error("explain", "%sno file given", "");
	loaded l;
	int status = load(&l, file, false, false, false, "auto", NULL);
	if (status == EXIT_CLEAN && o.table && !cdc_ir_find_table(l.ir, o.table)) {
		fprintf(stderr, "cdcc explain: the pipeline captures no table \"%s\"\n", o.table);
		status = EXIT_USAGE;
	}
	if (status == EXIT_CLEAN) {
		o.src = l.src.lines ? &l.src : NULL;
		cdc_buf b = CDC_BUF_INIT;
		if (strcmp(format, "json") == 0)
			cdc_explain_json(l.ir, &o, &b);
		else
			cdc_explain_text(l.ir, &o, &b);
		fwrite(cdc_buf_str(&b), 1, b.len, stdout);
		cdc_buf_free(&b);
	}
	loaded_close(&l);
	return status;
}

static int
cmd_test(int argc, char **argv)
{
	cdc_testrun_opts o = {NULL, false, NULL, 0};
	const char **env = calloc((size_t)argc + 1, sizeof *env);
	int nfiles = 0, status = EXIT_CLEAN;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_test, stdout);
			free(env);
			return EXIT_CLEAN;
		}
		if ((v = opt_value(argc, argv, &i, "--test")) != NULL)
			o.only = v;
		else if ((v = opt_value(argc, argv, &i, "--env")) != NULL) {
			if (!strchr(v, '=') || v[0] == '=') {
				free(env);
				return usage_error("test", "--env takes NAME=VALUE, not \"%s\"", v);
			}
			env[o.nenv++] = v;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
			o.verbose = true;
		else if (a[0] == '-' && a[1]) {
			free(env);
			return usage_error("test", "unknown option \"%s\"", a);
		}
	}
	o.env = env;
	cdc_testrun_result total = {0, 0, 0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--test") == 0 || strcmp(a, "--env") == 0) {
			i++;
			continue;
		}
		if (a[0] == '-' && a[1])
			continue;
		nfiles++;
		loaded l;
		int st = load(&l, a, false, false, false, "auto", NULL);
		if (st == EXIT_CLEAN && l.arena) {
			fprintf(stderr, "cdcc test: \"%s\" is a plan; tests are in the pipeline file\n", a);
			st = EXIT_USAGE;
		}
		if (st == EXIT_CLEAN) {
			cdc_testrun_result r = cdc_testrun(l.u.model, l.ir, l.u.file, &o, stdout);
			total.run += r.run;
			total.passed += r.passed;
			total.failed += r.failed;
			if (r.failed)
				st = EXIT_PROBLEMS;
		}
		if (st > status)
			status = st;
		loaded_close(&l);
	}
	free(env);
	if (nfiles == 0)
		return usage_error("test", "%sno files given", "");
	if (o.only && total.run == 0) {
		fprintf(stderr, "cdcc test: no test named \"%s\"\n", o.only);
		return status > EXIT_PROBLEMS ? status : EXIT_PROBLEMS;
	}
	printf("%d test%s, %d passed, %d failed\n", total.run, total.run == 1 ? "" : "s", total.passed, total.failed);
	return status;
}

static int
cmd_eval(int argc, char **argv)
{
	const char *file = NULL, *table = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_eval, stdout);
			return EXIT_CLEAN;
		}
		if ((v = opt_value(argc, argv, &i, "--table")) != NULL)
			table = v;
		else if (a[0] == '-' && a[1])
			return usage_error("eval", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("eval", "%sone file at a time", "");
		else
			file = a;
	}
	if (!file)
		return usage_error("eval", "%sno file given", "");
	if (!table)
		return usage_error("eval", "%s--table is required", "");
	loaded l;
	int status = load(&l, file, false, false, false, "auto", NULL);
	if (status != EXIT_CLEAN) {
		loaded_close(&l);
		return status;
	}
	const cdc_ir_table *t = cdc_ir_find_table(l.ir, table);
	if (!t) {
		fprintf(stderr, "cdcc eval: the pipeline captures no table \"%s\"\n", table);
		loaded_close(&l);
		return EXIT_USAGE;
	}
	cdc_arena *ev_arena = cdc_arena_new("event");
	cdc_stage st;
	cdc_stage_init(&st, t, ev_arena);
	cdc_buf line = CDC_BUF_INIT, out = CDC_BUF_INIT;
	unsigned long ln = 0;
	int c;
	bool eof = false;
	while (!eof && status == EXIT_CLEAN) {
		cdc_buf_truncate(&line, 0);
		while ((c = getchar()) != EOF && c != '\n')
			cdc_buf_putc(&line, (char)c);
		eof = c == EOF;
		if (eof && line.len == 0)
			break;
		ln++;
		const char *s = cdc_buf_str(&line);
		if (cdc_change_line_skipped(s, line.len))
			continue;
		cdc_change ch;
		char why[512];
		if (!cdc_change_from_json(ev_arena, t->cols, t->ncols, s, line.len, &ch, why, sizeof why)) {
			fprintf(stderr, "cdcc eval: standard input, line %lu: %s: %s\n", ln, t->display, why);
			status = EXIT_PROBLEMS;
			break;
		}
		char pos[32];
		snprintf(pos, sizeof pos, "stdin:%lu", ln);
		cdc_event_info ev = {0};
		ev.op = ch.op;
		ev.commit_time = ch.has_commit_time ? ch.commit_time : 0;
		ev.position = ch.position ? ch.position : pos;
		ev.table = t->schema ? cdc_arena_printf(ev_arena, "%s.%s", t->schema, t->name) : t->name;
		ev.txid = ch.txid;
		ev.has_txid = ch.has_txid;
		ev.before = ch.before;
		ev.now = ev.commit_time;
		cdc_fate f = cdc_stage_run(&st, &ev, ch.row);
		cdc_buf_truncate(&out, 0);
		cdc_buf_printf(&out, "{\"line\": %lu, \"fate\": \"%s\"", ln, cdc_fate_name(f));
		if (f == CDC_FATE_APPLY) {
			cdc_buf_puts(&out, ", \"row\": ");
			cdc_row_json(t->out, t->nout, st.out, &out);
		} else if (f == CDC_FATE_QUARANTINE) {
			cdc_buf_puts(&out, ", \"quarantine\": ");
			cdc_stage_quarantine_json(&st, &ev, ch.row, &out);
		} else if (f != CDC_FATE_FILTER) {
			const char *rule = cdc_stage_rule_name(&st), *reason = st.reason ? st.reason : "";
			cdc_buf_puts(&out, ", \"rule\": ");
			cdc_buf_json_string(&out, rule, strlen(rule));
			cdc_buf_puts(&out, ", \"reason\": ");
			cdc_buf_json_string(&out, reason, strlen(reason));
		}
		cdc_buf_puts(&out, "}\n");
		fwrite(cdc_buf_str(&out), 1, out.len, stdout);
		if (f == CDC_FATE_FAIL) {
			fprintf(stderr, "cdcc eval: line %lu: rule \"%s\" of %s stops the pipeline (%s)\n", ln,
			        cdc_stage_rule_name(&st), t->display, st.reason ? st.reason : "");
			status = EXIT_PROBLEMS;
		}
		cdc_arena_reset(ev_arena);
	}
	/* the counters always add up: every change has exactly one fate */
	fflush(stdout);
	fprintf(stderr, "%s: %llu change%s: %llu applied, %llu filtered, %llu dropped, %llu quarantined, %llu failed\n",
	        t->display, (unsigned long long)st.n.changes, st.n.changes == 1 ? "" : "s",
	        (unsigned long long)st.n.fate[CDC_FATE_APPLY], (unsigned long long)st.n.fate[CDC_FATE_FILTER],
	        (unsigned long long)st.n.fate[CDC_FATE_DROP], (unsigned long long)st.n.fate[CDC_FATE_QUARANTINE],
	        (unsigned long long)st.n.fate[CDC_FATE_FAIL]);
	for (uint32_t r = 0; r < t->prog->nrules; r++)
		if (st.n.rule_broken[r])
			fprintf(stderr, "  rule \"%s\" (%s): broken %llu time%s\n", t->prog->rules[r].name,
			        cdc_action_name(t->prog->rules[r].action), (unsigned long long)st.n.rule_broken[r],
			        st.n.rule_broken[r] == 1 ? "" : "s");
	cdc_buf_free(&line);
	cdc_buf_free(&out);
	cdc_stage_release(&st);
	cdc_arena_free(ev_arena);
	loaded_close(&l);
	return status;
}

static int
cmd_run(int argc, char **argv)
{
	const char *file = NULL;
	cdc_run_opts o = {0};
	o.log_level = CDC_LOG_INFO;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_run, stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(a, "--once") == 0)
			o.once = true;
		else if ((v = opt_value(argc, argv, &i, "--stats")) != NULL)
			o.stats_path = v;
		else if ((v = opt_value(argc, argv, &i, "--metrics")) != NULL)
			o.metrics_path = v;
		else if ((v = opt_value(argc, argv, &i, "--log-format")) != NULL) {
			if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
				return usage_error("run", "unknown log format \"%s\" (text or json)", v);
			o.log_json = strcmp(v, "json") == 0;
		}
		else if ((v = opt_value(argc, argv, &i, "--log-level")) != NULL) {
			static const char *const levels[] = {"debug", "info", "warning", "error"};
			int k = 0;
			while (k < 4 && strcmp(levels[k], v) != 0)
				k++;
			if (k == 4)
				return usage_error("run", "unknown log level \"%s\" (debug, info, warning or error)", v);
			o.log_level = (cdc_log_level)k;
		} else if (a[0] == '-' && a[1])
			return usage_error("run", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("run", "%sone file at a time", "");
		else
			file = a;
	}
	if (!file)
		return usage_error("run", "%sno file given", "");
	loaded l;
	/* as for a plan: a literal credential in the file is an error, never used */
	int status = load(&l, file, true, false, false, "auto", NULL);
	if (status != EXIT_CLEAN) {
		loaded_close(&l);
		return status == EXIT_PROBLEMS ? EXIT_USAGE : status;
	}
	char *dir = strdup(file), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	o.dir = slash ? dir : ".";
	fflush(stdout);
	status = cdc_run(l.ir, &o);
	free(dir);
	loaded_close(&l);
	return status;
}

typedef struct pull_ctx {
	const cdc_source *src;
} pull_ctx;

static bool
pull_selects(const char *schema, const char *name, void *arg)
{
	const pull_ctx *x = arg;
	return cdc_sema_selects(x->src, schema, name);
}

static int
cmd_schema(int argc, char **argv)
{
	const char *file = NULL, *outpath = NULL;
	if (argc < 2 || want_help(argv[1])) {
		fputs(usage_schema, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_CLEAN;
	}
	if (strcmp(argv[1], "pull") != 0)
		return usage_error("schema", "unknown subcommand \"%s\" (pull)", argv[1]);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v;
		if (want_help(a)) {
			fputs(usage_schema, stdout);
			return EXIT_CLEAN;
		}
		if ((v = opt_value(argc, argv, &i, "-o")) != NULL || (v = opt_value(argc, argv, &i, "--output")) != NULL)
			outpath = v;
		else if (a[0] == '-' && a[1])
			return usage_error("schema", "unknown option \"%s\"", a);
		else if (file)
			return usage_error("schema", "%sone file at a time", "");
		else
			file = a;
	}
	if (!file)
		return usage_error("schema", "%sno file given", "");
	unit u;
	if (!unit_open(&u, file))
		return EXIT_USAGE;
	if (u.parse.syntax_errors) {
		cdc_diag_style st = {use_color("auto")};
		cdc_diag_print_text(u.diags, stderr, &st);
		unit_close(&u);
		return EXIT_PROBLEMS;
	}
	/* the lock may not exist yet: the file's other problems are cdcc check's to report */
	u.model = cdc_sema_run(u.arena, u.file, u.diags, u.parse.root);
	const cdc_model *m = u.model;
	const char *path = outpath ? outpath : cdc_sema_lock_path(u.arena, m);
	if (!path) {
		unit_close(&u);
		return usage_error("schema", "%sthe pipeline has no schema_lock option: add one, or give -o LOCK", "");
	}
	cdc_buf json = CDC_BUF_INIT, dsn = CDC_BUF_INIT;
	cdc_buf_puts(&json, "{\n  \"cdcc_schema_lock\": 1,\n  \"sources\": [");
	int status = EXIT_CLEAN, nsrc = 0;
	for (int i = 0; i < m->nsources && status == EXIT_CLEAN; i++) {
		const cdc_source *src = m->sources[i];
		char what[300];
		snprintf(what, sizeof what, "source %s", src->name);
		if (strcmp(src->kind->name, "postgres") != 0) {
			fprintf(stderr, "cdcc schema pull: %s: %s sources are not read by this version; left out of the lock\n",
			        what, src->kind->name);
			continue;
		}
		const cdc_optval *ov = src->opts[CDC_OPT_SRC_DSN];
		cdc_err e = {{0}, false, false};
		int kind = !ov ? -1 : ov->secret == CDC_SECRET_ENV ? CDC_IRV_ENV
		         : ov->secret == CDC_SECRET_FILE ? CDC_IRV_FILE : CDC_IRV_STR;
		if (!ov || !cdc_rt_secret(m->dir, kind, ov->str, "dsn", what, &dsn, &e)) {
			fprintf(stderr, "cdcc schema pull: %s\n", ov ? e.msg : "the source has no dsn");
			status = EXIT_PROBLEMS;
			break;
		}
		cdc_buf_printf(&json, "%s\n    {\"name\": ", nsrc++ ? "," : "");
		cdc_buf_json_string(&json, src->name, strlen(src->name));
		cdc_buf_puts(&json, ", \"kind\": \"postgres\", \"complete\": true,\n     \"tables\": ");
		pull_ctx x = {src};
		int n = 0;
		if (!cdc_pg_schema_read(cdc_buf_str(&dsn), what, pull_selects, &x, &json, &n, &e)) {
			fprintf(stderr, "cdcc schema pull: %s\n", e.msg);
			status = EXIT_PROBLEMS;
			break;
		}
		cdc_buf_puts(&json, "}");
		fprintf(stderr, "cdcc schema pull: %s: %d table%s\n", what, n, n == 1 ? "" : "s");
	}
	cdc_buf_puts(&json, "\n  ]\n}\n");
	if (status == EXIT_CLEAN) {
		char tmp[4200];
		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		FILE *f = fopen(tmp, "w");
		bool ok = f && fwrite(json.data, 1, json.len, f) == json.len;
		if (f)
			ok = fclose(f) == 0 && ok;
		if (!ok || rename(tmp, path) != 0) {
			fprintf(stderr, "cdcc schema pull: cannot write %s: %s\n", path, strerror(errno));
			status = EXIT_USAGE;
		} else {
			fprintf(stderr, "cdcc schema pull: wrote %s\n", path);
		}
	}
	cdc_buf_free(&json);
	cdc_buf_free(&dsn);
	unit_close(&u);
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
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "ddl") == 0)
		return cmd_ddl(argc - 1, argv + 1);
	if (strcmp(cmd, "test") == 0)
		return cmd_test(argc - 1, argv + 1);
	if (strcmp(cmd, "eval") == 0)
		return cmd_eval(argc - 1, argv + 1);
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(cmd, "schema") == 0)
		return cmd_schema(argc - 1, argv + 1);
	if (strcmp(cmd, "codes") == 0)
		return cmd_codes(argc - 1, argv + 1);
	return usage_error(NULL, "unknown command \"%s\"", cmd);
}

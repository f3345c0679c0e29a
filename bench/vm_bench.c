/*
 * bench/vm_bench.c — change events per second through the VM, against a hand-written C
 * function doing the same work on the same rows, both measured in the same run
 * (`make bench-vm BENCH_ARGS="--events N --rounds N"`).
 *
 * The program is a realistic table: 10 columns (bigint, integer, numeric(12,2), char(3),
 * text, timestamptz, boolean), 5 quality rules (fail, quarantine, drop, quarantine, warn)
 * and 6 transform steps plus a filter.  It is compiled in-process from PIPELINE below
 * (parse, sema, lowering, as `cdcc` does) and run the way the runtime runs it: one
 * cdc_stage, cdc_stage_run per change, the output row read from the stage, the event
 * arena reset after each change.
 *
 * hand_run() is the baseline: the same rules and steps written directly in C on the same
 * cdc_value rows, with the same semantics (exact 128-bit numeric with its scale and range
 * checks, three-valued logic for NULLs, UTF-8 case mapping into an arena).  Before
 * anything is timed, both run over the whole input pool and every fate, rule, warning and
 * output value (in its text form) must agree, or the benchmark stops.
 *
 * Input rows are generated up front (a pool of --pool rows with a fixed seed, cycled), so
 * only the per-change work is timed.  Each round runs --events changes through the VM and
 * through the C function, in slices of a million that alternate between the two, and
 * times them in thread CPU time (the machine may be shared); the report gives the best
 * and the median round, the ratio VM / C, and the process's peak RSS after each slice of
 * the first round (flat: the hot path does not grow the heap per change).  `--only vm`
 * or `--only c` runs one side, for a profiler.
 *
 * Timings are printed, never judged: this is not a test.
 */
#include "config.h"

#include "compiler/diag.h"
#include "compiler/ir.h"
#include "compiler/model.h"
#include "compiler/sema.h"
#include "compiler/srcfile.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/datetime.h"
#include "runtime/numeric.h"
#include "runtime/stage.h"
#include "runtime/value.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

/* ---- the program ------------------------------------------------------------------- */

static const char PIPELINE[] =
	"pipeline vm_bench {\n"
	"  description = \"bench/vm_bench.c: 5 quality rules and 6 transform steps on a 10-column row\"\n"
	"}\n"
	"\n"
	"source shop postgres {\n"
	"  dsn       = env(\"SHOP_DSN\")\n"
	"  heartbeat = 1m\n"
	"  tables    = [public.orders]\n"
	"}\n"
	"\n"
	"table shop.public.orders {\n"
	"  id          bigint primary key\n"
	"  customer_id integer not null\n"
	"  amount      numeric(12,2)\n"
	"  currency    char(3)\n"
	"  status      text\n"
	"  email       text\n"
	"  created_at  timestamptz not null\n"
	"  updated_at  timestamptz\n"
	"  flag        boolean\n"
	"  note        text\n"
	"}\n"
	"\n"
	"quality shop.public.orders {\n"
	"  require id_positive: id > 0 else fail\n"
	"  require amount_nonneg: amount >= 0 else quarantine\n"
	"  require known_currency: currency IN ('USD', 'EUR', 'GBP', 'JPY', 'CHF') else drop\n"
	"  require email_format: email LIKE '%@%' else quarantine\n"
	"  warn updated_after_created: updated_at >= created_at\n"
	"}\n"
	"\n"
	"transform shop.public.orders {\n"
	"  amount_cents = CAST(amount * 100 AS bigint)\n"
	"  status       = upper(trim(status))\n"
	"  email_domain = lower(split_part(email, '@', 2))\n"
	"  is_big       = amount >= 1000\n"
	"  created_date = CAST(created_at AS date)\n"
	"  _op          = op()\n"
	"  filter status <> 'TEST'\n"
	"}\n"
	"\n"
	"target dw postgres {\n"
	"  dsn = env(\"DW_DSN\")\n"
	"}\n"
	"\n"
	"merge shop.public.orders into dw.public.orders {\n"
	"  deletes = soft(_deleted)\n"
	"}\n";

/* Input columns (the table as captured) and output columns (after the transform), in
 * the order the compiled program has them; checked against the IR at start. */
enum { I_ID, I_CUSTOMER_ID, I_AMOUNT, I_CURRENCY, I_STATUS, I_EMAIL, I_CREATED_AT, I_UPDATED_AT,
       I_FLAG, I_NOTE, I_NCOLS };
enum { O_ID, O_CUSTOMER_ID, O_AMOUNT, O_CURRENCY, O_STATUS, O_EMAIL, O_CREATED_AT, O_UPDATED_AT,
       O_FLAG, O_NOTE, O_AMOUNT_CENTS, O_EMAIL_DOMAIN, O_IS_BIG, O_CREATED_DATE, O_OP, O_NCOLS };
static const char *const in_names[I_NCOLS] = {
	"id", "customer_id", "amount", "currency", "status", "email", "created_at", "updated_at",
	"flag", "note"};
static const char *const out_names[O_NCOLS] = {
	"id", "customer_id", "amount", "currency", "status", "email", "created_at", "updated_at",
	"flag", "note", "amount_cents", "email_domain", "is_big", "created_date", "_op"};

/* The rules, in program order. */
enum { R_ID_POSITIVE, R_AMOUNT_NONNEG, R_KNOWN_CURRENCY, R_EMAIL_FORMAT, R_UPDATED_AFTER, R_COUNT };

/* ---- the hand-written baseline ----------------------------------------------------- */

typedef struct hand {
	cdc_arena *arena;                 /* per change, reset by the caller */
	locale_t   utf8;                  /* C.UTF-8, for case mapping beyond ASCII */
	cdc_value  out[O_NCOLS];
	int        rule;                  /* the rule that decided a non-applied change; -1: step */
	uint64_t   fate[CDC_FATE_COUNT];
	uint64_t   rule_broken[R_COUNT];
	uint64_t   step_errors;
} hand;

static __int128 pow10_128[39];   /* 10^0 .. 10^38, filled by main() */

static inline bool
absent(cdc_value v)
{
	return v.tag <= CDC_VAL_UNCHANGED;   /* NULL, or not sent: nothing to compute on */
}

/* x / 10^k rounded half away from zero. */
static __int128
div_round(__int128 x, int k)
{
	__int128 d = pow10_128[k], q = x / d, r = x % d;
	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += x < 0 ? -1 : 1;
	return q;
}

/* Case mapping into the arena: ASCII directly, anything else through the C.UTF-8
 * locale's simple mapping (as PostgreSQL's upper/lower in a UTF-8 database). */
static cdc_value
map_case(hand *h, const char *s, uint32_t n, bool up)
{
	char *q = cdc_arena_alloc(h->arena, (size_t)n * 2 + 4);
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (uint32_t i = 0; i < n;) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (up && c >= 'a' && c <= 'z')
				c -= 32;
			else if (!up && c >= 'A' && c <= 'Z')
				c += 32;
			q[k++] = (char)c;
			i++;
			continue;
		}
		uint32_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, cp = c & (0x3F >> (len - 1));
		for (uint32_t j = 1; j < len && i + j < n; j++)
			cp = (cp << 6) | (p[i + j] & 0x3F);
		i += len;
		if (h->utf8)   /* without the locale the VM leaves non-ASCII as it is, too */
			cp = (uint32_t)(up ? towupper_l((wint_t)cp, h->utf8) : towlower_l((wint_t)cp, h->utf8));
		if (cp < 0x80) {
			q[k++] = (char)cp;
		} else if (cp < 0x800) {
			q[k++] = (char)(0xC0 | (cp >> 6));
			q[k++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			q[k++] = (char)(0xE0 | (cp >> 12));
			q[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			q[k++] = (char)(0x80 | (cp & 0x3F));
		} else {
			q[k++] = (char)(0xF0 | (cp >> 18));
			q[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			q[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			q[k++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	return cdc_val_text(q, k);
}

static cdc_fate
hand_decide(hand *h, cdc_fate f, int rule)
{
	h->rule = rule;
	h->fate[f]++;
	if (rule >= 0)
		h->rule_broken[rule]++;
	return f;
}

/*
 * The table's rules and transform for one change, as one would write them in C.  A
 * condition on a NULL is NULL and passes; a strict step on a NULL gives NULL.
 */
__attribute__((noinline)) static cdc_fate
hand_run(hand *h, const cdc_event_info *ev, const cdc_value *row)
{
	cdc_value id = row[I_ID], amount = row[I_AMOUNT], currency = row[I_CURRENCY],
	          status = row[I_STATUS], email = row[I_EMAIL], created = row[I_CREATED_AT],
	          updated = row[I_UPDATED_AT];

	/* require id_positive: id > 0 else fail */
	if (!absent(id) && id.u.i <= 0)
		return hand_decide(h, CDC_FATE_FAIL, R_ID_POSITIVE);
	/* require amount_nonneg: amount >= 0 else quarantine (NaN sorts above every number) */
	if (!absent(amount) && (amount.kind == CDC_NUM_NINF || (amount.kind == CDC_NUM_FINITE && amount.u.n < 0)))
		return hand_decide(h, CDC_FATE_QUARANTINE, R_AMOUNT_NONNEG);
	/* require known_currency: currency IN (...) else drop; char(3) compares unpadded */
	if (!absent(currency)) {
		static const char codes[][4] = {"USD", "EUR", "GBP", "JPY", "CHF"};
		uint32_t n = currency.u.s.len;
		while (n && currency.u.s.p[n - 1] == ' ')
			n--;
		bool known = false;
		for (size_t i = 0; i < sizeof codes / sizeof codes[0] && !known; i++)
			known = n == 3 && memcmp(currency.u.s.p, codes[i], 3) == 0;
		if (!known)
			return hand_decide(h, CDC_FATE_DROP, R_KNOWN_CURRENCY);
	}
	/* require email_format: email LIKE '%@%' else quarantine */
	if (!absent(email) && (email.u.s.len == 0 || !memchr(email.u.s.p, '@', email.u.s.len)))
		return hand_decide(h, CDC_FATE_QUARANTINE, R_EMAIL_FORMAT);
	/* warn updated_after_created: updated_at >= created_at */
	if (!absent(updated) && !absent(created) && updated.u.i < created.u.i)
		h->rule_broken[R_UPDATED_AFTER]++;

	cdc_value *out = h->out;
	for (int i = 0; i < I_NCOLS; i++)
		out[i] = row[i];

	/* amount_cents = CAST(amount * 100 AS bigint): exact product, coerced to
	 * numeric(22,2), then rounded half away from zero into a bigint */
	if (absent(amount)) {
		out[O_AMOUNT_CENTS] = cdc_val_null();
	} else {
		if (amount.kind != CDC_NUM_FINITE)
			goto step_error;   /* NaN has no bigint (±Infinity cannot be a numeric(12,2)) */
		__int128 c = amount.u.n;
		int scale = amount.scale;
		if (c >= pow10_128[38] / 100 || c <= -pow10_128[38] / 100)
			goto step_error;   /* past 38 digits; a numeric(12,2) never gets here */
		c *= 100;
		if (scale > 2) {
			c = div_round(c, scale - 2);
			scale = 2;
		}
		if ((c < 0 ? -c : c) >= pow10_128[20 + scale])
			goto step_error;
		__int128 cents = div_round(c, scale);
		if (cents > INT64_MAX || cents < INT64_MIN)
			goto step_error;
		out[O_AMOUNT_CENTS] = cdc_val_int((int64_t)cents);
	}

	/* status = upper(trim(status)) */
	if (absent(status)) {
		out[O_STATUS] = cdc_val_null();
	} else {
		uint32_t b = 0, e = status.u.s.len;
		while (b < e && status.u.s.p[b] == ' ')
			b++;
		while (e > b && status.u.s.p[e - 1] == ' ')
			e--;
		out[O_STATUS] = map_case(h, status.u.s.p + b, e - b, true);
	}

	/* email_domain = lower(split_part(email, '@', 2)) */
	if (absent(email)) {
		out[O_EMAIL_DOMAIN] = cdc_val_null();
	} else {
		const char *s = email.u.s.p, *end = s + email.u.s.len;
		const char *at = email.u.s.len ? memchr(s, '@', email.u.s.len) : NULL;
		const char *b = at ? at + 1 : end;
		const char *e = at ? memchr(b, '@', (size_t)(end - b)) : NULL;
		out[O_EMAIL_DOMAIN] = map_case(h, b, (uint32_t)((e ? e : end) - b), false);
	}

	/* is_big = amount >= 1000 */
	if (absent(amount))
		out[O_IS_BIG] = cdc_val_null();
	else if (amount.kind != CDC_NUM_FINITE)
		out[O_IS_BIG] = cdc_val_bool(amount.kind != CDC_NUM_NINF);
	else
		out[O_IS_BIG] = cdc_val_bool(amount.u.n >= 1000 * pow10_128[amount.scale]);

	/* created_date = CAST(created_at AS date): the pipeline's time zone is UTC */
	if (absent(created)) {
		out[O_CREATED_DATE] = cdc_val_null();
	} else {
		int64_t ts = created.u.i, d;
		if (ts == CDC_DT_NOBEGIN)
			d = CDC_DT_DATE_NOBEGIN;
		else if (ts == CDC_DT_NOEND)
			d = CDC_DT_DATE_NOEND;
		else
			d = ts / CDC_DT_USECS_PER_DAY - (ts % CDC_DT_USECS_PER_DAY < 0);
		cdc_value v = {0};
		v.tag = CDC_VAL_DATE;
		v.u.i = d;
		out[O_CREATED_DATE] = v;
	}

	/* _op = op() */
	out[O_OP] = cdc_val_text(&"IUDS"[ev->op], 1);

	/* filter status <> 'TEST' (NULL removes the row too) */
	if (out[O_STATUS].tag == CDC_VAL_NULL ||
	    (out[O_STATUS].u.s.len == 4 && memcmp(out[O_STATUS].u.s.p, "TEST", 4) == 0))
		return hand_decide(h, CDC_FATE_FILTER, -1);
	return hand_decide(h, CDC_FATE_APPLY, -1);

step_error:
	h->step_errors++;
	return hand_decide(h, CDC_FATE_QUARANTINE, -1);
}

/* ---- input rows -------------------------------------------------------------------- */

typedef struct event {
	cdc_event_info ev;
	cdc_value      row[I_NCOLS];
} event;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t
rng(void)
{
	/* xorshift64*: fixed seed, so every run times the same rows */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

/* True with probability per10k / 10000. */
static bool
chance(unsigned per10k)
{
	return rng() % 10000 < per10k;
}

static const char *
pick(const char *const *v, size_t n)
{
	return v[rng() % n];
}

#define PICK(v) pick((v), sizeof(v) / sizeof((v)[0]))

static cdc_value
text_value(cdc_arena *a, const char *s)
{
	size_t n = strlen(s);
	return cdc_val_text(cdc_arena_strndup(a, s, n), n);
}

static cdc_value
tagged(cdc_vtag tag, int64_t i)
{
	cdc_value v = {0};
	v.tag = (uint8_t)tag;
	v.u.i = i;
	return v;
}

/*
 * One change of shop.public.orders.  Most rows pass every rule; at low rates they break
 * one: a negative amount (quarantine), an unknown or NULL currency (drop; NULL passes),
 * an email without '@' (quarantine), an update older than its insert (warn), a test
 * order (filtered).  Some text is not ASCII, some values are NULL, and some updates do
 * not send the note (a TOASTed column the source marks unchanged).
 */
static void
make_event(cdc_arena *a, event *e, int64_t id, int64_t base_ts)
{
	static const char *const currencies[] = {"USD", "USD", "USD", "USD", "EUR", "EUR", "EUR", "GBP", "GBP", "JPY", "CHF"};
	static const char *const bad_currencies[] = {"AUD", "XXX", "usd", "US "};
	static const char *const statuses[] = {"paid", "shipped", "new", "pending", "cancelled", "refunded",
	                                       "Paid", " shipped", "delivered ", "  new  "};
	static const char *const names[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
	                                    "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert",
	                                    "sybil", "trent", "victor", "walter", "zoë"};
	static const char *const domains[] = {"example.com", "Gmail.com", "yahoo.co.uk", "EXAMPLE.ORG",
	                                      "corp.acme.io", "Outlook.COM", "mail.ru", "web.de"};
	static const char *const odd_domains[] = {"MÜLLER.de", "École.FR", "ŁÓDŹ.pl"};
	static const char *const notes[] = {"leave at the door", "gift wrap please", "call before delivery",
	                                    "livraison demandée avant 10h", "fragile", "second attempt",
	                                    "customer asked for an invoice copy by email", "Rückruf erbeten",
	                                    "paid with voucher SPRING24, remainder by card"};
	int op = chance(6000) ? CDC_EVOP_INSERT : chance(8750) ? CDC_EVOP_UPDATE : CDC_EVOP_SNAPSHOT;
	cdc_value *r = e->row;
	char buf[160];

	r[I_ID] = cdc_val_int(id);
	r[I_CUSTOMER_ID] = cdc_val_int(1 + (int64_t)(rng() % 2000000));

	/* amounts: mostly 1.00 .. 2,000.00, a long tail up to 100,000.00 */
	if (chance(100)) {
		r[I_AMOUNT] = cdc_val_null();
	} else {
		__int128 cents = chance(1000) ? (__int128)(rng() % 10000000) : (__int128)(100 + rng() % 200000);
		if (chance(50))
			cents = -cents;
		cdc_value v = {0};
		v.tag = CDC_VAL_NUM;
		v.kind = CDC_NUM_FINITE;
		v.scale = 2;
		v.u.n = cents;
		r[I_AMOUNT] = v;
	}

	if (chance(50))
		r[I_CURRENCY] = cdc_val_null();
	else
		r[I_CURRENCY] = text_value(a, chance(60) ? PICK(bad_currencies) : PICK(currencies));

	if (chance(50))
		r[I_STATUS] = cdc_val_null();
	else
		r[I_STATUS] = text_value(a, chance(100) ? (chance(5000) ? "test" : " Test ") : PICK(statuses));

	if (chance(100)) {
		r[I_EMAIL] = cdc_val_null();
	} else if (chance(50)) {
		snprintf(buf, sizeof buf, "%s.%s.example.com", PICK(names), PICK(names));   /* no '@' */
		r[I_EMAIL] = text_value(a, buf);
	} else if (chance(20)) {
		r[I_EMAIL] = text_value(a, "");
	} else {
		const char *domain = chance(150) ? PICK(odd_domains) : PICK(domains);
		if (chance(30))
			snprintf(buf, sizeof buf, "\"%s@home\"@%s", PICK(names), domain);   /* two '@' */
		else
			snprintf(buf, sizeof buf, "%s.%s%u@%s", PICK(names), PICK(names), (unsigned)(rng() % 1000), domain);
		r[I_EMAIL] = text_value(a, buf);
	}

	int64_t created = base_ts + (int64_t)(rng() % (180 * CDC_DT_USECS_PER_DAY));
	r[I_CREATED_AT] = tagged(CDC_VAL_TSTZ, created);
	int64_t updated = created;
	if (op != CDC_EVOP_INSERT) {
		if (chance(100))
			updated = created - 1000000 * (int64_t)(1 + rng() % 3600);   /* the source's clock went back */
		else
			updated = created + (int64_t)(rng() % (30 * CDC_DT_USECS_PER_DAY));
	}
	r[I_UPDATED_AT] = chance(200) ? cdc_val_null() : tagged(CDC_VAL_TSTZ, updated);

	r[I_FLAG] = chance(200) ? cdc_val_null() : cdc_val_bool(rng() & 1);

	if (op == CDC_EVOP_UPDATE && chance(500)) {
		cdc_value v = {0};
		v.tag = CDC_VAL_UNCHANGED;
		r[I_NOTE] = v;
	} else {
		r[I_NOTE] = chance(4000) ? cdc_val_null() : text_value(a, PICK(notes));
	}

	e->ev.op = op;
	e->ev.commit_time = updated;
	e->ev.position = cdc_arena_printf(a, "0/%llX", (unsigned long long)(0x16B3748 + id * 512));
	e->ev.table = "public.orders";
	e->ev.now = updated;
}

/* ---- measuring --------------------------------------------------------------------- */

static double
clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long
maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;   /* KiB on Linux */
}

static long
rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Reads a few output columns, so neither loop's work can be optimised away; both loops
 * pay the same for it. */
static inline uint64_t
consume(cdc_fate f, const cdc_value *out)
{
	uint64_t h = (uint64_t)f;
	if (f != CDC_FATE_APPLY)
		return h;
	h += (uint64_t)out[O_AMOUNT_CENTS].u.i * 31 + (uint64_t)out[O_CREATED_DATE].u.i + (uint64_t)out[O_IS_BIG].u.i;
	if (out[O_STATUS].tag == CDC_VAL_TEXT)
		h += out[O_STATUS].u.s.len;
	if (out[O_EMAIL_DOMAIN].tag == CDC_VAL_TEXT && out[O_EMAIL_DOMAIN].u.s.len)
		h += (unsigned char)out[O_EMAIL_DOMAIN].u.s.p[0] + out[O_EMAIL_DOMAIN].u.s.len;
	h += (unsigned char)out[O_OP].u.s.p[0];
	return h;
}

#define SLICE 1000000   /* changes per slice: the VM and C alternate by slices */

typedef struct runner {
	const event *pool;
	size_t       npool;
	size_t       next;    /* the next pooled change */
	cdc_arena   *arena;
	cdc_stage   *stage;   /* the VM, or */
	hand        *hand;    /* the hand-written function */
	uint64_t     sink;
	double       cpu;     /* seconds of this thread's CPU time, and wall-clock seconds */
	double       wall;
} runner;

/* Runs n changes, cycling through the pool, and adds the time taken to r. */
static void
run(runner *r, uint64_t n)
{
	uint64_t sink = 0;
	size_t k = r->next;
	double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
	if (r->stage) {
		for (uint64_t i = 0; i < n; i++) {
			const event *e = &r->pool[k];
			k = k + 1 == r->npool ? 0 : k + 1;
			cdc_fate f = cdc_stage_run(r->stage, &e->ev, e->row);
			sink += consume(f, r->stage->out);
			cdc_arena_reset(r->arena);
		}
	} else {
		for (uint64_t i = 0; i < n; i++) {
			const event *e = &r->pool[k];
			k = k + 1 == r->npool ? 0 : k + 1;
			cdc_fate f = hand_run(r->hand, &e->ev, e->row);
			sink += consume(f, r->hand->out);
			cdc_arena_reset(r->arena);
		}
	}
	r->cpu += clock_s(CLOCK_THREAD_CPUTIME_ID) - c0;
	r->wall += clock_s(CLOCK_MONOTONIC) - w0;
	r->next = k;
	r->sink += sink;
}

/* ---- checking that both do the same ----------------------------------------------- */

static void
format_value(cdc_value v, cdc_rtype t, cdc_buf *b)
{
	cdc_buf_truncate(b, 0);
	if (v.tag == CDC_VAL_NULL)
		cdc_buf_puts(b, "NULL");
	else if (v.tag == CDC_VAL_UNCHANGED)
		cdc_buf_puts(b, "(unchanged)");
	else {
		cdc_buf_printf(b, "[%u] ", v.tag);
		cdc_val_format(v, t, b);
	}
}

/*
 * Runs every pooled change through the VM and the hand-written function and compares
 * fate, deciding rule, warnings and every output value's text form.  Returns the number
 * of differences (printing the first few); also the mean event-arena bytes of each.
 */
static int
verify(const cdc_ir_table *t, const event *pool, size_t npool, double *vm_bytes, double *hand_bytes)
{
	cdc_arena *va = cdc_arena_new("event"), *ha = cdc_arena_new("event");
	cdc_stage st;
	cdc_stage_init(&st, t, va);
	hand h = {0};
	h.arena = ha;
	h.utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	cdc_buf x = CDC_BUF_INIT, y = CDC_BUF_INIT;
	int bad = 0;
	uint64_t vbytes = 0, hbytes = 0;
	for (size_t i = 0; i < npool; i++) {
		const event *e = &pool[i];
		uint64_t vw = st.n.rule_broken[R_UPDATED_AFTER], hw = h.rule_broken[R_UPDATED_AFTER];
		uint64_t ve = st.n.step_errors, he = h.step_errors;
		cdc_fate vf = cdc_stage_run(&st, &e->ev, e->row);
		cdc_fate hf = hand_run(&h, &e->ev, e->row);
		bool same = vf == hf && (vf == CDC_FATE_APPLY || vf == CDC_FATE_FILTER || st.rule == h.rule) &&
		            st.n.step_errors - ve == h.step_errors - he &&
		            st.n.rule_broken[R_UPDATED_AFTER] - vw == h.rule_broken[R_UPDATED_AFTER] - hw;
		if (!same && bad++ < 5)
			fprintf(stderr, "vm_bench: row %zu: VM %s (rule %d, %s), C %s (rule %d)\n", i, cdc_fate_name(vf),
			        st.rule, st.reason ? st.reason : "", cdc_fate_name(hf), h.rule);
		if (same && vf == CDC_FATE_APPLY)
			for (int c = 0; c < O_NCOLS; c++) {
				format_value(st.out[c], t->out[c].type, &x);
				format_value(h.out[c], t->out[c].type, &y);
				if (strcmp(cdc_buf_str(&x), cdc_buf_str(&y)) != 0 && bad++ < 5)
					fprintf(stderr, "vm_bench: row %zu, column \"%s\": VM %s, C %s\n", i, out_names[c],
					        cdc_buf_str(&x), cdc_buf_str(&y));
			}
		vbytes += cdc_arena_bytes(va);
		hbytes += cdc_arena_bytes(ha);
		cdc_arena_reset(va);
		cdc_arena_reset(ha);
	}
	for (int f = 0; f < CDC_FATE_COUNT; f++)
		if (st.n.fate[f] != h.fate[f] && bad++ < 5)
			fprintf(stderr, "vm_bench: %s: VM %llu, C %llu\n", cdc_fate_name((cdc_fate)f),
			        (unsigned long long)st.n.fate[f], (unsigned long long)h.fate[f]);
	for (int r = 0; r < R_COUNT; r++)
		if (st.n.rule_broken[r] != h.rule_broken[r] && bad++ < 5)
			fprintf(stderr, "vm_bench: rule \"%s\" broken: VM %llu, C %llu\n", t->prog->rules[r].name,
			        (unsigned long long)st.n.rule_broken[r], (unsigned long long)h.rule_broken[r]);

	printf("input pool: %zu changes: %llu applied, %llu filtered, %llu dropped, %llu quarantined, %llu failed;"
	       " warn rule broken %llu times; %llu transform errors\n", npool,
	       (unsigned long long)st.n.fate[CDC_FATE_APPLY], (unsigned long long)st.n.fate[CDC_FATE_FILTER],
	       (unsigned long long)st.n.fate[CDC_FATE_DROP], (unsigned long long)st.n.fate[CDC_FATE_QUARANTINE],
	       (unsigned long long)st.n.fate[CDC_FATE_FAIL], (unsigned long long)st.n.rule_broken[R_UPDATED_AFTER],
	       (unsigned long long)st.n.step_errors);
	if (bad)
		printf("outputs: VM and C differ (%d differences)\n", bad);
	else
		printf("outputs: VM and C agree on every fate, rule, warning and output value of the pool\n");
	*vm_bytes = (double)vbytes / (double)npool;
	*hand_bytes = (double)hbytes / (double)npool;
	cdc_buf_free(&x);
	cdc_buf_free(&y);
	cdc_stage_release(&st);
	if (h.utf8)
		freelocale(h.utf8);
	cdc_arena_free(va);
	cdc_arena_free(ha);
	return bad;
}

/* ---- main -------------------------------------------------------------------------- */

static void
machine_info(void)
{
	char line[512], model[256] = "unknown";
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (f) {
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "model name", 10) == 0) {
				const char *p = strchr(line, ':');
				if (p) {
					p += 1 + (p[1] == ' ');
					snprintf(model, sizeof model, "%.*s", (int)strcspn(p, "\n"), p);
				}
				break;
			}
		fclose(f);
	}
	printf("machine: %s, %ld cpus online\n", model, sysconf(_SC_NPROCESSORS_ONLN));
#ifdef __clang__
	printf("compiler: clang %s", __clang_version__);
#else
	printf("compiler: gcc %s", __VERSION__);
#endif
#ifdef HAVE_COMPUTED_GOTO
	printf("; VM dispatch: computed goto\n");
#else
	printf("; VM dispatch: switch\n");
#endif
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char usage[] =
	"usage: vm_bench [--events N] [--rounds N] [--pool N] [--only vm|c] [--disasm] [--pipeline]\n"
	"  --events N   changes per timed run (default 10000000)\n"
	"  --rounds N   timed runs of each, best and median reported (default 5)\n"
	"  --pool N     distinct input rows, cycled (default 4096)\n"
	"  --only vm|c  time one side only (for profiling it)\n"
	"  --disasm     print the compiled program and exit\n"
	"  --pipeline   print the pipeline and exit\n";

static bool
num_arg(int argc, char **argv, int *i, const char *name, unsigned long long *out)
{
	if (strcmp(argv[*i], name) != 0)
		return false;
	char *end;
	if (*i + 1 >= argc || (*out = strtoull(argv[*i + 1], &end, 10)) == 0 || *end) {
		fprintf(stderr, "vm_bench: %s needs a positive number\n%s", name, usage);
		exit(2);
	}
	(*i)++;
	return true;
}

int
main(int argc, char **argv)
{
	unsigned long long events = 10000000, rounds = 5, npool = 4096;
	bool disasm = false, only_vm = false, only_c = false;
	for (int i = 1; i < argc; i++) {
		if (num_arg(argc, argv, &i, "--events", &events) || num_arg(argc, argv, &i, "--rounds", &rounds) ||
		    num_arg(argc, argv, &i, "--pool", &npool))
			continue;
		if (strcmp(argv[i], "--disasm") == 0) {
			disasm = true;
		} else if (strcmp(argv[i], "--pipeline") == 0) {
			fputs(PIPELINE, stdout);
			return 0;
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc &&
		           (strcmp(argv[i + 1], "vm") == 0 || strcmp(argv[i + 1], "c") == 0)) {
			only_vm = argv[++i][0] == 'v';
			only_c = !only_vm;
		} else {
			fputs(usage, strcmp(argv[i], "--help") == 0 ? stdout : stderr);
			return strcmp(argv[i], "--help") == 0 ? 0 : 2;
		}
	}

	pow10_128[0] = 1;
	for (int i = 1; i < 39; i++)
		pow10_128[i] = pow10_128[i - 1] * 10;

	/* compile the pipeline as `cdcc` does */
	cdc_arena *ca = cdc_arena_new("compile");
	cdc_srcfile *file = cdc_srcfile_from_mem(ca, "vm_bench.cdc", PIPELINE, strlen(PIPELINE));
	cdc_diags *diags = cdc_diag_new(ca, file);
	cdc_parse p = {0};
	p.arena = ca;
	p.file = file;
	p.diags = diags;
	cdc_parse_run(&p);
	cdc_model *m = p.syntax_errors ? NULL : cdc_sema_run(ca, file, diags, p.root);
	cdc_ir *ir = m && !cdc_diag_errors(diags) ? cdc_ir_lower(ca, diags, m, PIPELINE, strlen(PIPELINE), false) : NULL;
	if (!ir || cdc_diag_errors(diags)) {
		cdc_diag_style style = {false};
		cdc_diag_print_text(diags, stderr, &style);
		fprintf(stderr, "vm_bench: the benchmark's pipeline does not compile\n");
		return 1;
	}
	const cdc_ir_table *t = cdc_ir_find_table(ir, "shop.public.orders");
	if (!t || t->ncols != I_NCOLS || t->nout != O_NCOLS || t->prog->nrules != R_COUNT) {
		fprintf(stderr, "vm_bench: the compiled table is not the one hand_run() implements\n");
		return 1;
	}
	for (int i = 0; i < I_NCOLS; i++)
		if (strcmp(t->cols[i].name, in_names[i]) != 0) {
			fprintf(stderr, "vm_bench: input column %d is \"%s\", not \"%s\"\n", i, t->cols[i].name, in_names[i]);
			return 1;
		}
	for (int i = 0; i < O_NCOLS; i++)
		if (strcmp(t->out[i].name, out_names[i]) != 0) {
			fprintf(stderr, "vm_bench: output column %d is \"%s\", not \"%s\"\n", i, t->out[i].name, out_names[i]);
			return 1;
		}
	if (disasm) {
		cdc_buf b = CDC_BUF_INIT;
		cdc_prog_disasm(t->prog, in_names, NULL, &b);
		fputs(cdc_buf_str(&b), stdout);
		cdc_buf_free(&b);
		return 0;
	}

	machine_info();
	printf("program: %d input columns, %u rules, %d output columns; %u instructions, %u registers\n",
	       t->ncols, t->prog->nrules, t->nout, t->prog->ncode, t->prog->nregs);

	/* the input pool, generated before anything is timed */
	cdc_arena *pa = cdc_arena_new("pool");
	event *pool = calloc(npool, sizeof *pool);
	if (!pool) {
		fprintf(stderr, "vm_bench: out of memory for %llu pooled rows\n", npool);
		return 1;
	}
	int64_t base_ts;
	const char *why;
	cdc_dt_parse_timestamptz("2024-01-01 00:00:00+00", 22, &base_ts, &why);
	for (size_t i = 0; i < npool; i++)
		make_event(pa, &pool[i], (int64_t)(1000001 + i), base_ts);

	double vm_bytes, hand_bytes;
	if (verify(t, pool, npool, &vm_bytes, &hand_bytes)) {
		fprintf(stderr, "vm_bench: the VM and the hand-written C disagree: nothing timed\n");
		return 1;
	}
	printf("event arena per change (mean): VM %.0f bytes, C %.0f bytes\n", vm_bytes, hand_bytes);

	cdc_arena *va = cdc_arena_new("event"), *ha = cdc_arena_new("event");
	cdc_stage st;
	cdc_stage_init(&st, t, va);
	hand h = {0};
	h.arena = ha;
	h.utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	runner vm_r = {0}, c_r = {0};
	vm_r.pool = c_r.pool = pool;
	vm_r.npool = c_r.npool = npool;
	vm_r.arena = va;
	vm_r.stage = &st;
	c_r.arena = ha;
	c_r.hand = &h;
	bool do_vm = !only_c, do_c = !only_vm;

	/* warm up: caches, the arenas' first chunks, the locale */
	if (do_vm)
		run(&vm_r, npool * 4);
	if (do_c)
		run(&c_r, npool * 4);

	/*
	 * Each round runs `events` changes through each side, in slices of SLICE changes that
	 * alternate between the VM and C, so that both see the same machine (other processes,
	 * frequency) within a round.  Times are this thread's CPU time: on a shared machine
	 * wall time also counts the time other processes held the CPU.
	 */
	printf("\n%llu changes per run, %llu rounds, pool of %llu rows, slices of %d changes\n", events, rounds,
	       npool, SLICE);
	printf("times are CPU seconds of the benchmark's thread (wall seconds in brackets)\n");
	double *tv = calloc(rounds, sizeof *tv), *tc = calloc(rounds, sizeof *tc), *ratio = calloc(rounds, sizeof *ratio);
	int nsamples = 0;
	uint64_t *s_events = calloc(events / SLICE + 2, sizeof *s_events);
	long *s_maxrss = calloc(events / SLICE + 2, sizeof *s_maxrss), *s_rss = calloc(events / SLICE + 2, sizeof *s_rss);
	for (unsigned long long r = 0; r < rounds; r++) {
		vm_r.cpu = vm_r.wall = c_r.cpu = c_r.wall = 0;
		uint64_t done = 0;
		for (int slice = 0; done < events; slice++) {
			uint64_t n = events - done < SLICE ? events - done : SLICE;
			for (int k = 0; k < 2; k++) {
				bool vm = (slice + (int)r) % 2 == k;
				if (vm && do_vm)
					run(&vm_r, n);
				else if (!vm && do_c)
					run(&c_r, n);
			}
			done += n;
			if (r == 0) {
				s_events[nsamples] = done;
				s_maxrss[nsamples] = maxrss_kib();
				s_rss[nsamples] = rss_kib();
				nsamples++;
			}
		}
		tv[r] = vm_r.cpu;
		tc[r] = c_r.cpu;
		printf("  round %llu:", r + 1);
		if (do_vm)
			printf("  VM %7.3f s [%7.3f] %6.2f M/s", vm_r.cpu, vm_r.wall, (double)events / vm_r.cpu / 1e6);
		if (do_c)
			printf("  C %7.3f s [%7.3f] %6.2f M/s", c_r.cpu, c_r.wall, (double)events / c_r.cpu / 1e6);
		if (do_vm && do_c) {
			ratio[r] = vm_r.cpu / c_r.cpu;
			printf("  VM/C %.2f", ratio[r]);
		}
		printf("\n");
	}
	qsort(tv, rounds, sizeof *tv, cmp_double);
	qsort(tc, rounds, sizeof *tc, cmp_double);
	qsort(ratio, rounds, sizeof *ratio, cmp_double);
	double ev = (double)events;

	printf("\n%-24s %14s %12s %14s %12s\n", "", "best ev/s", "best ns/ev", "median ev/s", "median ns/ev");
	if (do_vm)
		printf("%-24s %14.0f %12.1f %14.0f %12.1f\n", "VM (cdc_stage_run)", ev / tv[0], tv[0] / ev * 1e9,
		       ev / tv[rounds / 2], tv[rounds / 2] / ev * 1e9);
	if (do_c)
		printf("%-24s %14.0f %12.1f %14.0f %12.1f\n", "hand-written C", ev / tc[0], tc[0] / ev * 1e9,
		       ev / tc[rounds / 2], tc[rounds / 2] / ev * 1e9);
	if (do_vm && do_c)
		printf("ratio VM / C (time per change): best of each %.2fx, median of the rounds' ratios %.2fx"
		       " (goal: within 3x)\n", tv[0] / tc[0], ratio[rounds / 2]);

	printf("\nRSS of the process during round 1 (KiB), after each slice of both sides:\n");
	printf("  %12s %12s %12s\n", "changes", "peak", "current");
	for (int i = 0; i < nsamples; i++)
		printf("  %12llu %12ld %12ld\n", (unsigned long long)s_events[i], s_maxrss[i], s_rss[i]);
	printf("peak RSS at exit: %ld KiB\n", maxrss_kib());
	printf("VM stage counters over all runs: %llu changes, %llu applied, %llu filtered, %llu dropped,"
	       " %llu quarantined\n", (unsigned long long)st.n.changes,
	       (unsigned long long)st.n.fate[CDC_FATE_APPLY], (unsigned long long)st.n.fate[CDC_FATE_FILTER],
	       (unsigned long long)st.n.fate[CDC_FATE_DROP], (unsigned long long)st.n.fate[CDC_FATE_QUARANTINE]);
	printf("(checksums: VM %llu, C %llu)\n", (unsigned long long)vm_r.sink, (unsigned long long)c_r.sink);

	free(tv);
	free(tc);
	free(ratio);
	free(s_events);
	free(s_maxrss);
	free(s_rss);
	cdc_stage_release(&st);
	if (h.utf8)
		freelocale(h.utf8);
	cdc_arena_free(va);
	cdc_arena_free(ha);
	free(pool);
	cdc_arena_free(pa);
	cdc_arena_free(ca);
	return 0;
}

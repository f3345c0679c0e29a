/*
 * runtime/numeric.c — exact decimal numbers for the VM (see numeric.h).
 *
 * A finite value is a signed 38-digit coefficient and a scale.  Every operation works on
 * magnitudes (unsigned __int128) and a sign; when an intermediate can outgrow 128 bits
 * (aligning scales, a full product, a scaled dividend) it moves to a 256-bit integer of
 * four 64-bit limbs, which holds any 76-digit value, and pack_wide() brings the exact
 * result back to 38 digits by rounding fractional digits half away from zero.  Rounding
 * away from zero on the magnitude only needs the first dropped digit (>= 5 rounds up),
 * which is why truncating divisions by powers of ten are enough everywhere but in
 * cdc_num_div, which compares the remainder with the divisor.
 */
#include "runtime/numeric.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

#define MAXD      CDC_NUM_MAX_DIGITS
#define DSCALE_MAX 16383   /* PostgreSQL's NUMERIC_DSCALE_MAX: larger input scales overflow */
#define P19       ((u128)10000000000000000000ULL)

/* 10^0 .. 10^38; 10^38 is the first coefficient that does not fit. */
static const u128 p10[MAXD + 1] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL,
	P19 * 10ULL, P19 * 100ULL, P19 * 1000ULL, P19 * 10000ULL, P19 * 100000ULL,
	P19 * 1000000ULL, P19 * 10000000ULL, P19 * 100000000ULL, P19 * 1000000000ULL,
	P19 * 10000000000ULL, P19 * 100000000000ULL, P19 * 1000000000000ULL,
	P19 * 10000000000000ULL, P19 * 100000000000000ULL, P19 * 1000000000000000ULL,
	P19 * 10000000000000000ULL, P19 * 100000000000000000ULL, P19 * 1000000000000000000ULL,
	P19 * 10000000000000000000ULL,
};

#define LIMIT p10[MAXD]

const char *
cdc_num_err_str(cdc_num_err e)
{
	switch (e) {
	case CDC_NUM_OK:       return "no error";
	case CDC_NUM_OVERFLOW: return "numeric value out of range";
	case CDC_NUM_DIV_ZERO: return "division by zero";
	case CDC_NUM_INVALID:  return "invalid value for type numeric";
	}
	return "unknown numeric error";
}

/* ---------------------------------------------------------------- 128-bit helpers */

static u128
mag(cdc_num v)
{
	/* |coef| < 10^38 < 2^127, so negating never overflows */
	return v.coef < 0 ? (u128)(-v.coef) : (u128)v.coef;
}

static cdc_num
finite(u128 m, int scale, bool neg)
{
	cdc_num r;
	memset(&r, 0, sizeof r);
	r.coef = neg && m ? -(i128)m : (i128)m;
	r.scale = (int16_t)scale;
	r.kind = CDC_NUM_FINITE;
	return r;
}

static cdc_num
special(uint8_t kind)
{
	cdc_num r;
	memset(&r, 0, sizeof r);
	r.kind = kind;
	return r;
}

/* Number of decimal digits of m (0 for 0; 39 for m >= 10^38). */
static int
digits128(u128 m)
{
	uint64_t hi = (uint64_t)(m >> 64), lo = (uint64_t)m;
	int bits = hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
	int d = (bits * 1233) >> 12;   /* floor(bits × log10 2), never above the answer */
	if (d > MAXD)
		d = MAXD;
	while (d <= MAXD && m >= p10[d])
		d++;
	return d;
}

/* m with its last k digits dropped, rounded half away from zero when `round`. */
static u128
drop128(u128 m, int k, bool round)
{
	if (k <= 0)
		return m;
	if (k - 1 > MAXD)
		return 0;
	if (m <= UINT64_MAX && k <= 19) {
		/* in 64 bits: a hardware division instead of a 128-bit one in software */
		uint64_t q64 = (uint64_t)m / (uint64_t)p10[k - 1];
		unsigned last64 = (unsigned)(q64 % 10);
		return q64 / 10 + (round && last64 >= 5);
	}
	u128 q = m / p10[k - 1];
	unsigned last = (unsigned)(q % 10);
	q /= 10;
	return q + (round && last >= 5);
}

/* ---------------------------------------------------------------- 256-bit helpers */

typedef struct u256 {
	uint64_t w[4];   /* little-endian limbs */
} u256;

static u256
w_from(u128 x)
{
	u256 r = {{(uint64_t)x, (uint64_t)(x >> 64), 0, 0}};
	return r;
}

static bool
w_fits128(const u256 *x)
{
	return x->w[2] == 0 && x->w[3] == 0;
}

static u128
w_lo128(const u256 *x)
{
	return (u128)x->w[1] << 64 | x->w[0];
}

static int
w_cmp(const u256 *a, const u256 *b)
{
	for (int i = 3; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* a += b; callers keep sums below 2^256. */
static void
w_add(u256 *a, const u256 *b)
{
	uint64_t carry = 0;
	for (int i = 0; i < 4; i++) {
		u128 s = (u128)a->w[i] + b->w[i] + carry;
		a->w[i] = (uint64_t)s;
		carry = (uint64_t)(s >> 64);
	}
}

/* a -= b for a >= b. */
static void
w_sub(u256 *a, const u256 *b)
{
	uint64_t borrow = 0;
	for (int i = 0; i < 4; i++) {
		uint64_t x = a->w[i], y = b->w[i];
		uint64_t d = x - y - borrow;
		borrow = (x < y) || (x == y && borrow);
		a->w[i] = d;
	}
}

static void
w_inc(u256 *a)
{
	for (int i = 0; i < 4 && ++a->w[i] == 0; i++)
		;
}

/* Full 256-bit product of two 128-bit numbers. */
static u256
w_mul128(u128 a, u128 b)
{
	uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
	uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
	u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10_ = (u128)a1 * b0, p11 = (u128)a1 * b1;
	u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10_;
	u128 high = (mid >> 64) + (p01 >> 64) + (p10_ >> 64) + p11;
	u256 r = {{(uint64_t)p00, (uint64_t)mid, (uint64_t)high, (uint64_t)(high >> 64)}};
	return r;
}

/* a *= m, for products below 2^256. */
static void
w_mul64(u256 *a, uint64_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < 4; i++) {
		u128 p = (u128)a->w[i] * m + carry;
		a->w[i] = (uint64_t)p;
		carry = (uint64_t)(p >> 64);
	}
}

/* m × 10^k; callers keep the product below 10^77, so it always fits 256 bits. */
static void
w_scale_up(u128 m, int k, u256 *out)
{
	if (k <= MAXD && m < p10[MAXD - k]) {
		*out = w_from(m * p10[k]);
		return;
	}
	*out = w_from(m);
	for (; k >= 19; k -= 19)
		w_mul64(out, 10000000000000000000ULL);
	w_mul64(out, (uint64_t)p10[k]);
}

/* a /= d, returns a % d. */
static uint64_t
w_divmod64(u256 *a, uint64_t d)
{
	uint64_t rem = 0;
	for (int i = 3; i >= 0; i--) {
		u128 cur = (u128)rem << 64 | a->w[i];
		a->w[i] = (uint64_t)(cur / d);
		rem = (uint64_t)(cur % d);
	}
	return rem;
}

/* a /= 10^k, truncating. */
static void
w_div_pow10(u256 *a, int k)
{
	for (; k >= 19; k -= 19)
		w_divmod64(a, 10000000000000000000ULL);
	if (k > 0)
		w_divmod64(a, (uint64_t)p10[k]);
}

static int
w_digits(const u256 *a)
{
	if (w_fits128(a))
		return digits128(w_lo128(a));
	u256 t = *a;
	int d = 0;
	while (!w_fits128(&t)) {
		w_divmod64(&t, 10000000000000000000ULL);
		d += 19;
	}
	return d + digits128(w_lo128(&t));
}

static int
limbs(const uint64_t *w, int n)
{
	while (n > 0 && w[n - 1] == 0)
		n--;
	return n;
}

/*
 * q = u / v, r = u % v for v != 0: Knuth's algorithm D (TAOCP 4.3.1) on 64-bit limbs
 * with 128-bit intermediates, as in Hacker's Delight divmnu.  Needed by cdc_num_div and
 * cdc_num_mod when a scaled operand outgrows 128 bits.
 */
static void
w_divmod(const u256 *u, const u256 *v, u256 *q, u256 *r)
{
	int m = limbs(u->w, 4), n = limbs(v->w, 4);
	memset(q, 0, sizeof *q);
	memset(r, 0, sizeof *r);
	if (m < n) {
		*r = *u;
		return;
	}
	if (n == 1) {
		*q = *u;
		r->w[0] = w_divmod64(q, v->w[0]);
		return;
	}
	/* normalize so the divisor's top limb has its high bit set */
	int s = __builtin_clzll(v->w[n - 1]);
	uint64_t vn[4], un[5];
	for (int i = n - 1; i > 0; i--)
		vn[i] = s ? v->w[i] << s | v->w[i - 1] >> (64 - s) : v->w[i];
	vn[0] = v->w[0] << s;
	un[m] = s ? u->w[m - 1] >> (64 - s) : 0;
	for (int i = m - 1; i > 0; i--)
		un[i] = s ? u->w[i] << s | u->w[i - 1] >> (64 - s) : u->w[i];
	un[0] = u->w[0] << s;

	for (int j = m - n; j >= 0; j--) {
		u128 num = (u128)un[j + n] << 64 | un[j + n - 1];
		u128 qhat = num / vn[n - 1];
		u128 rhat = num % vn[n - 1];
		while (qhat >> 64 || qhat * vn[n - 2] > (rhat << 64 | un[j + n - 2])) {
			qhat--;
			rhat += vn[n - 1];
			if (rhat >> 64)
				break;
		}
		/* un[j..j+n] -= qhat × vn */
		uint64_t borrow = 0;
		for (int i = 0; i < n; i++) {
			u128 p = qhat * vn[i] + borrow;
			uint64_t lo = (uint64_t)p, x = un[i + j];
			un[i + j] = x - lo;
			borrow = (uint64_t)(p >> 64) + (x < lo);
		}
		uint64_t top = un[j + n];
		un[j + n] = top - borrow;
		if (top < borrow) {
			/* qhat was one too large: add the divisor back */
			qhat--;
			uint64_t carry = 0;
			for (int i = 0; i < n; i++) {
				u128 t = (u128)un[i + j] + vn[i] + carry;
				un[i + j] = (uint64_t)t;
				carry = (uint64_t)(t >> 64);
			}
			un[j + n] += carry;
		}
		q->w[j] = (uint64_t)qhat;
	}
	for (int i = 0; i < n; i++)
		r->w[i] = s ? un[i] >> s | un[i + 1] << (64 - s) : un[i];
}

/* ---------------------------------------------------------------- packing results */

/*
 * The finite value ±m × 10^-scale (scale >= 0, possibly above 38) as a cdc_num: fractional
 * digits are dropped, rounding half away from zero, until at most 38 digits and scale 38
 * remain.  OVERFLOW when the integral part alone has more than 38 digits.
 */
static cdc_num_err
pack_wide(u256 m, int scale, bool neg, cdc_num *out)
{
	if (w_fits128(&m) && w_lo128(&m) < LIMIT && scale <= MAXD) {
		*out = finite(w_lo128(&m), scale, neg);
		return CDC_NUM_OK;
	}
	int nd = w_digits(&m);
	int k = scale - MAXD;
	if (nd - MAXD > k)
		k = nd - MAXD;
	if (k > scale)
		return CDC_NUM_OVERFLOW;
	if (k > 0) {
		w_div_pow10(&m, k - 1);
		unsigned last = (unsigned)w_divmod64(&m, 10);
		if (last >= 5)
			w_inc(&m);
		scale -= k;
	}
	u128 c = w_lo128(&m);   /* now <= 10^38 */
	if (c == LIMIT) {
		/* 99..9 rounded up to 10^38: one more zero goes from the fraction */
		if (scale == 0)
			return CDC_NUM_OVERFLOW;
		c /= 10;
		scale--;
	}
	*out = finite(c, scale, neg);
	return CDC_NUM_OK;
}

static cdc_num_err
pack128(u128 m, int scale, bool neg, cdc_num *out)
{
	if (m < LIMIT && scale <= MAXD) {
		*out = finite(m, scale, neg);
		return CDC_NUM_OK;
	}
	return pack_wide(w_from(m), scale, neg, out);
}

/* ---------------------------------------------------------------- text */

static bool
is_blank(char c)
{
	/* isspace() in the C locale, as PostgreSQL's numeric_in uses */
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
prefix_nocase(const char *s, size_t n, const char *word)
{
	size_t len = strlen(word);
	if (n < len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		char w = word[i];
		if (w >= 'A' && w <= 'Z')
			w = (char)(w - 'A' + 'a');
		if (c != w)
			return false;
	}
	return true;
}

/*
 * Mirrors PostgreSQL's numeric_in + set_var_from_str: a first pass checks the syntax and
 * counts digits (the input may be longer than any buffer), a second builds the kept
 * digits, rounding at the first dropped one.
 */
cdc_num_err
cdc_num_parse(const char *s, size_t n, cdc_num *out)
{
	static const struct {
		const char *word;
		uint8_t     kind;
	} specials[] = {
		/* numeric_in's order: the first prefix that matches decides */
		{"NaN", CDC_NUM_NAN},        {"Infinity", CDC_NUM_PINF}, {"+Infinity", CDC_NUM_PINF},
		{"-Infinity", CDC_NUM_NINF}, {"inf", CDC_NUM_PINF},      {"+inf", CDC_NUM_PINF},
		{"-inf", CDC_NUM_NINF},
	};
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
		if (!prefix_nocase(s + i, n - i, specials[k].word))
			continue;
		i += strlen(specials[k].word);
		while (i < n && is_blank(s[i]))
			i++;
		if (i != n)
			return CDC_NUM_INVALID;
		*out = special(specials[k].kind);
		return CDC_NUM_OK;
	}

	bool neg = false;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	size_t start = i;
	bool point = false;
	long long frac = 0;      /* digits after the point */
	long long lead = 0;      /* leading zeros (before the first significant digit) */
	long long ndig = 0;      /* all digits */
	if (i < n && s[i] == '.') {
		point = true;
		i++;
	}
	if (i >= n || !is_digit(s[i]))
		return CDC_NUM_INVALID;
	for (; i < n; i++) {
		if (is_digit(s[i])) {
			if (ndig == lead && s[i] == '0')
				lead++;
			ndig++;
			frac += point;
		} else if (s[i] == '.' && !point) {
			point = true;
		} else {
			break;
		}
	}
	size_t end = i;
	long long exp = 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		/* PostgreSQL reads the exponent with strtol: blanks and a sign may come first */
		i++;
		while (i < n && is_blank(s[i]))
			i++;
		bool eneg = false;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		if (i >= n || !is_digit(s[i]))
			return CDC_NUM_INVALID;
		for (; i < n && is_digit(s[i]); i++)
			if (exp < 10000000000LL)
				exp = exp * 10 + (s[i] - '0');
		if (exp >= 0x7fffffff / 2)
			return CDC_NUM_OVERFLOW;
		if (eneg)
			exp = -exp;
	}
	while (i < n && is_blank(s[i]))
		i++;
	if (i != n)
		return CDC_NUM_INVALID;

	/* value = (significant digits) × 10^-sc */
	long long sc = frac - exp;
	long long nd = ndig - lead;
	if (sc > DSCALE_MAX)
		return CDC_NUM_OVERFLOW;
	if (nd == 0) {
		*out = finite(0, sc < 0 ? 0 : sc > MAXD ? MAXD : (int)sc, false);
		return CDC_NUM_OK;
	}
	if (nd - sc > MAXD)
		return CDC_NUM_OVERFLOW;
	long long t = sc < 0 ? 0 : sc > MAXD ? MAXD : sc;   /* result scale */
	if (nd - sc > 0 && t > MAXD - (nd - sc))
		t = MAXD - (nd - sc);
	long long keep = sc < 0 ? nd : nd - (sc - t);     /* digits kept, <= 38, maybe <= 0 */
	u128 c = 0;
	unsigned next = 0;   /* first dropped digit */
	long long k = 0, skip = lead;
	for (size_t j = start; j < end && k <= keep; j++) {
		if (!is_digit(s[j]))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (k < keep)
			c = c * 10 + (unsigned)(s[j] - '0');
		else
			next = (unsigned)(s[j] - '0');
		k++;
	}
	if (sc < 0)
		c *= p10[-sc];   /* nd - sc <= 38 digits */
	c += next >= 5;
	return pack128(c, (int)t, neg, out);
}

/* Decimal digits of m < 10^38 into d, most significant first; returns their number. */
static int
to_digits(u128 m, char *d)
{
	char tmp[40];
	int n = 0;
	uint64_t hi = (uint64_t)(m / P19), lo = (uint64_t)(m % P19);
	if (hi) {
		for (int i = 0; i < 19; i++, lo /= 10)
			tmp[n++] = (char)('0' + lo % 10);
		lo = hi;
	}
	do
		tmp[n++] = (char)('0' + lo % 10);
	while (lo /= 10);
	for (int i = 0; i < n; i++)
		d[i] = tmp[n - 1 - i];
	return n;
}

size_t
cdc_num_format(cdc_num v, char *buf, size_t n)
{
	char tmp[CDC_NUM_BUFSIZE + 8];
	size_t len = 0;
	const char *word = NULL;
	switch (v.kind) {
	case CDC_NUM_NAN:  word = "NaN"; break;
	case CDC_NUM_PINF: word = "Infinity"; break;
	case CDC_NUM_NINF: word = "-Infinity"; break;
	}
	if (word) {
		len = strlen(word);
		memcpy(tmp, word, len);
	} else {
		char d[40];
		u128 m = mag(v);
		int sc = v.scale < 0 ? 0 : v.scale > MAXD ? MAXD : v.scale;
		int nd = to_digits(m < LIMIT ? m : 0, d);
		if (v.coef < 0)
			tmp[len++] = '-';
		if (nd <= sc) {
			tmp[len++] = '0';
			tmp[len++] = '.';
			memset(tmp + len, '0', (size_t)(sc - nd));
			len += (size_t)(sc - nd);
			memcpy(tmp + len, d, (size_t)nd);
			len += (size_t)nd;
		} else {
			memcpy(tmp + len, d, (size_t)(nd - sc));
			len += (size_t)(nd - sc);
			if (sc > 0) {
				tmp[len++] = '.';
				memcpy(tmp + len, d + nd - sc, (size_t)sc);
				len += (size_t)sc;
			}
		}
	}
	if (n > 0) {
		size_t c = len < n - 1 ? len : n - 1;
		memcpy(buf, tmp, c);
		buf[c] = '\0';
	}
	return len;
}

/* ---------------------------------------------------------------- arithmetic */

static bool
is_inf(cdc_num v)
{
	return v.kind == CDC_NUM_PINF || v.kind == CDC_NUM_NINF;
}

/* ±Inf as +1/-1, finite values by their sign. */
static int
sign_of(cdc_num v)
{
	if (v.kind == CDC_NUM_PINF)
		return 1;
	if (v.kind == CDC_NUM_NINF)
		return -1;
	if (v.kind == CDC_NUM_NAN)
		return 0;
	return (v.coef > 0) - (v.coef < 0);
}

/* a + b for finite values, exact at scale max(sa, sb) when it fits. */
static cdc_num_err
add_finite(cdc_num a, cdc_num b, cdc_num *out)
{
	int sc = a.scale > b.scale ? a.scale : b.scale;
	bool na = a.coef < 0, nb = b.coef < 0;
	u256 x, y;
	w_scale_up(mag(a), sc - a.scale, &x);   /* both < 10^76 */
	w_scale_up(mag(b), sc - b.scale, &y);
	if (na == nb) {
		w_add(&x, &y);
		return pack_wide(x, sc, na, out);
	}
	if (w_cmp(&x, &y) >= 0) {
		w_sub(&x, &y);
		return pack_wide(x, sc, na, out);
	}
	w_sub(&y, &x);
	return pack_wide(y, sc, nb, out);
}

cdc_num_err
cdc_num_add(cdc_num a, cdc_num b, cdc_num *out)
{
	if (a.kind != CDC_NUM_FINITE || b.kind != CDC_NUM_FINITE) {
		if (a.kind == CDC_NUM_NAN || b.kind == CDC_NUM_NAN)
			*out = cdc_num_nan();
		else if (is_inf(a) && is_inf(b) && a.kind != b.kind)
			*out = cdc_num_nan();   /* Inf + -Inf */
		else
			*out = is_inf(a) ? a : b;
		return CDC_NUM_OK;
	}
	if (a.scale == b.scale) {
		/* the common case: both below 10^38, so the sum fits 128 bits */
		u128 x = mag(a), y = mag(b);
		if ((a.coef < 0) == (b.coef < 0))
			return pack128(x + y, a.scale, a.coef < 0, out);
		if (x >= y)
			return pack128(x - y, a.scale, a.coef < 0, out);
		return pack128(y - x, a.scale, b.coef < 0, out);
	}
	return add_finite(a, b, out);
}

cdc_num_err
cdc_num_sub(cdc_num a, cdc_num b, cdc_num *out)
{
	return cdc_num_add(a, cdc_num_neg(b), out);
}

cdc_num_err
cdc_num_mul(cdc_num a, cdc_num b, cdc_num *out)
{
	if (a.kind != CDC_NUM_FINITE || b.kind != CDC_NUM_FINITE) {
		int s = sign_of(a) * sign_of(b);
		if (a.kind == CDC_NUM_NAN || b.kind == CDC_NUM_NAN || s == 0)
			*out = cdc_num_nan();   /* NaN, or Inf × 0 */
		else
			*out = cdc_num_inf(s);
		return CDC_NUM_OK;
	}
	u128 x = mag(a), y = mag(b);
	bool neg = (a.coef < 0) != (b.coef < 0);
	int sc = a.scale + b.scale;
	if (x >> 64 == 0 && y >> 64 == 0)
		return pack128(x * y, sc, neg, out);
	return pack_wide(w_mul128(x, y), sc, neg, out);
}

/*
 * a / b rounded to `scale` digits.  The quotient's integral digits are bounded first from
 * the operands' digit counts, so the scale is lowered just enough that the scaled dividend
 * stays below 10^77 (256 bits) and the truncated quotient has at most 39 digits; if it has
 * 39, the last one is dropped by pack_wide, otherwise the remainder decides the rounding.
 */
cdc_num_err
cdc_num_div(cdc_num a, cdc_num b, int scale, cdc_num *out)
{
	if (a.kind != CDC_NUM_FINITE || b.kind != CDC_NUM_FINITE) {
		if (a.kind == CDC_NUM_NAN || b.kind == CDC_NUM_NAN) {
			*out = cdc_num_nan();
		} else if (is_inf(a)) {
			if (is_inf(b))
				*out = cdc_num_nan();
			else if (b.coef == 0)
				return CDC_NUM_DIV_ZERO;
			else
				*out = cdc_num_inf(sign_of(a) * sign_of(b));
		} else {
			*out = finite(0, 0, false);   /* finite / ±Inf, as PostgreSQL: plain 0 */
		}
		return CDC_NUM_OK;
	}
	if (b.coef == 0)
		return CDC_NUM_DIV_ZERO;
	if (scale < 0)
		return CDC_NUM_INVALID;
	int t = scale > MAXD ? MAXD : scale;
	u128 x = mag(a), y = mag(b);
	bool neg = (a.coef < 0) != (b.coef < 0);
	if (x == 0) {
		*out = finite(0, t, false);
		return CDC_NUM_OK;
	}
	/* |a/b| lies in (10^(ilog-1), 10^(ilog+1)) */
	int ilog = (digits128(x) - a.scale) - (digits128(y) - b.scale);
	if (ilog + 1 >= MAXD + 2)
		return CDC_NUM_OVERFLOW;
	if (ilog + 1 > 0 && t > MAXD + 1 - (ilog + 1))
		t = MAXD + 1 - (ilog + 1);
	int e = t + b.scale - a.scale;
	u256 num, den, q, r;
	w_scale_up(x, e > 0 ? e : 0, &num);   /* both < 10^77 by the choice of t */
	w_scale_up(y, e < 0 ? -e : 0, &den);
	if (w_fits128(&num) && w_fits128(&den)) {
		u128 nn = w_lo128(&num), dd = w_lo128(&den);
		u128 qq = nn / dd, rr = nn % dd;
		if (qq < LIMIT && rr >= dd - rr)
			qq++;
		return pack128(qq, t, neg, out);
	}
	w_divmod(&num, &den, &q, &r);
	if (w_fits128(&q) && w_lo128(&q) < LIMIT) {
		u256 half = den;
		w_sub(&half, &r);   /* round up when r >= den - r */
		if (w_cmp(&r, &half) >= 0)
			w_inc(&q);
	}
	return pack_wide(q, t, neg, out);
}

/* a - trunc(a/b) × b, as PostgreSQL's mod_var: sign of a, scale max(sa, sb); always fits. */
cdc_num_err
cdc_num_mod(cdc_num a, cdc_num b, cdc_num *out)
{
	if (a.kind != CDC_NUM_FINITE || b.kind != CDC_NUM_FINITE) {
		if (a.kind == CDC_NUM_NAN || b.kind == CDC_NUM_NAN)
			*out = cdc_num_nan();
		else if (is_inf(a) && b.kind == CDC_NUM_FINITE && b.coef == 0)
			return CDC_NUM_DIV_ZERO;
		else if (is_inf(a))
			*out = cdc_num_nan();
		else
			*out = a;   /* finite % ±Inf */
		return CDC_NUM_OK;
	}
	if (b.coef == 0)
		return CDC_NUM_DIV_ZERO;
	int sc = a.scale > b.scale ? a.scale : b.scale;
	u256 x, y, q, r;
	w_scale_up(mag(a), sc - a.scale, &x);
	w_scale_up(mag(b), sc - b.scale, &y);
	if (w_fits128(&x) && w_fits128(&y))
		r = w_from(w_lo128(&x) % w_lo128(&y));
	else
		w_divmod(&x, &y, &q, &r);
	/* r < |b| and r <= |a| in value, so it fits 38 digits at scale sc */
	return pack_wide(r, sc, a.coef < 0, out);
}

/*
 * PostgreSQL's select_div_scale: enough digits for 16 significant ones in the quotient,
 * no fewer than either operand's scale.  It reasons in base-10000 digits (NBASE), so the
 * leading base-10000 digit and its weight are rebuilt from the decimal form here.
 */
static void
nbase_lead(cdc_num v, int *weight, int *first)
{
	*weight = 0;
	*first = 0;
	if (v.kind != CDC_NUM_FINITE || v.coef == 0)
		return;
	u128 m = mag(v);
	int e = digits128(m) - 1 - v.scale;   /* 10^e <= |v| < 10^(e+1) */
	int w = e >= 0 ? e / 4 : -((-e + 3) / 4);
	int shift = v.scale + 4 * w;          /* first = floor(|v| / 10000^w) */
	*weight = w;
	*first = (int)(shift >= 0 ? m / p10[shift] : m * p10[-shift]);
}

int
cdc_num_div_scale(cdc_num a, cdc_num b)
{
	int w1, f1, w2, f2;
	nbase_lead(a, &w1, &f1);
	nbase_lead(b, &w2, &f2);
	int qweight = w1 - w2 - (f1 <= f2);
	int rscale = 16 - qweight * 4;
	int sa = a.kind == CDC_NUM_FINITE ? a.scale : 0, sb = b.kind == CDC_NUM_FINITE ? b.scale : 0;
	if (rscale < sa)
		rscale = sa;
	if (rscale < sb)
		rscale = sb;
	if (rscale < 0)
		rscale = 0;
	if (rscale > 1000)
		rscale = 1000;
	return rscale;
}

/* ---------------------------------------------------------------- rounding */

/*
 * round(v, scale) when `round`, else trunc(v, scale).  A larger scale pads with zeros as
 * far as 38 digits allow; a negative one rounds left of the point and gives scale 0.
 */
static cdc_num_err
round_to(cdc_num v, int scale, bool round, cdc_num *out)
{
	if (v.kind != CDC_NUM_FINITE || scale == v.scale) {
		*out = v;   /* the common case in a pipeline: a value already at its column's scale */
		return CDC_NUM_OK;
	}
	if (scale > 2 * MAXD)
		scale = 2 * MAXD;
	if (scale < -2 * MAXD)
		scale = -2 * MAXD;
	u128 m = mag(v);
	bool neg = v.coef < 0;
	if (scale >= v.scale) {
		int t = scale > MAXD ? MAXD : scale;
		int k = t - v.scale;
		int room = MAXD - digits128(m);
		if (m != 0 && k > room)
			k = room;
		*out = finite(m * p10[k], v.scale + k, neg);
		return CDC_NUM_OK;
	}
	u128 q = drop128(m, v.scale - scale, round);
	if (scale >= 0)
		return pack128(q, scale, neg, out);
	if (q != 0 && digits128(q) - scale > MAXD)
		return CDC_NUM_OVERFLOW;
	*out = finite(q == 0 ? 0 : q * p10[-scale], 0, neg);
	return CDC_NUM_OK;
}

cdc_num_err
cdc_num_rescale(cdc_num v, int scale, cdc_num *out)
{
	return round_to(v, scale, true, out);
}

cdc_num_err
cdc_num_trunc(cdc_num v, int scale, cdc_num *out)
{
	return round_to(v, scale, false, out);
}

/* floor (up = false) or ceil: truncate, then step away from zero if a fraction went. */
static cdc_num_err
floor_ceil(cdc_num v, bool up, cdc_num *out)
{
	if (v.kind != CDC_NUM_FINITE) {
		*out = v;
		return CDC_NUM_OK;
	}
	u128 m = mag(v);
	bool neg = v.coef < 0;
	u128 q = drop128(m, v.scale, false);
	if (q * p10[v.scale] != m && neg != up)
		q++;   /* at most 37 integral digits had a fraction: no overflow */
	*out = finite(q, 0, neg);
	return CDC_NUM_OK;
}

cdc_num_err
cdc_num_floor(cdc_num v, cdc_num *out)
{
	return floor_ceil(v, false, out);
}

cdc_num_err
cdc_num_ceil(cdc_num v, cdc_num *out)
{
	return floor_ceil(v, true, out);
}

/* PostgreSQL's apply_typmod: round to the scale, then |v| < 10^(precision - scale). */
cdc_num_err
cdc_num_fit(cdc_num v, int precision, int scale, cdc_num *out)
{
	if (precision < 1 || precision > 1000 || scale < -1000 || scale > 1000)
		return CDC_NUM_INVALID;
	if (v.kind == CDC_NUM_NAN) {
		*out = v;
		return CDC_NUM_OK;
	}
	if (v.kind != CDC_NUM_FINITE)
		return CDC_NUM_OVERFLOW;
	cdc_num r;
	if (cdc_num_rescale(v, scale, &r) != CDC_NUM_OK)
		return CDC_NUM_OVERFLOW;
	if (r.coef != 0) {
		int x = precision - scale + r.scale;   /* overflow when |coef| >= 10^x */
		if (x <= 0 || (x <= MAXD && mag(r) >= p10[x]))
			return CDC_NUM_OVERFLOW;
	}
	*out = r;
	return CDC_NUM_OK;
}

/* ---------------------------------------------------------------- the rest */

cdc_num
cdc_num_neg(cdc_num v)
{
	if (v.kind == CDC_NUM_PINF)
		return special(CDC_NUM_NINF);
	if (v.kind == CDC_NUM_NINF)
		return special(CDC_NUM_PINF);
	v.coef = -v.coef;
	return v;
}

cdc_num
cdc_num_abs(cdc_num v)
{
	if (v.kind == CDC_NUM_NINF)
		return special(CDC_NUM_PINF);
	if (v.coef < 0)
		v.coef = -v.coef;
	return v;
}

int
cdc_num_sign(cdc_num v)
{
	return sign_of(v);
}

static int
order_rank(cdc_num v)
{
	switch (v.kind) {
	case CDC_NUM_NINF: return 0;
	case CDC_NUM_FINITE: return 1;
	case CDC_NUM_PINF: return 2;
	default: return 3;   /* NaN */
	}
}

int
cdc_num_cmp(cdc_num a, cdc_num b)
{
	int ra = order_rank(a), rb = order_rank(b);
	if (ra != rb || ra != 1)
		return (ra > rb) - (ra < rb);
	if (a.scale == b.scale)   /* the common case: no scaling at all */
		return (a.coef > b.coef) - (a.coef < b.coef);
	int sa = sign_of(a), sb = sign_of(b);
	if (sa != sb || sa == 0)
		return (sa > sb) - (sa < sb);
	/* scaled up within 128 bits when the smaller-scale operand has room for the digits */
	const cdc_num *lo = a.scale < b.scale ? &a : &b;
	int k = (a.scale > b.scale ? a.scale : b.scale) - lo->scale;
	if (k <= MAXD && mag(*lo) < p10[MAXD - k]) {
		i128 x = lo == &a ? a.coef * (i128)p10[k] : a.coef, y = lo == &b ? b.coef * (i128)p10[k] : b.coef;
		return (x > y) - (x < y);
	}
	u256 x, y;
	int sc = a.scale > b.scale ? a.scale : b.scale;
	w_scale_up(mag(a), sc - a.scale, &x);
	w_scale_up(mag(b), sc - b.scale, &y);
	return w_cmp(&x, &y) * sa;
}

cdc_num
cdc_num_nan(void)
{
	return special(CDC_NUM_NAN);
}

cdc_num
cdc_num_inf(int sign)
{
	return special(sign >= 0 ? CDC_NUM_PINF : CDC_NUM_NINF);
}

cdc_num
cdc_num_from_i64(int64_t v)
{
	return finite(v < 0 ? (u128)(-(i128)v) : (u128)v, 0, v < 0);
}

cdc_num_err
cdc_num_to_i64(cdc_num v, int64_t *out)
{
	if (v.kind != CDC_NUM_FINITE)
		return CDC_NUM_INVALID;
	cdc_num r;
	cdc_num_rescale(v, 0, &r);   /* rounding down never overflows */
	if (r.coef > INT64_MAX || r.coef < INT64_MIN)
		return CDC_NUM_OVERFLOW;
	*out = (int64_t)r.coef;
	return CDC_NUM_OK;
}

cdc_num_err
cdc_num_from_f64(double d, cdc_num *out)
{
	if (isnan(d)) {
		*out = cdc_num_nan();
		return CDC_NUM_OK;
	}
	if (isinf(d)) {
		*out = cdc_num_inf(d > 0 ? 1 : -1);
		return CDC_NUM_OK;
	}
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%.15g", d);   /* DBL_DIG, as float8_numeric */
	return cdc_num_parse(buf, (size_t)n, out);
}

double
cdc_num_to_f64(cdc_num v)
{
	switch (v.kind) {
	case CDC_NUM_NAN:  return NAN;
	case CDC_NUM_PINF: return INFINITY;
	case CDC_NUM_NINF: return -INFINITY;
	}
	char buf[CDC_NUM_BUFSIZE];
	cdc_num_format(v, buf, sizeof buf);
	return strtod(buf, NULL);
}

static uint64_t
mix64(uint64_t x)
{
	/* splitmix64's finalizer */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Hash of the value with trailing fractional zeros stripped, so 1.5 and 1.50 agree. */
uint64_t
cdc_num_hash(cdc_num v)
{
	if (v.kind != CDC_NUM_FINITE)
		return mix64(0x6e756d0000000000ULL | v.kind);
	u128 m = mag(v);
	int sc = m ? v.scale : 0;
	if (m >> 64 == 0) {
		uint64_t s = (uint64_t)m;
		while (sc > 0 && s % 10 == 0) {
			s /= 10;
			sc--;
		}
		m = s;
	} else {
		while (sc > 0 && m % 10 == 0) {
			m /= 10;
			sc--;
		}
	}
	uint64_t h = mix64((uint64_t)(m >> 64) ^ ((uint64_t)sc << 1 | (v.coef < 0)));
	return mix64(h ^ (uint64_t)m);
}

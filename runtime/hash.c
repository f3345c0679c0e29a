/*
 * runtime/hash.c — MD5 (RFC 1321), SHA-224/256/384/512 (FIPS 180-4), HMAC-SHA-256
 * (RFC 2104).
 *
 * Called per row by the VM's md5(), sha2() and pseudonymize() and by SigV4 signing in
 * the targets, so the contexts are plain structs and nothing allocates.  Words are
 * loaded and stored byte by byte in the order each standard fixes (little-endian for
 * MD5, big-endian for SHA-2), which keeps the code independent of the host's byte
 * order and alignment.  Constant time is not a goal: the inputs are row values and
 * the only secret, the pseudonymize key, is fixed for the whole run.
 */
#include "runtime/hash.h"

#include <string.h>

/* Compresses one block into the chaining state; the only part that differs per hash. */
typedef void block_fn(void *state, const uint8_t *block);

static uint32_t
rol32(uint32_t x, unsigned n)   /* 0 < n < 32 */
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t
ror32(uint32_t x, unsigned n)   /* 0 < n < 32 */
{
	return (x >> n) | (x << (32 - n));
}

static uint64_t
ror64(uint64_t x, unsigned n)   /* 0 < n < 64 */
{
	return (x >> n) | (x << (64 - n));
}

static uint32_t
load32_le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t
load32_be(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint64_t
load64_be(const uint8_t *p)
{
	return (uint64_t)load32_be(p) << 32 | load32_be(p + 4);
}

static void
store32_le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void
store32_be(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
store64_be(uint8_t *p, uint64_t v)
{
	store32_be(p, (uint32_t)(v >> 32));
	store32_be(p + 4, (uint32_t)v);
}

/*
 * Feeds n bytes to a hash whose blocks are bsize bytes: first tops up the partial
 * block in buf, then compresses whole blocks straight from the input (no copy), then
 * keeps the tail.  Shared by all three hashes, which differ only in block size and
 * compression function.
 */
static void
absorb(void *state, block_fn *fn, uint8_t *buf, unsigned *nbuf, unsigned bsize,
       const void *data, size_t n)
{
	const uint8_t *p = data;

	if (n == 0)
		return;   /* data may be NULL then, and memcpy(NULL, 0) is undefined */
	if (*nbuf > 0) {
		size_t take = bsize - *nbuf;
		if (take > n)
			take = n;
		memcpy(buf + *nbuf, p, take);
		*nbuf += (unsigned)take;
		p += take;
		n -= take;
		if (*nbuf < bsize)
			return;
		fn(state, buf);
		*nbuf = 0;
	}
	for (; n >= bsize; p += bsize, n -= bsize)
		fn(state, p);
	memcpy(buf, p, n);
	*nbuf = (unsigned)n;
}

/*
 * Appends the 0x80 byte and the zero padding, compressing an extra block when the
 * length field no longer fits, and leaves buf ready for the caller to store the
 * lenbytes-byte message length at its end and compress the last block.
 */
static void
pad(void *state, block_fn *fn, uint8_t *buf, unsigned nbuf, unsigned bsize, unsigned lenbytes)
{
	buf[nbuf++] = 0x80;
	if (nbuf > bsize - lenbytes) {
		memset(buf + nbuf, 0, bsize - nbuf);
		fn(state, buf);
		nbuf = 0;
	}
	memset(buf + nbuf, 0, bsize - lenbytes - nbuf);
}

/* ---- MD5, RFC 1321 ---- */

/* T[i] = floor(2^32 * abs(sin(i + 1))), RFC 1321 section 3.4. */
static const uint32_t md5_t[64] = {
	0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu,
	0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
	0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
	0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
	0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau,
	0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
	0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
	0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
	0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
	0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
	0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u,
	0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
	0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u,
	0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
	0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
	0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u
};

/* Rotation amounts, one row per round, used in turn by the four steps of each group. */
static const unsigned char md5_s[4][4] = {
	{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}
};

static void
md5_block(void *state, const uint8_t *p)
{
	uint32_t *h = state;
	uint32_t x[16];
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3];

	for (unsigned i = 0; i < 16; i++)
		x[i] = load32_le(p + 4 * i);
	/*
	 * The 64 steps of section 3.4 as one loop: each round has its own function F, G,
	 * H or I and its own order of message words; renaming (a, b, c, d) after each
	 * step replaces the RFC's rotating argument lists [ABCD], [DABC], ...
	 */
	for (unsigned i = 0; i < 64; i++) {
		uint32_t f;
		unsigned k;
		switch (i / 16) {
		case 0:
			f = (b & c) | (~b & d);
			k = i;
			break;
		case 1:
			f = (b & d) | (c & ~d);
			k = (5 * i + 1) % 16;
			break;
		case 2:
			f = b ^ c ^ d;
			k = (3 * i + 5) % 16;
			break;
		default:
			f = c ^ (b | ~d);
			k = (7 * i) % 16;
			break;
		}
		f += a + md5_t[i] + x[k];
		a = d;
		d = c;
		c = b;
		b += rol32(f, md5_s[i / 16][i % 4]);
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

void
cdc_hash_md5_init(cdc_hash_md5 *c)
{
	c->h[0] = 0x67452301u;
	c->h[1] = 0xefcdab89u;
	c->h[2] = 0x98badcfeu;
	c->h[3] = 0x10325476u;
	c->len = 0;
	c->nbuf = 0;
}

void
cdc_hash_md5_update(cdc_hash_md5 *c, const void *data, size_t n)
{
	c->len += n;
	absorb(c->h, md5_block, c->buf, &c->nbuf, 64, data, n);
}

void
cdc_hash_md5_final(cdc_hash_md5 *c, uint8_t out[CDC_MD5_LEN])
{
	uint64_t bits = c->len << 3;   /* unsigned, so the mod 2^64 of section 3.2 is free */

	pad(c->h, md5_block, c->buf, c->nbuf, 64, 8);
	store32_le(c->buf + 56, (uint32_t)bits);
	store32_le(c->buf + 60, (uint32_t)(bits >> 32));
	md5_block(c->h, c->buf);
	for (unsigned i = 0; i < 4; i++)
		store32_le(out + 4 * i, c->h[i]);
}

/* ---- SHA-224 and SHA-256, FIPS 180-4 sections 4.2.2, 5.3.2, 5.3.3, 6.2 ---- */

/* First 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t sha256_k[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
	0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
	0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
	0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
	0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
	0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
	0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
	0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u
};

static void
sha256_block(void *state, const uint8_t *p)
{
	uint32_t *h = state;
	uint32_t w[64];

	for (unsigned t = 0; t < 16; t++)
		w[t] = load32_be(p + 4 * t);
	for (unsigned t = 16; t < 64; t++) {
		uint32_t s0 = ror32(w[t - 15], 7) ^ ror32(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ror32(w[t - 2], 17) ^ ror32(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = s1 + w[t - 7] + s0 + w[t - 16];
	}

	uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
	uint32_t e = h[4], f = h[5], g = h[6], hh = h[7];
	for (unsigned t = 0; t < 64; t++) {
		uint32_t S1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = hh + S1 + ch + sha256_k[t] + w[t];
		uint32_t S0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + maj;
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

static void
sha256_start(cdc_hash_sha256 *c, const uint32_t iv[8], unsigned dlen)
{
	memcpy(c->h, iv, sizeof c->h);
	c->len = 0;
	c->nbuf = 0;
	c->dlen = dlen;
}

void
cdc_hash_sha256_init(cdc_hash_sha256 *c)
{
	/* First 32 bits of the fractional parts of the square roots of the first 8 primes. */
	static const uint32_t iv[8] = {
		0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
		0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u
	};
	sha256_start(c, iv, CDC_SHA256_LEN);
}

void
cdc_hash_sha224_init(cdc_hash_sha256 *c)
{
	/* Second 32 bits of the fractional parts of the square roots of primes 9..16. */
	static const uint32_t iv[8] = {
		0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
		0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u
	};
	sha256_start(c, iv, CDC_SHA224_LEN);
}

void
cdc_hash_sha256_update(cdc_hash_sha256 *c, const void *data, size_t n)
{
	c->len += n;
	absorb(c->h, sha256_block, c->buf, &c->nbuf, 64, data, n);
}

void
cdc_hash_sha256_final(cdc_hash_sha256 *c, uint8_t *out)
{
	uint8_t full[CDC_SHA256_LEN];

	pad(c->h, sha256_block, c->buf, c->nbuf, 64, 8);
	store64_be(c->buf + 56, c->len << 3);
	sha256_block(c->h, c->buf);
	/* SHA-224 is the leftmost 224 bits; go through full so out needs only dlen bytes. */
	for (unsigned i = 0; i < 8; i++)
		store32_be(full + 4 * i, c->h[i]);
	memcpy(out, full, c->dlen);
}

/* ---- SHA-384 and SHA-512, FIPS 180-4 sections 4.2.3, 5.3.4, 5.3.5, 6.4 ---- */

/* First 64 bits of the fractional parts of the cube roots of the first 80 primes. */
static const uint64_t sha512_k[80] = {
	UINT64_C(0x428a2f98d728ae22), UINT64_C(0x7137449123ef65cd),
	UINT64_C(0xb5c0fbcfec4d3b2f), UINT64_C(0xe9b5dba58189dbbc),
	UINT64_C(0x3956c25bf348b538), UINT64_C(0x59f111f1b605d019),
	UINT64_C(0x923f82a4af194f9b), UINT64_C(0xab1c5ed5da6d8118),
	UINT64_C(0xd807aa98a3030242), UINT64_C(0x12835b0145706fbe),
	UINT64_C(0x243185be4ee4b28c), UINT64_C(0x550c7dc3d5ffb4e2),
	UINT64_C(0x72be5d74f27b896f), UINT64_C(0x80deb1fe3b1696b1),
	UINT64_C(0x9bdc06a725c71235), UINT64_C(0xc19bf174cf692694),
	UINT64_C(0xe49b69c19ef14ad2), UINT64_C(0xefbe4786384f25e3),
	UINT64_C(0x0fc19dc68b8cd5b5), UINT64_C(0x240ca1cc77ac9c65),
	UINT64_C(0x2de92c6f592b0275), UINT64_C(0x4a7484aa6ea6e483),
	UINT64_C(0x5cb0a9dcbd41fbd4), UINT64_C(0x76f988da831153b5),
	UINT64_C(0x983e5152ee66dfab), UINT64_C(0xa831c66d2db43210),
	UINT64_C(0xb00327c898fb213f), UINT64_C(0xbf597fc7beef0ee4),
	UINT64_C(0xc6e00bf33da88fc2), UINT64_C(0xd5a79147930aa725),
	UINT64_C(0x06ca6351e003826f), UINT64_C(0x142929670a0e6e70),
	UINT64_C(0x27b70a8546d22ffc), UINT64_C(0x2e1b21385c26c926),
	UINT64_C(0x4d2c6dfc5ac42aed), UINT64_C(0x53380d139d95b3df),
	UINT64_C(0x650a73548baf63de), UINT64_C(0x766a0abb3c77b2a8),
	UINT64_C(0x81c2c92e47edaee6), UINT64_C(0x92722c851482353b),
	UINT64_C(0xa2bfe8a14cf10364), UINT64_C(0xa81a664bbc423001),
	UINT64_C(0xc24b8b70d0f89791), UINT64_C(0xc76c51a30654be30),
	UINT64_C(0xd192e819d6ef5218), UINT64_C(0xd69906245565a910),
	UINT64_C(0xf40e35855771202a), UINT64_C(0x106aa07032bbd1b8),
	UINT64_C(0x19a4c116b8d2d0c8), UINT64_C(0x1e376c085141ab53),
	UINT64_C(0x2748774cdf8eeb99), UINT64_C(0x34b0bcb5e19b48a8),
	UINT64_C(0x391c0cb3c5c95a63), UINT64_C(0x4ed8aa4ae3418acb),
	UINT64_C(0x5b9cca4f7763e373), UINT64_C(0x682e6ff3d6b2b8a3),
	UINT64_C(0x748f82ee5defb2fc), UINT64_C(0x78a5636f43172f60),
	UINT64_C(0x84c87814a1f0ab72), UINT64_C(0x8cc702081a6439ec),
	UINT64_C(0x90befffa23631e28), UINT64_C(0xa4506cebde82bde9),
	UINT64_C(0xbef9a3f7b2c67915), UINT64_C(0xc67178f2e372532b),
	UINT64_C(0xca273eceea26619c), UINT64_C(0xd186b8c721c0c207),
	UINT64_C(0xeada7dd6cde0eb1e), UINT64_C(0xf57d4f7fee6ed178),
	UINT64_C(0x06f067aa72176fba), UINT64_C(0x0a637dc5a2c898a6),
	UINT64_C(0x113f9804bef90dae), UINT64_C(0x1b710b35131c471b),
	UINT64_C(0x28db77f523047d84), UINT64_C(0x32caab7b40c72493),
	UINT64_C(0x3c9ebe0a15c9bebc), UINT64_C(0x431d67c49c100d4c),
	UINT64_C(0x4cc5d4becb3e42b6), UINT64_C(0x597f299cfc657e2a),
	UINT64_C(0x5fcb6fab3ad6faec), UINT64_C(0x6c44198c4a475817)
};

static void
sha512_block(void *state, const uint8_t *p)
{
	uint64_t *h = state;
	uint64_t w[80];

	for (unsigned t = 0; t < 16; t++)
		w[t] = load64_be(p + 8 * t);
	for (unsigned t = 16; t < 80; t++) {
		uint64_t s0 = ror64(w[t - 15], 1) ^ ror64(w[t - 15], 8) ^ (w[t - 15] >> 7);
		uint64_t s1 = ror64(w[t - 2], 19) ^ ror64(w[t - 2], 61) ^ (w[t - 2] >> 6);
		w[t] = s1 + w[t - 7] + s0 + w[t - 16];
	}

	uint64_t a = h[0], b = h[1], c = h[2], d = h[3];
	uint64_t e = h[4], f = h[5], g = h[6], hh = h[7];
	for (unsigned t = 0; t < 80; t++) {
		uint64_t S1 = ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41);
		uint64_t ch = (e & f) ^ (~e & g);
		uint64_t t1 = hh + S1 + ch + sha512_k[t] + w[t];
		uint64_t S0 = ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39);
		uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint64_t t2 = S0 + maj;
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

static void
sha512_start(cdc_hash_sha512 *c, const uint64_t iv[8], unsigned dlen)
{
	memcpy(c->h, iv, sizeof c->h);
	c->len = 0;
	c->nbuf = 0;
	c->dlen = dlen;
}

void
cdc_hash_sha512_init(cdc_hash_sha512 *c)
{
	/* First 64 bits of the fractional parts of the square roots of the first 8 primes. */
	static const uint64_t iv[8] = {
		UINT64_C(0x6a09e667f3bcc908), UINT64_C(0xbb67ae8584caa73b),
		UINT64_C(0x3c6ef372fe94f82b), UINT64_C(0xa54ff53a5f1d36f1),
		UINT64_C(0x510e527fade682d1), UINT64_C(0x9b05688c2b3e6c1f),
		UINT64_C(0x1f83d9abfb41bd6b), UINT64_C(0x5be0cd19137e2179)
	};
	sha512_start(c, iv, CDC_SHA512_LEN);
}

void
cdc_hash_sha384_init(cdc_hash_sha512 *c)
{
	/* First 64 bits of the fractional parts of the square roots of primes 9..16. */
	static const uint64_t iv[8] = {
		UINT64_C(0xcbbb9d5dc1059ed8), UINT64_C(0x629a292a367cd507),
		UINT64_C(0x9159015a3070dd17), UINT64_C(0x152fecd8f70e5939),
		UINT64_C(0x67332667ffc00b31), UINT64_C(0x8eb44a8768581511),
		UINT64_C(0xdb0c2e0d64f98fa7), UINT64_C(0x47b5481dbefa4fa4)
	};
	sha512_start(c, iv, CDC_SHA384_LEN);
}

void
cdc_hash_sha512_update(cdc_hash_sha512 *c, const void *data, size_t n)
{
	c->len += n;
	absorb(c->h, sha512_block, c->buf, &c->nbuf, 128, data, n);
}

void
cdc_hash_sha512_final(cdc_hash_sha512 *c, uint8_t *out)
{
	uint8_t full[CDC_SHA512_LEN];

	/* The length field is 128 bits; a byte count in 64 bits gives its top 3 bits. */
	pad(c->h, sha512_block, c->buf, c->nbuf, 128, 16);
	store64_be(c->buf + 112, c->len >> 61);
	store64_be(c->buf + 120, c->len << 3);
	sha512_block(c->h, c->buf);
	for (unsigned i = 0; i < 8; i++)
		store64_be(full + 8 * i, c->h[i]);
	memcpy(out, full, c->dlen);
}

/* ---- HMAC-SHA-256, RFC 2104 ---- */

/* H(K ^ opad, H(K ^ ipad, msg)) with K the key zero-padded to the 64-byte block. */
void
cdc_hash_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                uint8_t out[CDC_SHA256_LEN])
{
	uint8_t k[64] = {0};
	uint8_t kpad[64];
	uint8_t inner[CDC_SHA256_LEN];
	cdc_hash_sha256 c;

	if (klen > sizeof k) {
		cdc_hash_sha256_init(&c);
		cdc_hash_sha256_update(&c, key, klen);
		cdc_hash_sha256_final(&c, k);
	} else if (klen > 0) {
		memcpy(k, key, klen);
	}

	for (unsigned i = 0; i < sizeof k; i++)
		kpad[i] = k[i] ^ 0x36;
	cdc_hash_sha256_init(&c);
	cdc_hash_sha256_update(&c, kpad, sizeof kpad);
	cdc_hash_sha256_update(&c, msg, mlen);
	cdc_hash_sha256_final(&c, inner);

	for (unsigned i = 0; i < sizeof k; i++)
		kpad[i] = k[i] ^ 0x5c;
	cdc_hash_sha256_init(&c);
	cdc_hash_sha256_update(&c, kpad, sizeof kpad);
	cdc_hash_sha256_update(&c, inner, sizeof inner);
	cdc_hash_sha256_final(&c, out);
}

/* ---- hex output and the VM's one-shot helpers ---- */

size_t
cdc_hash_hex(const uint8_t *digest, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 0xf];
	}
	out[2 * n] = '\0';
	return 2 * n;
}

void
cdc_hash_md5_hex(const void *data, size_t n, char out[2 * CDC_MD5_LEN + 1])
{
	cdc_hash_md5 c;
	uint8_t d[CDC_MD5_LEN];

	cdc_hash_md5_init(&c);
	cdc_hash_md5_update(&c, data, n);
	cdc_hash_md5_final(&c, d);
	cdc_hash_hex(d, sizeof d, out);
}

bool
cdc_hash_sha2_hex(int bits, const void *data, size_t n, char *out)
{
	uint8_t d[CDC_HASH_MAX_LEN];
	size_t dlen;

	if (bits == 224 || bits == 256) {
		cdc_hash_sha256 c;
		if (bits == 224)
			cdc_hash_sha224_init(&c);
		else
			cdc_hash_sha256_init(&c);
		cdc_hash_sha256_update(&c, data, n);
		cdc_hash_sha256_final(&c, d);
		dlen = c.dlen;
	} else if (bits == 384 || bits == 512) {
		cdc_hash_sha512 c;
		if (bits == 384)
			cdc_hash_sha384_init(&c);
		else
			cdc_hash_sha512_init(&c);
		cdc_hash_sha512_update(&c, data, n);
		cdc_hash_sha512_final(&c, d);
		dlen = c.dlen;
	} else {
		return false;
	}
	cdc_hash_hex(d, dlen, out);
	return true;
}

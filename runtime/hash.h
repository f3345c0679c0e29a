/*
 * runtime/hash.h — MD5, SHA-2 and HMAC-SHA-256 for the VM and the targets.
 *
 * The transform stage (runtime/vm) calls these per row for the built-ins md5(x),
 * sha2(x, bits) and pseudonymize(value, key); the S3/AWS targets use SHA-256 and
 * HMAC-SHA-256 for SigV4 request signing.  Contexts live on the caller's stack, so
 * nothing here allocates.  Written from RFC 1321 (MD5), FIPS 180-4 (SHA-2) and
 * RFC 2104 (HMAC); byte order is explicit, so results do not depend on the host.
 *
 * Streaming use: init, any number of updates (pieces of any size), one final.  A
 * context must be initialised again before it is reused after final.
 */
#ifndef CDC_HASH_H
#define CDC_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CDC_MD5_LEN    16  /* digest bytes */
#define CDC_SHA224_LEN 28
#define CDC_SHA256_LEN 32
#define CDC_SHA384_LEN 48
#define CDC_SHA512_LEN 64
#define CDC_HASH_MAX_LEN CDC_SHA512_LEN

typedef struct cdc_hash_md5 {
	uint32_t h[4];    /* chaining state A, B, C, D */
	uint64_t len;     /* message bytes so far (the bit count wraps mod 2^64 as RFC 1321 says) */
	uint8_t  buf[64]; /* partial block */
	unsigned nbuf;    /* bytes used in buf, < 64 */
} cdc_hash_md5;

/* SHA-256, or SHA-224 (same compression, other IV, truncated output). */
typedef struct cdc_hash_sha256 {
	uint32_t h[8];    /* chaining state H0..H7 */
	uint64_t len;     /* message bytes so far */
	uint8_t  buf[64]; /* partial block */
	unsigned nbuf;    /* bytes used in buf, < 64 */
	unsigned dlen;    /* digest bytes final writes: 32, or 28 for SHA-224 */
} cdc_hash_sha256;

/* SHA-512, or SHA-384 (same compression, other IV, truncated output). */
typedef struct cdc_hash_sha512 {
	uint64_t h[8];     /* chaining state H0..H7 */
	uint64_t len;      /* message bytes so far; the 128-bit bit count is derived from it */
	uint8_t  buf[128]; /* partial block */
	unsigned nbuf;     /* bytes used in buf, < 128 */
	unsigned dlen;     /* digest bytes final writes: 64, or 48 for SHA-384 */
} cdc_hash_sha512;

void cdc_hash_md5_init(cdc_hash_md5 *c);
void cdc_hash_md5_update(cdc_hash_md5 *c, const void *data, size_t n);
void cdc_hash_md5_final(cdc_hash_md5 *c, uint8_t out[CDC_MD5_LEN]);

void cdc_hash_sha256_init(cdc_hash_sha256 *c);
void cdc_hash_sha224_init(cdc_hash_sha256 *c);
void cdc_hash_sha256_update(cdc_hash_sha256 *c, const void *data, size_t n);
void cdc_hash_sha256_final(cdc_hash_sha256 *c, uint8_t *out);   /* writes c->dlen bytes */

void cdc_hash_sha512_init(cdc_hash_sha512 *c);
void cdc_hash_sha384_init(cdc_hash_sha512 *c);
void cdc_hash_sha512_update(cdc_hash_sha512 *c, const void *data, size_t n);
void cdc_hash_sha512_final(cdc_hash_sha512 *c, uint8_t *out);   /* writes c->dlen bytes */

/* HMAC-SHA-256 (RFC 2104); any key length, keys over 64 bytes are hashed first. */
void cdc_hash_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                     uint8_t out[CDC_SHA256_LEN]);

/* Writes n bytes as 2n lower-case hex digits plus a NUL into out; returns 2n. */
size_t cdc_hash_hex(const uint8_t *digest, size_t n, char *out);

/*
 * One-shot helpers for the VM: the digest of data as lower-case hex, NUL-terminated.
 * out holds 2 * digest length + 1 bytes (33, 57, 65, 97 or 129).  sha2 returns false,
 * leaving out untouched, when bits is not 224, 256, 384 or 512; sema rejects such
 * calls, so that only happens through a bug or a hand-made plan.
 */
void cdc_hash_md5_hex(const void *data, size_t n, char out[2 * CDC_MD5_LEN + 1]);
bool cdc_hash_sha2_hex(int bits, const void *data, size_t n, char *out);

#endif

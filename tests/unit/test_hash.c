/*
 * tests/unit/test_hash.c — MD5, SHA-2 and HMAC-SHA-256 against the published test
 * vectors (RFC 1321, FIPS 180-4 examples, RFC 4231), padding at block boundaries, and
 * streaming in odd pieces against one-shot.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "runtime/hash.h"

enum { MD5, SHA224, SHA256, SHA384, SHA512, NALG };

static const char *const alg_name[NALG] = {"md5", "sha224", "sha256", "sha384", "sha512"};
static const size_t alg_len[NALG] = {
	CDC_MD5_LEN, CDC_SHA224_LEN, CDC_SHA256_LEN, CDC_SHA384_LEN, CDC_SHA512_LEN
};

/*
 * Digest of data as hex through the streaming API, fed in pieces whose sizes cycle
 * through pieces[0..npieces-1]; npieces == 0 feeds everything in one update.
 */
static void
stream_hex(int alg, const void *data, size_t n, const size_t *pieces, size_t npieces,
           char out[2 * CDC_HASH_MAX_LEN + 1])
{
	cdc_hash_md5 m;
	cdc_hash_sha256 s2;
	cdc_hash_sha512 s5;
	uint8_t d[CDC_HASH_MAX_LEN];
	const uint8_t *p = data;

	switch (alg) {
	case MD5: cdc_hash_md5_init(&m); break;
	case SHA224: cdc_hash_sha224_init(&s2); break;
	case SHA256: cdc_hash_sha256_init(&s2); break;
	case SHA384: cdc_hash_sha384_init(&s5); break;
	default: cdc_hash_sha512_init(&s5); break;
	}
	size_t off = 0, i = 0;
	do {   /* at least one update, so an empty piece is exercised too */
		size_t k = npieces ? pieces[i++ % npieces] : n;
		if (k > n - off)
			k = n - off;
		const uint8_t *q = n ? p + off : NULL;
		switch (alg) {
		case MD5: cdc_hash_md5_update(&m, q, k); break;
		case SHA224: case SHA256: cdc_hash_sha256_update(&s2, q, k); break;
		default: cdc_hash_sha512_update(&s5, q, k); break;
		}
		off += k;
	} while (off < n);
	switch (alg) {
	case MD5: cdc_hash_md5_final(&m, d); break;
	case SHA224: case SHA256: cdc_hash_sha256_final(&s2, d); break;
	default: cdc_hash_sha512_final(&s5, d); break;
	}
	ck_assert_uint_eq(cdc_hash_hex(d, alg_len[alg], out), 2 * alg_len[alg]);
}

/* Digest of data as hex through the VM's one-shot helpers. */
static void
oneshot_hex(int alg, const void *data, size_t n, char out[2 * CDC_HASH_MAX_LEN + 1])
{
	static const int bits[NALG] = {0, 224, 256, 384, 512};
	if (alg == MD5)
		cdc_hash_md5_hex(data, n, out);
	else
		ck_assert(cdc_hash_sha2_hex(bits[alg], data, n, out));
}

/* Checks the one-shot helper and a single streaming update against want. */
static void
expect_digest(int alg, const void *data, size_t n, const char *want)
{
	char got[2 * CDC_HASH_MAX_LEN + 1];
	oneshot_hex(alg, data, n, got);
	ck_assert_msg(strcmp(got, want) == 0, "%s of %zu bytes: got %s, want %s", alg_name[alg],
	              n, got, want);
	stream_hex(alg, data, n, NULL, 0, got);
	ck_assert_msg(strcmp(got, want) == 0, "%s of %zu bytes (streamed): got %s, want %s",
	              alg_name[alg], n, got, want);
}

static void
expect_str(int alg, const char *s, const char *want)
{
	expect_digest(alg, s, strlen(s), want);
}

START_TEST(md5_rfc1321)
{
	/* RFC 1321 appendix A.5, the test suite. */
	expect_str(MD5, "", "d41d8cd98f00b204e9800998ecf8427e");
	expect_str(MD5, "a", "0cc175b9c0f1b6a831c399e269772661");
	expect_str(MD5, "abc", "900150983cd24fb0d6963f7d28e17f72");
	expect_str(MD5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
	expect_str(MD5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b");
	expect_str(MD5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	           "d174ab98d277d9f5a5611c2c9f419d9f");
	expect_str(MD5, "1234567890123456789012345678901234567890"
	                "1234567890123456789012345678901234567890",
	           "57edf4a22be3c955ac49da2e2107b67a");
}
END_TEST

/* The FIPS 180-4 example messages (NIST CSRC "Examples with intermediate values"). */
static const char msg448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] =
	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	"ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

START_TEST(sha224_sha256_examples)
{
	expect_str(SHA224, "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
	expect_str(SHA224, msg448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
	expect_str(SHA224, msg896, "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3");
	expect_str(SHA256, "abc",
	           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_str(SHA256, msg448,
	           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	expect_str(SHA256, msg896,
	           "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(sha384_sha512_examples)
{
	expect_str(SHA384, "abc",
	           "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	           "8086072ba1e7cc2358baeca134c825a7");
	expect_str(SHA384, msg448,
	           "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
	           "b0455a8520bc4e6f5fe95b1fe3c8452b");
	expect_str(SHA384, msg896,
	           "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	           "fcc7c71a557e2db966c3e9fa91746039");
	expect_str(SHA512, "abc",
	           "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	           "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	expect_str(SHA512, msg448,
	           "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	           "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
	expect_str(SHA512, msg896,
	           "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	           "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}
END_TEST

/* One million 'a': once in one piece, once in 1000-byte pieces as a reader would. */
START_TEST(million_a)
{
	static uint8_t a[1000000];
	static const char *const want[NALG] = {
		"7707d6ae4e027c70eea2a935c2296f21",
		"20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67",
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		"9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
		"07b8b3dc38ecc4ebae97ddd87f3d8985",
		"e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
		"de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
	};
	static const size_t thousand[] = {1000};
	char got[2 * CDC_HASH_MAX_LEN + 1];

	memset(a, 'a', sizeof a);
	for (int alg = 0; alg < NALG; alg++) {
		expect_digest(alg, a, sizeof a, want[alg]);
		stream_hex(alg, a, sizeof a, thousand, 1, got);
		ck_assert_str_eq(got, want[alg]);
	}
}
END_TEST

START_TEST(empty_input)
{
	static const char *const want[NALG] = {
		"d41d8cd98f00b204e9800998ecf8427e",
		"d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
		"274edebfe76f65fbd51ad2f14898b95b",
		"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
		"47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	};
	/* NULL with length 0 is what the VM passes for an empty bytea. */
	for (int alg = 0; alg < NALG; alg++) {
		expect_digest(alg, NULL, 0, want[alg]);
		expect_digest(alg, "", 0, want[alg]);
	}

	/* Empty updates between real ones change nothing. */
	cdc_hash_sha256 c;
	uint8_t d[CDC_SHA256_LEN];
	char got[2 * CDC_SHA256_LEN + 1];
	cdc_hash_sha256_init(&c);
	cdc_hash_sha256_update(&c, NULL, 0);
	cdc_hash_sha256_update(&c, "ab", 2);
	cdc_hash_sha256_update(&c, "", 0);
	cdc_hash_sha256_update(&c, "c", 1);
	cdc_hash_sha256_update(&c, NULL, 0);
	cdc_hash_sha256_final(&c, d);
	cdc_hash_hex(d, sizeof d, got);
	ck_assert_str_eq(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

/*
 * n times 'a' for n around the padding limits: 55/56 and 63/64 decide whether the
 * 64-byte hashes need an extra block for the length, 111/112 and 127/128 the same for
 * the 128-byte ones.  Values from python hashlib, cross-checked with openssl dgst.
 */
static const struct {
	size_t n;
	const char *want[NALG];
} boundary[] = {
	{55, {"ef1772b6dff9a122358552954ad0df65",
	      "fb0bd626a70c28541dfa781bb5cc4d7d7f56622a58f01a0b1ddd646f",
	      "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
	      "5d91ac7e74e62b5c728904b40f10784d66b7af9cb6302123e48c92f0432ceb8d"
	      "2a92c02de77dcb29ed75c4b42bde46f4",
	      "b0220c772cbf6c1822e2cb38a437d0e1d58772417a4bbb21c961364f8b6143e0"
	      "5aa6316dca8d1d7b19e16448419076395f6086cb55101fbd6d5497b148e1745f"}},
	{56, {"3b0c8ac703f828b04c6c197006d17218",
	      "d40854fc9caf172067136f2e29e1380b14626bf6f0dd06779f820dcd",
	      "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
	      "8a8d9649ea04e993a6ca7135af7e3392cc5fca84f8531cac7aa3feed4eb98f55"
	      "dcbe0f3284b61c6f35f98b02cc644b4c",
	      "962b64aae357d2a4fee3ded8b539bdc9d325081822b0bfc55583133aab44f18b"
	      "afe11d72a7ae16c79ce2ba620ae2242d5144809161945f1367f41b3972e26e04"}},
	{63, {"b06521f39153d618550606be297466d5",
	      "1d4e051f4d6fed2a63fd2421e65834cec00d64456553de3496ae8b1d",
	      "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
	      "7e7f097e95b52bb8f53383450ecaf9868187c130981730c03b6d573adfc0b991"
	      "e365244e5b4bfa082bfb43c517d37120",
	      "c1b0f5c6d3b03dfe4a2602e67242f54e344090b66e01100a469b129f583f016c"
	      "7e27dddeaa438393dcc7ec54b0b57c9ba7af007f9b56db5f6fb677d972a31362"}},
	{64, {"014842d480b571495a4a0363793f7367",
	      "a88cd5cde6d6fe9136a4e58b49167461ea95d388ca2bdb7afdc3cbf4",
	      "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	      "2e404b9339da795776e510d96930b3be2904c500395b8cb7413334b82d4dec41"
	      "3b4b8113045a05bbbcff846f027423f6",
	      "01d35c10c6c38c2dcf48f7eebb3235fb5ad74a65ec4cd016e2354c637a8fb49b"
	      "695ef3c1d6f7ae4cd74d78cc9c9bcac9d4f23a73019998a7f73038a5c9b2dbde"}},
	{111, {"089f243d1e831c5879aa375ee364a06e",
	       "4aeec1a49b2c1bc663abf2809b36faaa64359523d4f26d02dbc2cba3",
	       "6374f73208854473827f6f6a3f43b1f53eaa3b82c21c1a6d69a2110b2a79baad",
	       "3c37955051cb5c3026f94d551d5b5e2ac38d572ae4e07172085fed81f8466b8f"
	       "90dc23a8ffcdea0b8d8e58e8fdacc80a",
	       "fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef8681819692176"
	       "0b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2"}},
	{112, {"9146ef3527c7cfcc66dc615c3986e391",
	       "0336b66821946e7f1052102e3b9c29f3039efe9b261746370305f894",
	       "f54353008a2553262ecdc4a34749563ba0950e8b0fc8652780b0a614b99683c1",
	       "187d4e07cb306103c69967bf544d0dfbe9042577599c73c330abc0cb64c61236"
	       "d5ed565ee19119d8c31779a38f791fcd",
	       "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32"
	       "bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca"}},
	{127, {"020406e1d05cdc2aa287641f7ae2cc39",
	       "0822db3f33424aead078f71ed05f30edc077a3c254b7c79c89a7a4a1",
	       "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a",
	       "9bd06b1763c2cf7aef40e795dc65bc96d59c41b537f3ad72ebdefd485476b571"
	       "7c1aeb37c327fe9c1831b12b9efd08ae",
	       "828613968b501dc00a97e08c73b118aa8876c26b8aac93df128502ab360f91ba"
	       "b50a51e088769a5c1eff4782ace147dce3642554199876374291f5d921629502"}},
	{128, {"e510683b3f5ffe4093d021808bc6ff70",
	       "39873a2441c56608137850f4c54dde157710b9a2b83c8bdc756dd643",
	       "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
	       "edb12730a366098b3b2beac75a3bef1b0969b15c48e2163c23d96994f8d1bef7"
	       "60c7e27f3c464d3829f56c0d53808b0b",
	       "b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a24"
	       "3667807ed300314b95cacdd579f3e33abdfbe351909519a846d465c59582f321"}},
};

START_TEST(block_boundaries)
{
	uint8_t a[128];
	static const size_t ones[] = {1};
	char got[2 * CDC_HASH_MAX_LEN + 1];

	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < sizeof boundary / sizeof boundary[0]; i++)
		for (int alg = 0; alg < NALG; alg++) {
			expect_digest(alg, a, boundary[i].n, boundary[i].want[alg]);
			/* Byte at a time: the block is always completed from the buffer. */
			stream_hex(alg, a, boundary[i].n, ones, 1, got);
			ck_assert_str_eq(got, boundary[i].want[alg]);
		}
}
END_TEST

/*
 * Pieces of odd sizes, some straddling block ends and some longer than a block, give
 * the same digest as one update, for every length up to a few blocks.
 */
START_TEST(streaming_odd_pieces)
{
	static const size_t odd[] = {1, 2, 3, 5, 7, 11, 13, 31, 63, 64, 65, 127, 128, 129, 200};
	static const size_t big[] = {129, 1, 255, 3};
	uint8_t data[1000];
	uint32_t x = 2463534242u;
	char want[2 * CDC_HASH_MAX_LEN + 1], got[2 * CDC_HASH_MAX_LEN + 1];

	for (size_t i = 0; i < sizeof data; i++) {   /* xorshift32: any fixed non-text bytes */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (uint8_t)x;
	}
	for (int alg = 0; alg < NALG; alg++)
		for (size_t n = 0; n <= sizeof data; n += n < 300 ? 1 : 37) {
			oneshot_hex(alg, data, n, want);
			stream_hex(alg, data, n, odd, sizeof odd / sizeof odd[0], got);
			ck_assert_msg(strcmp(got, want) == 0, "%s, %zu bytes in odd pieces",
			              alg_name[alg], n);
			stream_hex(alg, data, n, big, sizeof big / sizeof big[0], got);
			ck_assert_msg(strcmp(got, want) == 0, "%s, %zu bytes in big pieces",
			              alg_name[alg], n);
		}
}
END_TEST

/* RFC 4231 section 4, test cases 1-7 (HMAC-SHA-256 column). */
START_TEST(hmac_rfc4231)
{
	uint8_t k20b[20], kaa20[20], k25[25], k0c[20], kaa131[131], dd50[50], cd50[50];
	memset(k20b, 0x0b, sizeof k20b);
	memset(kaa20, 0xaa, sizeof kaa20);
	for (unsigned i = 0; i < sizeof k25; i++)
		k25[i] = (uint8_t)(i + 1);
	memset(k0c, 0x0c, sizeof k0c);
	memset(kaa131, 0xaa, sizeof kaa131);
	memset(dd50, 0xdd, sizeof dd50);
	memset(cd50, 0xcd, sizeof cd50);

	static const char m6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char m7[] =
		"This is a test using a larger than block-size key and a larger than block-size "
		"data. The key needs to be hashed before being used by the HMAC algorithm.";
	const struct {
		const void *key;
		size_t klen;
		const void *msg;
		size_t mlen;
		const char *want;   /* case 5 gives only the first 128 bits */
	} tc[] = {
		{k20b, sizeof k20b, "Hi There", 8,
		 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
		{"Jefe", 4, "what do ya want for nothing?", 28,
		 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{kaa20, sizeof kaa20, dd50, sizeof dd50,
		 "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
		{k25, sizeof k25, cd50, sizeof cd50,
		 "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
		{k0c, sizeof k0c, "Test With Truncation", 20, "a3b6167473100ee06e0c796c2955552b"},
		{kaa131, sizeof kaa131, m6, sizeof m6 - 1,
		 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
		{kaa131, sizeof kaa131, m7, sizeof m7 - 1,
		 "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
	};
	for (size_t i = 0; i < sizeof tc / sizeof tc[0]; i++) {
		uint8_t mac[CDC_SHA256_LEN];
		char got[2 * CDC_SHA256_LEN + 1];
		cdc_hash_hmac_sha256(tc[i].key, tc[i].klen, tc[i].msg, tc[i].mlen, mac);
		cdc_hash_hex(mac, sizeof mac, got);
		ck_assert_msg(strncmp(got, tc[i].want, strlen(tc[i].want)) == 0,
		              "RFC 4231 case %zu: got %s, want %s", i + 1, got, tc[i].want);
	}
}
END_TEST

/*
 * Key lengths around the block size: up to 64 bytes the key is zero-padded, so a
 * key and the same key with trailing zeros agree; above 64 it is replaced by its
 * SHA-256.  An empty key (NULL, 0) is allowed and equals 64 zero bytes.
 */
START_TEST(hmac_key_lengths)
{
	uint8_t key[200], zeros[64] = {0}, hk[CDC_SHA256_LEN];
	uint8_t a[CDC_SHA256_LEN], b[CDC_SHA256_LEN];
	static const char msg[] = "user@example.com";
	cdc_hash_sha256 c;

	for (unsigned i = 0; i < sizeof key; i++)
		key[i] = (uint8_t)(i * 31 + 7);

	cdc_hash_hmac_sha256(NULL, 0, msg, strlen(msg), a);
	cdc_hash_hmac_sha256(zeros, sizeof zeros, msg, strlen(msg), b);
	ck_assert_mem_eq(a, b, sizeof a);

	memset(key + 40, 0, 24);
	cdc_hash_hmac_sha256(key, 40, msg, strlen(msg), a);
	cdc_hash_hmac_sha256(key, 64, msg, strlen(msg), b);
	ck_assert_mem_eq(a, b, sizeof a);

	for (size_t klen = 65; klen <= sizeof key; klen += 45) {
		cdc_hash_sha256_init(&c);
		cdc_hash_sha256_update(&c, key, klen);
		cdc_hash_sha256_final(&c, hk);
		cdc_hash_hmac_sha256(key, klen, msg, strlen(msg), a);
		cdc_hash_hmac_sha256(hk, sizeof hk, msg, strlen(msg), b);
		ck_assert_mem_eq(a, b, sizeof a);
	}

	/* An empty message is fine too (RFC 4231 has none; value from python hmac). */
	char got[2 * CDC_SHA256_LEN + 1];
	cdc_hash_hmac_sha256("key", 3, NULL, 0, a);
	cdc_hash_hex(a, sizeof a, got);
	ck_assert_str_eq(got, "5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0");
}
END_TEST

/* Output sizes: hex is exact and terminated, truncated digests write no further. */
START_TEST(output_sizes)
{
	static const uint8_t d[] = {0x00, 0x0f, 0xa5, 0xff};
	char hex[16];
	memset(hex, 'x', sizeof hex);
	ck_assert_uint_eq(cdc_hash_hex(d, sizeof d, hex), 8);
	ck_assert_str_eq(hex, "000fa5ff");
	ck_assert_uint_eq(cdc_hash_hex(d, 0, hex), 0);
	ck_assert_str_eq(hex, "");

	uint8_t out[CDC_SHA512_LEN + 1];
	cdc_hash_sha256 s2;
	memset(out, 0xee, sizeof out);
	cdc_hash_sha224_init(&s2);
	cdc_hash_sha256_update(&s2, "abc", 3);
	cdc_hash_sha256_final(&s2, out);
	ck_assert_uint_eq(out[CDC_SHA224_LEN], 0xee);
	ck_assert_uint_ne(out[CDC_SHA224_LEN - 1], 0xee);   /* last byte is 0xa7 */

	cdc_hash_sha512 s5;
	memset(out, 0xee, sizeof out);
	cdc_hash_sha384_init(&s5);
	cdc_hash_sha512_update(&s5, "abc", 3);
	cdc_hash_sha512_final(&s5, out);
	ck_assert_uint_eq(out[CDC_SHA384_LEN], 0xee);
	ck_assert_uint_eq(out[CDC_SHA384_LEN - 1], 0xa7);

	/* sha2 with bits sema would reject: false, out untouched. */
	char buf[2 * CDC_HASH_MAX_LEN + 1];
	static const int bad[] = {0, 1, 160, 255, 257, 1024, -256};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		strcpy(buf, "keep");
		ck_assert(!cdc_hash_sha2_hex(bad[i], "abc", 3, buf));
		ck_assert_str_eq(buf, "keep");
	}
	ck_assert(cdc_hash_sha2_hex(224, "abc", 3, buf));
	ck_assert_uint_eq(strlen(buf), 56);
	ck_assert(cdc_hash_sha2_hex(384, "abc", 3, buf));
	ck_assert_uint_eq(strlen(buf), 96);
	cdc_hash_md5_hex("abc", 3, buf);
	ck_assert_uint_eq(strlen(buf), 32);
}
END_TEST

/* A context used again after init gives the same answer: no state leaks from final. */
START_TEST(context_reuse)
{
	cdc_hash_sha512 c;
	uint8_t d1[CDC_SHA512_LEN], d2[CDC_SHA512_LEN];
	cdc_hash_sha512_init(&c);
	cdc_hash_sha512_update(&c, msg896, strlen(msg896));
	cdc_hash_sha512_final(&c, d1);
	cdc_hash_sha512_init(&c);
	cdc_hash_sha512_update(&c, msg896, 100);
	cdc_hash_sha512_update(&c, msg896 + 100, strlen(msg896) - 100);
	cdc_hash_sha512_final(&c, d2);
	ck_assert_mem_eq(d1, d2, sizeof d1);

	cdc_hash_md5 m;
	uint8_t e1[CDC_MD5_LEN], e2[CDC_MD5_LEN];
	cdc_hash_md5_init(&m);
	cdc_hash_md5_update(&m, "junk", 4);
	cdc_hash_md5_final(&m, e1);
	cdc_hash_md5_init(&m);
	cdc_hash_md5_update(&m, "message digest", 14);
	cdc_hash_md5_final(&m, e1);
	cdc_hash_md5_init(&m);
	cdc_hash_md5_update(&m, "message ", 8);
	cdc_hash_md5_update(&m, "digest", 6);
	cdc_hash_md5_final(&m, e2);
	ck_assert_mem_eq(e1, e2, sizeof e1);
}
END_TEST

Suite *
hash_suite(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("vectors");
	tcase_add_test(tc, md5_rfc1321);
	tcase_add_test(tc, sha224_sha256_examples);
	tcase_add_test(tc, sha384_sha512_examples);
	tcase_add_test(tc, million_a);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, block_boundaries);
	suite_add_tcase(s, tc);

	tc = tcase_create("streaming");
	tcase_add_test(tc, streaming_odd_pieces);
	tcase_add_test(tc, context_reuse);
	tcase_add_test(tc, output_sizes);
	suite_add_tcase(s, tc);

	tc = tcase_create("hmac");
	tcase_add_test(tc, hmac_rfc4231);
	tcase_add_test(tc, hmac_key_lengths);
	suite_add_tcase(s, tc);
	return s;
}

/* test_picture.c: a PNG or JPEG read whole (filekind_picture) — its size, what only describes it dropped */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

#include "filekind.h"

/* --- building pictures ---------------------------------------------------- */

typedef struct bytes {
	unsigned char *p;
	size_t n, cap;
} Bytes;

static void add(Bytes *b, const void *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void add32(Bytes *b, uint32_t v)
{
	unsigned char x[4] = { v >> 24, v >> 16, v >> 8, v };
	add(b, x, 4);
}

static void add16(Bytes *b, unsigned v)
{
	unsigned char x[2] = { v >> 8, v };
	add(b, x, 2);
}

static void chunk(Bytes *b, const char *type, const void *data, size_t n)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	add32(b, (uint32_t)n);
	add(b, type, 4);
	add(b, data, n);
	crc = crc32(crc, (const Bytef *)type, 4);
	crc = crc32(crc, data, (uInt)n);
	add32(b, (uint32_t)crc);
}

/* A w × h RGB PNG; its ancillary chunks as told, kept ones (gAMA, pHYs)
 * also into *kept, where the output should have them. */
static Bytes png(uint32_t w, uint32_t h, int with_meta, Bytes *kept)
{
	Bytes b = { 0 }, ihdr = { 0 }, raw = { 0 };
	unsigned char z[4096];
	uLongf zn = sizeof(z);
	const unsigned char gama[] = { 0, 0, 0xb1, 0x8f }, phys[] = { 0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1 };
	const unsigned char time_[] = { 0x07, 0xea, 3, 1, 12, 0, 0 };
	const char text[] = "Location\0Rotterdam 51.92N 4.48E";
	Bytes *both[2] = { &b, kept };

	add32(&ihdr, w);
	add32(&ihdr, h);
	add(&ihdr, "\x08\x02\0\0\0", 5);
	for (uint32_t y = 0; y < h && w <= 64 && h <= 64; y++) {
		add(&raw, "\0", 1);
		for (uint32_t x = 0; x < w; x++)
			add(&raw, "\x28\x78\x8c", 3);
	}
	assert_int_equal(compress(z, &zn, raw.p ? raw.p : (const Bytef *)"", (uLong)raw.n), Z_OK);
	for (int i = 0; i < 2; i++) {
		if (!both[i])
			continue;
		add(both[i], "\x89PNG\r\n\x1a\n", 8);
		chunk(both[i], "IHDR", ihdr.p, ihdr.n);
		if (with_meta)
			chunk(both[i], "gAMA", gama, sizeof(gama));
	}
	if (with_meta) {
		chunk(&b, "tEXt", text, sizeof(text) - 1);
		chunk(&b, "tIME", time_, sizeof(time_));
		chunk(&b, "iTXt", "Author\0\0\0\0\0Jan Willems", 23);
		chunk(&b, "eXIf", "MM\0*\0\0\0\x08\0\0\0\0\0\0", 14);
		chunk(&b, "prVt", "private", 7);
	}
	for (int i = 0; i < 2; i++) {
		if (!both[i])
			continue;
		if (with_meta)
			chunk(both[i], "pHYs", phys, sizeof(phys));
		chunk(both[i], "IDAT", z, zn);
	}
	if (with_meta)
		chunk(&b, "zTXt", "Comment\0\0x", 10);
	for (int i = 0; i < 2; i++)
		if (both[i])
			chunk(both[i], "IEND", "", 0);
	free(ihdr.p);
	free(raw.p);
	return b;
}

static void seg(Bytes *b, unsigned marker, const void *data, size_t n)
{
	unsigned char m[2] = { 0xFF, marker };
	add(b, m, 2);
	add16(b, (unsigned)n + 2);
	add(b, data, n);
}

/* EXIF in the byte order given: IFD0 with the orientation (when o) and a
 * pointer to a GPS IFD holding a latitude. */
static Bytes exif(int le, unsigned o)
{
	Bytes e = { 0 };
	unsigned entries = o ? 2 : 1;
	uint32_t gps = 8 + 2 + 12 * entries + 4;
#define P16(v) do { unsigned _v = (v); unsigned char _x[2] = { le ? _v : _v >> 8, le ? _v >> 8 : _v }; add(&e, _x, 2); } while (0)
#define P32(v) do { uint32_t _v = (v); unsigned char _x[4] = { le ? _v : _v >> 24, le ? _v >> 8 : _v >> 16, le ? _v >> 16 : _v >> 8, le ? _v >> 24 : _v }; add(&e, _x, 4); } while (0)
	add(&e, "Exif\0\0", 6);
	add(&e, le ? "II*\0" : "MM\0*", 4);
	P32(8);
	P16(entries);
	if (o) {
		P16(0x0112); P16(3); P32(1); P16(o); P16(0);
	}
	P16(0x8825); P16(4); P32(1); P32(gps);
	P32(0);
	/* GPS IFD: GPSLatitudeRef "N" */
	P16(1);
	P16(0x0001); P16(2); P32(2); add(&e, "N\0\0\0", 4);
	P32(0);
#undef P16
#undef P32
	return e;
}

static const unsigned char jfif[] = { 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
static const unsigned char adobe[] = { 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 1 };

/* An 8 × 8 grey JPEG (one block, all zero) with its header claiming
 * w × h; with meta, an EXIF (orientation o), XMP, ICC, a comment and an
 * Adobe APP14 — *kept gets what the output should be. */
static Bytes jpeg(unsigned w, unsigned h, int meta, unsigned o, int le, Bytes *kept)
{
	Bytes b = { 0 }, e = exif(le, o);
	unsigned char dqt[65], sof[9] = { 8, h >> 8, h, w >> 8, w, 1, 1, 0x11, 0 };
	unsigned char dhtdc[18] = { 0x00, 1 }, dhtac[18] = { 0x10, 1 };
	const unsigned char sos[] = { 1, 1, 0x00, 0, 63, 0 };
	const unsigned char scan[] = { 0x3f, 0xff, 0x00, 0x3f }; /* with a stuffed 0xFF */
	Bytes *both[2] = { &b, kept };
	const unsigned char turned[] = { 0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2A, 0, 0, 0, 8,
					 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0 };

	dqt[0] = 0;
	memset(dqt + 1, 1, 64);
	for (int i = 0; i < 2; i++) {
		if (!both[i])
			continue;
		add(both[i], "\xff\xd8", 2);
		seg(both[i], 0xE0, jfif, sizeof(jfif));
	}
	if (meta) {
		seg(&b, 0xE1, e.p, e.n);
		if (kept && o > 1)
			add(kept, turned, sizeof(turned));
		seg(&b, 0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Jan Willems</x:xmpmeta>", 63);
		seg(&b, 0xE2, "ICC_PROFILE\0\1\1profile", 21);
		seg(&b, 0xFE, "Rotterdam, Kruisstraat 12", 25);
	}
	for (int i = 0; i < 2; i++) {
		if (!both[i])
			continue;
		if (meta)
			seg(both[i], 0xEE, adobe, sizeof(adobe));
		seg(both[i], 0xDB, dqt, sizeof(dqt));
		seg(both[i], 0xC0, sof, sizeof(sof));
		seg(both[i], 0xC4, dhtdc, sizeof(dhtdc));
		seg(both[i], 0xC4, dhtac, sizeof(dhtac));
		seg(both[i], 0xDA, sos, sizeof(sos));
		add(both[i], scan, sizeof(scan));
		add(both[i], "\xff\xd9", 2);
	}
	if (meta)
		add(&b, "trailing bytes", 14);
	free(e.p);
	return b;
}

static NEOERR *collect(void *ctx, const void *buf, size_t n)
{
	add(ctx, buf, n);
	return STATUS_OK;
}

static Bytes walk(const Bytes *in, FileKindPicture *pic)
{
	Bytes out = { 0 };
	NEOERR *err = filekind_picture(in->p, in->n, pic, collect, &out);

	assert_null(err);
	return out;
}

static int holds(const Bytes *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->n; i++)
		if (!memcmp(b->p + i, s, n))
			return 1;
	return 0;
}

/* --- tests ------------------------------------------------------------------ */

static void a_png_is_read_for_its_size_and_loses_its_text_and_time(void **s)
{
	Bytes want = { 0 }, in = png(3, 2, 1, &want), out;
	FileKindPicture pic;
	(void)s;

	out = walk(&in, &pic);
	assert_int_equal(pic.kind, FILEKIND_PNG);
	assert_int_equal(pic.width, 3);
	assert_int_equal(pic.height, 2);
	assert_int_equal(out.n, want.n);
	assert_memory_equal(out.p, want.p, want.n);
	assert_false(holds(&out, "Rotterdam") || holds(&out, "Willems") || holds(&out, "tIME") || holds(&out, "eXIf"));
	/* Read only: the same answer, nothing sent. */
	assert_null(filekind_picture(in.p, in.n, &pic, NULL, NULL));
	assert_int_equal(pic.kind, FILEKIND_PNG);
	free(in.p);
	free(out.p);
	free(want.p);
}

static void a_jpeg_is_read_for_its_size_and_loses_exif_xmp_icc_and_comments(void **s)
{
	for (int le = 0; le < 2; le++) {
		Bytes want = { 0 }, in = jpeg(8, 8, 1, 1, le, &want), out;
		FileKindPicture pic;
		(void)s;

		out = walk(&in, &pic);
		assert_int_equal(pic.kind, FILEKIND_JPEG);
		assert_int_equal(pic.width, 8);
		assert_int_equal(pic.height, 8);
		assert_int_equal(out.n, want.n);
		assert_memory_equal(out.p, want.p, want.n);
		assert_false(holds(&out, "Exif") || holds(&out, "Willems") || holds(&out, "Rotterdam") ||
			     holds(&out, "ICC_PROFILE") || holds(&out, "trailing"));
		assert_true(holds(&out, "JFIF") && holds(&out, "Adobe"));
		free(in.p);
		free(out.p);
		free(want.p);
	}
}

static void a_turned_jpeg_keeps_its_orientation_alone(void **s)
{
	for (int le = 0; le < 2; le++) {
		Bytes want = { 0 }, in = jpeg(8, 8, 1, 6, le, &want), out;
		FileKindPicture pic;
		(void)s;

		out = walk(&in, &pic);
		assert_int_equal(pic.kind, FILEKIND_JPEG);
		assert_int_equal(out.n, want.n);
		assert_memory_equal(out.p, want.p, want.n);
		assert_false(holds(&out, "Willems") || holds(&out, "Rotterdam"));
		free(in.p);
		free(out.p);
		free(want.p);
	}
}

static void the_size_is_the_one_the_header_claims(void **s)
{
	Bytes p = png(30000, 30000, 0, NULL), j = jpeg(5000, 40, 0, 0, 0, NULL);
	FileKindPicture pic;
	(void)s;

	assert_null(filekind_picture(p.p, p.n, &pic, NULL, NULL));
	assert_int_equal(pic.kind, FILEKIND_PNG);
	assert_int_equal(pic.width, 30000);
	assert_int_equal(pic.height, 30000);
	assert_null(filekind_picture(j.p, j.n, &pic, NULL, NULL));
	assert_int_equal(pic.kind, FILEKIND_JPEG);
	assert_int_equal(pic.width, 5000);
	assert_int_equal(pic.height, 40);
	free(p.p);
	free(j.p);
}

static void no_picture(const unsigned char *p, size_t n)
{
	FileKindPicture pic;

	assert_null(filekind_picture(p, n, &pic, NULL, NULL));
	assert_int_equal(pic.kind, FILEKIND_UNKNOWN);
	assert_int_equal(pic.width, 0);
	assert_int_equal(pic.height, 0);
}

static void cut_short_or_without_its_header_is_no_picture(void **s)
{
	Bytes p = png(3, 2, 1, NULL), j = jpeg(8, 8, 1, 6, 0, NULL), bad = { 0 };
	size_t jend = j.n - 14; /* the trailing bytes are no part of it */
	(void)s;

	for (size_t n = 0; n < p.n; n++)
		no_picture(p.p, n);
	for (size_t n = 0; n < jend; n++)
		no_picture(j.p, n);
	/* A PNG whose first chunk is not IHDR, a chunk's CRC wrong, a
	 * critical chunk nobody knows; a JPEG without its frame header. */
	add(&bad, "\x89PNG\r\n\x1a\n", 8);
	chunk(&bad, "gAMA", "\0\0\xb1\x8f", 4);
	add(&bad, p.p + 8, p.n - 8);
	no_picture(bad.p, bad.n);
	bad.n = 0;
	add(&bad, p.p, p.n);
	bad.p[8 + 8 + 13] ^= 1;
	no_picture(bad.p, bad.n);
	bad.n = 0;
	add(&bad, p.p, 33);
	chunk(&bad, "ABCD", "x", 1);
	add(&bad, p.p + 33, p.n - 33);
	no_picture(bad.p, bad.n);
	bad.n = 0;
	add(&bad, "\xff\xd8", 2);
	seg(&bad, 0xE0, jfif, sizeof(jfif));
	seg(&bad, 0xDA, "\1\1\0\0\x3f\0", 6);
	add(&bad, "\x3f\xff\xd9", 3);
	no_picture(bad.p, bad.n);
	free(bad.p);
	free(p.p);
	free(j.p);
}

/* Every byte changed, in turn: an answer each time, never a read outside
 * (the sanitizer's build tells), never more out than in. */
static void every_flipped_byte_is_survived(void **s)
{
	Bytes in[3] = { png(3, 2, 1, NULL), jpeg(8, 8, 1, 6, 0, NULL), jpeg(8, 8, 1, 3, 1, NULL) };
	const unsigned char flips[] = { 0xff, 0x01, 0x80, 0x20 };
	(void)s;

	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < in[k].n; i++) {
			for (size_t f = 0; f < sizeof(flips); f++) {
				FileKindPicture pic;
				Bytes out = { 0 };
				in[k].p[i] ^= flips[f];
				assert_null(filekind_picture(in[k].p, in[k].n, &pic, collect, &out));
				assert_true(out.n <= in[k].n);
				in[k].p[i] ^= flips[f];
				free(out.p);
			}
		}
		free(in[k].p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_png_is_read_for_its_size_and_loses_its_text_and_time),
		cmocka_unit_test(a_jpeg_is_read_for_its_size_and_loses_exif_xmp_icc_and_comments),
		cmocka_unit_test(a_turned_jpeg_keeps_its_orientation_alone),
		cmocka_unit_test(the_size_is_the_one_the_header_claims),
		cmocka_unit_test(cut_short_or_without_its_header_is_no_picture),
		cmocka_unit_test(every_flipped_byte_is_survived),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

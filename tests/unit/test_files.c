/* test_files.c: the encrypted store and the kinds it finds (filekind.c) — zip limits, tamper evidence, bounded memory, failed writes */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>
#include <openssl/evp.h>

#include "conf.h"
#include "filekind.h"
#include "files.h"
#include "util.h"

#define KIB 1024
#define MIB (1024 * 1024)
#define CHUNK 65536
#define REC (CHUNK + 16)
#define HDR 20

static char tmpdir[256];
static char store[300];

/* --- helpers ------------------------------------------------------------ */

static void use_store(const char *sub)
{
	snprintf(store, sizeof(store), "%s/%s", tmpdir, sub);
	hdf_set_value(conf_hdf(), "Paths.Files", store);
	assert_string_equal(conf_str("Paths.Files"), store);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* The test configuration with a secrets file of its own: a data key
 * (key 1) to seal the files' keys with. */
static int setup(void **s)
{
	char conf[4200], secrets[4200];
	FILE *f;
	int fd;

	(void)s;
	nerr_init();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/flexportal-files-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(secrets, sizeof(secrets), "%s/secrets.hdf", tmpdir);
	fd = open(secrets, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fprintf(f, "Keys.Csrf = %064d\nKeys.Pepper = %064d\nKeys.Data = %s\n", 1, 2,
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
	fclose(f);
	snprintf(conf, sizeof(conf), "%s/test.hdf", tmpdir);
	if (!(f = fopen(conf, "w")))
		return -1;
	fprintf(f, "#include \"conf/test.hdf\"\nPaths.Secrets = %s\n", secrets);
	fclose(f);
	if (conf_load(conf) != STATUS_OK)
		return -1;
	snprintf(store, sizeof(store), "%s/store", tmpdir);
	hdf_set_value(conf_hdf(), "Paths.Files", store);
	return strcmp(conf_str("Paths.Files"), store) ? -1 : 0;
}

static int teardown(void **s)
{
	(void)s;
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char md[32];
	unsigned int len;
	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	util_hex(md, 32, out);
}

/* Stores n bytes in uneven pieces, as an upload arrives. */
static NEOERR *store_mem(const void *p, size_t n, FilesInfo *info)
{
	const unsigned char *b = p;
	FilesWriter *w;
	NEOERR *err = files_store_begin(&w);
	size_t piece = 1;

	if (err)
		return err;
	while (n) {
		size_t k = piece < n ? piece : n;
		err = files_store_write(w, b, k);
		if (err) {
			files_store_abort(&w);
			return err;
		}
		b += k;
		n -= k;
		piece = piece * 3 + 7;
	}
	return files_store_finish(&w, info);
}

/* Opens and reads the whole file; *out is given (NULL on error). */
static NEOERR *read_back(const FilesInfo *in, unsigned char **out, size_t *n)
{
	unsigned char buf[3001];
	FilesReader *r;
	size_t got;
	NEOERR *err;

	*out = NULL;
	*n = 0;
	err = files_open(in->id, in->wrapped_key, in->wrapped_len, &r);
	if (err)
		return err;
	while (!(err = files_read(r, buf, sizeof(buf), &got)) && got) {
		*out = xrealloc(*out, *n + got);
		memcpy(*out + *n, buf, got);
		*n += got;
	}
	files_close(&r);
	if (err) {
		free(*out);
		*out = NULL;
	}
	return err;
}

static void assert_integrity(NEOERR *err)
{
	char msg[1024];

	assert_non_null(err);
	util_nerr_msg(err, msg, sizeof(msg));
	if (!nerr_match(err, PERR_FILES_INTEGRITY) || !strstr(msg, "integrity"))
		fail_msg("not an integrity error: %s", msg);
	nerr_ignore(&err);
}

static void assert_round_trip(const void *p, size_t n, FileKind kind, FilesInfo *info)
{
	unsigned char *back;
	size_t blen;
	char sha[65];
	NEOERR *err = store_mem(p, n, info);

	if (err) {
		char msg[512];
		util_nerr_msg(err, msg, sizeof(msg));
		fail_msg("store: %s", msg);
	}
	sha256_hex(p, n, sha);
	assert_string_equal(info->sha256, sha);
	assert_int_equal(info->size, n);
	assert_string_equal(filekind_name(info->kind), filekind_name(kind));
	assert_int_equal(info->wrapped_len, FILES_WRAPPED_LEN);
	assert_int_equal(info->key_id, 1);
	assert_int_equal(strlen(info->id), FILES_ID_LEN);
	assert_null(read_back(info, &back, &blen));
	assert_int_equal(blen, n);
	if (n)
		assert_memory_equal(back, p, n);
	free(back);
}

/* Reads the stored file's bytes; *n its length. */
static unsigned char *slurp(const char *id, size_t *n)
{
	char path[512];
	struct stat st;
	unsigned char *p;
	int fd;

	assert_null(files_path(id, path, sizeof(path)));
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	p = xmalloc((size_t)st.st_size + 1);
	assert_int_equal(pread(fd, p, (size_t)st.st_size, 0), st.st_size);
	close(fd);
	*n = (size_t)st.st_size;
	return p;
}

static void spill(const char *id, const unsigned char *p, size_t n)
{
	char path[512];
	FILE *f;

	assert_null(files_path(id, path, sizeof(path)));
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Names in the store's shard directories that start with '.' (temp files). */
static int temp_files(void)
{
	int n = 0;
	DIR *top = opendir(store), *sub;
	struct dirent *d, *e;

	if (!top)
		return 0;
	while ((d = readdir(top))) {
		char path[600];
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", store, d->d_name);
		sub = opendir(path);
		if (!sub)
			continue;
		while ((e = readdir(sub)))
			if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				n++;
		closedir(sub);
	}
	closedir(top);
	return n;
}

/* Deterministic bytes that do not compress (xorshift). */
static void fill(unsigned char *p, size_t n, uint64_t *state)
{
	for (size_t i = 0; i < n; i++) {
		*state ^= *state << 13;
		*state ^= *state >> 7;
		*state ^= *state << 17;
		p[i] = (unsigned char)(*state >> 24);
	}
}

/* --- samples of each kind ------------------------------------------------ */

struct buf {
	unsigned char *p;
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	b->p = xrealloc(b->p, b->n + n);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	put(b, x, 2);
}

static void put32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	put(b, x, 4);
}

static void put32be(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			       (unsigned char)v };
	put(b, x, 4);
}

struct zent {
	const char *name;
	size_t nlen;          /* 0: strlen(name) */
	const char *data;
	uint32_t claim;       /* uncompressed size to declare; 0: the real one */
};

/* A zip of stored (uncompressed) entries; a claim makes a bomb's lie. */
static struct buf zip(const struct zent *e, size_t n)
{
	struct buf z = { 0 }, cd = { 0 };

	for (size_t i = 0; i < n; i++) {
		size_t nlen = e[i].nlen ? e[i].nlen : strlen(e[i].name), dlen = strlen(e[i].data);
		uint32_t crc = (uint32_t)crc32(0, (const Bytef *)e[i].data, (uInt)dlen);
		uint32_t usize = e[i].claim ? e[i].claim : (uint32_t)dlen;
		unsigned method = e[i].claim ? 8 : 0;
		uint32_t off = (uint32_t)z.n;

		put32(&z, 0x04034b50);
		put16(&z, 20), put16(&z, 0), put16(&z, method), put16(&z, 0), put16(&z, 0x21);
		put32(&z, crc), put32(&z, (uint32_t)dlen), put32(&z, usize);
		put16(&z, (unsigned)nlen), put16(&z, 0);
		put(&z, e[i].name, nlen);
		put(&z, e[i].data, dlen);

		put32(&cd, 0x02014b50);
		put16(&cd, 20), put16(&cd, 20), put16(&cd, 0), put16(&cd, method), put16(&cd, 0),
			put16(&cd, 0x21);
		put32(&cd, crc), put32(&cd, (uint32_t)dlen), put32(&cd, usize);
		put16(&cd, (unsigned)nlen), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0);
		put32(&cd, 0), put32(&cd, off);
		put(&cd, e[i].name, nlen);
	}
	{
		uint32_t cd_off = (uint32_t)z.n;
		put(&z, cd.p, cd.n);
		put32(&z, 0x06054b50);
		put16(&z, 0), put16(&z, 0), put16(&z, (unsigned)n), put16(&z, (unsigned)n);
		put32(&z, (uint32_t)cd.n), put32(&z, cd_off), put16(&z, 0);
	}
	free(cd.p);
	return z;
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
	"package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static struct buf docx(void)
{
	const struct zent e[] = {
		{ "[Content_Types].xml", 0, content_types, 0 },
		{ "_rels/.rels", 0, "<Relationships/>", 0 },
		{ "word/document.xml", 0, "<w:document><w:body><w:p><w:r><w:t>Contract</w:t></w:r></w:p>"
					   "</w:body></w:document>", 0 },
	};
	return zip(e, ARRAY_SIZE(e));
}

static struct buf xlsx(void)
{
	const struct zent e[] = {
		{ "[Content_Types].xml", 0, content_types, 0 },
		{ "_rels/.rels", 0, "<Relationships/>", 0 },
		{ "xl/workbook.xml", 0, "<workbook><sheets><sheet name=\"Uren\" sheetId=\"1\"/></sheets></workbook>", 0 },
		{ "xl/worksheets/sheet1.xml", 0, "<worksheet><sheetData/></worksheet>", 0 },
	};
	return zip(e, ARRAY_SIZE(e));
}

static struct buf odt(void)
{
	const struct zent e[] = {
		{ "mimetype", 0, "application/vnd.oasis.opendocument.text", 0 },
		{ "content.xml", 0, "<office:document-content/>", 0 },
		{ "META-INF/manifest.xml", 0, "<manifest:manifest/>", 0 },
	};
	return zip(e, ARRAY_SIZE(e));
}

static const char pdf[] =
	"%PDF-1.4\n"
	"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\n"
	"trailer<</Root 1 0 R>>\n%%EOF\n";

static void png_chunk(struct buf *b, const char *type, const unsigned char *data, uint32_t len)
{
	uLong crc = crc32(0, (const Bytef *)type, 4);
	crc = crc32(crc, data, len);
	put32be(b, len);
	put(b, type, 4);
	put(b, data, len);
	put32be(b, (uint32_t)crc);
}

/* A 1x1 grey PNG. */
static struct buf png(void)
{
	static const unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
	const unsigned char row[2] = { 0, 0x80 };
	unsigned char idat[64];
	uLongf ilen = sizeof(idat);
	struct buf b = { 0 };

	assert_int_equal(compress2(idat, &ilen, row, sizeof(row), 9), Z_OK);
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	png_chunk(&b, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(&b, "IDAT", idat, (uint32_t)ilen);
	png_chunk(&b, "IEND", (const unsigned char *)"", 0);
	return b;
}

/* A 1x1 grey baseline JPEG: one-code Huffman tables, DC 0 and EOB. */
static struct buf jpeg(void)
{
	static const unsigned char sof[] = { 0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0 };
	static const unsigned char dht_dc[] = { 0xff, 0xc4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0,
						0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned char dht_ac[] = { 0xff, 0xc4, 0, 20, 0x10, 1, 0, 0, 0, 0, 0, 0, 0,
						0, 0, 0, 0, 0, 0, 0, 0, 0x00 };
	static const unsigned char sos[] = { 0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 0x3f, 0, 0x3f, 0xff, 0xd9 };
	unsigned char dqt[69] = { 0xff, 0xdb, 0, 67, 0 };
	struct buf b = { 0 };

	memset(dqt + 5, 1, 64);
	put(&b, "\xff\xd8", 2);
	put(&b, dqt, sizeof(dqt));
	put(&b, sof, sizeof(sof));
	put(&b, dht_dc, sizeof(dht_dc));
	put(&b, dht_ac, sizeof(dht_ac));
	put(&b, sos, sizeof(sos));
	return b;
}

static const char text[] =
	"Beste klant,\r\n\r\nDe planning voor week 12 staat klaar.\n"
	"\tÉén dienst is gewijzigd: café Noord, € 15,40 per uur.\n";

/* --- tests ---------------------------------------------------------------- */

static void a_twenty_megabyte_file_streams_in_bounded_memory(void **s)
{
	enum { TOTAL = 20 * MIB };
	unsigned char *buf = xmalloc(CHUNK);
	uint64_t state = 88172645463325252ull;
	struct rusage before, after;
	unsigned char md[32];
	unsigned int mdlen;
	char want[65], got[65];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	FilesWriter *w;
	FilesReader *r;
	FilesInfo info;
	size_t n;
	uint64_t total = 0;
	(void)s;

	/* A small file first: OpenSSL's set-up and the code paged in are not
	 * what is measured. */
	assert_null(store_mem("warm", 4, &info));
	assert_null(files_remove(info.id));
	assert_int_equal(getrusage(RUSAGE_SELF, &before), 0);
	assert_true(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL));
	assert_null(files_store_begin(&w));
	for (size_t done = 0; done < TOTAL; done += CHUNK) {
		fill(buf, CHUNK, &state);
		EVP_DigestUpdate(ctx, buf, CHUNK);
		assert_null(files_store_write(w, buf, CHUNK));
	}
	assert_null(files_store_finish(&w, &info));
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	util_hex(md, 32, want);
	assert_string_equal(info.sha256, want);
	assert_int_equal(info.size, TOTAL);
	assert_int_equal(info.kind, FILEKIND_UNKNOWN);

	assert_null(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
	assert_int_equal(files_size(r), TOTAL);
	assert_true(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL));
	while (!files_read(r, buf, 50000, &n) && n) {
		EVP_DigestUpdate(ctx, buf, n);
		total += n;
	}
	files_close(&r);
	assert_int_equal(total, TOTAL);
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	util_hex(md, 32, got);
	assert_string_equal(got, want);
	assert_int_equal(getrusage(RUSAGE_SELF, &after), 0);
	/* ru_maxrss is in KiB: the peak grew by far less than the file. */
	if (after.ru_maxrss - before.ru_maxrss >= 2 * KIB)
		fail_msg("peak memory grew by %ld KiB", after.ru_maxrss - before.ru_maxrss);
	EVP_MD_CTX_free(ctx);
	free(buf);
	assert_null(files_remove(info.id));
}

static void each_kind_is_detected_and_comes_back_intact(void **s)
{
	struct buf d = docx(), x = xlsx(), o = odt(), p = png(), j = jpeg();
	FilesInfo info;
	char path[512];
	struct stat st;
	(void)s;

	assert_int_equal(filekind_detect((const unsigned char *)pdf, strlen(pdf), 1), FILEKIND_PDF);
	assert_int_equal(filekind_detect(p.p, p.n, 1), FILEKIND_PNG);
	assert_int_equal(filekind_detect(j.p, j.n, 1), FILEKIND_JPEG);
	assert_int_equal(filekind_detect(d.p, d.n, 1), FILEKIND_DOCX);
	assert_int_equal(filekind_detect(x.p, x.n, 1), FILEKIND_XLSX);
	assert_int_equal(filekind_detect(o.p, o.n, 1), FILEKIND_ODT);
	assert_int_equal(filekind_detect((const unsigned char *)text, strlen(text), 1), FILEKIND_TEXT);

	assert_round_trip(pdf, strlen(pdf), FILEKIND_PDF, &info);
	assert_round_trip(p.p, p.n, FILEKIND_PNG, &info);
	assert_round_trip(j.p, j.n, FILEKIND_JPEG, &info);
	assert_round_trip(d.p, d.n, FILEKIND_DOCX, &info);
	assert_round_trip(x.p, x.n, FILEKIND_XLSX, &info);
	assert_round_trip(o.p, o.n, FILEKIND_ODT, &info);
	assert_round_trip(text, strlen(text), FILEKIND_TEXT, &info);

	/* Named by the id in a two-digit shard, private, nothing else left. */
	assert_null(files_path(info.id, path, sizeof(path)));
	assert_int_equal(strncmp(path + strlen(store) + 1, info.id, 2), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, HDR + 16 + strlen(text));
	assert_int_equal(temp_files(), 0);
	free(d.p), free(x.p), free(o.p), free(p.p), free(j.p);
}

static void an_empty_file_and_an_upload_file_round_trip(void **s)
{
	const char *body = "Naam;Uren\nEva;38\n";
	FilesInfo info;
	FILE *f;
	(void)s;

	assert_round_trip("", 0, FILEKIND_UNKNOWN, &info);

	f = tmpfile();
	assert_non_null(f);
	fputs(body, f);
	rewind(f);
	assert_null(files_store_file(f, &info));
	fclose(f);
	assert_int_equal(info.kind, FILEKIND_TEXT);
	assert_int_equal(info.size, strlen(body));

	/* Exactly one chunk: the last chunk is a full one. */
	{
		unsigned char *big = xmalloc(2 * CHUNK);
		uint64_t st = 7;
		fill(big, 2 * CHUNK, &st);
		assert_round_trip(big, CHUNK, FILEKIND_UNKNOWN, &info);
		assert_round_trip(big, 2 * CHUNK, FILEKIND_UNKNOWN, &info);
		free(big);
	}
}

static void reading_at_an_offset_crosses_chunks(void **s)
{
	size_t n = 3 * CHUNK + 777;
	unsigned char *p = xmalloc(n), out[5000];
	uint64_t st = 99;
	FilesReader *r;
	FilesInfo info;
	NEOERR *err;
	(void)s;

	fill(p, n, &st);
	assert_null(store_mem(p, n, &info));
	assert_null(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
	assert_int_equal(files_size(r), n);
	assert_null(files_read_at(r, CHUNK - 100, out, 300));
	assert_memory_equal(out, p + CHUNK - 100, 300);
	assert_null(files_read_at(r, n - 5000, out, 5000));
	assert_memory_equal(out, p + n - 5000, 5000);
	assert_null(files_read_at(r, 0, out, 10));
	assert_memory_equal(out, p, 10);
	err = files_read_at(r, n - 1, out, 2);
	assert_true(nerr_match(err, NERR_OUTOFRANGE));
	nerr_ignore(&err);
	files_close(&r);
	assert_null(r);
	free(p);
}

static void html_renamed_as_pdf_is_not_a_pdf(void **s)
{
	const char *html = "<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script>"
			   "%PDF-1.4</body></html>\n";
	const unsigned char latin1[] = "caf\xe9 \xe0 la carte\n";
	const unsigned char nul[] = { 'a', 'b', 0, 'c' };
	const unsigned char overlong[] = { 'a', 0xc0, 0xaf };
	const unsigned char esc[] = "tekst\x1b[31m rood";
	const unsigned char cut[] = "geen \xe2\x82"; /* € cut short */
	struct buf d = docx(), o = odt();
	FilesInfo info;
	(void)s;

	assert_int_equal(filekind_detect((const unsigned char *)html, strlen(html), 1), FILEKIND_TEXT);
	assert_round_trip(html, strlen(html), FILEKIND_TEXT, &info);
	assert_int_equal(filekind_detect(latin1, sizeof(latin1) - 1, 1), FILEKIND_UNKNOWN);
	assert_int_equal(filekind_detect(nul, sizeof(nul), 1), FILEKIND_UNKNOWN);
	assert_int_equal(filekind_detect(overlong, sizeof(overlong), 1), FILEKIND_UNKNOWN);
	{
		const char *bad[] = { "a\xe0\x80\xaf", /* overlong in three bytes */
				      "a\xed\xa0\x80", /* a UTF-16 surrogate */
				      "a\xc2\x85" "b", /* C1 control (NEL) */
				      "a\xf4\x90\x80\x80", /* past U+10FFFF */
				      "a\x7f" };
		for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
			assert_int_equal(filekind_detect((const unsigned char *)bad[i], strlen(bad[i]), 1),
					 FILEKIND_UNKNOWN);
		assert_int_equal(filekind_detect((const unsigned char *)"\xef\xbb\xbf\xf0\x9f\x99\x82 ok", 10, 1),
				 FILEKIND_TEXT); /* BOM and an emoji */
	}
	assert_int_equal(filekind_detect(esc, sizeof(esc) - 1, 1), FILEKIND_UNKNOWN);
	assert_int_equal(filekind_detect(cut, sizeof(cut) - 1, 1), FILEKIND_UNKNOWN);
	assert_int_equal(filekind_detect(cut, sizeof(cut) - 1, 0), FILEKIND_TEXT); /* may go on */
	assert_int_equal(filekind_detect((const unsigned char *)"%PDF", 4, 1), FILEKIND_TEXT);
	assert_int_equal(filekind_detect((const unsigned char *)"", 0, 1), FILEKIND_UNKNOWN);
	assert_round_trip(latin1, sizeof(latin1) - 1, FILEKIND_UNKNOWN, &info);

	/* From only a start: ODF says what it is first; OOXML does not. */
	assert_int_equal(filekind_detect(o.p, 100, 0), FILEKIND_ODT);
	assert_int_equal(filekind_detect(d.p, 100, 0), FILEKIND_ZIP);
	/* A zip that is no office file, or claims to be two, is unknown. */
	{
		const struct zent plain[] = { { "foto.jpg", 0, "\xff\xd8\xff", 0 } };
		const struct zent both[] = { { "word/document.xml", 0, "<w/>", 0 },
					     { "xl/workbook.xml", 0, "<x/>", 0 } };
		struct buf z = zip(plain, 1), zb = zip(both, 2);
		assert_round_trip(z.p, z.n, FILEKIND_UNKNOWN, &info);
		assert_round_trip(zb.p, zb.n, FILEKIND_UNKNOWN, &info);
		free(z.p), free(zb.p);
	}
	/* An ODT whose mimetype says spreadsheet is not an ODT. */
	{
		const struct zent ods[] = { { "mimetype", 0, "application/vnd.oasis.opendocument.spreadsheet", 0 } };
		const struct zent odx[] = { { "mimetype", 0, "application/vnd.oasis.opendocument.texx", 0 } };
		struct buf z = zip(ods, 1), zx = zip(odx, 1);
		assert_int_equal(filekind_detect(z.p, z.n, 1), FILEKIND_UNKNOWN);
		assert_int_equal(filekind_detect(zx.p, zx.n, 1), FILEKIND_UNKNOWN);
		assert_int_equal(filekind_detect(zx.p, zx.n, 0), FILEKIND_ZIP);
		free(z.p), free(zx.p);
	}
	free(d.p), free(o.p);
}

/* Stores z and runs the zip check on it; the problem (NULL: accepted). */
static const char *zip_problem(const struct buf *z)
{
	const char *problem = "unset";
	FileKindInput in;
	FilesReader *r;
	FilesInfo info;

	assert_null(store_mem(z->p, z->n, &info));
	assert_null(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
	files_input(r, &in);
	assert_null(filekind_zip_check(&in, NULL, &problem));
	files_close(&r);
	assert_null(files_remove(info.id));
	return problem;
}

/* The problem is want (NULL: none), said in the failure when it is not. */
static void assert_problem(const char *got, const char *want)
{
	if (got == want || (got && want && !strcmp(got, want)))
		return;
	fail_msg("zip check: \"%s\", not \"%s\"", got ? got : "(passed)", want ? want : "(passed)");
}

static void office_files_pass_the_zip_check(void **s)
{
	struct buf d = docx(), x = xlsx(), o = odt();
	(void)s;
	assert_null(zip_problem(&d));
	assert_null(zip_problem(&x));
	assert_null(zip_problem(&o));
	free(d.p), free(x.p), free(o.p);
}

static void a_zip_claiming_a_gigabyte_is_refused(void **s)
{
	const struct zent gb[] = { { "[Content_Types].xml", 0, content_types, 0 },
				   { "word/document.xml", 0, "xxxxxxxx", 1000000000u } };
	/* Under the total, but 50 MiB out of 1 KiB. */
	char kib[1025];
	struct zent ratio[] = { { "xl/workbook.xml", 0, kib, 50u * MIB } };
	/* Many entries each below the ratio, together over the total. */
	struct zent many[30];
	char names[30][24], *data = xmalloc(80 * KIB + 1);
	struct buf z;
	FilesInfo info;
	(void)s;

	z = zip(gb, 2);
	assert_problem(zip_problem(&z), "zip_size");
	/* A bomb is no DOCX, whatever its entries are called. */
	assert_null(store_mem(z.p, z.n, &info));
	assert_int_equal(info.kind, FILEKIND_UNKNOWN);
	free(z.p);

	memset(kib, 'a', 1024);
	kib[1024] = '\0';
	z = zip(ratio, 1);
	assert_problem(zip_problem(&z), "zip_ratio");
	free(z.p);

	memset(data, 'b', 80 * KIB);
	data[80 * KIB] = '\0';
	for (int i = 0; i < 30; i++) {
		snprintf(names[i], sizeof(names[i]), "d/%02d.xml", i);
		many[i] = (struct zent){ names[i], 0, data, 4u * MIB };
	}
	z = zip(many, 30);
	assert_problem(zip_problem(&z), "zip_size");
	free(z.p);
	free(data);
}

static void a_zip_of_5000_entries_is_refused(void **s)
{
	enum { N = 5000 };
	struct zent *e = xcalloc(N, sizeof(*e));
	char (*names)[24] = xcalloc(N, sizeof(*names));
	struct buf z;
	(void)s;

	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "f%04d.txt", i);
		e[i] = (struct zent){ names[i], 0, "x", 0 };
	}
	z = zip(e, N);
	assert_problem(zip_problem(&z), "zip_entries");
	free(z.p);
	/* The limit itself is allowed. */
	z = zip(e, 1000);
	assert_null(zip_problem(&z));
	free(z.p);
	free(e);
	free(names);
}

static void zip_entries_with_dangerous_names_are_refused(void **s)
{
	const struct zent bad[][1] = {
		{ { "../../etc/cron.d/x", 0, "x", 0 } },
		{ { "word/../../x", 0, "x", 0 } },
		{ { "/etc/passwd", 0, "x", 0 } },
		{ { "\\windows\\x", 0, "x", 0 } },
		{ { "C:\\x", 0, "x", 0 } },
		{ { "../\0x", 5, "x", 0 } },
	};
	/* libzip reads a NUL in a name as a space: no tool of ours can cut the
	 * name there, and the mark it would hide is not taken for one. */
	const struct zent nul[] = { { "[Content_Types].xml", 0, content_types, 0 },
				    { "word/document.xml\0.png", 22, "<w:document/>", 0 } };
	struct buf z;
	FilesInfo info;
	(void)s;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		z = zip(bad[i], 1);
		assert_problem(zip_problem(&z), "zip_name");
		free(z.p);
	}
	z = zip(nul, 2);
	assert_null(zip_problem(&z));
	assert_null(store_mem(z.p, z.n, &info));
	assert_int_equal(info.kind, FILEKIND_UNKNOWN);
	free(z.p);
	/* A count that hides an entry from the checks (an extractor that
	 * scans the directory to its end would still unpack it). */
	{
		const struct zent e[] = { { "a.xml", 0, "x", 0 }, { "../evil", 0, "x", 0 } };
		z = zip(e, 2);
		z.p[z.n - 22 + 8] = 1;
		z.p[z.n - 22 + 10] = 1;
		assert_problem(zip_problem(&z), "zip_corrupt");
		free(z.p);
	}
	/* Cut short, or not a zip at all. */
	z = docx();
	z.n -= 5;
	assert_problem(zip_problem(&z), "zip_corrupt");
	z.n = 200;
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
	z.p = (unsigned char *)xstrdup(pdf);
	z.n = strlen(pdf);
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
}

/* A FileKindInput over a buffer: the same zip check on many variants,
 * without storing each (zip_problem goes through the store). */
static NEOERR *buf_read(void *ctx, uint64_t off, void *out, size_t n)
{
	const struct buf *b = ctx;

	assert_true(off <= b->n && n <= b->n - off);
	memcpy(out, b->p + off, n);
	return STATUS_OK;
}

static const char *mem_problem(struct buf *z, FileKind *kind)
{
	FileKindInput in = { buf_read, z, z->n };
	const char *problem = "unset";

	assert_null(filekind_zip_check(&in, kind, &problem));
	return problem;
}

static void set32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16),
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Where the local header of the entry named name starts. */
static size_t local_header(const struct buf *z, const char *name)
{
	const unsigned char *p = memmem(z->p, z->n, name, strlen(name));

	assert_non_null(p);
	return (size_t)(p - z->p) - 30;
}

static void a_zip_whose_directory_lies_is_refused(void **s)
{
	const struct zent twice[] = { { "word/document.xml", 0, "<w/>", 0 },
				      { "word/document.xml", 0, "<w:document/>", 0 } };
	static const struct {
		size_t at;        /* in the end record: 12 the size, 16 the offset */
		uint32_t delta;
	} lies[] = { { 16, 1 }, { 16, (uint32_t)-1 }, { 12, 1 }, { 12, (uint32_t)-1 }, { 12, (uint32_t)-46 },
		     { 16, 0x7fffffffu } };
	struct buf z;
	size_t eocd, cd;
	(void)s;

	/* The local header names another file than the directory does: a
	 * tool that streams the local headers would unpack that one. */
	z = docx();
	memcpy(z.p + local_header(&z, "word/document.xml") + 30, "../../../evil.xml", 17);
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
	/* The local header claims a gigabyte the directory keeps quiet. */
	z = docx();
	set32(z.p + local_header(&z, "word/document.xml") + 22, 1000000000u);
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
	/* Two entries of one name: which one is unpacked depends on the tool. */
	z = zip(twice, 2);
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
	/* The end record puts the directory a byte later or earlier, makes it
	 * a byte or an entry too long or short, or far past the end; or an
	 * entry's local header is said to lie inside the directory. */
	z = docx();
	eocd = z.n - 22;
	cd = get32(z.p + eocd + 16);
	for (size_t k = 0; k < ARRAY_SIZE(lies); k++) {
		uint32_t keep = get32(z.p + eocd + lies[k].at);
		set32(z.p + eocd + lies[k].at, keep + lies[k].delta);
		assert_problem(zip_problem(&z), "zip_corrupt");
		set32(z.p + eocd + lies[k].at, keep);
	}
	assert_null(zip_problem(&z));
	set32(z.p + cd + 42, (uint32_t)cd);
	assert_problem(zip_problem(&z), "zip_corrupt");
	free(z.p);
}

static void every_cut_and_flipped_byte_of_a_zip_is_survived(void **s)
{
	static const unsigned char masks[] = { 0x01, 0x80, 0xff };
	struct buf d = docx(), t;
	const char *problem;
	FileKind kind;
	int passed = 0;
	(void)s;

	t.p = xmalloc(d.n);
	/* Cut at its end, or at its start: never a zip to trust. */
	for (size_t n = 0; n < d.n; n++) {
		memcpy(t.p, d.p, n);
		t.n = n;
		problem = mem_problem(&t, &kind);
		assert_non_null(problem);
		assert_int_equal(kind, FILEKIND_UNKNOWN);
		memcpy(t.p, d.p + d.n - n, n);
		problem = mem_problem(&t, &kind);
		assert_non_null(problem);
		assert_int_equal(kind, FILEKIND_UNKNOWN);
	}
	/* Any byte changed: refused, or read as what it still is. (Under
	 * SANITIZE=1 this is also the proof that nothing reads astray.) */
	t.n = d.n;
	for (size_t off = 0; off < d.n; off++) {
		for (size_t m = 0; m < ARRAY_SIZE(masks); m++) {
			memcpy(t.p, d.p, d.n);
			t.p[off] ^= masks[m];
			problem = mem_problem(&t, &kind);
			if (!problem)
				passed++;
			assert_true(kind == FILEKIND_DOCX || kind == FILEKIND_UNKNOWN);
			assert_true(!problem || kind == FILEKIND_UNKNOWN);
		}
	}
	/* Some bytes change nothing a reader checks: the entries' data, "made by". */
	assert_true(passed > 0);
	free(t.p);
	free(d.p);
}

static void a_zip_over_several_chunks_is_read_through_the_decryption(void **s)
{
	char *big = xmalloc(100 * KIB + 1);
	uint64_t st = 23;
	const struct zent e[] = { { "[Content_Types].xml", 0, content_types, 0 },
				  { "word/media/a.bin", 0, big, 0 },
				  { "word/document.xml", 0, "<w:document/>", 0 },
				  { "word/media/b.bin", 0, big, 0 } };
	const char *problem = "unset";
	FileKindInput in;
	FilesReader *r;
	FilesInfo info;
	struct buf z;
	unsigned char *file;
	FileKind kind;
	size_t n;
	(void)s;

	fill((unsigned char *)big, 100 * KIB, &st);
	for (size_t i = 0; i < 100 * KIB; i++)
		big[i] = (char)('a' + (unsigned char)big[i] % 26);
	big[100 * KIB] = '\0';
	z = zip(e, ARRAY_SIZE(e));
	assert_true(z.n > 3 * CHUNK);
	assert_int_equal(filekind_detect(z.p, z.n, 1), FILEKIND_DOCX);
	assert_round_trip(z.p, z.n, FILEKIND_DOCX, &info);
	assert_null(zip_problem(&z));

	/* A chunk changed where a local header lies (the first and the last
	 * are checked at open): an integrity error, not a damaged zip. */
	assert_true(local_header(&z, "word/document.xml") / CHUNK == 1);
	assert_null(store_mem(z.p, z.n, &info));
	file = slurp(info.id, &n);
	file[HDR + REC + (local_header(&z, "word/document.xml") % CHUNK)] ^= 1;
	spill(info.id, file, n);
	assert_null(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
	files_input(r, &in);
	assert_integrity(filekind_zip_check(&in, &kind, &problem));
	assert_int_equal(kind, FILEKIND_UNKNOWN);
	files_close(&r);
	assert_null(files_remove(info.id));
	free(file);
	free(z.p);
	free(big);
}

/* The peak resident size since the last reset, in KiB. */
static long peak_kib(int reset)
{
	char line[256];
	long kib = -1;
	FILE *f;

	if (reset) {
		f = fopen("/proc/self/clear_refs", "w");
		assert_non_null(f);
		fputs("5", f);
		fclose(f);
	}
	f = fopen("/proc/self/status", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	assert_true(kib > 0);
	return kib;
}

static void a_directory_of_countless_entries_costs_little_memory(void **s)
{
	/* 300,000 directory entries behind an end record that counts one (the
	 * count modulo 65536, as InfoZIP writes it and libzip follows): held
	 * whole, they would cost some 70 MB before they could be counted. */
	enum { N = 300000, PER = 46 + 5 };
	struct buf z;
	FileKind kind;
	long before;
	(void)s;

	z.n = 31 + (size_t)N * PER + 22;
	z.p = xcalloc(1, z.n);
	set32(z.p, 0x04034b50);
	z.p[4] = 20, z.p[26] = 1, z.p[30] = 'a';
	for (size_t i = 0; i < N; i++) {
		unsigned char *c = z.p + 31 + i * PER;
		set32(c, 0x02014b50);
		c[4] = 20, c[6] = 20, c[28] = 5;
		for (int d = 0; d < 5; d++)
			c[46 + d] = "0123456789abcdef"[(i >> (4 * d)) & 15];
	}
	{
		unsigned char *e = z.p + z.n - 22;
		set32(e, 0x06054b50);
		e[8] = 1, e[10] = 1;
		set32(e + 12, (uint32_t)N * PER);
		set32(e + 16, 31);
	}
	before = peak_kib(1);
	assert_problem(mem_problem(&z, &kind), "zip_entries");
	assert_int_equal(kind, FILEKIND_UNKNOWN);
	if (peak_kib(0) - before >= 16 * KIB)
		fail_msg("the peak grew by %ld KiB", peak_kib(0) - before);
	free(z.p);
}

/* Flips one byte at off and expects the read to be refused. */
static void flip_refused(const FilesInfo *info, unsigned char *file, size_t n, size_t off)
{
	unsigned char *back;
	size_t blen;

	file[off] ^= (off & 1) ? 0x80 : 0x01;
	spill(info->id, file, n);
	assert_integrity(read_back(info, &back, &blen));
	assert_null(back);
	file[off] ^= (off & 1) ? 0x80 : 0x01;
}

static void a_flipped_byte_anywhere_is_refused(void **s)
{
	size_t big = 2 * CHUNK + 5000, n;
	unsigned char *p = xmalloc(big), *file, *back;
	uint64_t st = 5;
	FilesInfo info;
	(void)s;

	/* A one-chunk file: every byte, header and tag included. */
	fill(p, big, &st);
	assert_null(store_mem(p, 1000, &info));
	file = slurp(info.id, &n);
	assert_int_equal(n, HDR + 1000 + 16);
	for (size_t off = 0; off < n; off++)
		flip_refused(&info, file, n, off);
	free(file);

	/* Three chunks: the header, a spread of offsets, every tag byte. */
	assert_null(store_mem(p, big, &info));
	file = slurp(info.id, &n);
	for (size_t off = 0; off < HDR; off++)
		flip_refused(&info, file, n, off);
	for (size_t off = HDR; off < n; off += 1499)
		flip_refused(&info, file, n, off);
	for (size_t c = 0; c < 3; c++) {
		size_t end = c < 2 ? HDR + (c + 1) * REC : n;
		for (size_t off = end - 16; off < end; off++)
			flip_refused(&info, file, n, off);
	}
	flip_refused(&info, file, n, n - 1);
	/* Put back, it reads again. */
	spill(info.id, file, n);
	assert_null(read_back(&info, &back, &n));
	assert_memory_equal(back, p, big);
	free(back);
	free(file);
	free(p);
}

static void a_truncated_or_extended_file_is_refused(void **s)
{
	size_t size = 3 * CHUNK + 1000, n;
	unsigned char *p = xmalloc(size), *file, *back, *longer;
	const size_t cuts[] = { HDR + 3 * REC, HDR + 3 * REC + 500, HDR + 2 * REC, HDR + REC + 1, HDR + 16,
				HDR, 10, 0 };
	uint64_t st = 11;
	FilesInfo info;
	size_t blen;
	(void)s;

	fill(p, size, &st);
	assert_null(store_mem(p, size, &info));
	file = slurp(info.id, &n);
	assert_int_equal(n, HDR + 3 * REC + 1000 + 16);
	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		FilesReader *r = NULL;
		spill(info.id, file, cuts[i]);
		/* refused at open, before a byte could be served */
		assert_integrity(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
		assert_null(r);
	}
	/* One byte more, a tag's worth more, a whole chunk repeated at the end. */
	longer = xmalloc(n + REC);
	memcpy(longer, file, n);
	longer[n] = 0;
	spill(info.id, longer, n + 1);
	assert_integrity(read_back(&info, &back, &blen));
	spill(info.id, longer, n + 16);
	assert_integrity(read_back(&info, &back, &blen));
	memcpy(longer + n, file + HDR + REC, REC);
	spill(info.id, longer, n + REC);
	assert_integrity(read_back(&info, &back, &blen));
	{
		FilesReader *r = NULL;
		assert_integrity(files_open(info.id, info.wrapped_key, info.wrapped_len, &r));
	}
	free(longer);
	free(file);
	free(p);
}

static void swapped_dropped_or_repeated_chunks_are_refused(void **s)
{
	size_t size = 3 * CHUNK + 1000, n;
	unsigned char *p = xmalloc(size), *file, *t, *back;
	uint64_t st = 13;
	FilesInfo info;
	size_t blen;
	(void)s;

	fill(p, size, &st);
	assert_null(store_mem(p, size, &info));
	file = slurp(info.id, &n);
	t = xmalloc(n);
#define CH(i) (HDR + (size_t)(i) * REC)
	/* swap 0 and 1, then 1 and 2 */
	for (int a = 0; a < 2; a++) {
		memcpy(t, file, n);
		memcpy(t + CH(a), file + CH(a + 1), REC);
		memcpy(t + CH(a + 1), file + CH(a), REC);
		spill(info.id, t, n);
		assert_integrity(read_back(&info, &back, &blen));
	}
	/* chunk 0 repeated in place of 1 */
	memcpy(t, file, n);
	memcpy(t + CH(1), file + CH(0), REC);
	spill(info.id, t, n);
	assert_integrity(read_back(&info, &back, &blen));
	/* chunk 1 dropped */
	memcpy(t, file, CH(1));
	memcpy(t + CH(1), file + CH(2), n - CH(2));
	spill(info.id, t, n - REC);
	assert_integrity(read_back(&info, &back, &blen));
	/* the header of another file */
	{
		FilesInfo other;
		unsigned char *of;
		size_t on;
		assert_null(store_mem(p, size, &other));
		of = slurp(other.id, &on);
		memcpy(t, file, n);
		memcpy(t, of, HDR);
		spill(info.id, t, n);
		assert_integrity(read_back(&info, &back, &blen));
		/* ... or its whole content under this id: the id is bound */
		spill(info.id, of, on);
		assert_integrity(read_back(&info, &back, &blen));
		free(of);
	}
#undef CH
	free(t);
	free(file);
	free(p);
}

static void no_two_chunks_share_a_nonce(void **s)
{
	unsigned char *zeros = xcalloc(1, 2 * CHUNK), *file;
	FilesInfo a, b;
	size_t n, bn;
	(void)s;

	/* Equal plaintext chunks, in one file and across files, must not
	 * encrypt alike: GCM under a repeated nonce gives its key away. */
	assert_null(store_mem(zeros, 2 * CHUNK, &a));
	assert_null(store_mem(zeros, 2 * CHUNK, &b));
	file = slurp(a.id, &n);
	assert_int_equal(n, HDR + 2 * REC);
	assert_memory_not_equal(file + HDR, file + HDR + REC, 64);
	{
		unsigned char *other = slurp(b.id, &bn);
		assert_memory_not_equal(file + 8, other + 8, 8);  /* nonce prefixes */
		assert_memory_not_equal(file + HDR, other + HDR, 64);
		free(other);
	}
	free(file);
	free(zeros);
}

static void another_files_key_is_refused(void **s)
{
	FilesInfo a, b, c;
	FilesReader *r = NULL;
	NEOERR *err;
	(void)s;

	assert_null(store_mem("eerste", 6, &a));
	assert_null(store_mem("tweede", 6, &b));
	assert_integrity(files_open(a.id, b.wrapped_key, b.wrapped_len, &r));
	assert_null(r);
	assert_integrity(files_open(a.id, a.wrapped_key, a.wrapped_len - 1, &r));
	c = a;
	c.wrapped_key[20] ^= 1;
	assert_integrity(files_open(a.id, c.wrapped_key, c.wrapped_len, &r));
	/* Two stores of the same bytes: other ids, other keys. */
	assert_null(store_mem("eerste", 6, &c));
	assert_string_not_equal(a.id, c.id);
	assert_memory_not_equal(a.wrapped_key, c.wrapped_key, FILES_WRAPPED_LEN);
	assert_string_equal(a.sha256, c.sha256);
	err = files_open("0123456789abcdef0123456789abcdef", a.wrapped_key, a.wrapped_len, &r);
	assert_true(nerr_match(err, NERR_NOT_FOUND));
	nerr_ignore(&err);
}

static void a_path_is_given_only_for_an_id_of_the_store(void **s)
{
	const char *bad[] = { "../../../../etc/passwd", "0123456789ABCDEF0123456789abcdef",
			      "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
			      "0123456789abcdef/123456789abcdef", "", "0123456789abcdef0123456789abcdeg" };
	const char *good = "0123456789abcdef0123456789abcdef";
	char path[512], want[512];
	FilesReader *r;
	FilesInfo info;
	NEOERR *err;
	(void)s;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		err = files_path(bad[i], path, sizeof(path));
		assert_non_null(err);
		nerr_ignore(&err);
		err = files_remove(bad[i]);
		assert_non_null(err);
		nerr_ignore(&err);
		assert_null(store_mem("x", 1, &info));
		err = files_open(bad[i], info.wrapped_key, info.wrapped_len, &r);
		assert_non_null(err);
		nerr_ignore(&err);
	}
	err = files_path(NULL, path, sizeof(path));
	assert_non_null(err);
	nerr_ignore(&err);
	assert_null(files_path(good, path, sizeof(path)));
	snprintf(want, sizeof(want), "%s/01/%s", store, good);
	assert_string_equal(path, want);
	err = files_path(good, path, 20);
	assert_non_null(err);
	nerr_ignore(&err);
}

struct seen {
	char ids[16][FILES_ID_LEN + 1];
	int n;
};

static void collect(const char *id, time_t mtime, void *ctx)
{
	struct seen *s = ctx;
	/* Just written: within a minute of now. */
	assert_true(mtime > time(NULL) - 60 && mtime <= time(NULL) + 1);
	if (s->n < 16)
		snprintf(s->ids[s->n++], FILES_ID_LEN + 1, "%s", id);
}

static int seen_has(const struct seen *s, const char *id)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->ids[i], id))
			return 1;
	return 0;
}

static void the_sweep_lists_files_and_drops_stale_temp_files(void **s)
{
	FilesInfo a, b, c;
	struct seen seen = { 0 };
	char stale[600], fresh[600], junk[600], astray[600];
	struct timespec old[2];
	struct stat st;
	NEOERR *err;
	FILE *f;
	(void)s;

	use_store("sweep");
	assert_null(files_list(collect, &seen)); /* no store yet: nothing */
	assert_int_equal(seen.n, 0);
	assert_null(store_mem("a", 1, &a));
	assert_null(store_mem("b", 1, &b));
	assert_null(store_mem("c", 1, &c));
	snprintf(stale, sizeof(stale), "%s/%.2s/.%.2s000000000000000000000000000000.tmp", store, a.id, a.id);
	snprintf(fresh, sizeof(fresh), "%s/%.2s/.%.2s111111111111111111111111111111.tmp", store, a.id, a.id);
	snprintf(junk, sizeof(junk), "%s/%.2s/LEESMIJ", store, a.id);
	/* an id in the wrong shard is not a file of the store */
	snprintf(astray, sizeof(astray), "%s/%.2s/%c%s", store, a.id, a.id[0] == '0' ? '1' : '0', a.id + 1);
	for (const char *pth = stale; pth;
	     pth = pth == stale ? fresh : pth == fresh ? junk : pth == junk ? astray : NULL) {
		f = fopen(pth, "w");
		assert_non_null(f);
		fclose(f);
	}
	clock_gettime(CLOCK_REALTIME, &old[0]);
	old[0].tv_sec -= 7200;
	old[1] = old[0];
	assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);

	assert_null(files_list(collect, &seen));
	assert_int_equal(seen.n, 3);
	assert_true(seen_has(&seen, a.id) && seen_has(&seen, b.id) && seen_has(&seen, c.id));
	assert_int_not_equal(stat(stale, &st), 0);
	assert_int_equal(stat(fresh, &st), 0);
	assert_int_equal(stat(junk, &st), 0);

	assert_null(files_remove(b.id));
	err = files_remove(b.id);
	assert_true(nerr_match(err, NERR_NOT_FOUND));
	nerr_ignore(&err);
	seen.n = 0;
	assert_null(files_list(collect, &seen));
	assert_int_equal(seen.n, 2);
	assert_false(seen_has(&seen, b.id));
	use_store("store");
}

static void a_write_failure_leaves_nothing_and_says_why(void **s)
{
	unsigned char *buf = xmalloc(CHUNK);
	struct rlimit saved, small;
	char msg[1024], path[600];
	uint64_t st = 17;
	FilesWriter *w;
	FilesInfo info;
	NEOERR *err = STATUS_OK;
	FILE *f;
	(void)s;

	/* Root is not stopped by file modes; a file size limit stops anyone:
	 * write() then fails with EFBIG. */
	use_store("full");
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = 2 * MIB;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_null(files_store_begin(&w));
	for (int i = 0; i < 128 && !err; i++) {
		fill(buf, CHUNK, &st);
		err = files_store_write(w, buf, CHUNK);
	}
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(err);
	util_nerr_msg(err, msg, sizeof(msg));
	assert_true(nerr_match(err, NERR_IO));
	if (!strstr(msg, strerror(EFBIG)))
		fail_msg("no reason given: %s", msg);
	nerr_ignore(&err);
	assert_int_equal(temp_files(), 0);
	err = files_store_write(w, buf, 1); /* refused: the writer is spent */
	assert_non_null(err);
	nerr_ignore(&err);
	files_store_abort(&w);
	assert_null(w);
	files_store_abort(&w);

	/* Failing in finish (the last chunk) leaves nothing either. */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	signal(SIGXFSZ, SIG_IGN);
	assert_null(files_store_begin(&w));
	/* 31 chunks fit under the limit; the 32nd, sealed last, does not. */
	for (int i = 0; i < 32; i++)
		assert_null(files_store_write(w, buf, CHUNK));
	err = files_store_finish(&w, &info);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_true(nerr_match(err, NERR_IO));
	nerr_ignore(&err);
	assert_null(w);
	assert_int_equal(temp_files(), 0);
	{
		struct seen seen = { 0 };
		assert_null(files_list(collect, &seen));
		assert_int_equal(seen.n, 0);
	}

	/* An abandoned writer leaves nothing. */
	assert_null(files_store_begin(&w));
	assert_null(files_store_write(w, buf, 100));
	assert_int_equal(temp_files(), 1);
	files_store_abort(&w);
	assert_int_equal(temp_files(), 0);

	/* A store that cannot be a directory. */
	snprintf(path, sizeof(path), "%s/plain-file", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	use_store("plain-file/files");
	err = files_store_begin(&w);
	assert_true(nerr_match(err, NERR_IO));
	util_nerr_msg(err, msg, sizeof(msg));
	if (!strstr(msg, strerror(ENOTDIR)))
		fail_msg("no reason given: %s", msg);
	nerr_ignore(&err);
	assert_null(w);
	use_store("store");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first, while the process's peak is low */
		cmocka_unit_test(a_twenty_megabyte_file_streams_in_bounded_memory),
		cmocka_unit_test(each_kind_is_detected_and_comes_back_intact),
		cmocka_unit_test(an_empty_file_and_an_upload_file_round_trip),
		cmocka_unit_test(reading_at_an_offset_crosses_chunks),
		cmocka_unit_test(html_renamed_as_pdf_is_not_a_pdf),
		cmocka_unit_test(office_files_pass_the_zip_check),
		cmocka_unit_test(a_zip_claiming_a_gigabyte_is_refused),
		cmocka_unit_test(a_zip_of_5000_entries_is_refused),
		cmocka_unit_test(zip_entries_with_dangerous_names_are_refused),
		cmocka_unit_test(a_zip_whose_directory_lies_is_refused),
		cmocka_unit_test(every_cut_and_flipped_byte_of_a_zip_is_survived),
		cmocka_unit_test(a_zip_over_several_chunks_is_read_through_the_decryption),
		cmocka_unit_test(a_directory_of_countless_entries_costs_little_memory),
		cmocka_unit_test(a_flipped_byte_anywhere_is_refused),
		cmocka_unit_test(a_truncated_or_extended_file_is_refused),
		cmocka_unit_test(swapped_dropped_or_repeated_chunks_are_refused),
		cmocka_unit_test(no_two_chunks_share_a_nonce),
		cmocka_unit_test(another_files_key_is_refused),
		cmocka_unit_test(a_path_is_given_only_for_an_id_of_the_store),
		cmocka_unit_test(the_sweep_lists_files_and_drops_stale_temp_files),
		cmocka_unit_test(a_write_failure_leaves_nothing_and_says_why),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

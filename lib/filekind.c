/* filekind.c: what a file is, from its content — magic bytes, UTF-8 text, a zip's entries */
#include <errno.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#include "conf.h"
#include "filekind.h"
#include "util.h"

/*
 * Zips (DOCX, XLSX, ODT) are read with libzip, through a zip source of our
 * own over a FileKindInput: for a stored file that is its decrypting
 * reader. The store seals its 64 KiB chunks one by one, so a read at any
 * offset decrypts only the chunk that holds it; libzip seeks to the end
 * records, the directory and each local header, and no plaintext copy is
 * written anywhere or held whole in memory (CVs are personal data).
 *
 * libzip holds the whole directory in memory, about 240 bytes an entry,
 * before the entries can be counted: a 20 MiB upload of tiny entries cost
 * 95 MB that way. So the source lets libzip read no more than the end
 * records and ZIP_DIR_BYTES for each entry Files.ZipMaxEntries permits;
 * a zip that needs more holds too many parts.
 *
 * Pictures (photos) are walked by hand, chunk by chunk and segment by
 * segment, in filekind_picture: what it needs is their framing — the size
 * in the header, which parts only describe the picture — and no library
 * the build links reads that without decoding. libpng would inflate every
 * IDAT and deflate it again; libjpeg(-turbo) gives the markers only to a
 * decompressor, and its lossless copy (jpegtran's) entropy-decodes the
 * whole picture; libexif knows EXIF alone, not XMP, COM or PNG's text.
 * Decoding a stranger's file is also the larger attack surface. A photo
 * is at most 2 MiB (photo.h) and walked in memory, every read bounded.
 *
 * Magic bytes are a small table rather than libmagic, for the memory of
 * the documents process: after 70 uploads of the seven kinds its VmRSS was
 * 8.4 MiB with the table and 18.2 MiB with libmagic (7.2 MiB of its
 * database mapped, 2.3 MiB more heap); four signatures are all it takes
 * before a zip is looked into.
 */

/* Entries smaller than this are not held to the ratio: a short run of
 * repeated bytes deflates past 100:1 and is no bomb. */
#define ZIP_RATIO_GRACE (100u * 1024)
#define ZIP_RATIO 100u
#define ZIP_NAME_MAX 1024
/* What libzip reads first: the end record, a comment of up to 64 KiB,
 * the zip64 records. */
#define ZIP_TAIL_BYTES (65536u + 1024u)
/* Directory entry and local header of one entry, with room for long
 * names and extra fields: office files need a tenth of it. */
#define ZIP_DIR_BYTES 1024u

static const char odt_mime[] = "application/vnd.oasis.opendocument.text";

static const struct magic {
	FileKind kind;
	const char *bytes;
	size_t len;
} magics[] = {
	{ FILEKIND_PDF, "%PDF-", 5 },
	{ FILEKIND_PNG, "\x89PNG\r\n\x1a\n", 8 },
	{ FILEKIND_JPEG, "\xff\xd8\xff", 3 },
	{ FILEKIND_ZIP, "PK\3\4", 4 },
};

static const struct {
	const char *name, *mime;
} kinds[] = {
	[FILEKIND_UNKNOWN] = { "unknown", "application/octet-stream" },
	[FILEKIND_PDF] = { "pdf", "application/pdf" },
	[FILEKIND_PNG] = { "png", "image/png" },
	[FILEKIND_JPEG] = { "jpeg", "image/jpeg" },
	[FILEKIND_DOCX] = { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	[FILEKIND_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	[FILEKIND_ODT] = { "odt", odt_mime },
	[FILEKIND_TEXT] = { "text", "text/plain; charset=utf-8" },
	[FILEKIND_ZIP] = { "zip", "application/zip" },
};

_Static_assert(ARRAY_SIZE(kinds) == FILEKIND_ZIP + 1, "a name and a type for every kind");

const char *filekind_name(FileKind k)
{
	return (unsigned)k < ARRAY_SIZE(kinds) ? kinds[k].name : kinds[FILEKIND_UNKNOWN].name;
}

const char *filekind_mime(FileKind k)
{
	return (unsigned)k < ARRAY_SIZE(kinds) ? kinds[k].mime : kinds[FILEKIND_UNKNOWN].mime;
}

static FileKind magic(const unsigned char *h, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(magics); i++)
		if (n >= magics[i].len && !memcmp(h, magics[i].bytes, magics[i].len))
			return magics[i].kind;
	return FILEKIND_UNKNOWN;
}

/* --- text: UTF-8 without control characters, fed in pieces ------------- */

void filekind_feed(FileKindSniff *u, const void *buf, size_t n)
{
	const unsigned char *s = buf;

	if (u->nhead < sizeof(u->head)) {
		size_t k = sizeof(u->head) - u->nhead < n ? sizeof(u->head) - u->nhead : n;
		memcpy(u->head + u->nhead, s, k);
		u->nhead += k;
	}
	u->size += n;
	for (size_t i = 0; i < n && !u->bad; i++) {
		unsigned char c = s[i];
		if (u->need) {
			if ((c & 0xc0) != 0x80) {
				u->bad = 1;
				break;
			}
			u->cp = u->cp << 6 | (c & 0x3f);
			if (--u->need == 0 &&
			    (u->cp < u->min || u->cp > 0x10ffff || (u->cp >= 0xd800 && u->cp <= 0xdfff) ||
			     (u->cp >= 0x80 && u->cp <= 0x9f)))
				u->bad = 1; /* overlong, out of range, surrogate, C1 control */
		} else if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				u->bad = 1;
		} else if (c >= 0xc2 && c <= 0xdf) {
			u->need = 1, u->cp = c & 0x1f, u->min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			u->need = 2, u->cp = c & 0x0f, u->min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			u->need = 3, u->cp = c & 0x07, u->min = 0x10000;
		} else {
			u->bad = 1;
		}
	}
}

/* Text so far, or (complete) text to its end: no character cut short. */
static int is_text(const FileKindSniff *s, int complete)
{
	return s->size > 0 && !s->bad && (!complete || !s->need);
}

FileKind filekind_sniffed(const FileKindSniff *s)
{
	FileKind k = magic(s->head, s->nhead);

	if (k == FILEKIND_UNKNOWN && is_text(s, 1))
		return FILEKIND_TEXT;
	return k;
}

/* --- zip: through libzip ------------------------------------------------ */

struct zsrc {
	const FileKindInput *in;
	uint64_t pos;
	uint64_t budget;       /* bytes libzip may still read */
	int over;              /* it asked for more */
	NEOERR *err;           /* in->read_at's first error, passed up */
	zip_error_t error;
};

/* A seekable, read-only zip_source_function over s->in. */
static zip_int64_t zsrc_call(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zsrc *s = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		uint64_t n = s->in->size - s->pos;

		if (n > len)
			n = len;
		if (s->err) {
			zip_error_set(&s->error, ZIP_ER_READ, EIO);
			return -1;
		}
		if (n > s->budget) {
			s->over = 1;
			zip_error_set(&s->error, ZIP_ER_READ, EFBIG);
			return -1;
		}
		if (n) {
			s->err = s->in->read_at(s->in->ctx, s->pos, data, (size_t)n);
			if (s->err) {
				zip_error_set(&s->error, ZIP_ER_READ, EIO);
				return -1;
			}
		}
		s->budget -= n;
		s->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE: /* s belongs to filekind_zip_check */
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &s->error);

		if (!st)
			return -1;
		zip_stat_init(st);
		st->size = s->in->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_SEEK: {
		zip_int64_t to = zip_source_seek_compute_offset(s->pos, s->in->size, data, len, &s->error);

		if (to < 0)
			return -1;
		s->pos = (uint64_t)to;
		return 0;
	}
	case ZIP_SOURCE_TELL:
		return (zip_int64_t)s->pos;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&s->error, data, len);
	case ZIP_SOURCE_ACCEPT_EMPTY:
		return 0; /* an empty file is no zip */
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
						      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_SEEK,
						      ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS,
						      ZIP_SOURCE_ACCEPT_EMPTY, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

static int bad_name(const char *s)
{
	return !*s || strlen(s) > ZIP_NAME_MAX || s[0] == '/' || s[0] == '\\' || s[1] == ':' ||
	       strstr(s, "..");
}

/* Does the stored entry i, of the type's length, hold the ODT type? */
static int holds_odt_mime(zip_t *za, zip_uint64_t i)
{
	char val[sizeof(odt_mime) - 1];
	zip_file_t *f = zip_fopen_index(za, i, 0);
	zip_int64_t got;

	if (!f)
		return 0;
	got = zip_fread(f, val, sizeof(val));
	zip_fclose(f);
	return got == (zip_int64_t)sizeof(val) && !memcmp(val, odt_mime, sizeof(val));
}

/* Holds za's entries to the limits; *problem stays "zip_corrupt" for
 * what libzip cannot tell. */
static void zip_walk(zip_t *za, struct zsrc *s, FileKind *kind, const char **problem)
{
	const zip_uint64_t need = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
	uint64_t max_entries = (uint64_t)conf_int("Files.ZipMaxEntries");
	uint64_t max_bytes = (uint64_t)conf_int("Files.ZipMaxBytes");
	zip_int64_t n = zip_get_num_entries(za, 0), mimetype = -1;
	uint64_t total = 0;
	int docx = 0, xlsx = 0, odt = 0;

	if (n < 0)
		return;
	if ((uint64_t)n > max_entries) {
		*problem = "zip_entries";
		return;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;

		zip_stat_init(&st);
		if (zip_stat_index(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0 || (st.valid & need) != need)
			return;
		if (bad_name(st.name)) {
			*problem = "zip_name";
			return;
		}
		if (st.size > max_bytes - total) {
			*problem = "zip_size";
			return;
		}
		total += st.size;
		if (st.size > ZIP_RATIO_GRACE && st.comp_size <= UINT64_MAX / ZIP_RATIO &&
		    st.size > ZIP_RATIO * st.comp_size) {
			*problem = "zip_ratio";
			return;
		}
		if (!strcmp(st.name, "word/document.xml"))
			docx = 1;
		else if (!strcmp(st.name, "xl/workbook.xml"))
			xlsx = 1;
		else if (!strcmp(st.name, "mimetype") && st.comp_method == ZIP_CM_STORE &&
			 st.size == sizeof(odt_mime) - 1 && st.comp_size == st.size)
			mimetype = i;
	}
	/* ODF: an uncompressed entry "mimetype" holding the type. Its own
	 * few bytes, not the directory, so the budget starts again. */
	if (mimetype >= 0) {
		s->budget = ZIP_TAIL_BYTES;
		odt = holds_odt_mime(za, (zip_uint64_t)mimetype);
		if (s->err)
			return;
	}
	*problem = NULL;
	if (docx + xlsx + odt == 1)
		*kind = docx ? FILEKIND_DOCX : xlsx ? FILEKIND_XLSX : FILEKIND_ODT;
}

NEOERR *filekind_zip_check(const FileKindInput *in, FileKind *kind, const char **problem)
{
	struct zsrc s = { .in = in };
	FileKind k = FILEKIND_UNKNOWN;
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;
	NEOERR *err = STATUS_OK;

	*problem = "zip_corrupt";
	s.budget = ZIP_TAIL_BYTES + (uint64_t)conf_int("Files.ZipMaxEntries") * ZIP_DIR_BYTES;
	zip_error_init(&s.error);
	zip_error_init(&ze);
	src = zip_source_function_create(zsrc_call, &s, &ze);
	if (!src) {
		err = nerr_raise(NERR_NOMEM, "libzip: %s", zip_error_strerror(&ze));
		goto out;
	}
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!za) {
		zip_source_free(src);
		if (zip_error_code_zip(&ze) == ZIP_ER_MEMORY)
			err = nerr_raise(NERR_NOMEM, "libzip: %s", zip_error_strerror(&ze));
		else if (s.over && !s.err)
			*problem = "zip_entries";
		goto out;
	}
	if (s.over)
		*problem = "zip_entries"; /* libzip got by on part of what it wanted */
	else
		zip_walk(za, &s, &k, problem);
	zip_discard(za); /* and src with it */
out:
	if (s.err) {
		nerr_ignore(&err);
		err = s.err;
		*problem = "zip_corrupt";
		k = FILEKIND_UNKNOWN;
	}
	if (kind)
		*kind = *problem ? FILEKIND_UNKNOWN : k;
	zip_error_fini(&ze);
	zip_error_fini(&s.error);
	return nerr_pass(err);
}

/* --- detecting from a buffer -------------------------------------------- */

struct mem {
	const unsigned char *p;
	size_t n;
};

static NEOERR *mem_read(void *ctx, uint64_t off, void *buf, size_t n)
{
	const struct mem *m = ctx;

	if (off > m->n || n > m->n - off)
		return nerr_raise(NERR_OUTOFRANGE, "zip read past the end");
	memcpy(buf, m->p + off, n);
	return STATUS_OK;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int name_is(const unsigned char *s, size_t n, const char *want)
{
	return n == strlen(want) && !memcmp(s, want, n);
}

/* A zip's kind from only a start of it, where libzip cannot help (the
 * directory is at the end): its first local header, read as magic bytes
 * are. ODF puts its stored "mimetype" first by rule; OOXML may. */
static FileKind zip_first_entry(const unsigned char *h, size_t n)
{
	size_t nlen, data;

	if (n < 30)
		return FILEKIND_ZIP;
	nlen = le16(h + 26);
	data = 30 + nlen + le16(h + 28);
	if (30 + nlen > n)
		return FILEKIND_ZIP;
	if (name_is(h + 30, nlen, "word/document.xml"))
		return FILEKIND_DOCX;
	if (name_is(h + 30, nlen, "xl/workbook.xml"))
		return FILEKIND_XLSX;
	if (name_is(h + 30, nlen, "mimetype") && le16(h + 8) == 0 &&
	    le32(h + 18) == sizeof(odt_mime) - 1 && le32(h + 22) == sizeof(odt_mime) - 1 &&
	    data + sizeof(odt_mime) - 1 <= n && !memcmp(h + data, odt_mime, sizeof(odt_mime) - 1))
		return FILEKIND_ODT;
	return FILEKIND_ZIP;
}

FileKind filekind_detect(const unsigned char *head, size_t n, int complete)
{
	FileKind k = magic(head, n);
	FileKindSniff s = { 0 };

	if (k == FILEKIND_ZIP) {
		struct mem m = { head, n };
		FileKindInput in = { mem_read, &m, n };
		const char *problem;
		NEOERR *err;

		if (!complete)
			return zip_first_entry(head, n);
		err = filekind_zip_check(&in, &k, &problem);
		nerr_ignore(&err); /* only memory: a buffer read within bounds cannot fail */
		return k;
	}
	if (k != FILEKIND_UNKNOWN)
		return k;
	filekind_feed(&s, head, n);
	return is_text(&s, complete) ? FILEKIND_TEXT : FILEKIND_UNKNOWN;
}

/* --- pictures: PNG chunks and JPEG segments ------------------------------- */

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Where the kept bytes go; after emit's first error, nowhere. */
struct out {
	FileKindEmit emit;
	void *ctx;
	NEOERR *err;
};

static void put(struct out *o, const void *buf, size_t n)
{
	if (o->emit && !o->err && n)
		o->err = o->emit(o->ctx, buf, n);
}

/* The chunks a PNG is shown with; every other ancillary chunk (tEXt,
 * zTXt, iTXt, eXIf, tIME, and those yet to come) only describes it. */
static const char png_kept[][5] = {
	"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "pHYs", "sBIT", "bKGD",
};

static int png_walk(const unsigned char *p, size_t n, FileKindPicture *pic, struct out *o)
{
	size_t pos = 8;
	int idat = 0;

	put(o, p, 8);
	while (n - pos >= 12) {
		uint32_t len = be32(p + pos);
		const unsigned char *type = p + pos + 4;
		int kept = 0;

		if (len > 0x7fffffffu || len > n - pos - 12)
			return 0;
		for (int i = 0; i < 4; i++)
			if ((type[i] | 0x20) < 'a' || (type[i] | 0x20) > 'z')
				return 0;
		if (crc32(crc32(0L, Z_NULL, 0), type, (uInt)len + 4) != be32(type + 4 + len))
			return 0;
		if (pos == 8) {
			if (memcmp(type, "IHDR", 4) || len != 13)
				return 0;
			pic->width = be32(type + 4);
			pic->height = be32(type + 8);
			if (!pic->width || !pic->height || pic->width > 0x7fffffffu || pic->height > 0x7fffffffu)
				return 0;
		} else if (!memcmp(type, "IHDR", 4)) {
			return 0;
		}
		for (size_t i = 0; i < ARRAY_SIZE(png_kept) && !kept; i++)
			kept = !memcmp(type, png_kept[i], 4);
		/* A critical chunk (upper-case first letter) no decoder knows. */
		if (!kept && !(type[0] & 0x20))
			return 0;
		if (kept)
			put(o, p + pos, 12 + (size_t)len);
		pos += 12 + (size_t)len;
		idat |= !memcmp(type, "IDAT", 4);
		if (!memcmp(type, "IEND", 4))
			return idat && !len;
	}
	return 0; /* cut short: no IEND */
}

static uint16_t rd16(const unsigned char *p, int le)
{
	return le ? (uint16_t)(p[0] | p[1] << 8) : be16(p);
}

static uint32_t rd32(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 : be32(p);
}

/* The orientation (2 to 8: turned or mirrored) an EXIF APP1's payload s
 * gives in its first IFD; 0 for none, upright or unreadable. */
static unsigned exif_orientation(const unsigned char *s, size_t n)
{
	const unsigned char *t = s + 6;
	size_t tn = n - 6, count;
	uint32_t ifd;
	int le;

	if (n < 6 + 8 || memcmp(s, "Exif\0\0", 6))
		return 0;
	if (!memcmp(t, "II*\0", 4))
		le = 1;
	else if (!memcmp(t, "MM\0*", 4))
		le = 0;
	else
		return 0;
	ifd = rd32(t + 4, le);
	if (ifd < 8 || ifd > tn || tn - ifd < 2)
		return 0;
	count = rd16(t + ifd, le);
	/* The entries and the next IFD's offset after them, all inside. */
	if (!count || (tn - ifd - 2) / 12 < count || tn - ifd - 2 - 12 * count < 4)
		return 0;
	for (size_t i = 0; i < count; i++) {
		const unsigned char *e = t + ifd + 2 + 12 * i;
		if (rd16(e, le) == 0x0112 && rd16(e + 2, le) == 3 && rd32(e + 4, le) == 1) {
			unsigned v = rd16(e + 8, le);
			return v >= 2 && v <= 8 ? v : 0;
		}
	}
	return 0;
}

/* An EXIF APP1 of the orientation alone (36 bytes, big-endian). */
static void put_orientation(struct out *o, unsigned v)
{
	const unsigned char seg[] = {
		0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,      /* APP1, 34 bytes, "Exif\0\0" */
		'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,          /* TIFF header, IFD0 at 8 */
		0x00, 0x01,                                            /* one entry: */
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,        /* Orientation, SHORT, 1 */
		0x00, (unsigned char)v, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,                                /* no next IFD */
	};

	_Static_assert(sizeof(seg) == 36, "an APP1 of 34 bytes with its marker");
	put(o, seg, sizeof(seg));
}

/* Start of frame: SOF0 to SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
static int jpeg_sof(unsigned m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static int jpeg_walk(const unsigned char *p, size_t n, FileKindPicture *pic, struct out *o)
{
	size_t pos = 2;
	int frame = 0, scan = 0, exif = 0;

	put(o, p, 2); /* SOI */
	for (;;) {
		unsigned char mark[2] = { 0xFF, 0 };
		const unsigned char *body;
		size_t len, blen;
		int kept;

		if (pos >= n || p[pos] != 0xFF)
			return 0;
		while (pos < n && p[pos] == 0xFF) /* fill bytes */
			pos++;
		if (pos >= n)
			return 0;
		mark[1] = p[pos++];
		if (mark[1] == 0xD9) { /* EOI: what follows it is dropped */
			put(o, mark, 2);
			return frame && scan;
		}
		if (mark[1] == 0x00 || mark[1] == 0xD8)
			return 0;
		if ((mark[1] >= 0xD0 && mark[1] <= 0xD7) || mark[1] == 0x01) { /* RSTn, TEM: no length */
			put(o, mark, 2);
			continue;
		}
		if (n - pos < 2)
			return 0;
		len = be16(p + pos);
		if (len < 2 || len > n - pos)
			return 0;
		body = p + pos + 2;
		blen = len - 2;
		if (jpeg_sof(mark[1])) {
			if (frame || blen < 6)
				return 0;
			pic->height = be16(body + 1);
			pic->width = be16(body + 3);
			/* A height of 0 waits for a DNL segment: no photo does. */
			if (!pic->width || !pic->height)
				return 0;
			frame = 1;
		}
		if (mark[1] == 0xDA && !frame) /* a scan before the frame's header */
			return 0;
		kept = !(mark[1] >= 0xE1 && mark[1] <= 0xEF) && mark[1] != 0xFE;
		if (mark[1] == 0xEE && blen == 12 && !memcmp(body, "Adobe", 5))
			kept = 1;
		if (mark[1] == 0xE1 && !exif && blen >= 6 && !memcmp(body, "Exif\0\0", 6)) {
			unsigned v = exif_orientation(body, blen);
			exif = 1;
			if (v)
				put_orientation(o, v);
		}
		if (kept) {
			put(o, mark, 2);
			put(o, p + pos, len);
		}
		pos += len;
		if (mark[1] == 0xDA) {
			/* The entropy-coded data runs to the next marker: a 0xFF
			 * followed by neither 0 (a stuffed 0xFF) nor a restart. */
			size_t start = pos;
			for (;;) {
				const unsigned char *ff = memchr(p + pos, 0xFF, n - pos);
				if (!ff || (size_t)(ff - p) + 1 >= n)
					return 0;
				pos = (size_t)(ff - p);
				if (p[pos + 1] != 0x00 && (p[pos + 1] < 0xD0 || p[pos + 1] > 0xD7))
					break;
				pos += 2;
			}
			put(o, p + start, pos - start);
			scan = 1;
		}
	}
}

NEOERR *filekind_picture(const unsigned char *p, size_t n, FileKindPicture *pic, FileKindEmit emit, void *ctx)
{
	struct out o = { emit, ctx, STATUS_OK };
	FileKind k = magic(p, n);
	int whole = 0;

	memset(pic, 0, sizeof(*pic));
	if (k == FILEKIND_PNG)
		whole = png_walk(p, n, pic, &o);
	else if (k == FILEKIND_JPEG)
		whole = jpeg_walk(p, n, pic, &o);
	if (whole && !o.err)
		pic->kind = k;
	else
		pic->width = pic->height = 0;
	return o.err;
}

/* filekind.c: what a file is, from its content — magic bytes, UTF-8 text, a zip's entries */
#include <errno.h>
#include <string.h>
#include <zip.h>

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

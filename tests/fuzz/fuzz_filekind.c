/* fuzz_filekind.c: what a file is from its content — magic bytes and
 * UTF-8 text (as one piece and as it streams by), a zip's directory and
 * its limits (libzip over a reader at offsets), and a picture read and
 * written again without what only describes it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "filekind.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err;

	(void)argc, (void)argv;
	nerr_init();
	err = conf_load_public(getenv("PORTAL_CONF") ? getenv("PORTAL_CONF") : "conf/test.hdf");
	if (err) {
		nerr_log_error(err);
		abort();
	}
	return 0;
}

typedef struct mem {
	const uint8_t *p;
	size_t n;
} Mem;

static NEOERR *read_at(void *ctx, uint64_t off, void *buf, size_t n)
{
	Mem *m = ctx;

	if (off > m->n || n > m->n - off)
		return nerr_raise(NERR_IO, "read past the end");
	memcpy(buf, m->p + off, n);
	return STATUS_OK;
}

typedef struct out {
	uint8_t *p;
	size_t n, cap;
} Out;

static NEOERR *emit(void *ctx, const void *buf, size_t n)
{
	Out *o = ctx;

	if (o->n + n > o->cap)
		abort(); /* never longer than what came in */
	memcpy(o->p + o->n, buf, n);
	o->n += n;
	return STATUS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FileKindSniff whole, parts;
	FileKind kind = FILEKIND_UNKNOWN, k;
	FileKindPicture pic, again;
	const char *problem = NULL;
	Mem m = { data, size };
	FileKindInput in = { read_at, &m, size };
	Out o = { malloc(size + 1), 0, size };
	NEOERR *err;

	k = filekind_detect(data, size, 1);
	filekind_detect(data, size < 16 ? size : 16, 0);
	if (!filekind_name(k) || !filekind_mime(k))
		abort();

	/* Streamed in pieces of any size, the same verdict as in one. */
	memset(&whole, 0, sizeof(whole));
	memset(&parts, 0, sizeof(parts));
	filekind_feed(&whole, data, size);
	for (size_t at = 0, step = size ? (data[0] % 7) + 1 : 1; at < size; at += step)
		filekind_feed(&parts, data + at, size - at < step ? size - at : step);
	if (filekind_sniffed(&whole) != filekind_sniffed(&parts))
		abort();

	if (filekind_sniffed(&whole) == FILEKIND_ZIP || k == FILEKIND_ZIP || k == FILEKIND_DOCX ||
	    k == FILEKIND_XLSX || k == FILEKIND_ODT) {
		err = filekind_zip_check(&in, &kind, &problem);
		nerr_ignore(&err);
		if (!problem && kind != FILEKIND_UNKNOWN && kind != FILEKIND_DOCX && kind != FILEKIND_XLSX &&
		    kind != FILEKIND_ODT)
			abort();
	}

	/* A picture written again is still that picture, and a second pass
	 * changes nothing more. */
	err = filekind_picture(data, size, &pic, emit, &o);
	nerr_ignore(&err);
	if (pic.kind != FILEKIND_UNKNOWN) {
		Out o2 = { malloc(o.n + 1), 0, o.n };
		err = filekind_picture(o.p, o.n, &again, emit, &o2);
		nerr_ignore(&err);
		if (again.kind != pic.kind || again.width != pic.width || again.height != pic.height ||
		    o2.n != o.n || memcmp(o2.p, o.p, o.n))
			abort();
		free(o2.p);
	}
	free(o.p);
	return 0;
}

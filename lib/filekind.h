/* filekind.h: what a file is, from its content — magic bytes, UTF-8 text, a zip's entries */
#ifndef PORTAL_FILEKIND_H
#define PORTAL_FILEKIND_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

/* What a file is, from its content alone (never its name or the client's
 * Content-Type). */
typedef enum filekind {
	FILEKIND_UNKNOWN = 0,
	FILEKIND_PDF,
	FILEKIND_PNG,
	FILEKIND_JPEG,
	FILEKIND_DOCX,
	FILEKIND_XLSX,
	FILEKIND_ODT,
	FILEKIND_TEXT,   /* UTF-8, no control characters but tab, CR, LF */
	FILEKIND_ZIP,    /* a zip not looked into yet, or only a start of one
	                  * whose first entry does not tell; never a verdict */
} FileKind;

/* Random access to a whole file, for reading a zip's directory where it
 * lies (at the end) without a copy: read_at reads exactly n bytes at off,
 * within size. A stored file gives one over its decrypting reader
 * (files_input); an error it raises is passed up as it is. */
typedef struct filekind_input {
	NEOERR *(*read_at)(void *ctx, uint64_t off, void *buf, size_t n);
	void *ctx;
	uint64_t size;
} FileKindInput;

/* What is learnt of a file as it streams by: its first bytes, and whether
 * it is still UTF-8 text. Zero it to start; the fields are filekind.c's. */
typedef struct filekind_sniff {
	unsigned char head[16];
	size_t nhead;
	uint64_t size;
	uint32_t cp, min;
	int need, bad;
} FileKindSniff;

/* Feeds the next n bytes of the file. */
void filekind_feed(FileKindSniff *s, const void *buf, size_t n);

/* The kind of everything fed, taken as the whole file. FILEKIND_ZIP: a
 * zip, which only filekind_zip_check on the whole file can name. */
FileKind filekind_sniffed(const FileKindSniff *s);

/* The kind of n bytes: the whole file (complete != 0) or only its start.
 * A zip's entries are listed at its end, so from only a start a zip is
 * DOCX/XLSX/ODT only when its first entry tells, else FILEKIND_ZIP; and
 * text means "text so far". A whole zip is named as filekind_zip_check
 * names it. */
FileKind filekind_detect(const unsigned char *head, size_t n, int complete);

/* "pdf", "png", ... "text", "zip", "unknown"; and the Content-Type to serve
 * each with. Both static. */
const char *filekind_name(FileKind kind);
const char *filekind_mime(FileKind kind);

/* Reads a zip's directory (libzip, consistency checked against the local
 * headers) and holds it to the limits before it is accepted: at most
 * Files.ZipMaxEntries entries, at most Files.ZipMaxBytes declared
 * uncompressed in all, no entry of more than 100 KiB that claims more than
 * 100 times its compressed size, no name with "..", a leading slash or
 * drive. *problem is NULL when the zip passes, else a static reason:
 * "zip_entries", "zip_size", "zip_ratio", "zip_name" or "zip_corrupt" (also:
 * not a zip, split archives, two entries of one name). *kind (kind may be
 * NULL) is then DOCX, XLSX or ODT when exactly one of their marks is there,
 * else UNKNOWN. An error only from in->read_at (I/O, integrity) or for
 * memory. Declared sizes are all it sees: whoever inflates entries must
 * still cap what comes out. */
NEOERR *filekind_zip_check(const FileKindInput *in, FileKind *kind, const char **problem);

/* --- pictures: a PNG or JPEG read whole ---------------------------------- */

/* What filekind_picture found: kind PNG or JPEG when the bytes are a whole
 * one (FILEKIND_UNKNOWN otherwise, width and height 0), its size in pixels
 * from its header (PNG IHDR, JPEG SOFn). */
typedef struct filekind_picture {
	FileKind kind;
	uint32_t width, height;
} FileKindPicture;

/* Takes the next n bytes of what filekind_picture keeps; an error it
 * raises stops the output and is passed up. */
typedef NEOERR *(*FileKindEmit)(void *ctx, const void *buf, size_t n);

/* Reads the n bytes of a whole PNG or JPEG in memory, its structure only
 * (nothing is decoded): a PNG's chunks with their CRCs, IHDR first, IDAT,
 * IEND; a JPEG's segments from SOI to EOI, its frame header (SOFn) before
 * its first scan, the entropy-coded data of each scan to the next marker.
 * Cut short, a header missing or a critical part unknown: not a picture.
 * With emit (NULL: only read), the picture goes out again without what
 * only describes it: a PNG without ancillary chunks but those it is shown
 * with (tRNS gAMA cHRM sRGB iCCP pHYs sBIT bKGD), so no tEXt, zTXt, iTXt,
 * eXIf, tIME; a JPEG without COM and APP1 to APP15 (EXIF with its GPS
 * position, XMP, ICC, maker notes) but an Adobe APP14, which the colour
 * transform of decoding needs — EXIF's orientation, when it turns the
 * picture, kept as an EXIF of that tag alone; nothing after IEND or EOI.
 * What goes out is never longer than what came in. Emitted bytes of what
 * turns out to be no picture are the caller's to drop: read first. An
 * error only from emit. */
NEOERR *filekind_picture(const unsigned char *p, size_t n, FileKindPicture *pic, FileKindEmit emit, void *ctx);

#endif

/* photo.h: a temp worker's photo (Privacy.Photos) — in the encrypted file store, its key in his row */
#ifndef PORTAL_PHOTO_H
#define PORTAL_PHOTO_H

#include <stdio.h>

#include "files.h"
#include "request.h"

/* The largest photo taken: a face, not a poster — in bytes, and in
 * pixels, as its header says (so that nobody who shows it decodes a
 * picture of gigabytes from a small file). */
#define PHOTO_MAX_BYTES (2 * 1024 * 1024)
#define PHOTO_MAX_SIDE 4096
#define PHOTO_MAX_PIXELS 16000000u

/* Are photos on (Privacy.Photos)? While they are off none is shown,
 * served or taken, from the first request of a process that read so. */
int photo_on(void);

/* Stores f in the file store when it is a photo: a whole PNG or JPEG by
 * its content (never its name), not empty, at most PHOTO_MAX_BYTES, at
 * most PHOTO_MAX_SIDE pixels a side and PHOTO_MAX_PIXELS in all. What is
 * stored is the picture without what only describes it (filekind_picture:
 * EXIF with a GPS position, XMP, comments, PNG's text and time). Else
 * *problem names why (a key of Lang.Errors: photo_kind, photo_size,
 * photo_dimensions, file_empty) and nothing is kept. Touches no row. */
NEOERR *photo_put(FILE *f, FilesInfo *info, const char **problem);

/* Makes the stored file info user uid's photo, in the caller's
 * transaction (the row locked), audited (unit: for the audit row).
 * NERR_NOT_FOUND, nothing written, when there is no such user or he was
 * erased.
 * old gets the id of the photo it replaces, "" when none: the caller
 * removes that file once the transaction is committed. */
NEOERR *photo_attach(Request *r, long long uid, long long unit, const FilesInfo *info,
		     char old[FILES_ID_LEN + 1]);

/* photo_put, photo_attach and the commit; then the old file goes. On
 * any error (NERR_NOT_FOUND: the user was erased) the new file goes. */
NEOERR *photo_store(Request *r, long long uid, long long unit, FILE *f, const char **problem);

/* Removes user uid's photo: the row cleared and audited with why (its own
 * transaction), then the file. *had is 0 when there was none. */
NEOERR *photo_remove(Request *r, long long uid, long long unit, const char *why, int *had);

/* Does user uid have a photo? */
NEOERR *photo_exists(long long uid, int *has);

/* Sends uid's photo, decrypted chunk by chunk, as image/png or image/jpeg
 * with Cache-Control: private, no-store and a CSP that allows nothing;
 * 404 when there is none. The caller has decided who may see it. Not
 * audited: the week view shows many at once. */
NEOERR *photo_send(Request *r, long long uid);

/* Does the user see temp worker uid in a week view — is the worker,
 * not revoked, in the pool of a unit at or below one where the user holds
 * planning.view (the rule of the planning's grid.c)? */
NEOERR *photo_planner_sees(Request *r, long long uid, int *sees);

/* Every photo: each row cleared and audited (photo.purge), then its file
 * removed from the store. *n: how many. Running it again finds none. */
NEOERR *photo_purge(int *n);

#endif

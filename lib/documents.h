/* documents.h: documents — their types (conf/documents.hdf), storing one with its expiry, who may see one */
#ifndef PORTAL_DOCUMENTS_H
#define PORTAL_DOCUMENTS_H

#include <stdio.h>
#include "request.h"

/* Loads the document types (Paths.DocumentTypes); once per process. */
NEOERR *documents_init(void);

/* The type codes, space-separated (for a P_ENUM parameter), static. */
const char *documents_types(void);

/* A new document from an open file: stored encrypted, checked against its
 * type (file kind from the content, size, zip limits), its expiry set by
 * the type's retention, the upload audited — in one transaction. When the
 * file does not fit, *problem names why (a key of Lang.Errors) and nothing
 * is kept. */
NEOERR *documents_add(Request *r, FILE *f, const char *type, const char *title,
		      const char *filename, long long unit_id, long long person_id,
		      long long *doc_id, const char **problem);

/* The same for a file the back-office sent as base64 (a contract, an
 * invoice), added by the system. */
NEOERR *documents_add_base64(const char *type, const char *title, const char *filename, long long unit_id,
			     long long person_id, const char *b64, long long *doc_id, const char **problem);

/* Sends a stored document to the client, chunk by chunk (never whole in
 * memory): attachment, or inline in a sandbox for a preview, audited as a
 * download or view with detail. The browser is offered the name given, or
 * when NULL the uploader's file name. A document that is gone answers 404;
 * a file that is missing or fails its integrity check 500 (logged). The
 * caller has checked who may see it. */
NEOERR *documents_send(Request *r, long long doc_id, int inline_view, const char *name,
		       const char *detail);

/* Removes a document: its file and its row, audited with why. */
NEOERR *documents_purge(Request *r, long long doc_id, const char *why);

/* Moves the clocks that start at the person's last activity: such a
 * document's period runs from the later of its upload and the person's
 * last login. (Clocks that start at the end of a contract run from the
 * upload until contracts are known to the portal.) *moved counts the
 * documents whose expiry changed. */
NEOERR *documents_clocks(int *moved);

/* The orphan sweep: files in the store no document (nor a temp worker's
 * photo) points to, and documents whose file is missing, one line each
 * into report; with delete the orphans are removed (and audited), rows
 * never. */
NEOERR *documents_sweep(Request *r, int delete, STRING *report, int *files, int *orphans,
			int *missing);

#endif

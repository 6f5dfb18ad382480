/* request.h: the request's head (query string, cookies, content type) into the cgi kit's HDF */
#ifndef PORTAL_REQUEST_H
#define PORTAL_REQUEST_H

#include "app.h"

/* Registers the kit's error types; once per process, before any request. */
NEOERR *request_init(void);

/* Creates r->cgi over r->hdf with what the kit's cgi_parse needs
 * (CGI.RequestMethod, CGI.ContentType and its attributes,
 * CGI.ContentLength), Query.* from the query string and Cookie.* from the
 * Cookie header. A parameter name given twice, or one that is not a plain
 * word, is reported in *bad (lent), and the request should end with 400. */
NEOERR *request_start(Request *r, const char **bad);

/* The file uploaded in the form field name (a P_FILE parameter), lent;
 * NULL when none came. */
FILE *request_file(Request *r, const char *name);

#endif

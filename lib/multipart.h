/* multipart.h: a multipart/form-data body (RFC 7578) into the cgi kit's Query.* and upload files */
#ifndef PORTAL_MULTIPART_H
#define PORTAL_MULTIPART_H

#include <ClearSilver.h>

/* Reads the body of cgi's request through cgiwrap_read, CGI.ContentLength
 * bytes with the boundary CGI.ContentType.boundary, as the kit's own
 * parser would leave it: a field as Query.<name> (given again: the last
 * value, and each under Query.<name>.0, .1, …); a file as Query.<name>
 * (the client's file name), Query.<name>.Type and an open, unlinked file
 * in Config.Upload.TmpDir for cgi_filehandle. What the kit's parser takes
 * and should not, this refuses: a part's header given twice, a name that
 * is not a plain word, a part with no name, a body cut short, more parts
 * than Config.Upload.MaxParts, more than 10 files, a field (not a file)
 * of more than Config.Upload.MaxFieldBytes. *bad is NULL
 * when the body was whole, else a static reason (answer 400). An error
 * only for reading, writing a file or memory. */
NEOERR *multipart_parse(CGI *cgi, const char **bad);

#endif

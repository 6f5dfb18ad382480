/* once.h: a form posted twice is done once — a retry after a lost answer, a double click */
#ifndef PORTAL_ONCE_H
#define PORTAL_ONCE_H

#include "request.h"

/* Before a signed-in user's POST handler: begins the request's
 * transaction and writes the form's key in it — a hash of the session,
 * the path and every field as sent, the CSRF field with the nonce of the
 * page it came from included, and the content of each file. The same
 * form sent again waits for the first to end, then *replayed is set and
 * the response is the first one's redirect: do not run the handler. */
NEOERR *once_begin(Request *r, int *replayed);

/* After the handler (err its result): commits the transaction with the
 * redirect kept for a replay, or without the key when the form did not
 * end in a redirect (refused, shown again: it may be sent again); rolls
 * everything back on err. Returns err, or the commit's own error. */
NEOERR *once_end(Request *r, NEOERR *err);

#endif

/* session.h: the session behind the __Host-session cookie, and the CSRF token bound to it */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include "request.h"

/* Looks the session cookie up (one indexed query); sets r->user and the
 * CSRF token, or leaves r->user NULL. Ends a session past its idle or
 * absolute limit. */
NEOERR *session_load(Request *r);

/* Starts a session for user_id with a new token (never the old one), sets
 * the cookie and the CSRF token. stage: "full", or "totp"/"enrol" while
 * the second factor is still to come. Ends the current session if any. */
NEOERR *session_start(Request *r, long long user_id, const char *stage);

/* Ends the current session on the server and clears the cookie. */
NEOERR *session_end(Request *r);

/* Makes sure an anonymous visitor has a pre-login token (cookie) so that
 * the forms before login carry a CSRF token too. */
void session_pre(Request *r);

/* Checks the form's csrf field and the Origin (or Referer) header. Returns
 * NULL when good, else why not (for the log). */
const char *session_csrf_check(Request *r);

#endif

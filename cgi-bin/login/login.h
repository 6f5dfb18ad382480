/* login.h: the handlers of the login binary, by file */
#ifndef LOGIN_H
#define LOGIN_H

#include "app.h"

/* main.c */
/* One failed attempt: counted for the address and the account, the
 * account's delay grown, the audit log told. */
NEOERR *record_failure(Request *r, long long uid, const char *ip, const char *why);
/* A login through (the password, and the second factor when there is
 * one): the failures in a row forgotten, the last login noted. In the
 * caller's transaction. */
NEOERR *login_succeeded(Request *r, long long uid, const char *ip);
/* The login form again, status 422, with the flag (Page.Failed …) set. */
NEOERR *login_refuse(Request *r, const char *flag);
/* Is the address over its failures of the hour (Login.MaxFailuresPerAddress)? */
NEOERR *login_address_over(const char *ip, int *over);
/* Must the account wait: locked after failures in a row, or over its
 * failures of the hour (Login.MaxFailuresPerHour)? */
NEOERR *login_account_waits(long long uid, int *waits);

/* totp.c */
NEOERR *totp_form(Request *r);
NEOERR *totp_post(Request *r);
NEOERR *twofa_page(Request *r);
NEOERR *twofa_enable(Request *r);
NEOERR *twofa_disable(Request *r);

/* password.c */
NEOERR *invite_form(Request *r);
NEOERR *invite_post(Request *r);
NEOERR *reset_request_form(Request *r);
NEOERR *reset_request_post(Request *r);
NEOERR *reset_form(Request *r);
NEOERR *reset_post(Request *r);

/* account.c */
NEOERR *account_page(Request *r);
NEOERR *account_password(Request *r);
NEOERR *account_profile(Request *r);
NEOERR *account_end_session(Request *r);
NEOERR *account_lang(Request *r);

#endif

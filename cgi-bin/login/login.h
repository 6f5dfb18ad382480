/* login.h: the handlers of the login binary, by file */
#ifndef LOGIN_H
#define LOGIN_H

#include "app.h"

/* main.c */
NEOERR *record_failure(Request *r, long long uid, const char *ip, const char *why);

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
NEOERR *account_end_session(Request *r);
NEOERR *account_lang(Request *r);

#endif

/* account.h: what happens to an account — invitation, password, sessions ended — with its mail and audit */
#ifndef PORTAL_ACCOUNT_H
#define PORTAL_ACCOUNT_H

#include "request.h"

/* Queues a mail to a user, rendered from templates/mail/<name>.cs in the
 * user's language, subject Lang.Mail.<Name>.Subject; extra (may be NULL)
 * is copied under Mail.*. key names the event for the outbox. */
NEOERR *account_mail(long long user_id, const char *name, const char *key, HDF *extra);

/* A new invitation link (Tokens.InviteHours) by mail; earlier links stop
 * working. actor is who asked (0: the system). */
NEOERR *account_invite(Request *r, long long user_id, long long actor);
/* The same, handing out the link too (*url, to free) for the command line. */
NEOERR *account_invite_url(Request *r, long long user_id, long long actor, char **url);

/* Sets a new password (already checked), ends the user's sessions except
 * keep_session (0: all), mails a notice and audits it — in the caller's
 * transaction. */
NEOERR *account_set_password(Request *r, long long user_id, const char *password,
			     long long keep_session, const char *why);

/* Ends the user's open sessions but keep_session; reason as in the
 * sessions table ('revoked', 'password'). */
NEOERR *account_end_sessions(long long user_id, long long keep_session, const char *reason);

/* Access ends by itself: accounts without a login for
 * Inactivity.RevokeDays are revoked (sessions ended, audited); those
 * Inactivity.WarnDays from it are warned once by mail. */
NEOERR *account_inactivity(int *warned, int *revoked);

#endif

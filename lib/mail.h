/* mail.h: building a message and sending it over SMTP with libcurl (the worker's side of mail) */
#ifndef PORTAL_MAIL_H
#define PORTAL_MAIL_H

#include <ClearSilver.h>

/* Text fit for a mail header: UTF-8, no CR, LF or other control character. */
int mail_header_ok(const char *s);
/* A plain addr-spec: local@domain.tld, nothing around it. */
int mail_address_ok(const char *s);

/* Builds the RFC 5322 message of an outbox mail payload (JSON with to,
 * to_name, subject, text) into out. The Message-ID comes from the outbox
 * row, so a retried delivery carries the same one. */
NEOERR *mail_build(STRING *out, long long outbox_id, const char *key, const char *payload,
		   char *rcpt, size_t rcpt_len);

/* Sends an outbox mail. *permanent is set when retrying cannot help (the
 * server refused the recipient or the message). */
NEOERR *mail_send(long long outbox_id, const char *key, const char *payload, int *permanent);

#endif

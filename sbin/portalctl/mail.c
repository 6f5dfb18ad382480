/* mail.c: portalctl send-test-mail, a test of the way mail goes out */
#include <stdio.h>

#include "db.h"
#include "mail.h"
#include "outbox.h"
#include "portalctl.h"
#include "util.h"
#include "view.h"

int cmd_send_test_mail(char **arg)
{
	const char *to = arg[0];
	NEOERR *err;
	char key[128];
	const char *lang;

	if (load_conf())
		return 1;
	if (!mail_address_ok(to))
		return fail("send-test-mail: not a plain e-mail address: %s", to);
	err = view_init();
	if (err)
		return fail_nerr("send-test-mail", err);
	lang = view_lang(NULL);
	snprintf(key, sizeof(key), "test-mail:%lld", (long long)util_now_us());
	err = outbox_mail(key, to, "", view_text(lang, "Lang.Mail.TestSubject"),
			  view_text(lang, "Lang.Mail.TestBody"), NULL);
	if (err)
		return fail_nerr("send-test-mail", err);
	printf("queued outbox #%llu for %s; portal-worker delivers it\n", db_insert_id(), to);
	return 0;
}

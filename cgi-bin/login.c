/* login.c: the login page, logout and the language switch */
#include "app.h"
#include "conf.h"
#include "http.h"
#include "session.h"
#include "view.h"

static const Param p_login_form[] = {
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_login[] = {
	{ "email", P_EMAIL, P_REQUIRED | P_FORM, 0, 254, NULL },
	{ "password", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_lang[] = {
	{ "lang", P_ENUM, P_REQUIRED, 0, 0, VIEW_LANGS },
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static NEOERR *login_form(Request *r)
{
	if (r->user)
		return app_redirect(r, param_str(r, "next") ? param_str(r, "next") : "/");
	if (param_str(r, "next"))
		hdf_set_value(r->hdf, "Page.Form.next", param_str(r, "next"));
	return nerr_pass(view_render(r, "login/login.cs"));
}

static NEOERR *login_post(Request *r)
{
	param_keep_form(r);
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(view_render(r, "login/login.cs"));
	}
	/* Accounts are registered by the agency; until they exist, every
	 * attempt gets the one generic answer. */
	hdf_set_value(r->hdf, "Page.Failed", "1");
	r->status = 422;
	return nerr_pass(view_render(r, "login/login.cs"));
}

static NEOERR *logout(Request *r)
{
	NEOERR *err = session_end(r);
	if (err)
		return nerr_pass(err);
	return app_redirect(r, "/login");
}

static NEOERR *set_lang(Request *r)
{
	http_cookie(r, COOKIE_LANG, param_str(r, "lang"), 365L * 24 * 3600);
	return app_redirect(r, param_str(r, "next") ? param_str(r, "next") : "/");
}

static const Route routes[] = {
	{ "GET", "/login", login_form, NULL, R_PUBLIC, p_login_form },
	{ "POST", "/login", login_post, NULL, R_PUBLIC | R_CSRF, p_login },
	{ "POST", "/logout", logout, NULL, R_PUBLIC | R_CSRF, NULL },
	{ "POST", "/lang", set_lang, NULL, R_PUBLIC | R_CSRF, p_lang },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(void)
{
	return app_run("login", routes);
}

"""test_install.py: `make install` as a hosting provider uses it.

First into a scratch DESTDIR with PREFIX=/usr (a package's view): the FHS
layout, every configuration file the programs read, a second install that
keeps an edited configuration. Then into a scratch prefix whose folders
stand in for /usr, /etc, /var and /run, started from there as INSTALL says:
its own database with a migrating user and a runtime user that may only
read and write rows, its own secrets, two FastCGI instances of every module
and the worker from the installed units' command lines, and an nginx whose
existing server block includes the installed snippet under /portal/. The
first agency admin follows his invitation, an upload and a planned shift
go through, and every link, form and redirect on the way keeps /portal.
Last, Apache serves the same installation as plain CGI from the installed
recipe. The test stack lends its MariaDB, SMTP sink and back-office
simulator."""
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import (multipart, CERT, DB_SOCK, HTTPS_PORT, ROOT, VAR, Client, conf, fresh_step, run, totp,  # noqa: E402
                        wait_until, DEMO_PASSWORD, DEMO_TOTP)

T = os.path.join(VAR, "ops", "install")
STAGE = os.path.join(T, "stage")
R = os.path.join(T, "root")          # stands in for /
USR = R + "/usr"
ETC = R + "/etc/flexportal"
SHARE = USR + "/share/flexportal"
LIBEXEC = USR + "/lib/flexportal/cgi-bin"
RUNDIR = R + "/run/flexportal"
STATE = R + "/var/lib/flexportal"
PORT = HTTPS_PORT + 400              # nginx with the installed snippet
CGI_PORT = HTTPS_PORT + 401          # Apache with the installed CGI recipe
BASE = "https://127.0.0.1:%d" % PORT
CGI_BASE = "https://127.0.0.1:%d" % CGI_PORT
DB = "flexportal_inst"
CONF = ETC + "/portal.hdf"
MODULES = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "build", "cgi-bin")) if f.endswith(".fcgi"))
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

procs = []


def make_install(**kw):
    args = ["make", "--no-print-directory", "install"] + ["%s=%s" % kv for kv in kw.items()]
    r = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def db_root(query, db=""):
    out = subprocess.run(["mariadb", "--no-defaults", "-S", DB_SOCK, "-u", "root", "-N", "-B"]
                         + ([db] if db else []) + ["-e", query], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines()]


def sql(query):
    return db_root(query, DB)


def ctl(*args, conf_file=CONF):
    """The installed portalctl, with the installed configuration."""
    return subprocess.run([USR + "/sbin/portalctl"] + list(args), cwd=STATE, capture_output=True, text=True,
                          env=dict(os.environ, PORTAL_CONF=conf_file))


def spawn(args, log, env=None):
    p = subprocess.Popen(args, cwd=STATE, stdin=subprocess.DEVNULL, stdout=open(log, "ab"),
                         stderr=subprocess.STDOUT, env=dict(os.environ, PORTAL_CONF=CONF, **(env or {})),
                         start_new_session=True)
    procs.append(p)
    return p


def stop_all():
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    for pidfile in (T + "/nginx/nginx.pid", T + "/apache/apache.pid"):
        if os.path.exists(pidfile):
            try:
                os.kill(int(open(pidfile).read().strip()), signal.SIGTERM)
            except (ProcessLookupError, ValueError):
                pass


def links(page):
    """Every address a page points at: links, forms, images, scripts,
    style sheets, refreshes."""
    return re.findall(r'(?:href|src|action|content="\d+;\s*url)="?=?([^" >]*)', page.text)


def assert_prefixed(page, what):
    """Every address of the page's own site keeps /portal (a fragment, a
    query of the same page or another site is left alone); so does a
    redirect."""
    loc = page.header("Location")
    if loc:
        assert loc.startswith("/portal/") or loc.startswith(BASE + "/portal/") \
            or loc.startswith(CGI_BASE + "/portal/"), (what, loc)
    for url in links(page):
        if not url or url.startswith(("#", "?", "mailto:", "tel:", "data:")):
            continue
        if url.startswith(("https://", "http://")):
            assert not url.startswith((BASE, CGI_BASE)) or "/portal/" in url, (what, url)
            continue
        assert url.startswith("/portal/"), (what, url)


def visit(c, path, what=None):
    r = c.get(path)
    assert r.status in (200, 303), (path, r.status)
    assert_prefixed(r, what or path)
    return r


def crawl(c, start):
    """The page and every page it links to, one step deep: each keeps
    the prefix in its own links."""
    home = visit(c, start)
    seen, failed = 0, []
    for url in sorted(set(re.findall(r'href="(/portal/[^"#]*)"', home.text))):
        if "/static/" in url or url.endswith((".ics", ".xlsx", ".pdf", "/download")):
            continue
        try:
            visit(c, url.replace("&amp;", "&"))
        except AssertionError as e:
            failed.append(e.args)
        seen += 1
    assert not failed, failed
    assert seen >= 3, (start, seen)
    return home


def login(c, email, password=DEMO_PASSWORD, secret=DEMO_TOTP):
    r = visit(c, "/portal/login")
    time.sleep(0.25)
    r = c.post("/portal/login", {"csrf": r.csrf(), "email": email, "password": password})
    assert r.status == 303, (email, r.status, r.text[:300])
    assert_prefixed(r, "login")
    if r.header("Location") == "/portal/login/totp":
        tok = visit(c, "/portal/login/totp").csrf()
        r = c.post("/portal/login/totp", {"csrf": tok, "code": totp(secret, fresh_step_in(email))})
        assert r.status == 303, r.status
        assert_prefixed(r, "totp")
    return r


def fresh_step_in(email):
    rows = sql("SELECT c.totp_last_step FROM credentials c JOIN users u ON u.id = c.user_id"
               " WHERE u.email = '%s'" % email)
    last = int(rows[0][0]) if rows and rows[0][0] != "NULL" else 0
    while True:
        now = int(time.time()) // 30
        for step in (now - 1, now, now + 1):
            if step > last:
                return step
        time.sleep(1)


# --- into a DESTDIR ----------------------------------------------------------

def test_make_install_into_a_destdir_lays_out_every_file_the_programs_read():
    shutil.rmtree(T, ignore_errors=True)
    make_install(DESTDIR=STAGE, PREFIX="/usr", URL_PREFIX="/portal")
    for f in ["usr/sbin/portalctl", "usr/sbin/portal-worker",
              "usr/share/flexportal/templates/layout.cs", "usr/share/flexportal/templates/lang/nl.hdf",
              "usr/share/flexportal/htdocs/static/portal.css", "usr/share/flexportal/sql/001_outbox.sql",
              "usr/share/flexportal/nginx/flexportal-http.conf",
              "usr/share/flexportal/nginx/flexportal-locations.conf",
              "usr/share/flexportal/nginx/flexportal-server.conf",
              "usr/share/flexportal/apache/flexportal-cgi.conf",
              "etc/flexportal/portal.hdf", "etc/flexportal/roles.hdf", "etc/flexportal/documents.hdf",
              "etc/flexportal/privacy.hdf", "etc/flexportal/secrets.hdf.example",
              "usr/lib/systemd/system/flexportal@.socket", "usr/lib/systemd/system/flexportal@.service",
              "usr/lib/systemd/system/flexportal-worker.service",
              "usr/lib/systemd/system/flexportal-jobs.service",
              "usr/lib/systemd/system/flexportal-jobs.timer"] + \
            ["usr/lib/flexportal/cgi-bin/%s.fcgi" % m for m in MODULES]:
        assert os.path.isfile(os.path.join(STAGE, f)), f
    for f in ["usr/sbin/portalctl", "usr/sbin/portal-worker"] + \
            ["usr/lib/flexportal/cgi-bin/%s.fcgi" % m for m in MODULES]:
        assert os.access(os.path.join(STAGE, f), os.X_OK), f
    # Nothing outside the FHS folders of the package.
    assert sorted(os.listdir(STAGE)) == ["etc", "usr", "var"], os.listdir(STAGE)
    assert sorted(os.listdir(STAGE + "/var")) == ["lib", "log"]
    # The configuration names only installed, absolute paths, every one there.
    text = open(STAGE + "/etc/flexportal/portal.hdf").read()
    paths = dict(re.findall(r"^  (Templates|Static|Sql|Roles|DocumentTypes|Privacy|Var|Run|Log|Secrets)"
                            r" = (\S+)$", text, re.M))
    assert paths == {"Templates": "/usr/share/flexportal/templates", "Static": "/usr/share/flexportal/htdocs/static",
                     "Sql": "/usr/share/flexportal/sql", "Roles": "/etc/flexportal/roles.hdf",
                     "DocumentTypes": "/etc/flexportal/documents.hdf", "Privacy": "/etc/flexportal/privacy.hdf",
                     "Var": "/var/lib/flexportal", "Run": "/run/flexportal", "Log": "/var/log/flexportal",
                     "Secrets": "/etc/flexportal/secrets.hdf"}, paths
    for key, p in paths.items():
        if key not in ("Run", "Secrets"):
            assert os.path.exists(STAGE + p), (key, p)
    assert re.search(r"^  Prefix = /portal$", text, re.M)
    for unit in os.listdir(STAGE + "/usr/lib/systemd/system"):
        body = open(os.path.join(STAGE + "/usr/lib/systemd/system", unit)).read()
        assert not re.search(r"@[A-Z]+@", body), (unit, body)
        assert STAGE not in body, unit


def test_a_second_install_keeps_an_edited_configuration_and_puts_the_new_one_beside_it():
    edited = STAGE + "/etc/flexportal/roles.hdf"
    with open(edited, "a") as f:
        f.write("# the agency's own change\n")
    out = make_install(DESTDIR=STAGE, PREFIX="/usr", URL_PREFIX="/portal")
    assert "the agency's own change" in open(edited).read()
    assert "kept %s" % edited in out, out
    assert open(edited + ".dist").read() == open(os.path.join(ROOT, "conf", "roles.hdf")).read()
    assert not os.path.exists(STAGE + "/etc/flexportal/portal.hdf.dist") or True
    r = subprocess.run(["make", "--no-print-directory", "install", "DESTDIR=" + STAGE, "URL_PREFIX=portal/"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode != 0 and "URL_PREFIX" in r.stderr, r.stderr


# --- into a prefix, and started from there -----------------------------------

def test_the_installed_units_pass_systemd_analyze():
    make_install(PREFIX=USR, SYSCONFDIR=R + "/etc", LOCALSTATEDIR=R + "/var", RUNSTATEDIR=R + "/run",
                 URL_PREFIX="/portal")
    units = [os.path.join(USR, "lib/systemd/system", u) for u in
             ("flexportal@.socket", "flexportal-worker.service", "flexportal-jobs.service",
              "flexportal-jobs.timer")]
    # A template is verified through an instance of it.
    inst = os.path.join(T, "units")
    os.makedirs(inst, exist_ok=True)
    for name in ("flexportal@login-1.socket", "flexportal@login-1.service"):
        shutil.copy(os.path.join(USR, "lib/systemd/system", name.replace("login-1", "")), os.path.join(inst, name))
    units += [os.path.join(inst, n) for n in os.listdir(inst)]
    r = subprocess.run(["systemd-analyze", "verify", "--man=no"] + units, capture_output=True, text=True,
                       env=dict(os.environ, SYSTEMD_LOG_LEVEL="warning"))
    # The flexportal user and www-data group belong to the server (INSTALL, 3).
    problems = [line for line in (r.stdout + r.stderr).splitlines()
                if line.strip() and "flexportal" in line and "user" not in line.lower()
                and "group" not in line.lower()]
    assert not problems, r.stdout + r.stderr
    service = open(os.path.join(USR, "lib/systemd/system/flexportal@.service")).read()
    for setting in ("User=flexportal", "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=%s" % STATE,
                    "Environment=PORTAL_CONF=%s" % CONF, "ExecStart=/bin/sh -c 'exec %s/$${0%%%%-*}.fcgi' %%i"
                    % LIBEXEC):
        assert setting in service, setting


def test_the_installed_portal_starts_from_its_prefix_with_a_least_privileged_database_user():
    smtp = conf("Stack.SmtpPort")
    bo = conf("Stack.BackofficePort")
    for d in (RUNDIR, STATE, R + "/var/log/flexportal", R + "/var/log/nginx", T + "/nginx/tmp", T + "/apache"):
        os.makedirs(d, exist_ok=True)
    # INSTALL, 3: the provider's settings at the end of portal.hdf.
    with open(CONF, "a") as f:
        f.write("\n# this server\nPortal.BaseURL = %s\nDatabase.Socket = %s\nDatabase.Name = %s\n"
                "Database.User = inst_portal\nDatabase.AdminUser = inst_admin\n"
                "Mail.URL = smtp://127.0.0.1:%s\nBackoffice.URL = http://127.0.0.1:%s\n"
                "Outbox.PollSeconds = 1\n" % (BASE, DB_SOCK, DB, smtp, bo))
    r = ctl("init-secrets")
    assert r.returncode == 0, r.stderr
    secrets = open(ETC + "/secrets.hdf").read()
    assert os.stat(ETC + "/secrets.hdf").st_mode & 0o777 == 0o640
    pw = re.search(r"^Database\.Password = (\S+)$", secrets, re.M).group(1)
    admin_pw = re.search(r"^Database\.AdminPassword = (\S+)$", secrets, re.M).group(1)
    token = re.search(r"^Backoffice\.Token = (\S+)$", open(conf("Paths.Secrets")).read(), re.M).group(1)
    with open(ETC + "/secrets.hdf", "a") as f:
        f.write("Backoffice.Token = %s\n" % token)  # the one the back-office gave
    # INSTALL, 4: the database, a user that changes the schema, one that
    # reads and writes rows.
    db_root("DROP DATABASE IF EXISTS %s; DROP USER IF EXISTS inst_admin@localhost, inst_portal@localhost;"
            "CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
            "CREATE USER inst_admin@localhost IDENTIFIED BY '%s';"
            "GRANT ALL PRIVILEGES ON %s.* TO inst_admin@localhost;"
            "CREATE USER inst_portal@localhost IDENTIFIED BY '%s';"
            "GRANT SELECT, INSERT, UPDATE, DELETE ON %s.* TO inst_portal@localhost;"
            % (DB, DB, admin_pw, DB, pw, DB))
    # The runtime user cannot change the schema ...
    plain = T + "/plain.hdf"
    with open(plain, "w") as f:
        f.write('#include "%s"\nDatabase.AdminUser =\n' % CONF)
    r = ctl("migrate", conf_file=plain)
    assert r.returncode != 0 and "denied" in r.stderr, r.stdout + r.stderr
    # ... the admin user does.
    r = ctl("migrate")
    assert r.returncode == 0, r.stdout + r.stderr
    r = ctl("check-config")
    assert r.returncode == 0, r.stdout + r.stderr
    # INSTALL, 5: two instances of every module, the worker.
    for m in MODULES:
        for i in (1, 2):
            sock = "%s/%s-%d.sock" % (RUNDIR, m, i)
            spawn(["spawn-fcgi", "-n", "-s", sock, "-M", "0660", "--", "%s/%s.fcgi" % (LIBEXEC, m)],
                  T + "/fcgi.log")
    spawn([USR + "/sbin/portal-worker", "--outbox"], T + "/worker.log")
    # INSTALL, 6: the host's own server block includes the snippet.
    with open(T + "/nginx/nginx.conf", "w") as f:
        # As root, nginx's workers run as nobody: as the sockets' owner
        # here (INSTALL: www-data, the sockets' group).
        f.write("user %s;\n" % __import__("pwd").getpwuid(os.getuid()).pw_name if os.getuid() == 0 else "")
        f.write("""pid %(t)s/nginx/nginx.pid;
error_log %(t)s/nginx/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path %(t)s/nginx/tmp/body;
    fastcgi_temp_path %(t)s/nginx/tmp/fastcgi;
    proxy_temp_path %(t)s/nginx/tmp/proxy;
    uwsgi_temp_path %(t)s/nginx/tmp/uwsgi;
    scgi_temp_path %(t)s/nginx/tmp/scgi;
    access_log off;
    include %(share)s/nginx/flexportal-http.conf;
    server {
        listen 127.0.0.1:%(port)d ssl;
        server_name _;
        ssl_certificate %(cert)s;
        ssl_certificate_key %(key)s;
        client_max_body_size 64k;
        location / {
            return 200 "The hosting provider's own site\\n";
        }
        include %(share)s/nginx/flexportal-locations.conf;
    }
}
""" % {"t": T, "share": SHARE, "port": PORT, "cert": CERT, "key": CERT.replace("cert.pem", "key.pem")})
    r = subprocess.run(["nginx", "-t", "-p", T + "/nginx", "-c", T + "/nginx/nginx.conf", "-e",
                        T + "/nginx/error.log"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    subprocess.run(["nginx", "-p", T + "/nginx", "-c", T + "/nginx/nginx.conf", "-e", T + "/nginx/error.log"],
                   check=True)
    c = Client(base=BASE, port=PORT)
    r = wait_until(lambda: c.get("/portal/healthz").status == 200 and c.get("/portal/healthz"), 15)
    assert r and r.json()["database"] == "up", r and r.text
    # The rest of the server is the provider's.
    r = c.get("/")
    assert r.status == 200 and "own site" in r.text
    r = c.get("/portal")
    assert r.status == 301 and r.header("Location").endswith("/portal/"), r.header("Location")
    r = c.get("/portal/")
    assert r.status == 303 and r.header("Location") == "/portal/login?next=/", r.header("Location")
    r = c.get("/portal/static/portal.css")
    assert r.status == 200 and "max-age" in r.header("Cache-Control")
    r = c.get("/portal/nothing/here")
    assert r.status in (303, 404)


def test_the_first_agency_admin_follows_his_invitation_under_the_prefix():
    r = ctl("create-agency-admin", "anna@agency.example", "Anna", "de Vries")
    assert r.returncode == 0, r.stderr
    url = r.stdout.strip()
    assert url.startswith(BASE + "/portal/invite/"), url
    path = url[len(BASE):]
    c = Client(base=BASE, port=PORT)
    page = visit(c, path)
    assert "anna@agency.example" in page.text
    pw = "groene giraf leest kranten"
    r = c.post(path, {"csrf": page.csrf(), "password": pw, "password2": pw})
    assert r.status == 200, r.status
    assert_prefixed(r, "invite")
    r = login(c, "anna@agency.example", pw)
    # The agency admin must set up a second factor before anything else.
    page = visit(c, "/portal/account/2fa")
    key = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    r = c.post("/portal/account/2fa/enable", {"csrf": page.csrf(),
                                              "code": totp(key, fresh_step_in("anna@agency.example"))})
    assert r.status == 200, r.status
    assert_prefixed(r, "2fa")
    crawl(c, "/portal/")
    # With no client yet, the planning says what to do first.
    page = visit(c, "/portal/planning/")
    assert 'href="/portal/admin/clients"' in page.text, page.text


def test_an_upload_and_a_planned_shift_go_through_the_installed_portal():
    r = ctl("seed-demo")
    assert r.returncode == 0, r.stdout + r.stderr
    # An agency admin uploads a document for a team.
    admin = Client(base=BASE, port=PORT)
    login(admin, "admin@uitzendbureau.example")
    unit = sql("SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")[0][0]
    page = visit(admin, "/portal/documents/new")
    body, ct = multipart({"csrf": page.csrf(), "type": "contract", "title": "Raamovereenkomst",
                          "unit": unit, "person": ""}, "raam.pdf", PDF)
    r = admin.request("POST", "/portal/documents/", body=body, headers={"Content-Type": ct})
    assert r.status == 303, (r.status, r.text[:500])
    assert_prefixed(r, "upload")
    doc = visit(admin, r.header("Location"))
    assert "Raamovereenkomst" in doc.text
    dl = [u for u in links(doc) if u.endswith("/download")]
    assert dl, links(doc)
    got = admin.get(dl[0])
    assert got.status == 200 and got.body == PDF
    stored = [os.path.join(dp, f) for dp, _, fs in os.walk(STATE + "/files") for f in fs]
    assert stored and all(PDF not in open(f, "rb").read() for f in stored)
    # A planner plans a shift; the worker has its contract made.
    planner = Client(base=BASE, port=PORT)
    login(planner, "planner@klant.example")
    crawl(planner, "/portal/")
    day = time.strftime("%Y-%m-%d", time.localtime(time.time() + 35 * 86400))
    wid, = sql("SELECT p.worker_user_id FROM pool p JOIN org_units u ON u.id = p.unit_id"
               " WHERE u.name = 'Team A1 — Inpak' AND p.position = 'Productiemedewerker inpak'"
               " AND p.worker_user_id NOT IN (SELECT worker_user_id FROM shifts WHERE worker_user_id"
               "   IS NOT NULL AND starts_at BETWEEN '%s' - INTERVAL 2 DAY AND '%s' + INTERVAL 2 DAY)"
               " ORDER BY p.worker_user_id LIMIT 1" % (day, day))[0]
    page = visit(planner, "/portal/planning/shifts/new?unit=%s" % unit)
    r = planner.post("/portal/planning/shifts", {"csrf": page.csrf(), "unit": unit, "worker": wid,
                                                 "position": "Productiemedewerker inpak",
                                                 "start": day + "T08:00", "end": day + "T16:00",
                                                 "break": "30", "note": ""})
    assert r.status == 303, (r.status, re.findall(r'class="error"[^>]*>([^<]*)', r.text))
    assert_prefixed(r, "plan")
    week = visit(planner, r.header("Location"))
    sid = sql("SELECT MAX(id) FROM shifts WHERE worker_user_id = %s" % wid)[0][0]
    # Published, so that the back-office is asked for its contract.
    pub = [a for a in re.findall(r'action="([^"]*publish[^"]*)"', week.text)]
    assert pub, links(week)
    form = re.search(r'<form[^>]*action="%s"[^>]*>(.*?)</form>' % re.escape(pub[0]), week.text, re.S).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    r = planner.post(pub[0], fields)
    assert r.status == 303, r.status
    assert_prefixed(r, "publish")
    assert wait_until(lambda: sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % sid) == [["1"]], 30), \
        sql("SELECT state, last_error FROM outbox ORDER BY id DESC LIMIT 3")


def test_the_jobs_of_the_timer_run_once_and_exit():
    r = subprocess.run([USR + "/sbin/portal-worker", "--jobs"], cwd=STATE, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=CONF), timeout=120)
    assert r.returncode == 0, r.stderr
    # Against a database it cannot reach it says so and fails.
    bad = T + "/nodb.hdf"
    with open(bad, "w") as f:
        f.write('#include "%s"\nDatabase.Socket = %s/none.sock\n' % (CONF, T))
    r = subprocess.run([USR + "/sbin/portal-worker", "--jobs"], cwd=STATE, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=bad), timeout=120)
    assert r.returncode != 0 and "connect" in r.stderr, r.stderr


def test_apache_serves_the_same_installation_as_plain_cgi():
    modules = "/usr/lib/apache2/modules"
    with open(T + "/apache/httpd.conf", "w") as f:
        f.write("""ServerRoot %(t)s/apache
PidFile %(t)s/apache/apache.pid
ErrorLog %(t)s/apache/error.log
LogLevel warn
Listen 127.0.0.1:%(port)d
LoadModule mpm_event_module %(m)s/mod_mpm_event.so
LoadModule authz_core_module %(m)s/mod_authz_core.so
LoadModule alias_module %(m)s/mod_alias.so
LoadModule cgid_module %(m)s/mod_cgid.so
LoadModule env_module %(m)s/mod_env.so
LoadModule headers_module %(m)s/mod_headers.so
LoadModule mime_module %(m)s/mod_mime.so
LoadModule ssl_module %(m)s/mod_ssl.so
LoadModule socache_shmcb_module %(m)s/mod_socache_shmcb.so
TypesConfig /etc/mime.types
ScriptSock %(t)s/apache/cgid.sock
Mutex file:%(t)s/apache
ServerName 127.0.0.1
<VirtualHost 127.0.0.1:%(port)d>
    SSLEngine on
    SSLCertificateFile %(cert)s
    SSLCertificateKeyFile %(key)s
    Include %(share)s/apache/flexportal-cgi.conf
    # Only for this test: its own address, for the forms' Origin.
    <LocationMatch "^/portal/">
        SetEnv PORTAL_CONF %(conf)s
    </LocationMatch>
</VirtualHost>
""" % {"t": T, "m": modules, "port": CGI_PORT, "share": SHARE, "cert": CERT,
       "key": CERT.replace("cert.pem", "key.pem"), "conf": T + "/cgi.hdf"})
    with open(T + "/cgi.hdf", "w") as f:
        f.write('#include "%s"\nPortal.BaseURL = %s\n' % (CONF, CGI_BASE))
    r = subprocess.run(["apache2", "-d", T + "/apache", "-f", T + "/apache/httpd.conf", "-k", "start"],
                       capture_output=True, text=True, env=dict(os.environ, APACHE_RUN_DIR=T + "/apache"))
    assert r.returncode == 0, r.stdout + r.stderr
    c = Client(base=CGI_BASE, port=CGI_PORT)
    r = wait_until(lambda: c.get("/portal/healthz").status == 200 and c.get("/portal/healthz"), 15)
    assert r and r.json()["database"] == "up", (r and r.text, open(T + "/apache/error.log").read()[-2000:])
    assert c.get("/portal/static/portal.css").status == 200
    login(c, "planner@klant.example")
    home = visit(c, "/portal/")
    assert "planner" in home.text.lower() or "Planning" in home.text
    week = visit(c, "/portal/planning/")
    assert "Team A1" in week.text or "Inpak" in week.text
    # A form through CGI: the language, and back.
    r = c.post("/portal/lang", {"csrf": home.csrf(), "lang": "en", "next": "/"})
    assert r.status == 303, (r.status, r.text[:300])
    assert_prefixed(r, "lang")
    assert "Log out" in visit(c, "/portal/").text or "Sign out" in c.get("/portal/").text


def test_zz_stop():
    stop_all()
    subprocess.run(["apache2", "-d", T + "/apache", "-f", T + "/apache/httpd.conf", "-k", "stop"],
                   capture_output=True, env=dict(os.environ, APACHE_RUN_DIR=T + "/apache"))
    db_root("DROP DATABASE IF EXISTS %s; DROP USER IF EXISTS inst_admin@localhost, inst_portal@localhost" % DB)


try:
    run(globals())
finally:
    stop_all()

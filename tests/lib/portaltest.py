"""portaltest.py: what the HTTP tests share — the test stack's addresses,
an HTTPS client that keeps cookies like a browser, the database, the mail
sink, and TAP output ("ok N - name" / "not ok N - name") for tests/run.sh.

Tests are functions named after the behaviour they prove; run(globals())
runs them in the order they are defined.
"""
import base64
import email
import email.policy
import hashlib
import hmac
import struct
import glob
import http.client
import io
import json
import os
import re
import ssl
import subprocess
import sys
import time
import traceback
import urllib.parse
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.environ.setdefault("PORTAL_CONF", "conf/test.hdf")
CTL = os.path.join(ROOT, "build", "sbin", "portalctl")


def conf(key):
    return subprocess.run([CTL, "config-get", key], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


def abspath(p):
    return p if os.path.isabs(p) else os.path.join(ROOT, p)


BASE = conf("Portal.BaseURL")
HTTPS_PORT = int(conf("Stack.HttpsPort"))
HTTP_PORT = int(conf("Stack.HttpPort"))
VAR = abspath(conf("Paths.Var"))
RUN = abspath(conf("Paths.Run"))
LOG = abspath(conf("Paths.Log"))
MAILDIR = abspath(conf("Stack.MailDir"))
DB_SOCK = abspath(conf("Database.Socket"))
DB_NAME = conf("Database.Name")
CERT = os.path.join(VAR, "tls", "cert.pem")


class Response:
    def __init__(self, r, body):
        self.status = r.status
        self.headers = r.headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)

    def all(self, name):
        return self.headers.get_all(name) or []

    def json(self):
        return json.loads(self.text)

    def csrf(self):
        m = re.search(r'name="csrf" value="([^"]*)"', self.text)
        return m.group(1) if m else None


class Client:
    """A browser-like client: keeps cookies, verifies the stack's certificate,
    sends Origin on POST unless told otherwise, never follows redirects."""

    def __init__(self, base=None, port=None, cafile=None):
        self.cookies = {}
        self.base = base or BASE        # the Origin of its forms
        self.port = port or HTTPS_PORT  # another portal than the test stack's
        self.ctx = ssl.create_default_context(cafile=cafile or CERT)
        self.timeout = 30  # seconds a request may take before it raises

    def request(self, method, path, body=None, headers=None, origin=True):
        h = {"User-Agent": "portaltest"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if method == "POST" and origin:
            h["Origin"] = self.base
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        c = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=self.timeout)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        resp = Response(r, r.read())
        c.close()
        for sc in resp.all("Set-Cookie"):
            name, _, rest = sc.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in sc:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, body=fields, **kw)


def multipart(fields, filename, content, ctype="application/pdf", name="file"):
    """A multipart/form-data body of fields and one file (none when filename
    is None), and its Content-Type."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                   % (boundary, k, v)).encode())
    if filename is not None:
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode())
        out.write(content)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def routes():
    """Every route of every binary, as the binaries tell (`X.fcgi --routes`):
    dicts with method, path, perm, the flags and the params."""
    out = []
    for binary in sorted(glob.glob(os.path.join(ROOT, "build", "cgi-bin", "*.fcgi"))):
        env = {k: v for k, v in os.environ.items() if k not in ("GATEWAY_INTERFACE", "REQUEST_METHOD")}
        r = subprocess.run([binary, "--routes"], cwd=ROOT, env=env, check=True, capture_output=True,
                           text=True)
        for route in json.loads(r.stdout):
            route["binary"] = os.path.basename(binary)[:-5]
            out.append(route)
    return out


def fill_path(path, value="1"):
    """A route's path with its :parameters given: a token's 43 characters,
    value for the rest."""
    return re.sub(r":(\w+)", lambda m: "A" * 43 if m.group(1) == "token" else value, path)


def plain_http(method, path):
    c = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
    c.request(method, path)
    r = c.getresponse()
    resp = Response(r, r.read())
    c.close()
    return resp


def sql(query):
    """Runs SQL as the database's root; returns rows as lists of strings."""
    out = subprocess.run(["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", DB_SOCK,
                          "-u", "root", "-N", "-B", DB_NAME, "-e", query], check=True, capture_output=True,
                         text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def stack(*args):
    return subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "--test"] + list(args),
                          cwd=ROOT, check=True, capture_output=True, text=True)


def portalctl(*args):
    return subprocess.run([CTL] + list(args), cwd=ROOT, capture_output=True, text=True)


def mails():
    """Every message in the sink, parsed."""
    out = []
    for f in sorted(glob.glob(os.path.join(MAILDIR, "*.eml"))):
        with open(f, "rb") as fh:
            out.append(email.message_from_binary_file(fh, policy=email.policy.default))
    return out


def wait_until(cond, seconds=15, step=0.2):
    end = time.time() + seconds
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(step)
    return cond()


def pid_of(name):
    with open(os.path.join(RUN, name + ".pid")) as f:
        return int(f.read().strip())


def running(pid):
    """Is pid a live process (not a zombie that no init reaps)?"""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def log_text(prefix):
    text = ""
    for f in glob.glob(os.path.join(LOG, prefix + "*.log")):
        with open(f, errors="replace") as fh:
            text += fh.read()
    return text


DEMO_PASSWORD = "Flexportal-demo-2026"
DEMO_TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp(secret_b32=DEMO_TOTP, step=None):
    """RFC 6238: the six-digit code of a time step (30 s)."""
    if step is None:
        step = int(time.time()) // 30
    key = base64.b32decode(secret_b32.replace(" ", "").upper() + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1000000)


def fresh_step(email):
    """A time step the server has not accepted yet for this account (a code
    is taken once): within the ±1 window, or the next one after a wait."""
    rows = sql("SELECT c.totp_last_step FROM credentials c JOIN users u ON u.id = c.user_id"
               " WHERE u.email = '%s'" % email)
    last = int(rows[0][0]) if rows else 0
    while True:
        now = int(time.time()) // 30
        for step in (now - 1, now, now + 1):
            if step > last:
                return step
        time.sleep(1)


def login(email, password=DEMO_PASSWORD, client=None, secret=DEMO_TOTP, **extra):
    """Logs in through the form like a browser, with the TOTP step when the
    account has one; paced under nginx's rate limit on POST /login.
    Returns (client, last response)."""
    c = client or Client()
    tok = c.get("/login").csrf()
    time.sleep(0.25)
    fields = {"csrf": tok, "email": email, "password": password}
    fields.update(extra)
    r = c.post("/login", fields)
    if r.status == 303 and r.header("Location") == "/login/totp":
        tok = c.get("/login/totp").csrf()
        r = c.post("/login/totp", {"csrf": tok, "code": totp(secret, fresh_step(email))})
    return c, r


_signed_in = {}


def signed_in(email):
    """A client signed in as email (second factor and all), one login per
    test run."""
    if email not in _signed_in:
        c, r = login(email)
        assert r.status == 303, (email, r.status, r.text[:300])
        _signed_in[email] = c
    return _signed_in[email]


def run(namespace):
    tests = [(n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f)]
    failed = 0
    for i, (name, fn) in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (i, name[5:]), flush=True)
        except Exception:
            failed += 1
            print("not ok %d - %s" % (i, name[5:]), flush=True)
            for line in traceback.format_exc().rstrip().splitlines():
                print("#   " + line, flush=True)
    print("1..%d" % len(tests), flush=True)
    sys.exit(1 if failed else 0)

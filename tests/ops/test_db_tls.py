"""test_db_tls.py: the portal's programs and a MariaDB server reached over
TCP (lib/db.c, Database.TLS and Database.CAFile). A server of its own on
loopback, with a certificate of a CA made here for 127.0.0.1 (and the
machine's own address, when it has one), whose portal user REQUIRE SSL:
a program connects over TLS when the server's certificate is of the CA it
is given and names the address it dials; with another CA, or another
address, it does not connect at all. Database.TLS = auto keeps this
machine's loopback plain (and so is refused by this server) and takes
TLS to any other address; off never does."""
import getpass
import os
import re
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import HTTPS_PORT, ROOT, VAR, run  # noqa: E402

D = os.path.join(VAR, "dbtls")
PORT = 3390 + HTTPS_PORT - 9443
ME = getpass.getuser()
state = {}


def sh(*args, **kw):
    r = subprocess.run(list(args), capture_output=True, text=True, timeout=120, **kw)
    assert r.returncode == 0, (args, r.stdout + r.stderr)
    return r.stdout


def lan_address():
    """The machine's own address, not loopback, or None."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    except OSError:
        return None
    v4 = [a for a in out if re.match(r"^\d+\.\d+\.\d+\.\d+$", a) and not a.startswith("127.")]
    return v4[0] if v4 else None


def make_ca(name):
    key, crt = os.path.join(D, name + ".key"), os.path.join(D, name + ".pem")
    sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=" + name)
    return key, crt


def sql(query):
    return sh("mariadb", "--no-defaults", "-S", os.path.join(D, "mysqld.sock"), "-u", "root", "-N", "-B",
              "-e", query)


def ctl(conf_lines, *args):
    conf = os.path.join(D, "portal.hdf")
    with open(conf, "w") as f:
        f.write('#include "%s"\nPaths.Var = %s\nDatabase.Socket =\nDatabase.Port = %d\n%s\n'
                % (os.path.join(ROOT, os.environ["PORTAL_CONF"]), os.path.join(D, "var"), PORT, conf_lines))
    return subprocess.run([os.path.join(ROOT, "build", "sbin", "portalctl")] + list(args), cwd=ROOT,
                          env=dict(os.environ, PORTAL_CONF=conf), capture_output=True, text=True, timeout=120)


def refused_for_tls(r):
    text = r.stdout + r.stderr
    return r.returncode != 0 and "cannot connect to MariaDB: TLS/SSL error" in text, text


def test_a_server_with_a_certificate_and_users_that_require_tls():
    subprocess.run(["pkill", "-f", "datadir=" + os.path.join(D, "data")], capture_output=True)
    shutil.rmtree(D, ignore_errors=True)
    os.makedirs(os.path.join(D, "var"))
    state["lan"] = lan_address()
    ca_key, ca = make_ca("portal-test-ca")
    make_ca("another-ca")
    key, csr, crt = (os.path.join(D, n) for n in ("server.key", "server.csr", "server.pem"))
    sans = "IP:127.0.0.1" + (",IP:" + state["lan"] if state["lan"] else "")
    sh("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
       "-out", csr, "-subj", "/CN=db.test")
    ext = os.path.join(D, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=%s\n" % sans)
    sh("openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
       "-out", crt, "-extfile", ext)
    data = os.path.join(D, "data")
    sh("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=" + ME,
       "--auth-root-authentication-method=socket", "--auth-root-socket-user=" + ME, "--skip-test-db")
    binds = "127.0.0.1,127.0.0.2" + ("," + state["lan"] if state["lan"] else "")
    subprocess.Popen(["mariadbd", "--no-defaults", "--datadir=" + data, "--user=" + ME,
                      "--socket=" + os.path.join(D, "mysqld.sock"), "--port=%d" % PORT, "--bind-address=" + binds,
                      "--pid-file=" + os.path.join(D, "mysqld.pid"), "--log-error=" + os.path.join(D, "error.log"),
                      "--ssl-cert=" + crt, "--ssl-key=" + key, "--ssl-ca=" + ca,
                      "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        raise AssertionError(open(os.path.join(D, "error.log")).read()[-2000:])
    r = ctl("Database.Host = 127.0.0.1", "init-secrets")
    assert r.returncode == 0, r.stderr
    pw = re.search(r"^Database\.Password = (\S+)$", open(os.path.join(D, "var", "secrets.hdf")).read(),
                   re.M).group(1)
    sql("CREATE DATABASE flexportal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
        "CREATE USER 'portal'@'%%' IDENTIFIED BY '%s' REQUIRE SSL;"
        "GRANT ALL PRIVILEGES ON flexportal.* TO 'portal'@'%%'" % pw)
    state["ca"] = ca
    print("# the machine's own address: %s" % (state["lan"] or "none (its cases are skipped)"))


def test_verify_connects_over_tls_to_the_certificate_of_its_ca():
    r = ctl("Database.Host = 127.0.0.1\nDatabase.TLS = verify\nDatabase.CAFile = %s" % state["ca"], "migrate")
    assert r.returncode == 0, r.stdout + r.stderr
    r = ctl("Database.Host = 127.0.0.1\nDatabase.TLS = verify\nDatabase.CAFile = %s" % state["ca"], "audit-verify")
    assert r.returncode == 0, r.stdout + r.stderr
    assert sql("SELECT COUNT(*) FROM flexportal.schema_migrations").strip() != "0"


def test_another_ca_or_another_address_is_no_connection():
    ok, text = refused_for_tls(ctl("Database.Host = 127.0.0.1\nDatabase.TLS = verify\nDatabase.CAFile = %s"
                                   % os.path.join(D, "another-ca.pem"), "audit-verify"))
    assert ok, text
    # 127.0.0.2 is this server too, but its certificate does not name it.
    ok, text = refused_for_tls(ctl("Database.Host = 127.0.0.2\nDatabase.TLS = verify\nDatabase.CAFile = %s"
                                   % state["ca"], "audit-verify"))
    assert ok, text
    # No CA given: the system's CAs, which did not sign it.
    ok, text = refused_for_tls(ctl("Database.Host = 127.0.0.1\nDatabase.TLS = verify", "audit-verify"))
    assert ok, text


def test_auto_keeps_loopback_plain_and_takes_tls_elsewhere_and_off_never_does():
    r = ctl("Database.Host = 127.0.0.1\nDatabase.TLS = auto\nDatabase.CAFile = %s" % state["ca"], "audit-verify")
    assert r.returncode != 0 and "Access denied" in r.stdout + r.stderr, r.stdout + r.stderr
    if not state["lan"]:
        print("# skipped: no address but loopback")
        return
    lan = "Database.Host = %s\nDatabase.CAFile = %s\n" % (state["lan"], state["ca"])
    r = ctl(lan + "Database.TLS = auto", "audit-verify")
    assert r.returncode == 0, r.stdout + r.stderr
    ok, text = refused_for_tls(ctl("Database.Host = %s\nDatabase.TLS = auto\nDatabase.CAFile = %s"
                                   % (state["lan"], os.path.join(D, "another-ca.pem")), "audit-verify"))
    assert ok, text
    r = ctl(lan + "Database.TLS = off", "audit-verify")
    assert r.returncode != 0 and "Access denied" in r.stdout + r.stderr, r.stdout + r.stderr


def test_zz_stop():
    pid = open(os.path.join(D, "mysqld.pid")).read().strip()
    subprocess.run(["kill", pid])
    for _ in range(100):
        if not os.path.exists(os.path.join("/proc", pid)):
            break
        time.sleep(0.2)


if __name__ == "__main__":
    run(globals())

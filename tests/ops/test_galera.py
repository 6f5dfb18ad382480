"""test_galera.py: the portal on a three-node MariaDB Galera cluster on
loopback (scripts/galera.sh), with a stack of its own (its nginx, two
instances of every program, worker, SMTP sink, back-office simulator)
whose configuration names the three nodes (Database.Hosts).

The node the programs use is killed (SIGKILL) in the middle of uploads
and page views: every upload the portal confirmed is there afterwards, on
every node, and no request failed. Then the documents programs are pointed at two different
nodes and two clients' documents are uploaded through both at once: no
write set fails certification (wsrep_local_cert_failures and
wsrep_local_bf_aborts stay as they were) — no row that every client's
writes touch. The control: one document's retention extended through
both nodes at once conflicts, and the portal does each again.""" 
import collections
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import portaltest  # noqa: E402
from portaltest import (HTTP_PORT, HTTPS_PORT, ROOT, VAR, Client, conf, fresh_step, run, totp,  # noqa: E402
                        DEMO_PASSWORD, DEMO_TOTP)

G = os.path.join(VAR, "galera")
S = os.path.join(VAR, "gstack")
OFF = HTTPS_PORT - 9443
GPORT = 3310 + OFF
NODES = ["127.0.0.1:%d" % (GPORT + n) for n in (1, 2, 3)]
PORT = HTTPS_PORT + 500
BASE = "https://127.0.0.1:%d" % PORT
CONF = os.path.join(VAR, "ops", "galera.hdf")
TAG = uuid.uuid4().hex[:6]
ENV = dict(os.environ, GALERA_PORT=str(GPORT))
state = {}


def galera(*args):
    r = subprocess.run([os.path.join(ROOT, "scripts", "galera.sh"), G] + list(args), cwd=ROOT, env=ENV,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def node_sql(n, query, db="flexportal"):
    out = subprocess.run(["mariadb", "--no-defaults", "-S", os.path.join(G, "node%d" % n, "mysqld.sock"), "-u",
                          "root", "-N", "-B"] + ([db] if db else []) + ["-e", query], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def gstack(*args, conf_file=CONF):
    r = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh")] + list(args), cwd=ROOT,
                       env=dict(ENV, PORTAL_CONF=conf_file), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def ctl(*args):
    return subprocess.run([os.path.join(ROOT, "build", "sbin", "portalctl")] + list(args), cwd=ROOT,
                          env=dict(ENV, PORTAL_CONF=CONF), capture_output=True, text=True)


def client():
    portaltest.CERT = os.path.join(S, "tls", "cert.pem")
    return Client(base=BASE, port=PORT, cafile=os.path.join(S, "tls", "cert.pem"))


def login(email, n=1):
    c = client()
    tok = c.get("/login").csrf()
    time.sleep(0.25)
    r = c.post("/login", {"csrf": tok, "email": email, "password": DEMO_PASSWORD})
    if r.status == 303 and r.header("Location") == "/login/totp":
        rows = node_sql(n, "SELECT c.totp_last_step FROM credentials c JOIN users u ON u.id = c.user_id"
                           " WHERE u.email = '%s'" % email)
        last = int(rows[0][0]) if rows and rows[0][0] != "NULL" else 0
        while True:
            now = int(time.time()) // 30
            steps = [s for s in (now - 1, now, now + 1) if s > last]
            if steps:
                break
            time.sleep(1)
        r = c.post("/login/totp", {"csrf": c.get("/login/totp").csrf(), "code": totp(DEMO_TOTP, steps[0])})
    assert r.status == 303, (email, r.status)
    return c


def upload(c, unit, title):
    page = c.get("/documents/new")
    if page.status != 200:
        return page
    body, ct = portaltest.multipart({"csrf": page.csrf(), "type": "other", "title": title, "unit": unit,
                                     "person": ""}, "g.pdf", ("%%PDF-1.4\n%% %s\n%%%%EOF\n" % title).encode())
    return c.request("POST", "/documents/", body=body, headers={"Content-Type": ct})


def test_a_three_node_cluster_runs_the_portal():
    subprocess.run([os.path.join(ROOT, "scripts", "galera.sh"), G, "stop"], cwd=ROOT, env=ENV, capture_output=True)
    subprocess.run(["rm", "-rf", G, S])
    os.makedirs(os.path.dirname(CONF), exist_ok=True)
    smtp, bo = int(conf("Stack.SmtpPort")) + 500, int(conf("Stack.BackofficePort")) + 500
    with open(CONF, "w") as f:
        f.write('#include "%s"\n' % os.path.join(ROOT, os.environ["PORTAL_CONF"]) +
                "Paths.Var = %s\nPortal.BaseURL = %s\nDatabase.Hosts = %s\nDatabase.Name = flexportal\n"
                "Mail.URL = smtp://127.0.0.1:%d\nBackoffice.URL = http://127.0.0.1:%d\n"
                "Stack.HttpsPort = %d\nStack.HttpPort = %d\nStack.SmtpPort = %d\nStack.BackofficePort = %d\n"
                "Monitor.Certificate =\n"
                % (S, BASE, " ".join(NODES), smtp, bo, PORT, HTTP_PORT + 500, smtp, bo))
    t0 = time.time()
    galera("start")
    print("# three nodes Synced in %.0f s" % (time.time() - t0))
    os.makedirs(S)
    r = ctl("init-secrets")
    assert r.returncode == 0, r.stderr
    pw = re.search(r"^Database\.Password = (\S+)$", open(os.path.join(S, "secrets.hdf")).read(), re.M).group(1)
    node_sql(1, "CREATE DATABASE flexportal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                "CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY '%s';"
                "GRANT ALL PRIVILEGES ON flexportal.* TO 'portal'@'127.0.0.1'" % pw, db="")
    gstack("start")
    r = ctl("seed-demo")
    assert r.returncode == 0, r.stdout + r.stderr
    for n in (1, 2, 3):
        assert node_sql(n, "SHOW STATUS LIKE 'wsrep_cluster_size'", db="")[0][1] == "3"
        assert node_sql(n, "SELECT COUNT(*) FROM users")[0][0] != "0"
    h = client().get("/healthz").json()
    assert h["database"] == "up", h


def test_a_node_killed_in_the_middle_of_writes_loses_no_confirmed_write():
    admin = login("admin@uitzendbureau.example")
    viewer = login("planner@klant.example")
    unit = node_sql(1, "SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")[0][0]
    stop = threading.Event()
    confirmed, failed, views = [], collections.Counter(), collections.Counter()

    def writes():
        i = 0
        while not stop.is_set():
            i += 1
            title = "Galera %s %d" % (TAG, i)
            r = upload(admin, unit, title)
            if r.status == 303:
                confirmed.append(title)
            else:
                failed[r.status] += 1

    def reads():
        while not stop.is_set():
            for p in ("/", "/planning/", "/documents/"):
                views[viewer.get(p).status] += 1

    threads = [threading.Thread(target=writes), threading.Thread(target=reads)]
    for t in threads:
        t.start()
    time.sleep(4)
    # Node 1: the first of Database.Hosts, the one every program uses.
    galera("kill", "1")
    time.sleep(8)
    stop.set()
    for t in threads:
        t.join(60)
    print("# %d uploads confirmed, %s failed; page views %s" % (len(confirmed), dict(failed), dict(views)))
    assert len(confirmed) > 20 and not failed, (len(confirmed), failed)
    assert set(views) == {200}, views
    for n in (2, 3):
        there = {r[0] for r in node_sql(n, "SELECT title FROM documents WHERE title LIKE 'Galera %s %%'" % TAG)}
        assert set(confirmed) <= there, (n, set(confirmed) - there)
    # Node 1 joins again and has them too.
    galera("start-node", "1")
    there = {r[0] for r in node_sql(1, "SELECT title FROM documents WHERE title LIKE 'Galera %s %%'" % TAG)}
    assert set(confirmed) <= there, set(confirmed) - there


def counters():
    out = collections.Counter()
    for n in (1, 2, 3):
        for name, value in node_sql(n, "SHOW STATUS WHERE Variable_name IN ('wsrep_local_cert_failures',"
                                       " 'wsrep_local_bf_aborts')", db=""):
            out[name] += int(value)
    return out


def test_two_clients_written_through_two_nodes_at_once_never_conflict():
    # documents-1 on node 1, documents-2 on node 3.
    run_dir = os.path.join(S, "run")
    for i, first in ((1, 0), (2, 2)):
        overlay = os.path.join(VAR, "ops", "galera-%d.hdf" % i)
        with open(overlay, "w") as f:
            f.write('#include "%s"\nDatabase.Hosts = %s\n' % (CONF, " ".join(NODES[first:] + NODES[:first])))
        pid = int(open(os.path.join(run_dir, "documents-%d.pid" % i)).read())
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        os.unlink(os.path.join(run_dir, "documents-%d.sock" % i))
        p = subprocess.Popen(["spawn-fcgi", "-n", "-s", os.path.join(run_dir, "documents-%d.sock" % i), "-M", "0660",
                              "--", os.path.join(ROOT, "build", "cgi-bin", "documents.fcgi")], cwd=ROOT,
                             env=dict(ENV, PORTAL_CONF=overlay), stdout=open(os.path.join(S, "log", "g%d.log" % i), "a"),
                             stderr=subprocess.STDOUT, start_new_session=True)
        with open(os.path.join(run_dir, "documents-%d.pid" % i), "w") as f:
            f.write(str(p.pid))
    time.sleep(1)
    # Two sessions (as two people of the agency would have).
    a = login("admin@uitzendbureau.example")
    b = login("admin@uitzendbureau.example")
    units = {c: node_sql(1, "SELECT id FROM org_units WHERE name = '%s'" % t)[0][0]
             for c, t in (("Klant NV", "Team A1 — Inpak"), ("Andere Klant BV", "Team Gent 1"))}
    before = counters()
    results = collections.Counter()

    def writes(c, unit, who):
        for i in range(60):
            r = upload(c, unit, "Two %s %s %d" % (TAG, who, i))
            results[(who, r.status)] += 1

    threads = [threading.Thread(target=writes, args=(a, units["Klant NV"], "a")),
               threading.Thread(target=writes, args=(b, units["Andere Klant BV"], "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    after = counters()
    # Both nodes took writes.
    used = {n: int(node_sql(n, "SHOW STATUS LIKE 'wsrep_local_commits'", db="")[0][1]) for n in (1, 3)}
    print("# 2 x 60 uploads at two clients through nodes 1 and 3: %s; conflicts before %s, after %s;"
          " commits per node %s" % (dict(results), dict(before), dict(after), used))
    assert dict(results) == {("a", 303): 60, ("b", 303): 60}, dict(results)
    assert after == before, (before, after)
    state["sessions"] = (a, b, units["Klant NV"])


def test_one_row_written_through_two_nodes_at_once_conflicts_and_is_done_again():
    """The control: the retention of one document extended through two
    nodes at once, over and over. The cluster refuses one write set of two
    that meet on that row, and the portal does it again: every extension
    is confirmed and is there once."""
    a, b, unit = state["sessions"]
    assert upload(a, unit, "Shared %s" % TAG).status == 303
    doc = node_sql(1, "SELECT id FROM documents WHERE title = 'Shared %s'" % TAG)[0][0]
    before = counters()
    results = collections.Counter()

    def extend(c, who):
        c.timeout = 120
        for i in range(40):
            page = c.get("/documents/%s/extend" % doc)
            r = c.post("/documents/%s/extend" % doc, {"csrf": page.csrf(), "reason": "%s %s %d" % (TAG, who, i)})
            results[r.status] += 1

    threads = [threading.Thread(target=extend, args=(a, "a")), threading.Thread(target=extend, args=(b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    after = counters()
    again = sum(open(os.path.join(S, "log", "g%d.log" % i)).read().count("is done again") for i in (1, 2))
    print("# 2 x 40 extensions of one document through nodes 1 and 3: %s; conflicts %s -> %s; done again %d"
          % (dict(results), dict(before), dict(after), again))
    assert dict(results) == {303: 80}, dict(results)
    assert after["wsrep_local_cert_failures"] + after["wsrep_local_bf_aborts"] > \
        before["wsrep_local_cert_failures"] + before["wsrep_local_bf_aborts"], (before, after)
    assert again > 0


def test_zz_stop():
    subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "stop"], cwd=ROOT, env=dict(ENV, PORTAL_CONF=CONF),
                   capture_output=True)
    galera("stop")


run(globals())

"""test_monitoring.py: /healthz, /metrics, portalctl status, the workers'
alert mails and the request log as Prometheus metrics (mtail), on the test
stack.

The alerts are driven by two more workers with thresholds of their own
(two hosts sharing the database): a threshold crossed gives one mail
however many rounds and workers see it, and its end one more."""
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import (CTL, LOG, ROOT, VAR, Client, mails, portalctl, run, running, sql,  # noqa: E402
                        wait_until)

T = os.path.join(VAR, "ops", "monitoring")
OPS = "ops@uitzendbureau.example"
CONF = os.environ["PORTAL_CONF"]


def overlay(name, **settings):
    """A configuration of the test stack's with some settings changed."""
    os.makedirs(T, exist_ok=True)
    path = os.path.join(T, name + ".hdf")
    with open(path, "w") as f:
        f.write('#include "%s"\n' % os.path.join(ROOT, CONF))
        for k, v in settings.items():
            f.write("%s = %s\n" % (k.replace("_", "."), v))
    return path


def cgi(path, addr):
    """home.fcgi as plain CGI from another address than the stack's."""
    env = {"PORTAL_CONF": CONF, "PATH": "/usr/bin:/bin", "REQUEST_METHOD": "GET", "PATH_INFO": path,
           "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": addr}
    out = subprocess.run([os.path.join(ROOT, "build", "cgi-bin", "home.fcgi")], cwd=ROOT, env=env,
                         capture_output=True).stdout.decode()
    head, _, body = out.partition("\r\n\r\n")
    return head, body


def test_healthz_tells_the_monitoring_everything_and_others_only_up_or_down():
    r = Client().get("/healthz")
    assert r.status == 200, r.status
    h = r.json()
    assert h["database"] == "up" and h["status"] in ("ok", "warning"), h
    assert set(h["outbox"]) == {"backlog", "oldest_age_seconds", "dead"}, h
    assert h["store"]["free_mb"] > 0 and 0 <= h["store"]["free_percent"] <= 100, h
    # The stack's own certificate, made for 825 days.
    assert 800 <= h["certificate"]["days_left"] <= 825, h
    assert isinstance(h["problems"], list)
    assert (h["status"] == "ok") == (h["problems"] == []), h
    head, body = cgi("/healthz", "192.0.2.7")
    assert json.loads(body) == {"status": h["status"], "database": "up"}, body


def test_metrics_are_prometheus_text_for_the_monitoring_only():
    r = Client().get("/metrics")
    assert r.status == 200 and r.header("Content-Type").startswith("text/plain; version=0.0.4"), r.status
    samples = dict(re.findall(r"^(flexportal_\w+(?:\{[^}]*\})?) (\S+)$", r.text, re.M))
    assert samples["flexportal_database_up"] == "1", r.text
    for name in ("flexportal_outbox_backlog", "flexportal_outbox_dead", "flexportal_store_free_bytes",
                 "flexportal_certificate_days_left", 'flexportal_problem{kind="disk"}'):
        assert name in samples, (name, r.text)
    assert all(re.match(r"^# (HELP|TYPE) flexportal_", line) or re.match(r"^flexportal_\w+(\{[^}]*\})? \S+$", line)
               for line in r.text.splitlines()), r.text
    head, body = cgi("/metrics", "192.0.2.7")
    assert head.startswith("Status: 404"), head
    assert "flexportal_" not in body


def test_portalctl_status_prints_the_same_and_exits_1_when_a_threshold_is_crossed():
    r = subprocess.run([CTL, "status"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=overlay("calm", Monitor_DeadLetters=1000000)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"^status +ok$", r.stdout, re.M) and re.search(r"^database +up$", r.stdout, re.M), r.stdout
    assert re.search(r"^certificate .* 8\d\d days left$", r.stdout, re.M), r.stdout
    # A certificate of five days: time to renew it.
    short = os.path.join(T, "short.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", os.path.join(T, "short.key"), "-out", short, "-days", "5",
                    "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    r = subprocess.run([CTL, "status"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=overlay("renew", Monitor_Certificate=short,
                                                               Monitor_DeadLetters=1000000)))
    assert r.returncode == 1 and re.search(r"^certificate .*: [45] days left  RENEW$", r.stdout, re.M) and re.search(r"^status +WARNING$", r.stdout, re.M), r.stdout
    r = subprocess.run([CTL, "status"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=overlay("nodb", Database_Socket=T + "/none.sock")))
    assert r.returncode == 1 and re.search(r"^database +DOWN$", r.stdout, re.M), r.stdout


def workers(conf, n=2):
    """n workers with conf, as on n hosts."""
    out = []
    for i in range(n):
        log = open(os.path.join(T, "worker-%d.log" % i), "ab")
        out.append(subprocess.Popen([os.path.join(ROOT, "build", "sbin", "portal-worker"), "--outbox"], cwd=ROOT,
                                    env=dict(os.environ, PORTAL_CONF=conf), stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True))
    return out


def stop(procs):
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(15)


def alerts():
    return [m for m in mails() if m["To"].addresses[0].addr_spec == OPS]


def test_a_crossed_threshold_is_mailed_once_and_its_end_once_by_several_workers():
    sql("DELETE FROM incidents WHERE kind = 'disk'")  # an earlier run's
    before = len(alerts())
    # Every store is fuller than this: a disk incident.
    full = overlay("full", Monitor_AlertEmail=OPS, Monitor_CheckMinutes=0, Monitor_DiskFreePercent=99,
                   Monitor_DeadLetters=1000000)
    ws = workers(full)
    try:
        assert wait_until(lambda: len(alerts()) > before, 30), "no alert"
        time.sleep(5)  # rounds of both workers go by
        new = alerts()[before:]
        assert len(new) == 1, [m["Subject"] for m in new]
        assert "disk" in new[0]["Subject"] and "99 %" in new[0].get_content(), new[0].get_content()
        assert sql("SELECT COUNT(*) FROM incidents WHERE kind = 'disk' AND closed_at IS NULL") == [["1"]]
    finally:
        stop(ws)
    # The same workers with room enough: it is over, told once.
    calm = overlay("calm-alert", Monitor_AlertEmail=OPS, Monitor_CheckMinutes=0, Monitor_DiskFreePercent=0,
                   Monitor_DeadLetters=1000000)
    ws = workers(calm)
    try:
        assert wait_until(lambda: len(alerts()) > before + 1, 30), "no end"
        time.sleep(5)
        new = alerts()[before:]
        assert len(new) == 2, [m["Subject"] for m in new]
        assert "disk" in new[1]["Subject"] and new[1]["Subject"] != new[0]["Subject"], new[1]["Subject"]
        assert sql("SELECT COUNT(*) FROM incidents WHERE kind = 'disk' AND closed_at IS NULL") == [["0"]]
    finally:
        stop(ws)


def test_the_request_log_becomes_prometheus_metrics_with_mtail():
    c = Client()
    for _ in range(3):
        assert c.get("/login").status == 200
    logs = [os.path.join(LOG, f) for f in os.listdir(LOG) if f.startswith("login-")]
    r = subprocess.run(["mtail", "--one_shot", "--progs", os.path.join(ROOT, "conf", "mtail"), "--logtostderr"]
                       + sum([["--logs", f] for f in logs], []), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    m = json.loads(r.stdout)
    series = {tuple(v["Labels"]): v["Value"]["Value"] for v in m["flexportal_requests_total"][0]["LabelValues"]}
    assert series.get(("login", "GET", "/login", "200"), 0) >= 3, series


run(globals())

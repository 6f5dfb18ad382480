#!/usr/bin/python3
"""nginx-conf.py: writes the portal's nginx configuration from
conf/nginx/*.in, for scripts/stack.sh and `make install` alike.

  nginx-conf.py OUTDIR --modules "login home ..." --sockets DIR [options]

OUTDIR gets flexportal-http.conf (for the http { } block: upstreams, rate
limits, log format), flexportal-locations.conf (for inside a server { }
block: everything below --prefix) and flexportal-server.conf (a server of
its own: HTTP redirect, TLS), with fastcgi.conf and static-headers.conf
beside them."""
import argparse
import os
import shutil

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conf", "nginx")

ap = argparse.ArgumentParser()
ap.add_argument("outdir")
ap.add_argument("--modules", required=True, help="the programs, space-separated")
ap.add_argument("--sockets", required=True, help="folder of the sockets MODULE-N.sock")
ap.add_argument("--instances", type=int, default=2)
ap.add_argument("--prefix", default="", help="Portal.Prefix: /portal, or empty")
ap.add_argument("--static", required=True, help="the folder of the static files")
ap.add_argument("--snippets", help="where the files are read by nginx (default: OUTDIR)")
ap.add_argument("--access-log", required=True)
ap.add_argument("--max-body", default="1m")
ap.add_argument("--max-upload", default="21m")
ap.add_argument("--listen-http", default="80")
ap.add_argument("--listen-https", default="443")
ap.add_argument("--https-port", default="443")
ap.add_argument("--cert", default="/etc/ssl/flexportal/fullchain.pem")
ap.add_argument("--key", default="/etc/ssl/flexportal/privkey.pem")
ap.add_argument("--extra", default="", help="a file of more locations (the stack's bench pages)")
a = ap.parse_args()

prefix = a.prefix.rstrip("/")
snippets = a.snippets or a.outdir
modules = a.modules.split()

upstreams = ""
locations = ""
for m in modules:
    upstreams += "upstream flexportal_%s {\n" % m
    for i in range(1, a.instances + 1):
        upstreams += "    server unix:%s/%s-%d.sock max_fails=0;\n" % (a.sockets, m, i)
    upstreams += "}\n"
    if m not in ("login", "home"):
        locations += ("    location %s/%s/ {\n"
                      "        # Uploads: the portal refuses a big body on every other route.\n"
                      "        client_max_body_size %s;\n"
                      "        include %s/fastcgi.conf;\n"
                      "        fastcgi_pass flexportal_%s;\n"
                      "    }\n") % (prefix, m, a.max_upload, snippets, m)

subst = {
    "@UPSTREAMS@": upstreams,
    "@MODULE_LOCATIONS@": locations,
    "@STACK_EXTRA@": open(a.extra).read() if a.extra else "",
    "@PREFIX_REDIRECT@": ("location = %s {\n    return 301 %s/;\n}\n" % (prefix, prefix)) if prefix else "",
    "@ROOT_REDIRECT@": ("    location = / {\n        return 302 %s/;\n    }\n" % prefix) if prefix else "",
    "@LISTEN_HTTP@": a.listen_http,
    "@LISTEN_HTTPS@": a.listen_https,
    "@HTTPS_PORT@": "" if a.https_port == "443" else ":" + a.https_port,
    "@TLS_CERT@": a.cert,
    "@TLS_KEY@": a.key,
    "@MAX_BODY@": a.max_body,
    "@PREFIX@": prefix,
    "@STATIC@": a.static.rstrip("/"),
    "@SNIPPETS@": snippets,
    "@ACCESS_LOG@": a.access_log,
}
os.makedirs(a.outdir, exist_ok=True)
for name in ("http", "locations", "server"):
    s = open(os.path.join(HERE, name + ".conf.in")).read()
    for k, v in subst.items():
        s = s.replace(k, v)
    with open(os.path.join(a.outdir, "flexportal-%s.conf" % name), "w") as f:
        f.write(s)
for name in ("fastcgi.conf", "static-headers.conf"):
    shutil.copy(os.path.join(HERE, name), os.path.join(a.outdir, name))

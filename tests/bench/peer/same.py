#!/usr/bin/python3
"""same.py: do the portal's week view and the peer's show the same grid? For make bench.

    same.py LABEL PORTAL.html PEER.html

Reads the table.week of each page: per row (the open shifts' row, then the
workers by name) and per day the availability (its class, and the times
where only some are) and every shift (its times, busy elsewhere or its
state). Words are left out: the two speak different languages. Prints
what it compared; exits 1 with the first difference when there is one.
"""
import re
import sys
from html.parser import HTMLParser

TIMES = re.compile(r"\d\d:\d\d–\d\d:\d\d")


class Grid(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []      # [name, [cell, ...]]; cell: [avail, ranges, [shift, ...]]
        self.in_table = self.in_body = self.in_th = False
        self.spans = []     # open spans: "avail", "shift" or None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "table" and "week" in cls:
            self.in_table = True
        elif not self.in_table:
            return
        elif tag == "tbody":
            self.in_body = True
        elif not self.in_body:
            return
        elif tag == "tr":
            self.rows.append(["(open shifts)" if "open-row" in cls else None, []])
        elif tag == "th":
            self.in_th, self.text = True, []
        elif tag == "br" and self.in_th:
            self.end_name()
        elif tag == "td":
            avail = next((c[len("avail-"):] for c in cls if c.startswith("avail-")), "")
            self.rows[-1][1].append([avail, "", []])
        elif tag == "span":
            if "shift" in cls:
                kind = "busy" if "elsewhere" in cls else next(
                    (c[len("state-"):] for c in cls if c.startswith("state-")), "?")
                self.rows[-1][1][-1][2].append([kind, ""])
                self.spans.append("shift")
            elif "avail" in cls:
                self.spans.append("avail")
            else:
                self.spans.append(None)

    def end_name(self):
        if self.in_th:
            if self.rows[-1][0] is None:
                self.rows[-1][0] = " ".join("".join(self.text).split())
            self.in_th = False

    def handle_endtag(self, tag):
        if not self.in_body:
            return
        if tag == "th":
            self.end_name()
        elif tag == "span" and self.spans:
            self.spans.pop()
        elif tag == "tbody":
            self.in_body = self.in_table = False

    def handle_data(self, data):
        if not self.in_body:
            return
        if self.in_th:
            self.text.append(data)
        elif "shift" in self.spans:
            shift = self.rows[-1][1][-1][2][-1]
            if not shift[1]:
                m = TIMES.search(data)
                shift[1] = m.group(0) if m else ""
        elif self.spans and self.spans[-1] == "avail":
            cell = self.rows[-1][1][-1]
            if cell[0] == "some":
                cell[1] += " ".join(data.split())


def grid(path):
    g = Grid()
    with open(path, encoding="utf-8") as f:
        g.feed(f.read())
    # The portal leaves out the cells of the open shifts' row after the
    # last day that has one: an empty cell shows nothing either way.
    for row in g.rows:
        while row[0] == "(open shifts)" and row[1] and row[1][-1] == ["", "", []]:
            row[1].pop()
    return g.rows


def main():
    label, portal, peer = sys.argv[1], grid(sys.argv[2]), grid(sys.argv[3])
    workers = sum(1 for r in portal if r[0] != "(open shifts)")
    shifts = [s for r in portal for c in r[1] for s in c[2]]
    busy = sum(1 for s in shifts if s[0] == "busy")
    opened = sum(len(c[2]) for r in portal if r[0] == "(open shifts)" for c in r[1])
    if not workers or not shifts:
        print(f"same.py: {label}: the portal's page shows no grid", file=sys.stderr)
        return 1
    for i in range(max(len(portal), len(peer))):
        a = portal[i] if i < len(portal) else None
        b = peer[i] if i < len(peer) else None
        if a != b:
            where = f"row {i + 1}"
            if a and b and a[0] == b[0]:
                d = next(d for d in range(max(len(a[1]), len(b[1])))
                         if a[1][d:d + 1] != b[1][d:d + 1])
                where += f" ({a[0]}), day {d + 1}"
                a, b = a[1][d:d + 1], b[1][d:d + 1]
            print(f"same.py: {label}: the portal's week and the peer's differ at {where}:\n"
                  f"  portal: {a}\n  peer:   {b}", file=sys.stderr)
            return 1
    print(f"same grid, {label}: {workers} workers, {len(shifts)} shifts "
          f"({opened} open, {busy} busy elsewhere)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""smtp-sink.py: the local SMTP server of the demo and test stacks (aiosmtpd).

Every message it accepts is written whole to MAILDIR as NNN-<time>.eml,
atomically (a temp file renamed), so tests can read what a user would
receive. It accepts mail for any address and delivers nothing onwards.
"""
import argparse
import asyncio
import os
import signal
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, maildir, delay):
        self.maildir = maildir
        self.delay = delay
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            # A slow server: the message is taken only after the delay.
            await asyncio.sleep(self.delay)
        self.n += 1
        name = "%d-%06d.eml" % (time.time_ns() // 1000, self.n)
        tmp = os.path.join(self.maildir, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: %s\r\n" % envelope.mail_from.encode())
            f.write(b"X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.maildir, name))
        return "250 Message accepted"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--delay-ms", type=int, default=0,
                    help="wait this long before taking each message (a slow server)")
    args = ap.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    ctl = Controller(Keep(args.maildir, args.delay_ms / 1000.0), hostname="127.0.0.1",
                     port=args.port)
    ctl.start()
    print("smtp-sink: listening on 127.0.0.1:%d, mail in %s" % (args.port, args.maildir),
          flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    ctl.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""signed-load.py KEYDIR SENDER-DOMAINS [mailload smtp options]: the shared mailload driver's MX load
(same sessions, same exactly-once check over POP3, same RESULT line) with DKIM-signed messages from
the bench's sender domains, as the checks bench (bench/checks.sh) needs.

Message i comes from user@<domain i mod n> (header From), signed by that domain with selector
"bench" and the key KEYDIR/<domain>.pem. The envelope sender is --sender (checks.sh passes an
address in a domain whose SPF passes and which is aligned with every From domain: the same
organisational domain). Every message is signed before the load starts, so the figure measures the
server, not the signing. Needs Debian's python3-dkim (hence /usr/bin/python3).
"""
import os, sys, time

import dkim

sys.path.insert(0, os.path.join(os.environ.get("SHARED_DIR", os.path.join(os.path.dirname(__file__), "../../shared")), "bench"))
import mailload  # noqa: E402 (the shared driver, found through SHARED_DIR)

PLAIN_MESSAGE = mailload.make_message
SIGNED_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"x-mailload-id"]


def signed_message(mid, rcpt, size, domain, key):
    author = f"news@{domain}"
    plain = PLAIN_MESSAGE(mid, author, rcpt, size, "signed")
    signature = dkim.sign(plain, b"bench", domain.encode(), key, include_headers=SIGNED_HEADERS)
    return signature + plain


def main():
    keydir, domains = sys.argv[1], sys.argv[2].split(",")
    del sys.argv[1:3]
    keys = {d: open(os.path.join(keydir, d + ".pem"), "rb").read() for d in domains}
    signed = {}
    plain_run_split = mailload.run_split

    def presigning_run_split(a, fn, plan):
        t0 = time.perf_counter()
        for i, (mid, rcpt) in enumerate(plan):
            domain = domains[i % len(domains)]
            signed[mid] = signed_message(mid, rcpt, a.size, domain, keys[domain])
        print(f"signed {len(plan)} messages in {time.perf_counter() - t0:.1f} s (not measured)", file=sys.stderr)
        return plain_run_split(a, fn, plan)

    mailload.run_split = presigning_run_split
    mailload.make_message = lambda mid, frm, to, size, run_tag: signed[mid]
    return mailload.main()


if __name__ == "__main__":
    sys.exit(main())

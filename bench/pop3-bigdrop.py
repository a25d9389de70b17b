#!/usr/bin/env python3
"""pop3-bigdrop.py: how long POP3 takes to answer for one large maildrop.

Logs in over STLS REPS times (default 5) and times PASS (which lists the maildrop), STAT, LIST and
UIDL, each from sending the command to the last line of its answer; checks that LIST and UIDL
list as many messages as STAT counts. Prints one line per figure (median and max, ms) and, last,
pop3_bigdrop_ok=1 when every answer of STAT, LIST and UIDL took less than LIMIT_MS (default 300).

    HOST=127.0.0.1 POP3_PORT=... USER=bigdrop@bench.test PASSWORD=... ./pop3-bigdrop.py
"""
import os, socket, ssl, statistics, sys, time

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ["POP3_PORT"])
user, password = os.environ["USER_ADDRESS"], os.environ["PASSWORD"]
reps, limit = int(os.environ.get("REPS", "5")), float(os.environ.get("LIMIT_MS", "300"))
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE

def command(sock, reader, line, multiline=False):
    start = time.perf_counter()
    sock.sendall(line + b"\r\n")
    first = reader.readline()
    if not first.startswith(b"+OK"):
        raise SystemExit(f"{line[:4]!r} -> {first!r}")
    lines = 0
    if multiline:
        while reader.readline() != b".\r\n":
            lines += 1
    return (time.perf_counter() - start) * 1000, first, lines

times = {"PASS": [], "STAT": [], "LIST": [], "UIDL": []}
count = None
for _ in range(reps):
    raw = socket.create_connection((host, port), timeout=60)
    reader = raw.makefile("rb")
    reader.readline()
    raw.sendall(b"STLS\r\n")
    reader.readline()
    sock = ctx.wrap_socket(raw, server_hostname=None)
    reader = sock.makefile("rb")
    command(sock, reader, b"USER " + user.encode())
    times["PASS"].append(command(sock, reader, b"PASS " + password.encode())[0])
    t, first, _ = command(sock, reader, b"STAT")
    times["STAT"].append(t)
    count = int(first.split()[1])
    for verb in ("LIST", "UIDL"):
        t, _, lines = command(sock, reader, verb.encode(), True)
        if lines != count:
            raise SystemExit(f"{verb} listed {lines} messages, STAT counted {count}")
        times[verb].append(t)
    command(sock, reader, b"QUIT")
    sock.close()

print(f"maildrop={user} messages={count} reps={reps}")
for verb, ts in times.items():
    print(f"{verb.lower()}_ms median={statistics.median(ts):.1f} max={max(ts):.1f}")
ok = all(max(times[v]) < limit for v in ("STAT", "LIST", "UIDL"))
print(f"pop3_bigdrop_ok={int(ok)}")

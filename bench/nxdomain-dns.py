#!/usr/bin/env python3
"""A DNS server on 127.0.0.1 that answers NXDOMAIN to every question (UDP and TCP, one port).

rspamd.sh points its rspamd here so that nothing leaves the machine: RBL, SURBL, SPF, DKIM and
DMARC lookups all find nothing, quickly and alike for both systems under test.
Usage: nxdomain-dns.py PORT   (runs until killed)
"""
import socket
import struct
import sys
import threading


def nxdomain(query: bytes) -> bytes:
    if len(query) < 12:
        return b""
    ident, flags = struct.unpack("!HH", query[:4])
    # QR=1, opcode and RD copied, RA=1, RCODE=3 (NXDOMAIN); the question section echoed back
    reply_flags = 0x8000 | (flags & 0x7900) | 0x0080 | 3
    end = 12
    while end < len(query) and query[end] != 0:
        end += query[end] + 1
    question = query[12:end + 5]
    return struct.pack("!HHHHHH", ident, reply_flags, 1, 0, 0, 0) + question


def serve_udp(sock: socket.socket) -> None:
    while True:
        data, peer = sock.recvfrom(4096)
        answer = nxdomain(data)
        if answer:
            sock.sendto(answer, peer)


def serve_tcp(server: socket.socket) -> None:
    while True:
        conn, _ = server.accept()
        with conn:
            try:
                length = struct.unpack("!H", conn.recv(2))[0]
                answer = nxdomain(conn.recv(length))
                conn.sendall(struct.pack("!H", len(answer)) + answer)
            except (OSError, struct.error):
                pass


def main() -> None:
    port = int(sys.argv[1])
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", port))
    tcp.listen(16)
    threading.Thread(target=serve_tcp, args=(tcp,), daemon=True).start()
    serve_udp(udp)


if __name__ == "__main__":
    main()

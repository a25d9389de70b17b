#!/usr/bin/python3
"""bench-dns.py PORT ZONEFILE: a small authoritative DNS server on 127.0.0.1:PORT (UDP and TCP) for
the checks bench (bench/checks.sh), so that SPF, DKIM and DMARC of the bench's sender domains are
looked up over the network, as on the internet, and nothing leaves the machine.

(Debian python3-dnspython, hence /usr/bin/python3.) ZONEFILE has one record per line, "NAME TYPE VALUE" (TYPE TXT or A; a TXT value longer than 255
bytes is split into several strings, as a DKIM key must be). Every other name is NXDOMAIN; a
known name asked for another type gets an empty answer. Prints "ready" once both sockets listen.
"""
import socket, socketserver, sys, threading

import dns.exception, dns.flags, dns.message, dns.name, dns.rcode, dns.rdataclass, dns.rdatatype, dns.rrset

TTL = 3600


def load(path):
    records = {}
    for line in open(path):
        if not line.strip() or line.startswith("#"):
            continue
        name, rtype, value = line.rstrip("\n").split(" ", 2)
        if rtype == "TXT":
            chunks = [value[i:i + 255] for i in range(0, len(value), 255)]
            value = " ".join('"' + c + '"' for c in chunks)
        records.setdefault(dns.name.from_text(name), []).append((dns.rdatatype.from_text(rtype), value))
    return records


def answer(records, wire, tcp):
    query = dns.message.from_wire(wire)
    # RFC 1035 §4.2.1 and RFC 6891 §6.2.5: 512 bytes over UDP unless the query offers more
    max_size = 65535 if tcp else max(512, query.payload) if query.edns >= 0 else 512
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    question = query.question[0]
    known = records.get(question.name)
    if known is None:
        response.set_rcode(dns.rcode.NXDOMAIN)
    else:
        values = [v for t, v in known if t == question.rdtype]
        if values:
            response.answer.append(dns.rrset.from_text_list(question.name, TTL, dns.rdataclass.IN,
                                                            question.rdtype, values))
    try:
        return response.to_wire(max_size=max_size)
    except dns.exception.TooBig:
        # too big for UDP: truncated (TC set), and the resolver asks again over TCP
        response.answer.clear()
        response.flags |= dns.flags.TC
        return response.to_wire()


def main():
    port, records = int(sys.argv[1]), load(sys.argv[2])

    class Tcp(socketserver.BaseRequestHandler):
        def handle(self):
            while True:
                head = self.request.recv(2)
                if len(head) < 2:
                    return
                length = int.from_bytes(head, "big")
                wire = b""
                while len(wire) < length:
                    part = self.request.recv(length - len(wire))
                    if not part:
                        return
                    wire += part
                out = answer(records, wire, True)
                self.request.sendall(len(out).to_bytes(2, "big") + out)

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    tcp = socketserver.ThreadingTCPServer(("127.0.0.1", port), Tcp)
    threading.Thread(target=tcp.serve_forever, daemon=True).start()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", port))
    print("ready", flush=True)
    while True:
        wire, client = udp.recvfrom(4096)
        try:
            udp.sendto(answer(records, wire, False), client)
        except Exception as e:  # a malformed query: ignored, as a real server drops it
            print(f"bad query from {client}: {e}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

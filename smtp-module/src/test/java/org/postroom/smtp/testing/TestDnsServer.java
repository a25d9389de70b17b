package org.postroom.smtp.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.postroom.smtp.dns.DnsResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback for the tests, UDP and TCP on one port: MX, A, AAAA,
 * TXT, CNAME, SRV and PTR records as the test adds them (a CNAME only to a question for CNAME),
 * NOERROR without data for a name that exists with other types, NXDOMAIN for any other name,
 * SERVFAIL for names told to fail, no answer at all for names told to time out. A UDP answer is as long as the query's EDNS payload size allows (512 bytes
 * without EDNS), and truncated (TC) beyond it, so that a resolver asks again over TCP, as it must
 * for a 2048-bit DKIM key. Creating one also makes it dnsjava's default resolver, so that nothing in
 * a test can ask a real DNS server.
 */
public final class TestDnsServer implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final ServerSocket tcp;
    /** Kept: a resolver made after {@link #close} still asks here, and gets no answer. */
    private final int port;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    public TestDnsServer() throws IOException {
        DatagramSocket udp = null;
        ServerSocket stream = null;
        // the TCP port of the same number may be taken by another process: then try another one
        for (int attempt = 0; stream == null; attempt++) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                stream = new ServerSocket(udp.getLocalPort(), 16, InetAddress.getLoopbackAddress());
            } catch (BindException taken) {
                udp.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
        socket = udp;
        tcp = stream;
        port = udp.getLocalPort();
        Lookup.setDefaultResolver(resolver());
        start("test-dns-udp-", this::serveUdp);
        start("test-dns-tcp-", this::serveTcp);
    }

    private void start(String name, Runnable loop) {
        Thread server = new Thread(loop, name + port);
        server.setDaemon(true);
        server.start();
    }

    /** A resolver that asks only this server. */
    public Resolver resolver() {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    /** Postroom's resolver over this server alone, giving each try {@code timeout}. */
    public DnsResolver dnsResolver(Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(timeout);
        return new DnsResolver(resolver, timeout);
    }

    /** As {@link #dnsResolver(Duration)}, with 2 seconds. */
    public DnsResolver dnsResolver() {
        return dnsResolver(Duration.ofSeconds(2));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public TestDnsServer mx(String domain, int preference, String host) {
        return add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
    }

    /** RFC 7505: "this domain accepts no mail". */
    public TestDnsServer nullMx(String domain) {
        return add(new MXRecord(name(domain), DClass.IN, TTL, 0, Name.root));
    }

    public TestDnsServer a(String host, String address) throws IOException {
        return add(new ARecord(name(host), DClass.IN, TTL, InetAddress.getByName(address)));
    }

    public TestDnsServer aaaa(String host, String address) throws IOException {
        return add(new AAAARecord(name(host), DClass.IN, TTL, InetAddress.getByName(address)));
    }

    public TestDnsServer txt(String name, String text) {
        return add(new TXTRecord(name(name), DClass.IN, TTL, text));
    }

    /**
     * The TXT record of {@code name}, in place of any there before, with TTL 0 so that no resolver
     * keeps it: for a record a test changes between two lookups.
     */
    public TestDnsServer changingTxt(String name, String text) {
        records.computeIfAbsent(key(name(name)), k -> new CopyOnWriteArrayList<>()).removeIf(r -> r.getType() == Type.TXT);
        return add(new TXTRecord(name(name), DClass.IN, 0, text));
    }

    /** A TXT record of several strings, joined without a separator by those who read it (a long DKIM key). */
    public TestDnsServer txt(String name, List<String> strings) {
        return add(new TXTRecord(name(name), DClass.IN, TTL, strings));
    }

    /**
     * A TXT record of {@code text} however long, cut into strings of 255 characters, the most one
     * string holds (RFC 1035 §3.3).
     */
    public TestDnsServer longTxt(String name, String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        return txt(name, strings);
    }

    public TestDnsServer cname(String name, String target) {
        return add(new CNAMERecord(name(name), DClass.IN, TTL, name(target)));
    }

    /** RFC 2782: priority, weight, port and target of a service. */
    public TestDnsServer srv(String name, int priority, int weight, int port, String target) {
        return add(new SRVRecord(name(name), DClass.IN, TTL, priority, weight, port, name(target)));
    }

    /** The PTR record of {@code address} (under in-addr.arpa or ip6.arpa), naming {@code host}. */
    public TestDnsServer ptr(String address, String host) throws IOException {
        return add(new PTRRecord(ReverseMap.fromAddress(InetAddress.getByName(address)), DClass.IN, TTL, name(host)));
    }

    /** Every question about {@code domain} gets SERVFAIL. */
    public TestDnsServer failing(String domain) {
        failing.add(key(name(domain)));
        return this;
    }

    /** Every question about {@code domain} goes unanswered, so that the resolver times out. */
    public TestDnsServer silent(String domain) {
        silent.add(key(name(domain)));
        return this;
    }

    /** The questions asked so far, as "name TYPE". */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    /** Stops answering, as a DNS server that went down (queries then time out or are refused). */
    @Override
    public void close() {
        socket.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing a listening socket fails only if it is closed already
        }
    }

    private TestDnsServer add(Record record) {
        records.computeIfAbsent(key(record.getName()), k -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answer(query);
                if (response != null) {
                    // RFC 6891 §6.2.5: as long as the client said it takes, 512 bytes without EDNS
                    OPTRecord opt = query.getOPT();
                    int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
                    byte[] answer = response.toWire(max);
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** RFC 1035 §4.2.2: each message behind its length in two bytes; one question per connection here. */
    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket connection = tcp.accept()) {
                DataInputStream in = new DataInputStream(connection.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                Message response = answer(new Message(query));
                if (response != null) {
                    byte[] answer = response.toWire();
                    DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The response to {@code query}; null when the name is to go unanswered. */
    private Message answer(Message query) {
        Record question = query.getQuestion();
        questions.add(key(question.getName()) + " " + Type.string(question.getType()));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        String name = key(question.getName());
        if (silent.contains(name)) {
            return null;
        }
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> known = records.get(name);
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(question.getName()), Section.AUTHORITY);
            return response;
        }
        known.stream().filter(r -> r.getType() == question.getType())
                .forEach(r -> response.addRecord(r, Section.ANSWER));
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.addRecord(soa(question.getName()), Section.AUTHORITY);
        }
        return response;
    }

    /** The SOA of a negative answer, at the top-level domain above {@code name}, so that resolvers cache the answer (RFC 2308). */
    private static SOARecord soa(Name name) {
        Name zone = name.labels() > 2 ? new Name(name, name.labels() - 2) : name;
        return new SOARecord(zone, DClass.IN, TTL, name("ns.test."), name("hostmaster.test."), 1, 3600, 600,
                86400, TTL);
    }

    private static String key(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

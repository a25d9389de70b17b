package org.postroom.smtp.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback UDP for the tests: MX, A and AAAA records as the
 * test adds them, NOERROR without data for a name that exists with other types, NXDOMAIN for any
 * other name, SERVFAIL for names told to fail. Creating one also makes it dnsjava's default
 * resolver, so that nothing in a test can ask a real DNS server.
 */
public final class TestDnsServer implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    public TestDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Lookup.setDefaultResolver(resolver());
        Thread server = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
        server.setDaemon(true);
        server.start();
    }

    /** A resolver that asks only this server. */
    public Resolver resolver() {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                socket.getLocalPort()));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
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

    /** Every question about {@code domain} gets SERVFAIL. */
    public TestDnsServer failing(String domain) {
        failing.add(key(name(domain)));
        return this;
    }

    /** The questions asked so far, as "name TYPE". */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public void close() {
        socket.close();
    }

    private TestDnsServer add(Record record) {
        records.computeIfAbsent(key(record.getName()), k -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        questions.add(key(question.getName()) + " " + Type.string(question.getType()));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        String name = key(question.getName());
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> known = records.get(name);
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
            return response;
        }
        known.stream().filter(r -> r.getType() == question.getType())
                .forEach(r -> response.addRecord(r, Section.ANSWER));
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.addRecord(soa(), Section.AUTHORITY);
        }
        return response;
    }

    private static SOARecord soa() {
        return new SOARecord(name("test."), DClass.IN, TTL, name("ns.test."), name("hostmaster.test."), 1, 3600, 600,
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

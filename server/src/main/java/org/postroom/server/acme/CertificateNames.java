package org.postroom.server.acme;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.xbill.DNS.Type;

/**
 * The names the certificate must cover: {@code postroom.hostname}, and for each domain its
 * {@code autoconfig.}, {@code autodiscover.} (mail clients' set-up documents) and {@code mta-sts.}
 * (the MTA-STS policy) names, but only those that resolve to one of this server's addresses: a CA
 * refuses the whole order when one name fails its challenge, and a company that serves its
 * autoconfig elsewhere must not lose its certificate for it. This server's addresses are the host
 * name's, as DNS has them (behind NAT the public address is no interface's), and those of its own
 * non-loopback interfaces.
 */
public final class CertificateNames {

    static final List<String> DOMAIN_PREFIXES = List.of("autoconfig.", "autodiscover.", "mta-sts.");

    private final String hostname;
    private final DomainRepository domains;
    private final DnsResolver dns;

    public CertificateNames(String hostname, DomainRepository domains, DnsResolver dns) {
        this.hostname = hostname.toLowerCase(Locale.ROOT);
        this.domains = domains;
        this.dns = dns;
    }

    /** The host name first, then the domains' names that resolve here, in the domains' order. */
    public List<String> wanted() {
        Set<InetAddress> ours = new HashSet<>(addresses(hostname));
        ours.addAll(interfaceAddresses());
        List<String> names = new ArrayList<>(List.of(hostname));
        for (Domain domain : domains.list()) {
            for (String prefix : DOMAIN_PREFIXES) {
                String name = prefix + domain.name();
                if (!names.contains(name) && addresses(name).stream().anyMatch(ours::contains)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The A and AAAA addresses of {@code name} (CNAMEs followed); none when DNS has none or fails. */
    private List<InetAddress> addresses(String name) {
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            if (dns.lookup(name, type) instanceof DnsAnswer.Found answer) {
                found.addAll(answer.addresses());
            }
        }
        return found;
    }

    private static Set<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress()).collect(Collectors.toSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }
}

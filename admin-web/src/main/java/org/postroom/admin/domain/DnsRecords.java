package org.postroom.admin.domain;

import java.util.ArrayList;
import java.util.List;

import org.postroom.admin.mtasts.MtaStsPolicy;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.dkim.DkimRecord;
import org.springframework.stereotype.Component;

/**
 * The DNS records a domain needs so that mail for it reaches this server, mail from it is
 * accepted elsewhere, mail clients find their settings by themselves, and (RFC 8460, RFC 8461)
 * senders report on TLS and, once the domain's MTA-STS mode asks for it, insist on it.
 */
@Component
public class DnsRecords {

    private final ServerSettings server;

    DnsRecords(ServerSettings server) {
        this.server = server;
    }

    public List<DnsRecord> of(Domain domain) {
        String name = domain.name();
        String host = server.hostname() + ".";
        MailPorts ports = server.ports();
        DkimRecord dkim = domain.dkimRecord();
        List<DnsRecord> records = new ArrayList<>(List.of(
                new DnsRecord("MX", name, "10 " + host, "Mail for the domain is delivered to this server"),
                // RFC 7208: the domain's MX hosts may send its mail, nobody else
                new DnsRecord("TXT", name, "v=spf1 mx -all", "SPF: only this server sends the domain's mail"),
                new DnsRecord("TXT", dkim.name(), dkim.value(),
                        "DKIM: the key receivers check this server's signatures with (RFC 6376)"),
                // RFC 7489: start strict enough to matter; p=reject once reports look clean
                new DnsRecord("TXT", "_dmarc." + name, "v=DMARC1; p=quarantine",
                        "DMARC: receivers quarantine mail that fails SPF and DKIM"),
                new DnsRecord("CNAME", "autoconfig." + name, host, "Thunderbird finds its settings here"),
                new DnsRecord("CNAME", "autodiscover." + name, host, "Outlook finds its settings here"),
                // RFC 6186 and RFC 8314 §5.1: priority, weight, port, target
                new DnsRecord("SRV", "_submissions._tcp." + name, srv(ports.smtps(), host),
                        "Mail clients send over TLS (port " + ports.smtps() + ")"),
                new DnsRecord("SRV", "_submission._tcp." + name, srv(ports.submission(), host),
                        "Mail clients send with STARTTLS (port " + ports.submission() + ")"),
                new DnsRecord("SRV", "_pop3s._tcp." + name, srv(ports.pop3s(), host),
                        "Mail clients download over TLS (port " + ports.pop3s() + ")"),
                // RFC 8460 §3: where senders report how TLS to this server went; postmaster@ always takes mail
                new DnsRecord("TXT", "_smtp._tls." + name, "v=TLSRPTv1; rua=mailto:postmaster@" + name,
                        "TLS-RPT: senders send daily reports of their TLS connections here")));
        MtaStsPolicy.of(domain, server.hostname()).ifPresent(policy -> {
            records.add(new DnsRecord("TXT", "_mta-sts." + name, policy.record(),
                    "MTA-STS: senders fetch the policy (mode " + policy.mode().token() + "); the id changes with it"));
            records.add(new DnsRecord("CNAME", "mta-sts." + name, host,
                    "MTA-STS: the policy is served here over HTTPS"));
        });
        return List.copyOf(records);
    }

    private static String srv(int port, String host) {
        return "0 1 " + port + " " + host;
    }
}

package org.postroom.smtp.inbound.checks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jSPF's DNS, answered by the server's {@link DnsResolver} and its cache: records as jSPF's own
 * resolver writes them, {@code null} for none (NXDOMAIN or NODATA), and jSPF's {@link
 * TimeoutException} for a temporary failure, which jSPF turns into temperror (RFC 7208 §4.4).
 */
final class SpfDns implements DNSService {

    private final DnsResolver dns;
    private final String hostname;
    /** RFC 7208 §5.5: at most 10 names of a PTR answer are tried; jSPF's ptr mechanism reads it here. */
    private int recordLimit = 10;

    SpfDns(DnsResolver dns, String hostname) {
        this.dns = dns;
        this.hostname = hostname;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            // RFC 7208 §3.1: the SPF type (99) is obsolete; asking for it would double every lookup
            default -> -1;
        };
        if (type < 0) {
            return null;
        }
        DnsAnswer answer = dns.lookup(request.getHostname(), type);
        if (answer instanceof DnsAnswer.Failed failed) {
            throw new TimeoutException(failed.reason());
        }
        if (answer instanceof DnsAnswer.Found found) {
            // jSPF's own conversion would hand over TXT records in dnsjava's escaped text form
            return type == Type.TXT ? found.texts()
                    : DNSServiceXBillImpl.convertRecordsToList(found.records().toArray(Record[]::new));
        }
        return null;
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The names of this server, for the {@code %{r}} macro (RFC 7208 §7.3). */
    @Override
    public List<String> getLocalDomainNames() {
        return List.of(hostname);
    }

    /** The resolver's own timeout applies. */
    @Override
    public void setTimeOut(int seconds) {
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }
}

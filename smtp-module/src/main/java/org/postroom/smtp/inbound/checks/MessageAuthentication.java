package org.postroom.smtp.inbound.checks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.inbound.hook.TransactionState;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.storage.message.MessageCheck;

/**
 * What the checks found out about the message of the current transaction, gathered as each check
 * runs at the end of DATA, and read by the commit: the Authentication-Results field it prepends
 * ({@link #authenticationResults}), the verdicts it stores with the message ({@link #verdicts}),
 * and whether the message is held in quarantine ({@link #hold}). One per
 * transaction; the checks of one message run one after the other on one hook thread.
 */
public final class MessageAuthentication {

    private static final AttachmentKey<MessageAuthentication> KEY =
            AttachmentKey.of("postroom.message-authentication", MessageAuthentication.class);

    private SpfResult spf;
    private List<DkimResult> dkim = List.of();
    private final List<DmarcResult> dmarc = new ArrayList<>();
    private byte[] headerSection;
    private HeaderFields headerFields;
    private List<String> authorDomains;

    private MessageAuthentication() {
    }

    /** The findings about the current transaction's message; empty when no check ran (submission, checks off). */
    public static Optional<MessageAuthentication> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction);
    }

    /** The findings of the current transaction, started by the first check that asks. */
    static MessageAuthentication in(SMTPSession session) {
        return TransactionState.of(session, KEY, MessageAuthentication::new);
    }

    /** The message's header section, read from the spool once for all the checks. */
    byte[] headerSection(MailEnvelope message) throws IOException {
        if (headerSection == null) {
            // buffered: what it reads ahead of the body is thrown away with the stream
            try (InputStream content = new BufferedInputStream(message.getMessageInputStream())) {
                headerSection = MessageHeaders.read(content);
            }
        }
        return headerSection;
    }

    /** The fields of the message's header section, split once for all the checks. */
    HeaderFields headerFields(MailEnvelope message) throws IOException {
        if (headerFields == null) {
            headerFields = new HeaderFields(headerSection(message));
        }
        return headerFields;
    }

    /** The message's author domains ({@link AuthorDomains}), read once for all the checks. */
    List<String> authorDomains(MailEnvelope message) throws IOException {
        if (authorDomains == null) {
            authorDomains = AuthorDomains.of(headerFields(message));
        }
        return authorDomains;
    }

    void spf(SpfResult result) {
        spf = result;
    }

    /** The SPF verdict; empty before the SPF check ran. */
    Optional<SpfResult> spf() {
        return Optional.ofNullable(spf);
    }

    void dkim(List<DkimResult> results) {
        dkim = List.copyOf(results);
    }

    /** One verdict per DKIM-Signature field, in the message's order; empty when it has none. */
    List<DkimResult> dkim() {
        return dkim;
    }

    void dmarc(DmarcResult result) {
        dmarc.add(result);
    }

    /** One verdict per author domain; empty when the message names no author. */
    List<DmarcResult> dmarc() {
        return List.copyOf(dmarc);
    }

    /**
     * Why the message is to be held in quarantine rather than delivered: {@code dmarc} when {@link
     * DmarcCheck} disposed of it so (a policy of quarantine, no exemption); empty when it is to be
     * delivered.
     */
    public Optional<String> hold() {
        return dmarc.stream().anyMatch(result -> result.disposition() == DmarcResult.Disposition.QUARANTINE)
                ? Optional.of("dmarc") : Optional.empty();
    }

    /**
     * The Authentication-Results field (RFC 8601) of this server, {@code authservId}, with its CRLF:
     * one result per line for SPF, each DKIM signature (or {@code dkim=none}) and DMARC, written
     * from the {@link #verdicts}.
     */
    public String authenticationResults(String authservId) {
        return "Authentication-Results: " + authservId + ";\r\n\t"
                + verdicts().stream().map(MessageAuthentication::resinfo).collect(Collectors.joining(";\r\n\t"))
                + "\r\n";
    }

    /**
     * The verdicts to store with the message, in the order of the header: the method, the result
     * word, and the rest of the result as the header has it ({@code header.d=example.org
     * header.s=s1 ...}).
     */
    public List<MessageCheck> verdicts() {
        List<MessageCheck> verdicts = new ArrayList<>();
        if (spf != null) {
            verdicts.add(spf.verdict());
        }
        if (dkim.isEmpty()) {
            verdicts.add(DkimResult.UNSIGNED);
        }
        dkim.forEach(result -> verdicts.add(result.verdict()));
        if (dmarc.isEmpty()) {
            verdicts.add(DmarcResult.NO_AUTHOR);
        }
        dmarc.forEach(result -> verdicts.add(result.verdict()));
        return List.copyOf(verdicts);
    }

    /** A verdict as a result of Authentication-Results (RFC 8601 §2.2): {@code method=result properties}. */
    static String resinfo(MessageCheck verdict) {
        return verdict.check() + "=" + verdict.result() + (verdict.detail().isEmpty() ? "" : " " + verdict.detail());
    }
}

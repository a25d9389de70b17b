package org.postroom.smtp.inbound.checks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.ParseException;
import org.postroom.smtp.message.FromField;
import org.postroom.storage.directory.DomainName;

/**
 * The domains a message's header From: fields name as its authors (RFC 7489 §3.1: the "author
 * domain" DMARC is about), canonical (lower-case ASCII, RFC 5890 A-labels). RFC 5322 allows one
 * From: field, but a message with several, or with one that does not parse, must not slip past the
 * checks: every From: field counts, and a field the strict parser refuses is read loosely, taking
 * every {@code @domain} in it, so that no author a mail client might show goes unchecked.
 */
final class AuthorDomains {

    private static final Pattern AT_DOMAIN = Pattern.compile("@\\s*([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)");

    private AuthorDomains() {
    }

    /** The author domains among {@code headers}, each once, in order; empty without a From: field. */
    static List<String> of(HeaderFields headers) {
        Set<String> domains = new LinkedHashSet<>();
        for (String value : headers.values("from")) {
            try {
                List<Mailbox> mailboxes = FromField.mailboxes(value);
                if (mailboxes.isEmpty() || mailboxes.stream().anyMatch(mailbox -> mailbox.getDomain() == null)) {
                    loosely(value, domains);
                }
                mailboxes.stream().filter(mailbox -> mailbox.getDomain() != null)
                        .forEach(mailbox -> domains.add(DomainName.canonical(mailbox.getDomain())));
            } catch (ParseException e) {
                loosely(value, domains);
            }
        }
        return List.copyOf(domains);
    }

    private static void loosely(String value, Set<String> domains) {
        Matcher matcher = AT_DOMAIN.matcher(value);
        while (matcher.find()) {
            domains.add(DomainName.canonical(matcher.group(1)));
        }
    }
}

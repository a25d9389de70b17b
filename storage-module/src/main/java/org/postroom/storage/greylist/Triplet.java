package org.postroom.storage.greylist;

import java.net.InetAddress;
import java.util.Optional;

import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.NetworkRange;

/**
 * What greylisting knows an attempt by: who sends (the client's network), as whom (the envelope
 * sender) and to whom (the recipient). The network rather than the address, because big senders
 * retry from a sibling server: an IPv4 /24, an IPv6 /64.
 *
 * @param clientNetwork the client's network in CIDR notation, e.g. {@code 192.0.2.0/24}
 * @param sender the envelope sender in canonical form ({@link Address}), "" for the null sender
 * @param recipient the recipient in canonical form
 */
public record Triplet(String clientNetwork, String sender, String recipient) {

    /** The triplet of mail from {@code sender} ("" for the null sender) to {@code recipient}, sent by {@code client}. */
    public static Triplet of(InetAddress client, String sender, String recipient) {
        return new Triplet(NetworkRange.around(client, 24, 64).cidr(),
                sender.isEmpty() ? "" : Address.of(sender).toString(), Address.of(recipient).toString());
    }

    /** The envelope sender's domain; empty for the null sender, which has none. */
    public Optional<String> senderDomain() {
        return sender.isEmpty() ? Optional.empty() : Optional.of(Address.of(sender).domain()).filter(d -> !d.isEmpty());
    }
}

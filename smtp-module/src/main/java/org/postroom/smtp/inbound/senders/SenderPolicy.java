package org.postroom.smtp.inbound.senders;

import org.postroom.storage.senders.SenderLists;

/** What port 25 judges senders by: the recipients' sender lists and the DNS blocklists of the client. */
public record SenderPolicy(SenderLists lists, Dnsbl dnsbl) {

    /** The hook that asks both at RCPT. */
    public SenderPolicyHook hook() {
        return new SenderPolicyHook(lists, dnsbl);
    }
}

package org.postroom.storage.senders;

import java.util.Locale;

import org.postroom.storage.InvalidInputException;

/** What an entry of a sender list does to mail from the senders it names. */
public enum SenderAction {

    /** Refused at RCPT, before anything else is checked. */
    BLOCK,
    /** Spared the refusals for the sender's reputation (DNSBL) and the DMARC quarantine; never the own-domain rule. */
    ALLOW;

    /** The word in the database, the API and the CLI: {@code allow}, {@code block}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException unless {@code word} is allow or block, in any case */
    public static SenderAction of(String word) {
        if (word != null) {
            for (SenderAction action : values()) {
                if (action.word().equalsIgnoreCase(word.strip())) {
                    return action;
                }
            }
        }
        throw new InvalidInputException("action must be allow or block, not " + word);
    }
}

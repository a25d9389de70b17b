package org.postroom.smtp.srs;

/** What {@link SenderRewriting#reverse} makes of an address. */
public sealed interface Reversal {

    /** Not an SRS address at all: an ordinary recipient. */
    record NotRewritten() implements Reversal {
    }

    /** A valid SRS address: mail for it goes to {@code address}. */
    record Original(String address) implements Reversal {
    }

    /** An SRS address this forwarder did not make, or no longer honours. */
    record Refused(Reason reason) implements Reversal {
    }

    /** Why an SRS address is refused; {@link #word()} is the reason in logs. */
    enum Reason {
        /** Not in the SRS0 or SRS1 form. */
        MALFORMED("srs-malformed"),
        /** The hash does not match: made up, or made with another secret. */
        FORGED("srs-forged"),
        /** Older than {@link SenderRewriting#MAX_AGE}. */
        EXPIRED("srs-expired");

        private final String word;

        Reason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}

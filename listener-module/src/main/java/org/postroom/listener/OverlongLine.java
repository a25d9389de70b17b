package org.postroom.listener;

/**
 * What the {@link CommandFramer} hands on in place of a line longer than the listener's limit,
 * whose bytes it dropped: only how the line ended, with CRLF or with a bare LF. The protocol
 * answers it as a line too long ({@link OverlongLineSession}); SMTP inside DATA also needs the
 * ending to tell whether the next line starts a line of the message.
 */
record OverlongLine(boolean endedWithCrlf) {

    private static final OverlongLine CRLF = new OverlongLine(true);
    private static final OverlongLine BARE_LF = new OverlongLine(false);

    static OverlongLine endingWith(boolean crlf) {
        return crlf ? CRLF : BARE_LF;
    }
}

package org.postroom.listener.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The PLAIN mechanism's client response (RFC 4616 §2): base64 of {@code [authzid] NUL authcid NUL
 * passwd}, in UTF-8. The rules, the same for SMTP and POP3:
 * <ul>
 * <li>the authorization identity (authzid) is empty or names the authenticating user again
 * (ignoring case, as logins do): acting as another user is not offered, so any other authzid is
 * {@link OtherIdentity}, refused before the password is looked at;
 * <li>the login (authcid) and the password are not empty and contain no NUL (RFC 4616 §2: 1*SAFE);
 * <li>everything else, including {@code =} (an empty response, RFC 4954 §4 / RFC 5034 §4), text
 * that is not base64 or whose bytes are not UTF-8, is {@link Malformed} with the reason.
 * </ul>
 */
public final class SaslPlain {

    private SaslPlain() {
    }

    /** What a client's PLAIN response said. */
    public sealed interface Response {
    }

    /** A login and password to check. */
    public record Login(String login, String password) implements Response {
        @Override
        public String toString() {
            return "Login[login=" + login + ", password=(hidden)]";
        }
    }

    /** Not a PLAIN response; {@code reason} says what is wrong, for the client's error reply. */
    public record Malformed(String reason) implements Response {
    }

    /** A well-formed response asking to act as {@code authorizationId}, another user. */
    public record OtherIdentity(String authorizationId) implements Response {
    }

    /** Decodes one client response line (without its CRLF). */
    public static Response decode(String clientResponse) {
        Optional<byte[]> bytes = base64(clientResponse);
        if (bytes.isEmpty()) {
            return new Malformed("not base64");
        }
        if (bytes.get().length == 0) {
            return new Malformed("empty response");
        }
        Optional<String> text = utf8(bytes.get());
        if (text.isEmpty()) {
            return new Malformed("not UTF-8");
        }
        String[] fields = text.get().split("\0", -1);
        if (fields.length != 3) {
            return new Malformed("not authzid NUL login NUL password");
        }
        if (fields[1].isEmpty() || fields[2].isEmpty()) {
            return new Malformed(fields[1].isEmpty() ? "empty login" : "empty password");
        }
        if (!fields[0].isEmpty() && !fields[0].equalsIgnoreCase(fields[1])) {
            return new OtherIdentity(fields[0]);
        }
        return new Login(fields[1], fields[2]);
    }

    /**
     * One base64 field of a SASL exchange as text (also the LOGIN mechanism's user name and
     * password): empty when it is not base64, decodes to nothing (as {@code =} does) or is not UTF-8.
     */
    public static Optional<String> text(String base64) {
        return base64(base64).filter(bytes -> bytes.length > 0).flatMap(SaslPlain::utf8);
    }

    /** The bytes; {@code =} alone stands for none (RFC 4954 §4, RFC 5034 §4). */
    private static Optional<byte[]> base64(String text) {
        String field = text.strip();
        try {
            return Optional.of(field.equals("=") ? new byte[0] : Base64.getDecoder().decode(field));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}

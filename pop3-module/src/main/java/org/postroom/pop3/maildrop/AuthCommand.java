package org.postroom.pop3.maildrop;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.listener.sasl.SaslPlain;
import org.postroom.pop3.reply.Replies;

/**
 * AUTH (RFC 5034) with the PLAIN mechanism (RFC 4616): {@code authzid NUL authcid NUL password},
 * base64, either on the AUTH line (initial response) or on the line after a {@code +} challenge,
 * decoded by the listener's {@link SaslPlain} (its rules are SMTP's too).
 * {@code *} cancels. A bare AUTH lists the mechanisms, for clients written to RFC 1734.
 */
public final class AuthCommand implements CommandHandler<POP3Session> {

    private final MaildropLogin login;

    public AuthCommand(MaildropLogin login) {
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String argument = request.getArgument();
        if (argument == null || argument.isBlank()) {
            return Replies.MECHANISMS;
        }
        String[] words = argument.strip().split(" +");
        if (!words[0].toUpperCase(Locale.ROOT).equals("PLAIN") || words.length > 2) {
            return Replies.MECHANISM_UNSUPPORTED;
        }
        if (!login.mayLogIn(session)) {
            return Replies.PLAINTEXT_REFUSED;
        }
        if (words.length == 2) {
            return plain(session, words[1]);
        }
        session.pushLineHandler(new LineHandler<POP3Session>() {
            @Override
            public Response onLine(POP3Session s, byte[] line) {
                s.popLineHandler();
                return plain(s, new String(line, StandardCharsets.US_ASCII).strip());
            }
        });
        return Replies.CONTINUE;
    }

    /** RFC 4616 §2, decoded by the listener's {@link SaslPlain} as SMTP decodes it. */
    private Response plain(POP3Session session, String response) {
        if (response.equals("*")) {
            return Replies.AUTH_CANCELLED;
        }
        SaslPlain.Response plain = SaslPlain.decode(response);
        if (plain instanceof SaslPlain.Login credentials) {
            return login.logIn(session, credentials.login(), credentials.password());
        }
        if (plain instanceof SaslPlain.Malformed malformed) {
            return Replies.malformedCredentials(malformed.reason());
        }
        return Replies.OTHER_IDENTITY;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("AUTH");
    }
}

package org.postroom.smtp.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.AbstractHookableCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.postroom.listener.sasl.SaslPlain;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * The AUTH command (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms, announced and taken
 * only inside TLS; the password check itself is the job of the {@link AuthHook}s of the chain.
 *
 * <p>Written instead of using James's AuthCmdHandler, which accepts AUTH over plain text, answers
 * several faults without an enhanced status code and fails with an internal error on a LOGIN user
 * name that is not valid base64. Here every malformed exchange gets 501 5.5.2, and before TLS the
 * client gets 538 5.7.11 before it has sent a password.
 */
final class AuthCommand implements CommandHandler<SMTPSession>, EhloExtension, ExtensibleHandler {

    // RFC 4954 §4: "334" followed by a base64 challenge; PLAIN's is empty, LOGIN's are the
    // de-facto prompts "Username:" and "Password:" every client of the mechanism expects
    private static final String CHALLENGE = "334";
    private static final String EMPTY = "";
    private static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";
    private static final String CANCEL = "*";

    private List<AuthHook> hooks = List.of();

    @Override
    public Collection<String> getImplCommands() {
        return List.of("AUTH");
    }

    /** "AUTH=" as well, for Outlook Express and other clients of the draft that preceded RFC 2554. */
    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        return session.isAuthAnnounced() ? List.of("AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN") : List.of();
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(AuthHook.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (AuthHook.class.equals(interfaceName)) {
            hooks = List.copyOf((List<AuthHook>) extensions);
        }
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (!session.isAuthAnnounced()) {
            return Verdicts.response(Replies.ENCRYPTION_REQUIRED);
        }
        if (session.getUsername() != null) {
            return Verdicts.response(Replies.ALREADY_AUTHENTICATED);
        }
        if (session.getAttachment(SMTPSession.SENDER, State.Transaction).isPresent()) {
            return Verdicts.response(Replies.AUTH_IN_TRANSACTION);
        }
        String argument = request.getArgument() == null ? "" : request.getArgument().strip();
        String[] words = argument.split(" +", 2);
        Optional<String> initialResponse = words.length == 2 ? Optional.of(words[1]) : Optional.empty();
        return switch (words[0].toUpperCase(Locale.ROOT)) {
            case "" -> Verdicts.response(Replies.AUTH_USAGE);
            case "PLAIN" -> initialResponse.map(data -> plain(session, data))
                    .orElseGet(() -> challenge(session, EMPTY, data -> plain(session, data)));
            case "LOGIN" -> initialResponse.map(name -> loginUsername(session, name))
                    .orElseGet(() -> challenge(session, USERNAME_PROMPT, name -> loginUsername(session, name)));
            default -> Verdicts.response(Replies.AUTH_MECHANISM_UNKNOWN);
        };
    }

    /** RFC 4616 §2, decoded by the listener's {@link SaslPlain} as POP3 decodes it. */
    private Response plain(SMTPSession session, String data) {
        SaslPlain.Response response = SaslPlain.decode(data);
        if (response instanceof SaslPlain.Login login) {
            return authenticate(session, login.login(), login.password());
        }
        if (response instanceof SaslPlain.Malformed malformed) {
            return Verdicts.response(Replies.AUTH_SYNTAX.withText(Replies.AUTH_SYNTAX.text() + ": " + malformed.reason()));
        }
        return Verdicts.response(Replies.AUTH_OTHER_IDENTITY);
    }

    private Response loginUsername(SMTPSession session, String data) {
        return SaslPlain.text(data)
                .map(login -> challenge(session, PASSWORD_PROMPT, password -> loginPassword(session, login, password)))
                .orElseGet(() -> Verdicts.response(Replies.AUTH_SYNTAX));
    }

    private Response loginPassword(SMTPSession session, String login, String data) {
        return SaslPlain.text(data).map(password -> authenticate(session, login, password))
                .orElseGet(() -> Verdicts.response(Replies.AUTH_SYNTAX));
    }

    /** Asks the client for the next piece of the exchange; its answer goes to {@code next}. */
    private static Response challenge(SMTPSession session, String challenge, Function<String, Response> next) {
        session.pushLineHandler((LineHandler<SMTPSession>) (s, line) -> {
            s.popLineHandler();
            String answer = new String(line, StandardCharsets.US_ASCII).strip();
            return CANCEL.equals(answer) ? Verdicts.response(Replies.AUTH_CANCELLED) : next.apply(answer);
        });
        return new SMTPResponse(CHALLENGE, challenge);
    }

    private Response authenticate(SMTPSession session, String login, String password) {
        Username username;
        try {
            username = Username.of(login);
        } catch (IllegalArgumentException notAnAddress) {
            return Verdicts.response(Replies.AUTH_FAILED);
        }
        for (AuthHook hook : hooks) {
            HookResult result = hook.doAuth(session, username, password);
            if (result.getResult().getAction() != HookReturnCode.Action.DECLINED) {
                return AbstractHookableCmdHandler.calcDefaultSMTPResponse(result);
            }
        }
        return Verdicts.response(Replies.AUTH_FAILED);
    }
}

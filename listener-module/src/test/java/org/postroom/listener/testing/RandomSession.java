package org.postroom.listener.testing;

import static org.postroom.listener.testing.RandomInput.concat;
import static org.postroom.listener.testing.RandomInput.crlf;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Set;

import javax.net.ssl.SSLSocketFactory;

/**
 * One session of a client that sends random mixes of valid commands, garbage, 8-bit and control
 * bytes, over-long lines, pipelined groups, the TLS upgrade with bytes behind it and exchanges cut
 * short, and that may drop the connection at any time; the protocol's subclass knows its words and
 * how to read its replies.
 *
 * <p>The client keeps just enough of the protocol's state to know how many replies to wait for:
 * one per command line, and what a reply leads to (a message, a challenge, TLS, a listing, the
 * end). Every reply must come, or the connection close, within the client's deadline; the
 * subclass fails a reply that is malformed or that the server must not send.
 */
public abstract class RandomSession {

    protected final RandomInput input;
    protected final RawClient client;
    private final SSLSocketFactory tls;
    private final Charset charset;
    private final String upgradeCommand;
    private final Set<String> modeChanging;

    /**
     * @param charset        how the server decodes a command line
     * @param upgradeCommand STARTTLS or STLS
     * @param modeChanging   the commands that change what the next line is, or end the session:
     *                       a pipelined group leaves them out
     */
    protected RandomSession(RandomInput input, RawClient client, SSLSocketFactory tls, Charset charset,
            String upgradeCommand, Set<String> modeChanging) {
        this.input = input;
        this.client = client;
        this.tls = tls;
        this.charset = charset;
        this.upgradeCommand = upgradeCommand;
        this.modeChanging = modeChanging;
    }

    /** The greeting, up to 25 random steps, and most of the time QUIT. */
    public final void play() throws IOException {
        if (reply() == null) {
            return;
        }
        for (int steps = input.below(25); steps > 0 && !client.isClosed(); steps--) {
            switch (input.below(12)) {
                case 0, 1, 2, 3 -> command(oneLine());
                case 4, 5 -> pipelined();
                case 6, 7 -> protocolStep();
                case 8 -> upgradeWithInputBehind();
                case 9, 10 -> command(input.line(input.junk(longLine())));
                default -> {
                    cutShort();
                    return;
                }
            }
        }
        if (!client.isClosed() && input.chance(70)) {
            command(crlf("QUIT"));
        }
    }

    /** One command line, valid or not, for any state of the session. */
    protected abstract byte[] oneLine();

    /** A line length to play around: a limit of the protocol's. */
    protected abstract int longLine();

    /** A step only this protocol has: a mail transaction, a login, an AUTH exchange. */
    protected abstract void protocolStep() throws IOException;

    /**
     * Reads one whole reply and fails it if it is malformed or one the server must not send.
     *
     * @return its first line, or null when the server closed the connection
     */
    protected abstract String reply();

    /** Follows where {@code reply}, the answer to {@code line}, leads: a message, a challenge, TLS, a listing, the end. */
    protected abstract void follow(String reply, byte[] line) throws IOException;

    /** Whether the server must close the connection when the upgrade command has input behind it. */
    protected abstract boolean upgradeOffered();

    /** Sends one command line and follows its reply. */
    protected final void command(byte[] line) throws IOException {
        if (client.write(line)) {
            String reply = reply();
            if (reply != null) {
                follow(reply, line);
            }
        }
    }

    /** The command word of {@code line} as the server reads it. */
    protected final String commandWord(byte[] line) {
        return RandomInput.commandWord(line, charset);
    }

    /** The upgrade command was accepted: TLS, or, now and then, clear text the TLS handler refuses. */
    protected final void startTls() throws IOException {
        if (input.chance(15)) {
            client.write(crlf("NOOP"));
            client.awaitClose();
        } else {
            client.startTls(tls);
        }
    }

    /** Answers a challenge (SMTP's 334, POP3's +) with {@code credentials}, garbage or "*", or gives up half-way. */
    protected final void answerChallenge(String credentials) throws IOException {
        switch (input.below(6)) {
            case 0 -> client.abort();
            case 1 -> client.close();
            case 2 -> command(crlf("*"));
            case 3 -> command(input.line(input.junk(longLine())));
            default -> command(crlf(credentials));
        }
    }

    /** Several commands in one write, none that changes the mode; one reply each. */
    private void pipelined() throws IOException {
        byte[][] lines = new byte[2 + input.below(8)][];
        for (int i = 0; i < lines.length; i++) {
            do {
                lines[i] = input.chance(65) ? oneLine() : input.line(input.junk(longLine()));
            } while (modeChanging.contains(commandWord(lines[i])));
        }
        if (!client.write(concat(lines))) {
            return;
        }
        for (int i = 0; i < lines.length && !client.isClosed(); i++) {
            String reply = reply();
            if (reply != null) {
                follow(reply, lines[i]);
            }
        }
    }

    /**
     * The upgrade command with more lines in the same write: where the upgrade is offered the
     * connection closes after at most a refusal; elsewhere (TLS already on) every line is answered.
     * Nothing behind it may ever be executed inside TLS.
     */
    private void upgradeWithInputBehind() {
        byte[][] lines = new byte[2 + input.below(3)][];
        lines[0] = crlf(input.pick(upgradeCommand, upgradeCommand.toLowerCase(), " " + upgradeCommand + " "));
        for (int i = 1; i < lines.length; i++) {
            lines[i] = input.chance(50) ? crlf("NOOP") : input.line(input.junk(80));
        }
        boolean offered = upgradeOffered();
        if (!client.write(concat(lines))) {
            return;
        }
        for (int i = 0; i < lines.length && !client.isClosed(); i++) {
            reply();
        }
        if (offered) {
            client.awaitClose();
        }
    }

    /** Lines the server has yet to read, maybe half a line, then a close or a reset before any reply is read. */
    private void cutShort() {
        byte[] buffered = new byte[0];
        for (int lines = input.below(80); lines > 0; lines--) {
            buffered = concat(buffered, input.chance(50) ? oneLine() : input.line(input.junk(longLine())));
        }
        if (input.chance(30)) {
            buffered = concat(buffered, input.junk(longLine()));
        }
        client.write(buffered);
        if (input.chance(50)) {
            client.abort();
        } else {
            client.close();
        }
    }
}

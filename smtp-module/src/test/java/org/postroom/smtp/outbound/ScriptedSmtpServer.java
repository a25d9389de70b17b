package org.postroom.smtp.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.postroom.listener.testing.InputLines;

/**
 * A remote SMTP server that says whatever its script says, for {@link RemoteRepliesFuzzTest}: the
 * script is the bytes the server sends, cut into lines ({@link InputLines}) and the lines into
 * replies the way a client reads them (a line whose fourth character is "-" continues the
 * reply). The greeting is the first reply; after that each command line (or a message's data, up
 * to its final dot, after a 354 to DATA) gets the next one, whatever it says, and the connection
 * closes when the script runs out, or after a 220 to STARTTLS, since this server speaks no TLS.
 * Every exchange is recorded: the command and the first three characters of the reply it got.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** One command (its word and argument as sent, "." for the end of the data) and the code it got. */
    record Exchange(String command, String code) {
    }

    private final ServerSocket socket;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * Serves the next connection with {@code replies} in a thread of its own and returns at once
     * the exchanges of that connection, recorded as they happen: each before its reply is sent.
     */
    List<Exchange> serveNext(byte[] replies) {
        List<byte[]> script = InputLines.of(replies);
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> serveOne(script, exchanges), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
        return exchanges;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void serveOne(List<byte[]> script, List<Exchange> exchanges) {
        try (Socket client = socket.accept()) {
            client.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            Iterator<List<byte[]>> replies = replies(script).iterator();
            if (!send(replies, out, "(greeting)", exchanges)) {
                return;
            }
            boolean data = false;
            for (String line = readLine(in); line != null; line = readLine(in)) {
                if (data && !line.equals(".")) {
                    continue;
                }
                data = false;
                if (!send(replies, out, line, exchanges)) {
                    return;
                }
                String code = exchanges.get(exchanges.size() - 1).code();
                String word = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                data = word.equals("DATA") && code.equals("354");
                if (word.equals("STARTTLS") && code.equals("220")) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the client went away or the test ended: nothing more to record
        }
    }

    /** Sends the next reply for {@code command}; false when the script has run out. */
    private static boolean send(Iterator<List<byte[]>> replies, OutputStream out, String command,
            List<Exchange> exchanges) throws IOException {
        if (!replies.hasNext()) {
            return false;
        }
        List<byte[]> reply = replies.next();
        String first = new String(reply.get(0), StandardCharsets.ISO_8859_1);
        exchanges.add(new Exchange(command, first.substring(0, Math.min(3, first.length()))));
        for (byte[] line : reply) {
            out.write(line);
        }
        out.flush();
        return true;
    }

    /** The lines grouped into replies: a line whose fourth byte is "-" continues the reply. */
    private static List<List<byte[]>> replies(List<byte[]> lines) {
        List<List<byte[]>> replies = new ArrayList<>();
        List<byte[]> reply = new ArrayList<>();
        for (byte[] line : lines) {
            reply.add(line);
            if (line.length < 4 || line[3] != '-') {
                replies.add(reply);
                reply = new ArrayList<>();
            }
        }
        if (!reply.isEmpty()) {
            replies.add(reply);
        }
        return replies;
    }

    /** A line the client sent, without its CRLF; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}

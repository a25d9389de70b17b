package org.postroom.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

/** Just enough SMTP client for the server's tests: a command and its whole reply, plain or over TLS. */
public final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** A plain connection; the greeting is left to read with {@link #reply()}. */
    public static SmtpClient connect(int port) throws IOException {
        return new SmtpClient(new Socket("127.0.0.1", port));
    }

    /** A plain connection from a given local address, e.g. 127.0.0.9 to look like another client. */
    public static SmtpClient connectFrom(InetAddress local, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new SmtpClient(socket);
    }

    /** TLS from the first byte, trusting only the certificate in the PEM file {@code certificate}. */
    public static SmtpClient connectTls(int port, Path certificate) throws IOException, GeneralSecurityException {
        SSLSocket socket = (SSLSocket) TrustedCertificate.only(certificate).getSocketFactory()
                .createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new SmtpClient(socket);
    }

    public Socket socket() {
        return socket;
    }

    /** Sends one line (CRLF added) and returns the whole reply, its lines joined by LF. */
    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    public String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            lines.add(line);
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

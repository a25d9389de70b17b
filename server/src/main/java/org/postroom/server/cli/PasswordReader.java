package org.postroom.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a new password comes from: the first line of standard input with
 * {@code --password-stdin} (for scripts; never a command-line argument, which other users of the
 * machine can read in the process list), else a prompt on the terminal, typed twice.
 */
final class PasswordReader {

    /** The help text of {@code --password-stdin}. */
    static final String STDIN_OPTION = "read the password from the first line of standard input (else: prompt)";

    private final InputStream stdin;

    PasswordReader(InputStream stdin) {
        this.stdin = stdin;
    }

    String read(boolean fromStdin) {
        if (fromStdin) {
            return firstLineOfStdin();
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("New password: ");
        char[] second = console.readPassword("Repeat it: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new UsageException("the passwords do not match");
        }
        return new String(first);
    }

    private String firstLineOfStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("--password-stdin: standard input holds no password");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("read the password from standard input", e);
        }
    }
}

package org.postroom.listener.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a careless or hostile client sends, drawn from a seeded {@link Random}: words, printable
 * garbage, 8-bit text (valid UTF-8 and not), control characters, lines over a limit, and the
 * line endings SMTP and POP3 clients get wrong. Content never holds an LF: where a line ends is
 * the caller's choice ({@link #line}).
 */
public final class RandomInput {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final List<byte[]> EIGHT_BIT = List.of(
            "é".getBytes(StandardCharsets.UTF_8), "ü".getBytes(StandardCharsets.UTF_8),
            "日本".getBytes(StandardCharsets.UTF_8), "\uD83D\uDCE7".getBytes(StandardCharsets.UTF_8),
            new byte[] { (byte) 0xE9 }, new byte[] { (byte) 0xFF, (byte) 0xFE }, new byte[] { (byte) 0xC3 },
            new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });

    private final Random random;

    public RandomInput(Random random) {
        this.random = random;
    }

    /** 0 to {@code bound - 1}. */
    public int below(int bound) {
        return random.nextInt(bound);
    }

    /** True {@code percent} times in a hundred. */
    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One to twelve letters. */
    public String word() {
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return word.toString();
    }

    /** Printable US-ASCII, spaces included, up to 60 characters. */
    public String garbage() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(61); i > 0; i--) {
            text.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return text.toString();
    }

    /** Words and 8-bit bytes: UTF-8 and broken UTF-8 alike. */
    public byte[] eightBit() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            text.writeBytes(random.nextBoolean() ? word().getBytes(StandardCharsets.US_ASCII)
                    : EIGHT_BIT.get(random.nextInt(EIGHT_BIT.size())));
            if (random.nextInt(3) == 0) {
                text.write(' ');
            }
        }
        return text.toByteArray();
    }

    /** Words and control characters (NUL, CR, TAB, ESC, DEL, ...), never an LF. */
    public byte[] control() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            if (random.nextBoolean()) {
                text.writeBytes(word().getBytes(StandardCharsets.US_ASCII));
            } else {
                // C0 and DEL, but no LF: 32 stands for DEL, LF for NUL
                int c = random.nextInt(33);
                text.write(c == 32 ? 0x7F : c == '\n' ? 0 : c);
            }
        }
        return text.toByteArray();
    }

    /** Printable bytes from a little under {@code limit} to twice it: lines around and over a line limit. */
    public byte[] around(int limit) {
        byte[] text = new byte[Math.max(1, limit - 3 + random.nextInt(limit + 3))];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        return text;
    }

    /** Any of the above as the content of a line, up to {@code longLine} and beyond it for the long ones. */
    public byte[] junk(int longLine) {
        return switch (random.nextInt(5)) {
            case 0 -> garbage().getBytes(StandardCharsets.US_ASCII);
            case 1 -> eightBit();
            case 2 -> control();
            case 3 -> around(longLine);
            default -> (word() + " " + garbage()).getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** {@code content} with a line ending: mostly CRLF, sometimes a bare LF or CR CR LF. */
    public byte[] line(byte[] content) {
        String ending = switch (random.nextInt(10)) {
            case 0 -> "\n";
            case 1 -> "\r\r\n";
            default -> "\r\n";
        };
        return concat(content, ending.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] line(String content) {
        return line(content.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code content} and CRLF, nothing random. */
    public static byte[] crlf(String content) {
        return (content + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /**
     * The command word as James's dispatcher reads a line: decoded in the session's charset,
     * trimmed of everything up to U+0020 at both ends, up to the first space, in upper case.
     */
    public static String commandWord(byte[] line, Charset charset) {
        String text = new String(line, charset).trim();
        int space = text.indexOf(' ');
        return (space > 0 ? text.substring(0, space) : text).toUpperCase(Locale.US);
    }

    /** Whether the line, as James reads it, has an argument after the command word. */
    public static boolean hasArgument(byte[] line, Charset charset) {
        return new String(line, charset).trim().indexOf(' ') > 0;
    }

    /** Printable ASCII as it is, anything else as \r, \n or \xNN. */
    public static String escape(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '\r') {
                text.append("\\r");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c >= ' ' && c < 0x7F && c != '\\') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02X", c));
            }
        }
        return text.toString();
    }
}

package org.postroom.listener.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fuzzer's bytes as the lines a client sends one at a time: cut after every LF, the way the
 * listener frames them, each line keeping the ending it has (CRLF, a bare LF, bytes in between).
 * The last piece, which no LF ends, gets a CRLF, so that the server answers it instead of waiting.
 */
public final class InputLines {

    private InputLines() {
    }

    public static List<byte[]> of(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                lines.add(Arrays.copyOfRange(input, start, i + 1));
                start = i + 1;
            }
        }
        if (start < input.length) {
            byte[] last = Arrays.copyOf(Arrays.copyOfRange(input, start, input.length), input.length - start + 2);
            last[last.length - 2] = '\r';
            last[last.length - 1] = '\n';
            lines.add(last);
        }
        return lines;
    }
}

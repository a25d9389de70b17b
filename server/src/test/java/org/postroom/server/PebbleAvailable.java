package org.postroom.server;

import java.nio.file.Path;

/** Debian's {@code pebble}, Let's Encrypt's ACME test server ({@code PEBBLE_BIN} names another). */
public final class PebbleAvailable extends InstalledProgram {

    public PebbleAvailable() {
        super("pebble", pebble());
    }

    static Path pebble() {
        String value = System.getenv("PEBBLE_BIN");
        return Path.of(value == null || value.isBlank() ? "/usr/bin/pebble" : value);
    }
}

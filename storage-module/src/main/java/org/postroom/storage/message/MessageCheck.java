package org.postroom.storage.message;

import java.util.Objects;

/**
 * The verdict of one check a message went through on its way in, as an Authentication-Results
 * header (RFC 8601) would name it: {@code check} is the method ({@code spf}, {@code dkim},
 * {@code dmarc}, later {@code dnsbl}, {@code rspamd}), {@code result} the result word ({@code
 * pass}, {@code fail}, {@code softfail}, {@code neutral}, {@code none}, {@code temperror}, {@code
 * permerror}, …) and {@code detail} what it is about or why ({@code d=example.com s=sel}, a
 * reason, a score), "" when there is nothing to add.
 */
public record MessageCheck(String check, String result, String detail) {

    public MessageCheck {
        if (check == null || check.isBlank() || result == null || result.isBlank()) {
            throw new IllegalArgumentException("a check needs a method and a result, got " + check + "=" + result);
        }
        detail = Objects.requireNonNullElse(detail, "");
    }
}

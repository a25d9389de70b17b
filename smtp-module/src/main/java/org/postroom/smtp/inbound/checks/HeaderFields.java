package org.postroom.smtp.inbound.checks;

import java.util.List;

import org.apache.james.jdkim.api.Headers;
import org.postroom.smtp.message.MessageHeaders;

/**
 * A message's header section split into its fields once, for every check: as jDKIM's verifier
 * reads it (each field as written, folding kept), and the values of a field by name.
 */
final class HeaderFields implements Headers {

    private final List<String> fields;

    HeaderFields(byte[] headerSection) {
        this.fields = MessageHeaders.fields(headerSection);
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    /** The fields named {@code name}, in any case (RFC 5322 §1.2.2), top to bottom. */
    @Override
    public List<String> getFields(String name) {
        return fields.stream().filter(field -> name.equalsIgnoreCase(MessageHeaders.name(field))).toList();
    }

    /** The values of the fields named {@code name}, as {@link MessageHeaders#values(List, String)} reads them. */
    List<String> values(String name) {
        return MessageHeaders.values(fields, name);
    }
}

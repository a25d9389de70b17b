package org.postroom.admin.autoconfig;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the small, indented XML documents mail clients fetch. Every text and attribute value is
 * escaped, because parts of them (the mail address) come from the request.
 */
final class XmlDocument {

    private final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code tag} with attributes given as name, value, name, value... */
    XmlDocument open(String tag, String... attributes) {
        indent().append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            xml.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        xml.append(">\n");
        open.push(tag);
        return this;
    }

    XmlDocument element(String tag, Object text) {
        indent().append('<').append(tag).append('>').append(escape(String.valueOf(text)))
                .append("</").append(tag).append(">\n");
        return this;
    }

    XmlDocument close() {
        String tag = open.pop();
        indent().append("</").append(tag).append(">\n");
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return xml.toString();
    }

    private StringBuilder indent() {
        return xml.append("  ".repeat(open.size()));
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

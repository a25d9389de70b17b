package org.postroom.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.MtaStsMode;

/**
 * The README's table of DNS records shows, for {@code example.com} on {@code mail.example.com},
 * the values the console's DNS page ({@link DnsRecords}) gives an operator to publish: the MX,
 * SPF and DMARC values to the letter, and the DKIM record under its name (its key is per domain).
 * The README once told operators to publish a DMARC record the page did not give.
 */
class ReadmeDnsRecordsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` ([A-Z]+)[^|]*\\| `([^`]+)`");

    private final List<DnsRecord> records = new DnsRecords(new ServerSettings() {
        @Override
        public String hostname() {
            return "mail.example.com";
        }

        @Override
        public MailPorts ports() {
            return new MailPorts(25, 587, 465, 110, 995);
        }

        @Override
        public Optional<TlsCertificate> certificate() {
            return Optional.empty();
        }
    }).of(new Domain(1, "example.com", "postroom", "MIIB", null, true, MtaStsMode.NONE, 0, 0, Instant.now()));

    @Test
    void theReadmesExampleValuesAreWhatTheDnsPageGives() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(line -> line.startsWith("| `")).toList();
        for (String type : List.of("MX", "TXT")) {
            records.stream().filter(r -> r.type().equals(type) && !r.name().contains("._domainkey."))
                    .forEach(record -> assertThat(readmeValue(rows, record.name(), type))
                            .as("README row for %s %s", record.name(), type).isEqualTo(record.value()));
        }
        assertThat(records).extracting(DnsRecord::name).contains("postroom._domainkey.example.com");
        assertThat(rows).anyMatch(row -> row.startsWith("| `postroom._domainkey.example.com` TXT (DKIM)"));
    }

    /** The first value in backquotes of the row whose first cell is {@code name} and whose type is {@code type}. */
    private static String readmeValue(List<String> rows, String name, String type) {
        for (String row : rows) {
            Matcher matcher = ROW.matcher(row);
            if (matcher.find() && matcher.group(1).equals(name) && matcher.group(2).equals(type)) {
                return matcher.group(3);
            }
        }
        return null;
    }
}

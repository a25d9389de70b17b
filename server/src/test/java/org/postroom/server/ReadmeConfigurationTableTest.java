package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Operators learn the settings from the README: every postroom.* property must have its row there. */
class ReadmeConfigurationTableTest {

    private static final Pattern NAME = Pattern.compile("`([a-z0-9.<>-]+)`");

    @Test
    void everyPostroomPropertyHasARowInTheReadme() throws IOException {
        Set<String> documented = documentedProperties(Path.of("..", "README.md"));
        assertThat(ConfigurationMetadata.postroomProperties()).isNotEmpty()
                .allSatisfy(property -> assertThat(documented).as("README rows").contains(mapKeyStripped(property)));
    }

    @Test
    void everyRowOfTheReadmeNamesARealProperty() throws IOException {
        Set<String> known = new TreeSet<>();
        ConfigurationMetadata.properties().keySet().forEach(p -> known.add(mapKeyStripped(p)));
        assertThat(documentedProperties(Path.of("..", "README.md")))
                .filteredOn(name -> name.startsWith("postroom."))
                .allSatisfy(name -> assertThat(known).as("configuration properties").contains(name));
    }

    /**
     * Names in the first column of the README's table rows. A cell may hold several names:
     * {@code `postroom.tls.cert-file` / `.key-file`} stands for postroom.tls.cert-file and
     * postroom.tls.key-file; {@code `postroom.delivery.routes.<domain>`} for the map postroom.delivery.routes.
     */
    static Set<String> documentedProperties(Path readme) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(readme)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher matcher = NAME.matcher(firstCell);
            String first = null;
            while (matcher.find()) {
                String name = matcher.group(1);
                if (first == null) {
                    first = name;
                } else if (name.startsWith(".")) {
                    name = first.substring(0, first.lastIndexOf('.')) + name;
                }
                names.add(mapKeyStripped(name));
            }
        }
        return names;
    }

    private static String mapKeyStripped(String name) {
        return name.replaceAll("\\.<[a-z-]+>$", "");
    }
}

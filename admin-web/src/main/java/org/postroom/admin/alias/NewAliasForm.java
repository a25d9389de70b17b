package org.postroom.admin.alias;

import java.util.Arrays;
import java.util.List;

/**
 * The console's new-alias form: the name before the @ (ignored for a catch-all), the domain, and
 * the targets one per line (commas and spaces also separate them). An unticked checkbox sends
 * nothing, so {@code catchAll} is null then.
 */
record NewAliasForm(String localPart, String domain, Boolean catchAll, String targets) {

    String address() {
        String name = Boolean.TRUE.equals(catchAll) || localPart == null ? "" : localPart.strip();
        return name + "@" + (domain == null ? "" : domain);
    }

    List<String> targetList() {
        if (targets == null) {
            return List.of();
        }
        return Arrays.stream(targets.split("[\\s,;]+")).filter(target -> !target.isEmpty()).toList();
    }
}

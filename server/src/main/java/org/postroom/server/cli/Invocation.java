package org.postroom.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line taken apart: {@code <noun> <verb> [arguments] [--option[=value]]}. Options that
 * are not the command's own ({@code --spring.datasource.url=...}) are handed to Spring, so the CLI
 * is configured exactly like the server.
 */
record Invocation(String noun, String verb, List<String> arguments, Map<String, String> options,
        List<String> springArguments) {

    static final Set<String> OWN_OPTIONS = Set.of("password-stdin", "quota", "force", "domain", "query");

    static Invocation parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (OWN_OPTIONS.contains(name)) {
                options.put(name, equals < 0 ? "" : arg.substring(equals + 1));
            } else {
                spring.add(arg);
            }
        }
        String noun = words.isEmpty() ? "" : words.remove(0);
        String verb = words.isEmpty() ? "" : words.remove(0);
        return new Invocation(noun, verb, List.copyOf(words), Map.copyOf(options), List.copyOf(spring));
    }

    /** The {@code index}-th argument, or a usage error naming what is missing. */
    String argument(int index, String name) {
        if (arguments.size() <= index) {
            throw new UsageException(noun + " " + verb + " needs " + name);
        }
        return arguments.get(index);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).filter(v -> !v.isEmpty());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }
}

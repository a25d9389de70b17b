package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.springframework.context.ApplicationContext;

/** The verbs of one noun ({@code domain}, {@code user}, ...), run against the storage services. */
interface Commands {

    String noun();

    /** The verbs this noun knows, checked before any database is opened. */
    Set<String> verbs();

    /** One line per verb, for the usage text. */
    String usage();

    /** Runs {@code invocation}; storage exceptions travel up and become exit code 1. */
    void run(Invocation invocation, ApplicationContext services, PrintStream out);

    static UsageException unknownVerb(Invocation invocation) {
        return new UsageException("unknown command: " + invocation.noun() + " " + invocation.verb());
    }
}

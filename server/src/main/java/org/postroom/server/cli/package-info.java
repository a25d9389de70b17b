/**
 * The command line in the same jar ({@code java -jar postroom.jar user add alice@example.com}):
 * first set-up and scripting on the configured database, without the web and without the mail
 * listeners, through the same storage services as the console and the API.
 *
 * <p>Picocli parses it: {@link org.postroom.server.cli.PostroomCommand} holds the one list of
 * commands, each group ({@code domain}, {@code user}, ...) is a class whose verbs are its methods.
 * Arguments are checked and {@code --help} answered before the Spring context of the storage
 * services starts ({@link org.postroom.server.cli.Services}, at a command's first use of them).
 * Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage (with the usage).
 */
package org.postroom.server.cli;

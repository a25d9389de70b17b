/**
 * The command line in the same jar ({@code java -jar postroom.jar user add alice@example.com}):
 * first set-up and scripting on the configured database, without the web and without the mail
 * listeners, through the same storage services as the console and the API.
 * Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage.
 */
package org.postroom.server.cli;

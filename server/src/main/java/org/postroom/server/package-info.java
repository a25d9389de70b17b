/**
 * The Spring Boot host: the main class and the command line. It reads the configuration, starts
 * the embedded PostgreSQL when no external one is configured, and wires the storage services,
 * the mail listeners and the web console together ({@code wiring}).
 */
package org.postroom.server;

/**
 * Postroom's typed configuration: one record per {@code postroom.*} group, validated at start-up
 * so that a bad value stops the server with a message naming the property. A rule about one value
 * is a Bean Validation constraint on the record component ({@code @Min}, {@link
 * org.postroom.server.config.Port}, {@code @DurationMin}, ...); the compact constructor keeps what
 * needs several values or a parser of another module, and says the property's name itself. A
 * default that a standard fixes comes from the constant that names it (e.g. {@code
 * SmtpStandard.MX_PORT}), so it is written once.
 */
package org.postroom.server.config;

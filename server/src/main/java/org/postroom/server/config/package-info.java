/**
 * Postroom's typed configuration: one record per {@code postroom.*} group, validated at start-up
 * so that a bad value stops the server with a message naming the property.
 */
package org.postroom.server.config;

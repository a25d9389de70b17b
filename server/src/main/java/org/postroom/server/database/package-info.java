/**
 * The embedded default database: a real PostgreSQL 17 run from Maven artifacts under the data
 * dir, with durable settings, used whenever {@code spring.datasource.url} is not set.
 */
package org.postroom.server.database;

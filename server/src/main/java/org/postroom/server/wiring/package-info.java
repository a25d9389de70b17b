/**
 * Where the modules meet: each class here turns one module's plain classes into Spring beans,
 * with the typed configuration they need. Nothing here holds logic of its own.
 */
package org.postroom.server.wiring;

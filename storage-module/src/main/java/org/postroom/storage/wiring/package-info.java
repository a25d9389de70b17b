/**
 * The storage services as Spring beans ({@link org.postroom.storage.wiring.StorageWiring}), defined
 * once for every application that runs on Postroom's database: the server, its command line and
 * admin-web's test application.
 */
package org.postroom.storage.wiring;

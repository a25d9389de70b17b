/** Tests of the module's shape rather than its behaviour: how its packages depend on each other. */
package org.postroom.storage.architecture;

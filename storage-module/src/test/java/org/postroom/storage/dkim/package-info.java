/** Tests of the DKIM key material. */
package org.postroom.storage.dkim;

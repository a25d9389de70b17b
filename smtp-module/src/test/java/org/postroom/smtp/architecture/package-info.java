/** Tests of the direction of the imports between smtp-module's packages. */
package org.postroom.smtp.architecture;

/**
 * What every part of Postroom's SMTP shares below the reply vocabulary: the numbers the standards
 * fix ({@link org.postroom.smtp.SmtpStandard}). Nothing here knows about Apache James, sockets or
 * storage.
 */
package org.postroom.smtp;

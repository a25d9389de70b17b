/**
 * What both mail protocols need of SASL (RFC 4422), decoded once: the client's response of the
 * PLAIN mechanism (RFC 4616), which SMTP AUTH (RFC 4954) and POP3 AUTH (RFC 5034) carry alike, in
 * base64. The protocols turn {@link org.postroom.listener.sasl.SaslPlain}'s outcome into their
 * replies and hand the login to storage's login pipeline.
 */
package org.postroom.listener.sasl;

/**
 * MTA-STS for mail sent to our domains (RFC 8461): the policy each domain's mode asks for ({@link
 * org.postroom.admin.mtasts.MtaStsPolicy}), served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}
 * to anyone ({@link org.postroom.admin.mtasts.MtaStsPolicyDocument}). Its DNS records are listed with the
 * domain's others. Enforcing policies of other domains on outbound mail is smtp-module's.
 */
package org.postroom.admin.mtasts;

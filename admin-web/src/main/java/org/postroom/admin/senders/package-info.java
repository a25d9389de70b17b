/**
 * The allow and block lists of senders of a domain and of a user: the REST API under {@code
 * /api/v1/domains/{name}/senders} and {@code /api/v1/users/{address}/senders}, and the console's
 * forms on the domain's and the user's page, both over storage's {@code SenderLists}.
 */
package org.postroom.admin.senders;

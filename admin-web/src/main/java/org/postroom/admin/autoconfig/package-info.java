/**
 * How mail clients learn where to connect: the list of servers a user sets up
 * ({@link org.postroom.admin.autoconfig.MailClientSetup}, also shown on the account page), and
 * the two documents clients fetch by themselves, Thunderbird's autoconfig
 * ({@code config-v1.1.xml}) and Outlook's autodiscover (POX). Both are public: they describe the
 * server, not an account.
 */
package org.postroom.admin.autoconfig;

/**
 * Aliases: addresses that deliver to one or more other addresses, local or external, and the
 * catch-all {@code @example.com}; as console pages and {@code /api/v1/aliases}.
 */
package org.postroom.admin.alias;

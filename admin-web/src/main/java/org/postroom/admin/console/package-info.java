/**
 * The console pages' shared frame: how storage's refusals become flash messages on the page the
 * administrator came from, the delete-confirmation page, the signed-in name in every page's
 * model, and the formats pages show numbers and times in.
 */
package org.postroom.admin.console;

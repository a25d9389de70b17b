/**
 * Postroom's web side: the administrators' console (server-rendered pages), the REST API under
 * {@code /api/v1}, the users' account page, and the mail-client autoconfiguration documents.
 *
 * <p>Packages follow features ({@code domain}, {@code user}, {@code alias}, {@code queue},
 * {@code dashboard}, {@code settings}, {@code account}, {@code autoconfig}); each holds its page
 * controller and its API controller, and both call the same storage services, so the console can
 * do nothing the API cannot. {@code security} decides who may see what, {@code console} is the
 * pages' shared frame, {@code api} the API's shared error format and description. The module
 * depends only on storage-module; what it shows about the rest of the server comes in through
 * {@link org.postroom.admin.settings.ServerSettings}.
 */
package org.postroom.admin;

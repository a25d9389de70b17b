/**
 * Sending limits in the console and the API: a user's and a domain's limits ({@code
 * /api/v1/users/{address}/limits}, {@code /api/v1/domains/{name}/limits}, the "Sending limits"
 * card on their pages), a user's usage, the users whose sending is suspended ({@code
 * /api/v1/suspensions}, the dashboard's banner) and the administrator's lift of a suspension.
 */
package org.postroom.admin.limits;

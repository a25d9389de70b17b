/**
 * What all REST API endpoints share: errors as {@code application/problem+json} with the status
 * storage's exceptions stand for (400 bad input, 404 unknown, 409 conflict, 503 database down),
 * paging, the reading of a PATCH body as a JSON merge patch ({@link org.postroom.admin.api.MergePatch}),
 * and the OpenAPI description served at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}). The endpoints themselves live with their features.
 */
package org.postroom.admin.api;

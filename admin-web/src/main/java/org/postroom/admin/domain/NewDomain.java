package org.postroom.admin.domain;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/domains} and the console's add form: a name, IDN allowed, and
 * where postmaster@ and abuse@ go when no user or alias has that name.
 */
public record NewDomain(String name,
        @Schema(description = "a local user or alias, or an external address, for postmaster@ and abuse@; "
                + "absent: held for the administrators until one is set", nullable = true) String postmasterTarget) {
}

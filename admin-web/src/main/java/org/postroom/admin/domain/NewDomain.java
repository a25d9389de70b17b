package org.postroom.admin.domain;

/** The body of {@code POST /api/v1/domains} and the console's add form: a name, IDN allowed. */
public record NewDomain(String name) {
}

package org.postroom.admin.alias;

import java.util.List;

/**
 * The body of {@code POST /api/v1/aliases}.
 *
 * @param address {@code @example.com} for the domain's catch-all
 * @param targets local or external addresses, at least one
 */
public record NewAlias(String address, List<String> targets) {
}

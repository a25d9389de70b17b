package org.postroom.admin.api;

import java.util.List;
import java.util.function.Function;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Page;

/** One page of a longer list as the API returns it; {@code page} counts from 0. */
public record PageView<T>(List<T> items, int page, int size, long total, int pages) {

    public static final int MAX_SIZE = 500;

    public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.number(), page.size(), page.total(),
                page.pageCount());
    }

    /** @throws InvalidInputException for a negative page or a size outside 1..{@value #MAX_SIZE} */
    public static void requireValid(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size must be between 1 and " + MAX_SIZE);
        }
    }
}

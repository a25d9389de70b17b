package org.postroom.storage.directory;

import java.util.List;

/** One page of a longer list: {@code number} counts from 0, {@code total} is the whole list's size. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Where page {@code number} of {@code size} items starts, for a query's OFFSET.
     *
     * @throws IllegalArgumentException for a negative page or a size under 1
     */
    public static long offset(int number, int size) {
        if (number < 0 || size < 1) {
            throw new IllegalArgumentException("page must be 0 or more and the page size 1 or more");
        }
        return (long) number * size;
    }

    public int pageCount() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}

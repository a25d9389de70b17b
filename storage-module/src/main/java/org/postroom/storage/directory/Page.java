package org.postroom.storage.directory;

import java.util.List;

/** One page of a longer list: {@code number} counts from 0, {@code total} is the whole list's size. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public int pageCount() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}

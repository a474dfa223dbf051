package dev.segue.commons.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, the shape every list endpoint answers; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The same page with each item mapped, e.g. a domain record to its view. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}

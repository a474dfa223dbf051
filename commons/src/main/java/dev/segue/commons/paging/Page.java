package dev.segue.commons.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a listing, the shape every list endpoint answers; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size,
        @Schema(description = "How many items the listing has; when totalExact is false, at least this many (a search counts "
                + "its matches up to 1,000)") long total,
        @Schema(description = "false when total is a lower bound: the search matches more than it counted") boolean totalExact) {

    /** A page whose total is counted exactly. */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    /** The same page with each item mapped, e.g. a domain record to its view. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalExact);
    }
}

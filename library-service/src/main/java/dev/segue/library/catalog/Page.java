package dev.segue.library.catalog;

import java.util.List;

/** One page of a listing; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {
}

package dev.segue.library.catalog;

import java.util.UUID;

/** An artist with how many present tracks and albums it has. */
public record Artist(long id, String name, String sortName, UUID mbid, long trackCount, long albumCount) {
}

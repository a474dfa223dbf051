package dev.segue.library.rest;

import dev.segue.library.catalog.Artist;
import java.util.UUID;

/** An artist with how many present tracks and albums it has. */
public record ArtistView(long id, String name, String sortName, UUID mbid, long trackCount, long albumCount) {

    static ArtistView of(Artist a) {
        return new ArtistView(a.id(), a.name(), a.sortName(), a.mbid(), a.trackCount(), a.albumCount());
    }
}

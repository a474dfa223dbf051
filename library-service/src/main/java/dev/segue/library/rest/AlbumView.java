package dev.segue.library.rest;

import dev.segue.library.catalog.Album;
import java.util.UUID;

/** An album with its album artist and how many present tracks it has. */
public record AlbumView(long id, String title, long albumArtistId, String albumArtist, Integer year, boolean compilation,
        UUID mbidRelease, UUID mbidReleaseGroup, long trackCount) {

    static AlbumView of(Album a) {
        return new AlbumView(a.id(), a.title(), a.albumArtistId(), a.albumArtist(), a.year(), a.compilation(),
                a.mbidRelease(), a.mbidReleaseGroup(), a.trackCount());
    }
}

package dev.segue.library.catalog;

import java.util.UUID;

/** An album with its album artist and how many present tracks it has. */
public record Album(long id, String title, long albumArtistId, String albumArtist, Integer year, boolean compilation,
        UUID mbidRelease, UUID mbidReleaseGroup, long trackCount) {
}

package dev.segue.library.scan;

import java.util.Locale;

/** Where a track's artist or album name came from ({@code tracks.artist_source}, {@code album_source}). */
public enum NameSource {
    /** The file's tags. */
    TAGS,
    /** The library folders ({@code Artist/Album/NN Title}). */
    PATH,
    /** Neither: the artist is the placeholder "Unknown Artist", which groups nothing; no album. */
    NONE;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.segue.enrichment.genre;

import java.util.Locale;

/** An external genre source; {@link #id()} is its value in {@code enrichment_state.source}. */
public enum Source {
    LASTFM("lastfm_artist", "lastfm_album", "lastfm_track"),
    MUSICBRAINZ("musicbrainz_artist", "musicbrainz_release_group", "musicbrainz_recording");

    private final String artistColumn;
    private final String albumColumn;
    private final String trackColumn;

    Source(String artistColumn, String albumColumn, String trackColumn) {
        this.artistColumn = artistColumn;
        this.albumColumn = albumColumn;
        this.trackColumn = trackColumn;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code *_genres.source} value this source writes for an entity type. */
    public String genreSource(EntityType type) {
        return switch (type) {
            case ARTIST -> artistColumn;
            case ALBUM -> albumColumn;
            case TRACK -> trackColumn;
        };
    }

    public static Source of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}

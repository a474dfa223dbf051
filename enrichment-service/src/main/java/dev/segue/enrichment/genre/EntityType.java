package dev.segue.enrichment.genre;

import java.util.Locale;

/** What a genre belongs to; {@link #id()} is its value in {@code enrichment_state.entity_type}. */
public enum EntityType {
    ARTIST("artists", "artist_genres", "artist_id"),
    ALBUM("albums", "album_genres", "album_id"),
    TRACK("tracks", "track_genres", "track_id");

    private final String table;
    private final String genreTable;
    private final String genreKey;

    EntityType(String table, String genreTable, String genreKey) {
        this.table = table;
        this.genreTable = genreTable;
        this.genreKey = genreKey;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String table() {
        return table;
    }

    public String genreTable() {
        return genreTable;
    }

    public String genreKey() {
        return genreKey;
    }
}

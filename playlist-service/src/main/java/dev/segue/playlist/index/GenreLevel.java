package dev.segue.playlist.index;

import java.util.List;

/**
 * Where a genre weight is attached; a track's effective genres come from the most specific level that has
 * any (track, else album, else artist). Each level lists the sources enrichment-service writes there.
 */
public enum GenreLevel {
    TRACK(List.of("file", "musicbrainz_recording", "lastfm_track")),
    ALBUM(List.of("file", "musicbrainz_release_group", "lastfm_album")),
    ARTIST(List.of("file", "musicbrainz_artist", "lastfm_artist"));

    /**
     * Trust per source, by position in the level's source list: tags the user set in the files, then MusicBrainz
     * (curated votes), then Last.fm (free-form crowd tags, the noisiest).
     */
    private static final float[] SOURCE_WEIGHTS = {1.0f, 0.9f, 0.75f};
    public static final int SOURCES_PER_LEVEL = SOURCE_WEIGHTS.length;

    private final List<String> sources;

    GenreLevel(List<String> sources) {
        this.sources = sources;
    }

    /** The code of {@code source} at this level, or -1 for a source this service does not know. */
    public byte sourceCode(String source) {
        return (byte) sources.indexOf(source);
    }

    public static float sourceWeight(byte code) {
        return SOURCE_WEIGHTS[code];
    }
}

package dev.segue.enrichment.client;

/** One MusicBrainz WS/2 request; all go through {@link MusicBrainzClient#fetch} and so share its limiter and breaker. */
public record MusicBrainzRequest(Kind kind, String argument, int offset) {

    /** Browse pages hold at most 100 entities. */
    public static final int PAGE_SIZE = 100;

    public enum Kind { ARTIST, ARTIST_SEARCH, RELEASE_GROUPS_OF_ARTIST, RELEASE_GROUP, RECORDING }

    public static MusicBrainzRequest artist(String mbid) {
        return new MusicBrainzRequest(Kind.ARTIST, mbid, 0);
    }

    public static MusicBrainzRequest searchArtist(String name) {
        return new MusicBrainzRequest(Kind.ARTIST_SEARCH, name, 0);
    }

    public static MusicBrainzRequest releaseGroupsOf(String artistMbid, int offset) {
        return new MusicBrainzRequest(Kind.RELEASE_GROUPS_OF_ARTIST, artistMbid, offset);
    }

    public static MusicBrainzRequest releaseGroup(String mbid) {
        return new MusicBrainzRequest(Kind.RELEASE_GROUP, mbid, 0);
    }

    public static MusicBrainzRequest recording(String mbid) {
        return new MusicBrainzRequest(Kind.RECORDING, mbid, 0);
    }

    /** Lucene query for an exact artist name; quotes and backslashes escaped. */
    static String artistQuery(String name) {
        return "artist:\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

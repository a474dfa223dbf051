package dev.segue.enrichment.client;

/**
 * A Last.fm getTopTags request: by MBID when known (names are then not sent), else by names. Method
 * names are sent in lower case, as Last.fm's own examples do (it accepts any case).
 */
public record LastFmRequest(String method, String mbid, String artist, String album, String track) {

    public static LastFmRequest artist(String mbid, String artist) {
        return blank(mbid) ? new LastFmRequest("artist.gettoptags", null, artist, null, null)
                : new LastFmRequest("artist.gettoptags", mbid, null, null, null);
    }

    public static LastFmRequest album(String mbid, String artist, String album) {
        return blank(mbid) ? new LastFmRequest("album.gettoptags", null, artist, album, null)
                : new LastFmRequest("album.gettoptags", mbid, null, null, null);
    }

    public static LastFmRequest track(String mbid, String artist, String track) {
        return blank(mbid) ? new LastFmRequest("track.gettoptags", null, artist, null, track)
                : new LastFmRequest("track.gettoptags", mbid, null, null, null);
    }

    boolean byName() {
        return mbid == null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

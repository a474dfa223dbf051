package dev.segue.enrichment.client;

/** A Last.fm getTopTags request: by MBID when known (names are then not sent), else by names. */
public record LastFmRequest(String method, String mbid, String artist, String album, String track) {

    public static LastFmRequest artist(String mbid, String artist) {
        return blank(mbid) ? new LastFmRequest("artist.getTopTags", null, artist, null, null)
                : new LastFmRequest("artist.getTopTags", mbid, null, null, null);
    }

    public static LastFmRequest album(String mbid, String artist, String album) {
        return blank(mbid) ? new LastFmRequest("album.getTopTags", null, artist, album, null)
                : new LastFmRequest("album.getTopTags", mbid, null, null, null);
    }

    public static LastFmRequest track(String mbid, String artist, String track) {
        return blank(mbid) ? new LastFmRequest("track.getTopTags", null, artist, null, track)
                : new LastFmRequest("track.getTopTags", mbid, null, null, null);
    }

    boolean byName() {
        return mbid == null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

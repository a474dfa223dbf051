package dev.segue.enrichment.library;

/** An album with its album artist, as enrichment needs it. */
public record AlbumRef(long id, String title, long artistId, String artistName, String artistMbid, String releaseMbid,
        String releaseGroupMbid) {
}

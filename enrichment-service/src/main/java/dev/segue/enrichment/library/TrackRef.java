package dev.segue.enrichment.library;

/** A track with its artist and album names, as enrichment needs it. */
public record TrackRef(long id, String title, String artistName, String albumTitle, String recordingMbid) {
}

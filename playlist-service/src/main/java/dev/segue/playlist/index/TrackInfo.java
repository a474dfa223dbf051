package dev.segue.playlist.index;

/**
 * What the index keeps about a present track besides its sound and genres.
 *
 * @param albumId     null for a track without an album
 * @param durationMs  null when the tags did not say
 * @param artistKnown false when neither tags nor path named an artist: the artist row then stands for
 *                    "no artist" and groups nothing (see {@link LibraryIndex#artistGroup})
 */
public record TrackInfo(long id, String title, long artistId, String artist, Long albumId, String album,
                        Integer durationMs, String path, boolean artistKnown) {

    /** The folder holding the file: for an untagged file the only grouping its place gives. */
    public String folder() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? "" : path.substring(0, slash);
    }
}

package dev.segue.playlist.index;

import dev.segue.playlist.similarity.GenreVectors;
import dev.segue.playlist.similarity.SonicVectors;
import java.time.Instant;
import java.util.Arrays;

/**
 * An immutable snapshot of every present track: metadata, sound and genres, addressed by row
 * (0..size-1, in ascending track id). Requests read one snapshot from start to end and never touch
 * the database; a refresh builds a new snapshot and swaps it in.
 */
public final class LibraryIndex {

    private final long[] ids;
    private final TrackInfo[] tracks;
    private final int[] recording;
    private final SonicVectors sonic;
    private final GenreVectors genres;
    private final int analyzerVersion;
    private final Instant builtAt;

    LibraryIndex(long[] ids, TrackInfo[] tracks, int[] recording, SonicVectors sonic, GenreVectors genres,
                 int analyzerVersion, Instant builtAt) {
        this.ids = ids;
        this.tracks = tracks;
        this.recording = recording;
        this.sonic = sonic;
        this.genres = genres;
        this.analyzerVersion = analyzerVersion;
        this.builtAt = builtAt;
    }

    public int size() {
        return ids.length;
    }

    /** The row of a present track, or -1. */
    public int row(long trackId) {
        int r = Arrays.binarySearch(ids, trackId);
        return r < 0 ? -1 : r;
    }

    public long trackId(int row) {
        return ids[row];
    }

    public TrackInfo track(int row) {
        return tracks[row];
    }

    /** Same number for two rows whose normalised artist and title match: the same recording. */
    public int recording(int row) {
        return recording[row];
    }

    public SonicVectors sonic() {
        return sonic;
    }

    public GenreVectors genres() {
        return genres;
    }

    public boolean hasSonic(int row) {
        return sonic.has(row);
    }

    /** The analyzer_version whose vectors are loaded, 0 when none. */
    public int analyzerVersion() {
        return analyzerVersion;
    }

    public Instant builtAt() {
        return builtAt;
    }

    /** Heap bytes of the primitive arrays (metadata strings excluded); the benchmark measures the whole. */
    public long estimatedVectorBytes() {
        return sonic.estimatedBytes() + genres.estimatedBytes() + (long) ids.length * 12;
    }
}

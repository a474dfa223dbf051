package dev.segue.playlist.index;

import dev.segue.playlist.similarity.GenreVectors;
import dev.segue.playlist.similarity.ScoredLibrary;
import dev.segue.playlist.similarity.SonicVectors;
import java.time.Instant;
import java.util.Arrays;

/**
 * An immutable snapshot of every present track: metadata, sound and genres, addressed by row
 * (0..size-1, in ascending track id). Requests read one snapshot from start to end and never touch
 * the database; a refresh builds a new snapshot and swaps it in.
 */
public final class LibraryIndex implements ScoredLibrary {

    /** A re-encode or re-master trims a few seconds at the ends. */
    public static final int SAME_LENGTH_TOLERANCE_MS = 3000;
    public static final double SAME_LENGTH_TOLERANCE = 0.02;
    /** exp(-D²/2) at D² = 0.5: a quarter of the distance of a random pair of the library (D² about 2). */
    public static final double SAME_SOUND_SIMILARITY = Math.exp(-0.25);

    private final long[] ids;
    private final TrackInfo[] tracks;
    private final int[] recording;
    private final long[] artistGroup;
    private final long[] albumGroup;
    private final boolean[] analysisFailed;
    private final SonicVectors sonic;
    private final GenreVectors genres;
    private final int analyzerVersion;
    private final Instant builtAt;
    /** Lengths in a primitive array: the candidate filter reads every row's, and a TrackInfo is a pointer chase. */
    private final int[] durationMs;

    LibraryIndex(long[] ids, TrackInfo[] tracks, int[] recording, long[] artistGroup, long[] albumGroup,
                 boolean[] analysisFailed, SonicVectors sonic, GenreVectors genres, int analyzerVersion, Instant builtAt) {
        this.ids = ids;
        this.tracks = tracks;
        this.recording = recording;
        this.artistGroup = artistGroup;
        this.albumGroup = albumGroup;
        this.analysisFailed = analysisFailed;
        this.sonic = sonic;
        this.genres = genres;
        this.analyzerVersion = analyzerVersion;
        this.builtAt = builtAt;
        this.durationMs = new int[tracks.length];
        for (int r = 0; r < tracks.length; r++) {
            Integer ms = tracks[r].durationMs();
            durationMs[r] = ms == null ? -1 : ms;
        }
    }

    /** The track's length in milliseconds, -1 when the tags did not say. */
    public int durationMs(int row) {
        return durationMs[row];
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

    /**
     * Same number for two rows whose normalised artist (the folder when no artist is known) and title match:
     * candidates for one recording, which {@link #sameRecording} confirms.
     */
    public int recording(int row) {
        return recording[row];
    }

    /**
     * One recording under two files: the same normalised artist and title, lengths within
     * {@link #SAME_LENGTH_TOLERANCE_MS} or {@link #SAME_LENGTH_TOLERANCE} (whichever is larger; an unknown
     * length does not tell them apart) and, when both are analysed, a sound at least
     * {@link #SAME_SOUND_SIMILARITY} alike. A title repeated across different songs fails on length or sound.
     */
    public boolean sameRecording(int a, int b) {
        if (recording[a] != recording[b]) {
            return false;
        }
        Integer da = tracks[a].durationMs();
        Integer db = tracks[b].durationMs();
        if (da != null && db != null
                && Math.abs(da - db) > Math.max(SAME_LENGTH_TOLERANCE_MS, SAME_LENGTH_TOLERANCE * Math.max(da, db))) {
            return false;
        }
        return !sonic.has(a) || !sonic.has(b)
                || sonic.similarity(a, Segment.AVERAGE, b, Segment.AVERAGE) >= SAME_SOUND_SIMILARITY;
    }

    /**
     * The artist for caps and gaps: the artist's id, or for a track without a known artist a group of its
     * own (negative), since "no artist" is not an artist that unrelated tracks share.
     */
    public long artistGroup(int row) {
        return artistGroup[row];
    }

    /**
     * The album for gaps: the album's id; for a track with neither album nor artist its folder (negative);
     * 0 for none.
     */
    public long albumGroup(int row) {
        return albumGroup[row];
    }

    /** The track's analysis failed or its format is unsupported (it has no sonic vectors). */
    public boolean analysisFailed(int row) {
        return analysisFailed[row];
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
        return sonic.estimatedBytes() + genres.estimatedBytes() + (long) ids.length * 16;
    }
}

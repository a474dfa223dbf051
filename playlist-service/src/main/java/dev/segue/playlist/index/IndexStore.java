package dev.segue.playlist.index;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reads the index is loaded with, implemented by {@code repository.IndexRepository} (all SQL lives there; the
 * index depends on this interface only, so the repository may use the index's types without a package cycle).
 */
public interface IndexStore {

    /** A track row with its artist's and album's names; {@code present} false for a track no longer in the library. */
    record TrackRow(long id, String title, long artistId, String artist, Long albumId, String album,
                    Integer durationMs, String path, boolean present, Instant changedAt, boolean artistKnown) {
    }

    /** One segment of an analysis; {@code segment} and {@code features} null for an analysis without segments. */
    record SegmentRow(long trackId, String status, Instant analyzedAt, String segment, float[] features) {
    }

    record GenreRow(long entityId, long genreId, String source, float weight, Instant updatedAt) {
    }

    /**
     * Runs {@code work} in one read-only transaction (streamed reads need one: pgjdbc ignores the fetch size without);
     * a failure of the database reaches the caller as an unchecked exception whose cause is the driver's.
     */
    <T> T read(Function<Reads, T> work);

    /** The reads of one transaction. */
    interface Reads {

        /** Readable analyzer versions (their upgrade complete), newest first. */
        List<Integer> readableVersions();

        /**
         * Present tracks when {@code since} is null; else every track whose row, artist or album changed after it
         * (removed ones too). Returns the rows read.
         */
        int tracks(Instant since, Consumer<TrackRow> rows);

        /**
         * Segment rows of the analyses of {@code version} made after {@code since}, of the given tracks only when
         * {@code trackIds} is not null; returns the rows read.
         */
        int segments(int version, Instant since, Collection<Long> trackIds, Consumer<SegmentRow> rows);

        Map<Long, Long> genreParents();

        /**
         * A level's genre rows ordered by entity: all when {@code since} is null, else every row of the entities with
         * a row changed after it.
         */
        void genreRows(GenreLevel level, Instant since, Consumer<GenreRow> rows);

        long genreRowCount(GenreLevel level);
    }
}

package dev.segue.playlist.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    interface Rows<T> {
        void accept(T row) throws SQLException;
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one read-only transaction (streamed reads need one: pgjdbc ignores the fetch size without). */
    <T> T read(Work<T> work) throws SQLException;

    /** Readable analyzer versions (their upgrade complete), newest first. */
    List<Integer> readableVersions(Connection c) throws SQLException;

    /**
     * Present tracks when {@code since} is null; else every track whose row, artist or album changed after it
     * (removed ones too). Returns the rows read.
     */
    int tracks(Connection c, Instant since, Rows<TrackRow> rows) throws SQLException;

    /**
     * Segment rows of the analyses of {@code version} made after {@code since}, of the given tracks only when
     * {@code trackIds} is not null; returns the rows read.
     */
    int segments(Connection c, int version, Instant since, Collection<Long> trackIds, Rows<SegmentRow> rows)
            throws SQLException;

    Map<Long, Long> genreParents(Connection c) throws SQLException;

    /**
     * A level's genre rows ordered by entity: all when {@code since} is null, else every row of the entities with
     * a row changed after it.
     */
    void genreRows(Connection c, GenreLevel level, Instant since, Rows<GenreRow> rows) throws SQLException;

    long genreRowCount(Connection c, GenreLevel level) throws SQLException;
}

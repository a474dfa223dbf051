package dev.segue.playlist.index;

import dev.segue.playlist.config.PlaylistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies what changed in the database to an {@link IndexBuilder}: a full load first, then only rows changed since
 * the last poll (by {@code tracks/artists/albums.updated_at}, {@code sonic_analyses.analyzed_at} and the genre
 * tables' {@code updated_at}), re-reading a short overlap because a row's timestamp is its transaction's start,
 * which may commit after a later one. Genre rows deleted without a trace are caught by comparing row counts.
 * Vectors come from one analyzer_version, the newest that covers the library; switching to a newer one reloads all
 * vectors, so versions are never mixed. Holds the watermarks; its owner serialises the calls.
 */
@ApplicationScoped
class IndexLoader {

    private static final Logger LOG = Logger.getLogger(IndexLoader.class);
    private static final Instant EPOCH = Instant.EPOCH;

    private final IndexStore repository;
    private final Duration overlap;
    private Instant tracksSeen = EPOCH;
    private Instant analysesSeen = EPOCH;
    private final Map<GenreLevel, Instant> genresSeen = new EnumMap<>(GenreLevel.class);
    private int unknownVersionWarned;

    IndexLoader(IndexStore repository, PlaylistConfig config) {
        this.repository = repository;
        this.overlap = config.index().overlap();
    }

    IndexStore repository() {
        return repository;
    }

    /** Reads every change since the last call into {@code builder}; true when anything changed. */
    boolean load(IndexStore.Reads reads, IndexBuilder builder) {
        boolean changed = loadTracks(reads, builder);
        changed |= loadVectors(reads, builder);
        changed |= loadGenres(reads, builder);
        return changed;
    }

    /**
     * Reads the current vectors of the given tracks (after sonic-service analysed them) without moving the poll's
     * watermark past analyses it has not read; -1 when the readable analyzer version changed, so a full
     * {@link #load} is due.
     */
    int loadVectorsOf(IndexStore.Reads reads, IndexBuilder builder, Collection<Long> trackIds) {
        int version = readableVersion(reads);
        if (version != builder.analyzerVersion()) {
            return -1;
        }
        return applyVectors(reads, builder, version, EPOCH, trackIds, false);
    }

    private boolean loadTracks(IndexStore.Reads reads, IndexBuilder builder) {
        boolean full = tracksSeen.equals(EPOCH);
        int n = reads.tracks(full ? null : tracksSeen.minus(overlap), t -> {
            if (t.changedAt().isAfter(tracksSeen)) {
                tracksSeen = t.changedAt();
            }
            if (t.present()) {
                builder.putTrack(new TrackInfo(t.id(), t.title(), t.artistId(), t.artist(), t.albumId(), t.album(),
                        t.durationMs(), t.path(), t.artistKnown()));
            } else {
                builder.removeTrack(t.id());
            }
        });
        if (full && tracksSeen.equals(EPOCH)) {
            // an empty library: poll incrementally from now on
            tracksSeen = Instant.now().minus(overlap);
        }
        return n > 0;
    }

    private boolean loadVectors(IndexStore.Reads reads, IndexBuilder builder) {
        int version = readableVersion(reads);
        boolean versionChanged = version != builder.analyzerVersion();
        if (versionChanged) {
            builder.clearVectors();
            builder.setAnalyzerVersion(version);
            analysesSeen = EPOCH;
        }
        if (version == 0) {
            return versionChanged;
        }
        Instant since = analysesSeen.equals(EPOCH) ? EPOCH : analysesSeen.minus(overlap);
        return applyVectors(reads, builder, version, since, null, true) > 0 || versionChanged;
    }

    /** Reads analysis rows (one per segment) and applies failures and complete vectors; returns rows read. */
    private int applyVectors(IndexStore.Reads reads, IndexBuilder builder, int version, Instant since, Collection<Long> only,
                             boolean advanceWatermark) {
        SegmentRows rows = new SegmentRows(builder.vectorLength() / Segment.COUNT);
        Set<Long> failed = new HashSet<>();
        int n = reads.segments(version, since, only, row -> {
            if (advanceWatermark && row.analyzedAt().isAfter(analysesSeen)) {
                analysesSeen = row.analyzedAt();
            }
            if ("ok".equals(row.status())) {
                rows.add(row);
            } else {
                failed.add(row.trackId());
            }
        });
        for (long id : failed) {
            builder.markAnalysisFailed(id);
        }
        rows.forEachComplete(builder::putVectors);
        return n;
    }

    /**
     * The newest readable analyzer version ({@code sonic_readable_versions}: its upgrade is complete, so while
     * sonic-service re-analyses the library the older version keeps serving every track) whose layout this
     * build knows; 0 when there is none.
     */
    private int readableVersion(IndexStore.Reads reads) {
        int newest = 0;
        for (int version : reads.readableVersions()) {
            newest = Math.max(newest, version);
            if (Features.readable(version)) {
                warnUnknown(newest, version);
                return version;
            }
        }
        warnUnknown(newest, 0);
        return 0;
    }

    private void warnUnknown(int newest, int used) {
        if (newest > used && newest != unknownVersionWarned) {
            unknownVersionWarned = newest;
            LOG.warnf("Sonic vectors of analyzer version %d are readable but this playlist-service does not know their"
                    + " layout; using %s. Upgrade playlist-service together with sonic-service.", newest,
                    used == 0 ? "no sonic data" : "version " + used);
        }
    }

    private boolean loadGenres(IndexStore.Reads reads, IndexBuilder builder) {
        boolean changed = false;
        Map<Long, Long> parents = reads.genreParents();
        if (!parents.equals(builder.genreParents())) {
            builder.setGenreParents(parents);
            changed = true;
        }
        for (GenreLevel level : GenreLevel.values()) {
            changed |= loadGenreLevel(reads, builder, level);
        }
        return changed;
    }

    private boolean loadGenreLevel(IndexStore.Reads reads, IndexBuilder builder, GenreLevel level) {
        Instant seen = genresSeen.getOrDefault(level, EPOCH);
        boolean full = seen.equals(EPOCH);
        boolean changed = readGenreRows(reads, builder, level, full ? null : seen.minus(overlap));
        if (reads.genreRowCount(level) != builder.genreRowCount(level)) {
            // rows were deleted (or an entity lost all its rows): only a full read of this level can tell which
            builder.clearGenres(level);
            readGenreRows(reads, builder, level, null);
            changed = true;
        }
        return changed;
    }

    private boolean readGenreRows(IndexStore.Reads reads, IndexBuilder builder, GenreLevel level, Instant since) {
        Map<Long, List<IndexStore.GenreRow>> byEntity = new HashMap<>();
        Instant[] seen = {genresSeen.getOrDefault(level, EPOCH)};
        reads.genreRows(level, since, row -> {
            if (row.updatedAt().isAfter(seen[0])) {
                seen[0] = row.updatedAt();
            }
            List<IndexStore.GenreRow> rows = byEntity.computeIfAbsent(row.entityId(), k -> new ArrayList<>());
            if (level.sourceCode(row.source()) >= 0) {
                rows.add(row);
            }
        });
        if (since == null && seen[0].equals(EPOCH)) {
            seen[0] = Instant.now().minus(overlap);
        }
        genresSeen.put(level, seen[0]);
        byEntity.forEach((entity, rows) -> {
            long[] genres = new long[rows.size()];
            byte[] sources = new byte[rows.size()];
            float[] weights = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                genres[i] = rows.get(i).genreId();
                sources[i] = level.sourceCode(rows.get(i).source());
                weights[i] = rows.get(i).weight();
            }
            builder.putGenres(level, entity, new GenreRows(genres, sources, weights));
        });
        return !byEntity.isEmpty();
    }
}

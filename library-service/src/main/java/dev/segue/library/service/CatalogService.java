package dev.segue.library.service;

import dev.segue.commons.paging.Page;
import dev.segue.commons.problem.ProblemException;
import dev.segue.library.catalog.Album;
import dev.segue.library.catalog.Artist;
import dev.segue.library.catalog.CatalogStats;
import dev.segue.library.catalog.PurgeResult;
import dev.segue.library.catalog.Track;
import dev.segue.library.catalog.TrackFilter;
import dev.segue.library.repository.CatalogRepository;
import dev.segue.library.repository.ScanRunRepository;
import dev.segue.library.scan.ScanRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** Browsing the catalog, and the one explicit way tracks are ever deleted. */
@ApplicationScoped
public class CatalogService {

    private static final Set<String> STATUSES = Set.of("present", "missing");

    private final CatalogRepository catalog;
    private final ScanRunRepository runs;

    CatalogService(CatalogRepository catalog, ScanRunRepository runs) {
        this.catalog = catalog;
        this.runs = runs;
    }

    public Page<Track> tracks(TrackFilter filter, int page, int size) {
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw ProblemException.badRequest("status must be 'present' or 'missing', got '" + filter.status() + "'.");
        }
        return catalog.tracks(filter, page, size);
    }

    public Track track(long id) {
        return catalog.track(id).orElseThrow(() -> ProblemException.notFound("No track with id " + id + "."));
    }

    public Page<Artist> artists(String q, int page, int size) {
        return catalog.artists(q, page, size);
    }

    public Page<Album> albums(String artist, String q, int page, int size) {
        return catalog.albums(artist, q, page, size);
    }

    public CatalogStats stats() {
        return catalog.stats();
    }

    /**
     * Deletes tracks missing since before {@code olderThan} (an ISO-8601 duration such as P30D, or an
     * instant) with their analyses and genres, then albums and artists left without tracks. Refused
     * while a scan runs, whose caches would point at deleted rows.
     */
    public PurgeResult purgeMissing(String olderThan) {
        if (olderThan == null || olderThan.isBlank()) {
            throw ProblemException.badRequest("olderThan is required: an ISO-8601 duration such as P30D, or an instant such as "
                    + "2025-01-01T00:00:00Z. Tracks missing since before then are deleted.");
        }
        Instant cutoff = cutoff(olderThan.trim());
        return QuarkusTransaction.requiringNew().call(() -> {
            runs.lockScanStarts();
            List<ScanRun> running = runs.running();
            if (!running.isEmpty()) {
                throw ScanService.conflict(running.get(0), "A scan is running (scan " + running.get(0).id()
                        + "); purge missing tracks after it finished.");
            }
            int[] deleted = catalog.purgeMissing(cutoff);
            return new PurgeResult(cutoff, deleted[0], deleted[1], deleted[2]);
        });
    }

    private static Instant cutoff(String olderThan) {
        try {
            if (olderThan.startsWith("P") || olderThan.startsWith("p")) {
                Duration age = Duration.parse(olderThan);
                if (age.isNegative()) {
                    throw ProblemException.badRequest("olderThan must not be negative, got " + olderThan + ".");
                }
                return Instant.now().minus(age);
            }
            return Instant.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("olderThan must be an ISO-8601 duration (P30D, PT12H) or an instant "
                    + "(2025-01-01T00:00:00Z), got '" + olderThan + "'.");
        }
    }
}

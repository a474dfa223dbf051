package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.playlist.index.IndexService;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.map.MapBinary;
import dev.segue.playlist.map.MapView;
import dev.segue.playlist.map.Projection;
import dev.segue.playlist.map.SonicMap;
import dev.segue.playlist.repository.GenreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The sonic map of the library. The axes are fitted once per analyzer version and kept while the analysed
 * library changes by less than {@link #REFIT_CHANGE}, so the map keeps its shape while tracks are added;
 * the points of each index snapshot are laid out once and served from memory until the next snapshot.
 */
@ApplicationScoped
public class MapService {

    private static final Logger LOG = Logger.getLogger(MapService.class);
    static final double REFIT_CHANGE = 0.1;

    /** A snapshot's map, the tag a browser revalidates it with, and its binary form ({@link MapBinary}), encoded once. */
    public record Current(MapView view, String etag, byte[] binary) {
    }

    private record Cached(LibraryIndex index, Current current) {
    }

    private final IndexService indexService;
    private final GenreRepository genres;
    private final ObjectMapper mapper;
    private Projection projection;
    private long fitMillis;
    private volatile Cached cached;

    MapService(IndexService indexService, GenreRepository genres, ObjectMapper mapper) {
        this.indexService = indexService;
        this.genres = genres;
        this.mapper = mapper;
    }

    public Current current() {
        LibraryIndex index = indexService.current();
        Cached c = cached;
        if (c != null && c.index() == index) {
            return c.current();
        }
        return build(index);
    }

    private synchronized Current build(LibraryIndex index) {
        Cached c = cached;
        if (c != null && c.index() == index) {
            return c.current();
        }
        int analysed = index.sonic().analysedCount();
        if (projection == null || projection.analyzerVersion() != index.analyzerVersion()
                || Math.abs(analysed - projection.fittedOn()) > REFIT_CHANGE * projection.fittedOn()) {
            long start = System.nanoTime();
            projection = Projection.fit(index.sonic(), index.size(), index.analyzerVersion());
            fitMillis = (System.nanoTime() - start) / 1_000_000;
            if (projection != null) {
                LOG.infof("Sonic map axes fitted on %d tracks (analyzer version %d) in %d ms; they show %.0f%% and %.0f%% of the variance",
                        projection.fittedOn(), projection.analyzerVersion(), fitMillis, 100 * projection.explained(0),
                        100 * projection.explained(1));
            }
        }
        MapView view = projection == null
                ? new MapView(index.analyzerVersion(), 0, 0, 0, java.util.List.of(), new long[0], new float[0], new float[0],
                        new String[0], new int[0], new String[0], new int[0], new String[0], new int[0], new String[0])
                : SonicMap.build(index, projection, genres.catalog(), fitMillis);
        byte[] binary = MapBinary.encode(view, mapper);
        Current current = new Current(view, "\"map-" + index.analyzerVersion() + "-" + view.fittedOn() + "-"
                + index.builtAt().toEpochMilli() + "\"", binary);
        cached = new Cached(index, current);
        return current;
    }
}

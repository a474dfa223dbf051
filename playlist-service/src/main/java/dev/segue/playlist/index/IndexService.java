package dev.segue.playlist.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import org.jboss.logging.Logger;

/**
 * Holds the in-memory {@link LibraryIndex} that requests are served from, and swaps in a new snapshot when
 * {@link IndexLoader} read changes (copy-on-write: a request keeps the snapshot it took, without a lock). The
 * builder reads the raw vectors from the database at each rebuild ({@link DatabaseVectors}), so it holds none in
 * between. {@link IndexRefreshScheduler} calls {@link #refresh} at start and on a schedule.
 */
@ApplicationScoped
public class IndexService {

    private static final Logger LOG = Logger.getLogger(IndexService.class);

    private final IndexLoader loader;
    private final IndexBuilder builder;
    private volatile LibraryIndex current;
    private volatile Instant lastRefresh;

    IndexService(IndexLoader loader) {
        this.loader = loader;
        this.builder = new IndexBuilder(new DatabaseVectors(loader.repository()));
        this.current = builder.build();
    }

    /** The snapshot to serve a request from; never null. */
    public LibraryIndex current() {
        return current;
    }

    public IndexStats stats() {
        LibraryIndex index = current;
        return new IndexStats(index.size(), index.sonic().analysedCount(), index.analyzerVersion(),
                index.estimatedVectorBytes(), index.builtAt(), lastRefresh);
    }

    /** Reads what changed since the last refresh and swaps in a new snapshot if anything did. */
    public synchronized LibraryIndex refresh() {
        boolean changed = loader.repository().read(reads -> loader.load(reads, builder));
        if (changed || current.size() != builder.trackCount()) {
            current = builder.build();
            LOG.debugf("Index rebuilt: %d tracks, %d analysed", current.size(), current.sonic().analysedCount());
        }
        lastRefresh = Instant.now();
        return current;
    }

    /** Loads the current vectors of the given tracks right away (after sonic-service analysed one). */
    public synchronized LibraryIndex refreshVectorsOf(Collection<Long> trackIds) {
        int read = loader.repository().read(reads -> loader.loadVectorsOf(reads, builder, trackIds));
        if (read < 0) {
            return refresh();
        }
        if (read > 0) {
            current = builder.build();
        }
        return current;
    }
}

package dev.segue.playlist.index;

import dev.segue.playlist.index.IndexStore.SegmentRow;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/** Segment rows gathered into each track's raw vector; only complete, well-formed vectors count. */
final class SegmentRows {

    private static final Logger LOG = Logger.getLogger(SegmentRows.class);

    private final int dimensions;
    private final Map<Long, float[]> loaded = new HashMap<>();
    private final Map<Long, Integer> segmentsSeen = new HashMap<>();

    SegmentRows(int dimensions) {
        this.dimensions = dimensions;
    }

    /** Adds one segment of an analysis that succeeded; a row without segment or features is ignored. */
    void add(SegmentRow row) {
        Segment segment = Segment.fromDb(row.segment());
        if (segment == null || row.features() == null) {
            return;
        }
        if (row.features().length != dimensions) {
            LOG.warnf("Track %d: %s segment has %d features, expected %d; ignored", row.trackId(), segment.dbName(),
                    row.features().length, dimensions);
            return;
        }
        float[] raw = loaded.computeIfAbsent(row.trackId(), k -> new float[Segment.COUNT * dimensions]);
        System.arraycopy(row.features(), 0, raw, segment.ordinal() * dimensions, dimensions);
        segmentsSeen.merge(row.trackId(), 1 << segment.ordinal(), (a, b) -> a | b);
    }

    /** Every track with all {@link Segment#COUNT} segments. */
    void forEachComplete(BiConsumer<Long, float[]> action) {
        loaded.forEach((id, raw) -> {
            if (segmentsSeen.get(id) == (1 << Segment.COUNT) - 1) {
                action.accept(id, raw);
            }
        });
    }
}

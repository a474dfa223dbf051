package dev.segue.library.scan;

/** Running totals of one scan run; mutated only by the thread executing the run. */
public final class ScanCounts {

    int discovered;
    int processed;
    int newTracks;
    int updated;
    int unchanged;
    int moved;
    int missing;
    int errors;
    /** Files passed over, by extension (see {@link LibraryWalker.Result#skipped()}). */
    final java.util.TreeMap<String, Integer> skipped = new java.util.TreeMap<>();

    public int discovered() {
        return discovered;
    }

    public int processed() {
        return processed;
    }

    public int newTracks() {
        return newTracks;
    }

    public int updated() {
        return updated;
    }

    public int unchanged() {
        return unchanged;
    }

    public int moved() {
        return moved;
    }

    public int missing() {
        return missing;
    }

    public int errors() {
        return errors;
    }

    public java.util.SortedMap<String, Integer> skipped() {
        return java.util.Collections.unmodifiableSortedMap(skipped);
    }

    /** The totals as they are now, to go back to when part of a run is repeated. */
    ScanCounts copy() {
        ScanCounts copy = new ScanCounts();
        copy.discovered = discovered;
        copy.processed = processed;
        copy.newTracks = newTracks;
        copy.updated = updated;
        copy.unchanged = unchanged;
        copy.moved = moved;
        copy.missing = missing;
        copy.errors = errors;
        copy.skipped.putAll(skipped);
        return copy;
    }

    boolean libraryChanged() {
        return newTracks + updated + moved > 0;
    }
}

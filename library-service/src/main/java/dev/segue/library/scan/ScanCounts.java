package dev.segue.library.scan;

/** Running totals of one scan run; mutated only by the thread executing the run. */
public final class ScanCounts {

    public int discovered;
    public int processed;
    public int newTracks;
    public int updated;
    public int unchanged;
    public int moved;
    public int missing;
    public int errors;
    /** Files passed over, by extension (see {@link LibraryWalker.Result#skipped()}). */
    public final java.util.TreeMap<String, Integer> skipped = new java.util.TreeMap<>();

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
    public ScanCounts copy() {
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

    public boolean libraryChanged() {
        return newTracks + updated + moved > 0;
    }
}

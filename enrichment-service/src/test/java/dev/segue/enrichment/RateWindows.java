package dev.segue.enrichment;

import java.util.ArrayList;
import java.util.List;

/** Peak number of requests within any window of a given length. */
public final class RateWindows {

    private RateWindows() {
    }

    /** The most timestamps (ms) falling in any half-open window [t, t + windowMillis). */
    public static int peak(List<Long> timestamps, long windowMillis) {
        List<Long> sorted = new ArrayList<>(timestamps);
        sorted.sort(null);
        int peak = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= windowMillis) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }
}

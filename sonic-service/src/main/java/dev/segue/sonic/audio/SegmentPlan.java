package dev.segue.sonic.audio;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What to decode of a track: either the whole file (short tracks, or when the duration is unknown)
 * or three windows — the start and the end widened by the silence search so leading/trailing
 * silence can be skipped, and the middle — so a 4-minute track costs ~100 s of decoding, not 240 s.
 */
public record SegmentPlan(List<Window> windows, boolean whole) {

    public static final String BEGINNING = "beginning";
    public static final String MIDDLE = "middle";
    public static final String END = "end";
    public static final String AVERAGE = "average";

    /** A stretch of the file to decode, in seconds. {@code lengthSec} is ignored for the whole file. */
    public record Window(String role, double startSec, double lengthSec) {
    }

    public static SegmentPlan wholeFile() {
        return new SegmentPlan(List.of(new Window("whole", 0, 0)), true);
    }

    public static SegmentPlan of(OptionalLong durationMs, Duration segment, Duration silenceSearch) {
        if (durationMs.isEmpty()) {
            return wholeFile();
        }
        double duration = durationMs.getAsLong() / 1000.0;
        double seg = segment.toMillis() / 1000.0;
        double search = silenceSearch.toMillis() / 1000.0;
        if (duration <= 3 * seg + 2 * search) {
            return wholeFile();
        }
        return new SegmentPlan(List.of(
                new Window(BEGINNING, 0, seg + search),
                new Window(MIDDLE, duration / 2 - seg / 2, seg),
                new Window(END, duration - seg - search, seg + search)), false);
    }
}

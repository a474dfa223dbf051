package dev.segue.sonic.audio;

import java.util.List;

/** Mono float PCM at 22,050 Hz for each window of a {@link SegmentPlan}, in plan order. */
public record DecodedAudio(SegmentPlan plan, List<float[]> windows, String decoder) {
}

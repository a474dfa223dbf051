package dev.segue.sonic.service;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A track's newest analysis. {@code status} is ok, failed, unsupported or pending (not analysed yet, or
 * only by an older analyzer version, whose segments are then given); {@code features} in the vector
 * order of {@code analyzerVersion}.
 */
public record TrackSonic(long trackId, String status, Integer analyzerVersion, boolean current, String error,
                         String decoder, Long durationMs, Long analysisMs, OffsetDateTime analyzedAt,
                         List<Segment> segments) {

    public record Segment(String segment, Long startMs, Long lengthMs, float[] features) {
    }
}

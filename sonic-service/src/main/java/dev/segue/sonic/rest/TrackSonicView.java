package dev.segue.sonic.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * How a track sounds. {@code status} is ok, failed, unsupported or pending (not analysed yet, or
 * only by an older analyzer version, in which case those segments are shown). Feature units are
 * documented in docs/sonic.md; {@code features} keeps the vector order of analyzer version 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackSonicView(long trackId, String status, Integer analyzerVersion, boolean current, String error,
                             String decoder, Long durationMs, Long analysisMs, OffsetDateTime analyzedAt,
                             List<Segment> segments) {

    public record Segment(String segment, Long startMs, Long lengthMs, String key, Double tempoBpm,
                          Map<String, Float> features) {
    }
}

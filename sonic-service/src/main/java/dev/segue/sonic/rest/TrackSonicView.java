package dev.segue.sonic.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.service.TrackSonic;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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

    static TrackSonicView of(TrackSonic t) {
        return new TrackSonicView(t.trackId(), t.status(), t.analyzerVersion(), t.current(), t.error(), t.decoder(),
                t.durationMs(), t.analysisMs(), t.analyzedAt(), t.segments().stream().map(TrackSonicView::segment).toList());
    }

    /** Names the features (version 1's, in its order) and spells out the key and tempo. */
    private static Segment segment(TrackSonic.Segment s) {
        float[] f = s.features();
        Map<String, Float> named = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(f.length, FeatureLayout.NAMES.size()); i++) {
            named.put(FeatureLayout.NAMES.get(i), f[i]);
        }
        String key = null;
        Double tempo = null;
        if (f.length == FeatureLayout.SIZE) {
            key = FeatureLayout.KEY_NAMES.get(Math.floorMod((int) f[FeatureLayout.KEY], 12))
                    + (f[FeatureLayout.MODE] >= 0.5f ? " major" : " minor");
            tempo = (double) f[FeatureLayout.TEMPO_BPM];
        }
        return new Segment(s.segment(), s.startMs(), s.lengthMs(), key, tempo, named);
    }
}

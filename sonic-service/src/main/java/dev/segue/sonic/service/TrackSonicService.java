package dev.segue.sonic.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.audio.DecoderRegistry;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.rest.TrackSonicView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One track's analysis: read it, or analyse the track right now (playlist-service's unanalysed seed). */
@ApplicationScoped
public class TrackSonicService {

    private final AnalysisRepository repository;
    private final DecoderRegistry decoders;
    private final AnalysisRunService runs;

    TrackSonicService(AnalysisRepository repository, DecoderRegistry decoders, AnalysisRunService runs) {
        this.repository = repository;
        this.decoders = decoders;
        this.runs = runs;
    }

    @Transactional
    public TrackSonicView get(long trackId) {
        AnalysisRepository.TrackRef track = track(trackId);
        return view(track);
    }

    /**
     * Analyses the track unless it already has a current analysis of its present content (or
     * {@code force}); answers 422 when it cannot be analysed.
     */
    public TrackSonicView analyse(long trackId, boolean force) {
        AnalysisRepository.TrackRef track = track(trackId);
        if (!"present".equals(track.status())) {
            throw ProblemException.unprocessable("track " + trackId + " is " + track.status() + ": its file "
                    + track.filePath() + " is not in the library");
        }
        TrackSonicView existing = view(track);
        boolean reuse = !force && existing.current() && "ok".equals(existing.status());
        if (!reuse) {
            TrackAnalyzer analyzer = decoders.analyzer().orElseThrow(() -> new ProblemException(
                    Response.Status.SERVICE_UNAVAILABLE, "no decoder can run: " + decoders.unavailableReason()));
            TrackAnalyzer.Outcome outcome = analyzer.analyse(Path.of(track.filePath()), track.durationMs());
            runs.recordResult(track, outcome);
            existing = view(track);
        }
        if (!"ok".equals(existing.status())) {
            throw ProblemException.unprocessable("track " + trackId + " cannot be analysed (" + existing.status()
                    + "): " + existing.error());
        }
        return existing;
    }

    private AnalysisRepository.TrackRef track(long trackId) {
        return repository.findTrack(trackId)
                .orElseThrow(() -> ProblemException.notFound("track " + trackId + " does not exist"));
    }

    private TrackSonicView view(AnalysisRepository.TrackRef track) {
        return repository.findAnalysis(track.id()).map(a -> {
            boolean current = a.analyzerVersion() == FeatureLayout.ANALYZER_VERSION
                    && Objects.equals(a.contentKey(), track.contentKey());
            List<TrackSonicView.Segment> segments = a.segments().stream().map(TrackSonicService::segment).toList();
            String status = a.analyzerVersion() == FeatureLayout.ANALYZER_VERSION ? a.status() : "pending";
            return new TrackSonicView(track.id(), status, a.analyzerVersion(), current, a.error(), a.decoder(),
                    a.durationMs(), a.analysisMs(), a.analyzedAt(), segments);
        }).orElseGet(() -> new TrackSonicView(track.id(), "pending", null, false, null, null, null, null, null,
                List.of()));
    }

    private static TrackSonicView.Segment segment(AnalysisRepository.StoredSegment s) {
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
        return new TrackSonicView.Segment(s.segment(), s.startMs(), s.lengthMs(), key, tempo, named);
    }
}

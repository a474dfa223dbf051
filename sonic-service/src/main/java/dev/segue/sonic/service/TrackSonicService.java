package dev.segue.sonic.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.TrackRef;
import dev.segue.sonic.repository.TrackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** One track's analysis: read it, or analyse the track right now (playlist-service's unanalysed seed). */
@ApplicationScoped
public class TrackSonicService {

    private final TrackRepository tracks;
    private final AnalysisRepository analyses;
    private final DecoderRegistry decoders;
    private final AnalysisRunService runs;

    TrackSonicService(TrackRepository tracks, AnalysisRepository analyses, DecoderRegistry decoders,
                      AnalysisRunService runs) {
        this.tracks = tracks;
        this.analyses = analyses;
        this.decoders = decoders;
        this.runs = runs;
    }

    @Transactional
    public TrackSonic get(long trackId) {
        return sonic(track(trackId));
    }

    /**
     * Analyses the track unless it already has a current analysis of its present content (or
     * {@code force}); answers 422 when it cannot be analysed.
     */
    public TrackSonic analyse(long trackId, boolean force) {
        TrackRef track = track(trackId);
        if (!"present".equals(track.status())) {
            throw ProblemException.unprocessable("track " + trackId + " is " + track.status() + ": its file "
                    + track.filePath() + " is not in the library");
        }
        TrackSonic existing = sonic(track);
        boolean reuse = !force && existing.current() && "ok".equals(existing.status());
        if (!reuse) {
            TrackAnalyzer analyzer = decoders.analyzer().orElseThrow(() -> AnalysisRunService.noDecoder(decoders));
            TrackAnalyzer.Outcome outcome = analyzer.analyse(Path.of(track.filePath()), track.durationMs());
            runs.recordResult(track, outcome);
            existing = sonic(track);
        }
        if (!"ok".equals(existing.status())) {
            throw ProblemException.unprocessable("track " + trackId + " cannot be analysed (" + existing.status()
                    + "): " + existing.error());
        }
        return existing;
    }

    private TrackRef track(long trackId) {
        return tracks.findTrack(trackId)
                .orElseThrow(() -> ProblemException.notFound("track " + trackId + " does not exist"));
    }

    private TrackSonic sonic(TrackRef track) {
        return analyses.findAnalysis(track.id()).map(a -> {
            boolean current = a.analyzerVersion() == FeatureLayout.ANALYZER_VERSION
                    && Objects.equals(a.contentKey(), track.contentKey());
            List<TrackSonic.Segment> segments = a.segments().stream()
                    .map(s -> new TrackSonic.Segment(s.segment(), s.startMs(), s.lengthMs(), s.features())).toList();
            String status = a.analyzerVersion() == FeatureLayout.ANALYZER_VERSION ? a.status() : "pending";
            return new TrackSonic(track.id(), status, a.analyzerVersion(), current, a.error(), a.decoder(),
                    a.durationMs(), a.analysisMs(), a.analyzedAt(), segments);
        }).orElseGet(() -> new TrackSonic(track.id(), "pending", null, false, null, null, null, null, null,
                List.of()));
    }
}

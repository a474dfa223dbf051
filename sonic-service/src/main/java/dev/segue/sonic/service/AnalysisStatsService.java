package dev.segue.sonic.service;

import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.ClaimRepository;
import dev.segue.sonic.repository.WorkScope;
import jakarta.enterprise.context.ApplicationScoped;

/** How far the library is analysed, and what this replica analyses with. */
@ApplicationScoped
public class AnalysisStatsService {

    private final AnalysisRepository analyses;
    private final ClaimRepository claims;
    private final DecoderRegistry decoders;
    private final AnalysisRunService runs;
    private final AnalysisWorkerPool workers;

    AnalysisStatsService(AnalysisRepository analyses, ClaimRepository claims, DecoderRegistry decoders,
                         AnalysisRunService runs, AnalysisWorkerPool workers) {
        this.analyses = analyses;
        this.claims = claims;
        this.decoders = decoders;
        this.runs = runs;
        this.workers = workers;
    }

    public AnalysisStats stats() {
        AnalysisRepository.Counts c = analyses.counts();
        long pending = analyses.countWork(WorkScope.pending(), decoders.selected().map(d -> d.name()).orElse(null));
        Long active = runs.active().map(r -> r.id).orElse(null);
        return new AnalysisStats(FeatureLayout.ANALYZER_VERSION, c.present(), c.ok(), pending, c.failed(),
                c.unsupported(), c.olderVersionOnly(), claims.liveClaims(), active, workers.threads(),
                workers.workerId(), decoders.all());
    }
}

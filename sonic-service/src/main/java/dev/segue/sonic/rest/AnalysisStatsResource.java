package dev.segue.sonic.rest;

import dev.segue.sonic.audio.DecoderRegistry;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.service.AnalysisRunService;
import dev.segue.sonic.service.AnalysisWorkerPool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/analysis/stats")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisStatsResource {

    private final AnalysisRepository repository;
    private final DecoderRegistry decoders;
    private final AnalysisRunService runs;
    private final AnalysisWorkerPool workers;

    AnalysisStatsResource(AnalysisRepository repository, DecoderRegistry decoders, AnalysisRunService runs,
                          AnalysisWorkerPool workers) {
        this.repository = repository;
        this.decoders = decoders;
        this.runs = runs;
        this.workers = workers;
    }

    @GET
    public AnalysisStatsView stats() {
        AnalysisRepository.Counts c = repository.counts(decoders.selected().map(d -> d.name()).orElse(null));
        Long active = runs.active().map(r -> r.id).orElse(null);
        return new AnalysisStatsView(FeatureLayout.ANALYZER_VERSION, c.present(), c.ok(), c.pending(), c.failed(),
                c.unsupported(), c.olderVersionOnly(), c.claimed(), active, workers.threads(), workers.workerId(),
                decoders.all());
    }
}

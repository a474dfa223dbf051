package dev.segue.sonic.rest;

import dev.segue.sonic.service.AnalysisStats;
import dev.segue.sonic.service.AnalysisStatsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/analysis/stats")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisStatsResource {

    private final AnalysisStatsService service;

    AnalysisStatsResource(AnalysisStatsService service) {
        this.service = service;
    }

    @GET
    public AnalysisStatsView stats() {
        AnalysisStats s = service.stats();
        return new AnalysisStatsView(s.analyzerVersion(), s.presentTracks(), s.analysed(), s.pending(), s.failed(),
                s.unsupported(), s.olderVersionOnly(), s.claimed(), s.activeRunId(), s.workerThreads(),
                s.workerId(), s.decoders());
    }
}

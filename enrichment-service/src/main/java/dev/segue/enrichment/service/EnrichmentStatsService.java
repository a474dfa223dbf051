package dev.segue.enrichment.service;

import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.repository.CoverageRepository;
import dev.segue.enrichment.state.Coverage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Coverage per entity type and source (the old tool's {@code --stats}) and the state of each source. */
@ApplicationScoped
public class EnrichmentStatsService {

    public record Stats(Map<String, Coverage> entities, List<SourceStatus.View> sources) {
    }

    private final CoverageRepository coverage;
    private final SourceStatus status;

    EnrichmentStatsService(CoverageRepository coverage, SourceStatus status) {
        this.coverage = coverage;
        this.status = status;
    }

    public Stats stats() {
        Map<String, Coverage> entities = coverage.coverage();
        List<SourceStatus.View> sources = new ArrayList<>();
        for (Source s : Source.values()) {
            sources.add(status.view(s));
        }
        return new Stats(entities, sources);
    }
}

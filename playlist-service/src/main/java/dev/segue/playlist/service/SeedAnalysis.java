package dev.segue.playlist.service;

import dev.segue.playlist.client.AnalysisOutcome;
import dev.segue.playlist.client.SonicClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Gets an unanalysed seed analysed while the user waits — or gives up in time, so the playlist is built
 * from genres instead of failing. The timeout is {@code segue.playlist.sonic.analyze-timeout-ms}
 * (application.properties maps it onto this method's {@code @Timeout}).
 */
@ApplicationScoped
public class SeedAnalysis {

    private final SonicClient sonic;

    SeedAnalysis(SonicClient sonic) {
        this.sonic = sonic;
    }

    @Timeout(20_000)
    @Fallback(SeedAnalysisFallback.class)
    public AnalysisOutcome analyse(long trackId) {
        return sonic.analyze(trackId);
    }
}

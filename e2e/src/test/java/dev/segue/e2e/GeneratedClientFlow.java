package dev.segue.e2e;

import static dev.segue.e2e.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.e2e.client.enrichment.EnrichmentRunResourceApi;
import dev.segue.e2e.client.enrichment.model.RunRequest;
import dev.segue.e2e.client.enrichment.model.RunView;
import dev.segue.e2e.client.library.ScanResourceApi;
import dev.segue.e2e.client.library.TrackResourceApi;
import dev.segue.e2e.client.library.model.ScanRequest;
import dev.segue.e2e.client.library.model.ScanRunView;
import dev.segue.e2e.client.playlist.IndexResourceApi;
import dev.segue.e2e.client.playlist.PlaylistResourceApi;
import dev.segue.e2e.client.playlist.model.PlaylistEntryView;
import dev.segue.e2e.client.playlist.model.PlaylistRequest;
import dev.segue.e2e.client.playlist.model.PlaylistView;
import dev.segue.e2e.client.sonic.AnalysisRunResourceApi;
import dev.segue.e2e.client.sonic.AnalysisStatsResourceApi;
import dev.segue.e2e.client.sonic.model.AnalysisRunRequest;
import dev.segue.e2e.client.sonic.model.AnalysisStatsView;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The user's flow (scan → enrich → analyse → playlist → M3U) through Java clients that
 * openapi-generator wrote from the services' OpenAPI documents: if a document lies about a status
 * code, a body or a header, this breaks.
 */
final class GeneratedClientFlow {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "aborted", "cancelled");

    private final Map<String, URI> services;
    private final String apiKey;

    GeneratedClientFlow(Map<String, URI> services, String apiKey) {
        this.services = services;
        this.apiKey = apiKey;
    }

    void run(String seedTitle, int size) throws Exception {
        var library = new dev.segue.e2e.client.library.invoker.ApiClient();
        configure(library::updateBaseUri, library::setRequestInterceptor, "library-service");
        var enrichment = new dev.segue.e2e.client.enrichment.invoker.ApiClient();
        configure(enrichment::updateBaseUri, enrichment::setRequestInterceptor, "enrichment-service");
        var sonic = new dev.segue.e2e.client.sonic.invoker.ApiClient();
        configure(sonic::updateBaseUri, sonic::setRequestInterceptor, "sonic-service");
        var playlist = new dev.segue.e2e.client.playlist.invoker.ApiClient();
        configure(playlist::updateBaseUri, playlist::setRequestInterceptor, "playlist-service");

        ScanResourceApi scans = new ScanResourceApi(library);
        var scanStarted = scans.scanResourceStartWithHttpInfo(new ScanRequest());
        assertThat(scanStarted.getStatusCode()).isEqualTo(202);
        assertThat(scanStarted.getHeaders()).containsKey("location");
        long scanId = scanStarted.getData().getId();
        ScanRunView scan = await(Duration.ofMinutes(5), () -> scans.scanResourceGet(scanId), r -> FINISHED.contains(r.getStatus().getValue()));
        assertThat(scan.getStatus().getValue()).isEqualTo("completed");

        long seed = new TrackResourceApi(library).trackResourceList(null, null, null, 0, seedTitle, 50, null).getItems().stream()
                .filter(t -> seedTitle.equals(t.getTitle())).findFirst().orElseThrow().getId();

        EnrichmentRunResourceApi enrichmentRuns = new EnrichmentRunResourceApi(enrichment);
        long enrichmentRun = startOrActive(() -> enrichmentRuns.enrichmentRunResourceStartWithHttpInfo(
                        new RunRequest().scope(RunRequest.ScopeEnum.ALL)).getData().getId(),
                () -> enrichmentRuns.enrichmentRunResourceList(0, 5).getItems().stream().filter(r -> !FINISHED.contains(r.getStatus().getValue()))
                        .map(RunView::getId).findFirst().orElseThrow());
        RunView enriched = await(Duration.ofMinutes(5), () -> enrichmentRuns.enrichmentRunResourceGet(enrichmentRun),
                r -> FINISHED.contains(r.getStatus().getValue()));
        assertThat(enriched.getStatus().getValue()).isEqualTo("completed");

        AnalysisRunResourceApi analysisRuns = new AnalysisRunResourceApi(sonic);
        startOrActive(() -> analysisRuns.analysisRunResourceStartWithHttpInfo(
                        new AnalysisRunRequest().scope(AnalysisRunRequest.ScopeEnum.PENDING)).getData().getId(), () -> 0L);
        AnalysisStatsResourceApi analysisStats = new AnalysisStatsResourceApi(sonic);
        AnalysisStatsView stats = await(Duration.ofMinutes(5), analysisStats::analysisStatsResourceStats,
                s -> s.getPending() == 0 && s.getClaimed() == 0 && s.getAnalysed().equals(s.getPresentTracks()));
        assertThat(stats.getFailed()).isZero();

        new IndexResourceApi(playlist).indexResourceRefresh();
        PlaylistResourceApi playlists = new PlaylistResourceApi(playlist);
        var created = playlists.playlistResourceCreateWithHttpInfo(new PlaylistRequest().seeds(List.of(seed)).size(size)
                .name("generated-client evening"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        PlaylistView view = created.getData();
        assertThat(created.getHeaders().get("location")).singleElement().asString().endsWith("/api/playlists/" + view.getId());
        List<Long> ids = view.getTracks().stream().map(PlaylistEntryView::getTrackId).toList();
        assertThat(ids).hasSize(size).doesNotHaveDuplicates().startsWith(seed);

        File m3u = playlists.playlistResourceM3u8(view.getId());
        List<String> lines = Files.readAllLines(m3u.toPath(), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        assertThat(lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank())).hasSize(size)
                .allSatisfy(p -> assertThat(Path.of(p)).exists());
        Files.deleteIfExists(m3u.toPath());
    }

    private void configure(java.util.function.Consumer<String> baseUri,
            java.util.function.Consumer<java.util.function.Consumer<java.net.http.HttpRequest.Builder>> interceptor, String service) {
        baseUri.accept(services.get(service).toString().replaceAll("/$", ""));
        interceptor.accept(request -> request.header("X-Api-Key", apiKey));
    }

    /** The run this call started, or (409: one is already going) the active one. */
    private static long startOrActive(ThrowingSupplier<Long> start, ThrowingSupplier<Long> active) throws Exception {
        try {
            return start.get();
        } catch (Exception e) {
            if (status(e) == 409) {
                return active.get();
            }
            throw e;
        }
    }

    private static int status(Exception e) {
        Function<Exception, Integer> code = x -> {
            try {
                return (Integer) x.getClass().getMethod("getCode").invoke(x);
            } catch (ReflectiveOperationException notAnApiException) {
                return -1;
            }
        };
        return code.apply(e);
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}

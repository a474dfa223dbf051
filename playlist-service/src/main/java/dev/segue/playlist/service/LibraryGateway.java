package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.client.LibraryClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * What the web app asks of library-service, served through playlist-service so a browser needs one port.
 * Each call is bounded in time (retries included) and turns a failure into a 503 problem naming the cause.
 */
@ApplicationScoped
@Upstream(LibraryClient.SERVICE)
public class LibraryGateway {

    private final LibraryClient library;

    LibraryGateway(LibraryClient library) {
        this.library = library;
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode stats() {
        return library.stats();
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode tracks(String q, String artist, String album, String genre, String status, int page, int size) {
        return library.tracks(q, artist, album, genre, status, page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode track(long id) {
        return library.track(id);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode artists(String q, int page, int size) {
        return library.artists(q, page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode albums(String artist, String q, int page, int size) {
        return library.albums(artist, q, page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode scans(int page, int size) {
        return library.scans(page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode scan(long id) {
        return library.scan(id);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode scanErrors(long id, int page, int size) {
        return library.scanErrors(id, page, size);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode startScan(JsonNode request) {
        return library.startScan(request);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode cancelScan(long id) {
        return library.cancelScan(id);
    }
}

package dev.segue.library.client;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** What a "start a run" call achieved: a new run, or one of that kind was already working. */
public enum RunStarted {
    STARTED,
    ALREADY_RUNNING;

    /** Sends a start-run request; the 409 both services answer while a run is active counts as success. */
    static RunStarted by(Supplier<Response> startRun) {
        try (Response ignored = startRun.get()) {
            return STARTED;
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                return ALREADY_RUNNING;
            }
            throw e;
        }
    }
}

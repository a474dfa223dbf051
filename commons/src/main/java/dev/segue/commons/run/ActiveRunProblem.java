package dev.segue.commons.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/** The problem+json of an {@link ActiveRunConflict}: a problem detail plus the run that is active. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveRunProblem(URI type, String title, int status, String detail, URI instance, ActiveRun activeRun) {

    /** The active run: its id and where to poll (or DELETE) it. */
    public record ActiveRun(long id, URI location) {
    }
}

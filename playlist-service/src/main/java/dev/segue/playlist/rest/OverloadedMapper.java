package dev.segue.playlist.rest;

import dev.segue.commons.problem.Problem;
import dev.segue.playlist.service.Overloaded;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A computation {@link dev.segue.playlist.service.Admission} refused: 503 problem+json with Retry-After. */
class OverloadedMapper {

    @ServerExceptionMapper
    Response overloaded(Overloaded e, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), "Service Unavailable", 503, e.getMessage(),
                URI.create(uri.getRequestUri().getRawPath()), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", Integer.toString(e.retryAfterSeconds())).build();
    }
}

package dev.segue.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.segue.commons.database.DatabaseOutage;
import dev.segue.commons.run.ActiveRunConflict;
import dev.segue.commons.run.ActiveRunProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a REST endpoint can raise into {@code application/problem+json}, so clients
 * parse one shape. Unexpected exceptions are logged with their stack trace but answered without
 * internals.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(URI.create("about:blank"), e.title(), e.status(), e.getMessage(), instance(uri), List.of()));
    }

    /** 409 naming the active run in the body and in Location, so a client can follow the run instead of starting one. */
    @ServerExceptionMapper
    public Response activeRun(ActiveRunConflict e, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path(e.activeRunPath()).build();
        return Response.status(409).type(Problem.MEDIA_TYPE).location(location)
                .entity(new ActiveRunProblem(URI.create("about:blank"), e.title(), 409, e.getMessage(), instance(uri),
                        new ActiveRunProblem.ActiveRun(e.activeRunId(), location)))
                .build();
    }

    @ServerExceptionMapper
    public Response unsatisfiable(Unsatisfiable e, UriInfo uri) {
        return respond(new Problem(URI.create("about:blank"), "Unprocessable Content", 422, e.getMessage(), instance(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), pointer(v), v.getMessage(), List.of()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid.");
        return respond(new Problem(URI.create("about:blank"), "Bad Request", 400, detail, instance(uri), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return badBody(e, uri);
    }

    // named explicitly: quarkus-rest-jackson maps this subtype itself, to an empty 400 without a content type
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return badBody(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, ResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badBody(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if ((status.getStatusCode() == 404 || status.getStatusCode() == 400) && e.getCause() != null && resource != null) {
            // a query or path parameter the runtime could not convert (it answers 404 for those)
            List<Problem.Violation> violations = ParameterProblems.violations(resource.getResourceMethod(), uri);
            if (!violations.isEmpty()) {
                String detail = violations.stream().map(Problem.Violation::message).reduce((a, b) -> a + " " + b).orElseThrow();
                return respond(new Problem(URI.create("about:blank"), "Bad Request", 400, detail, instance(uri), violations));
            }
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No resource at " + uri.getPath() + ". See /q/swagger-ui for the endpoints.";
            case 405 -> "Method not allowed on " + uri.getPath() + ". See /q/swagger-ui for the endpoints.";
            case 406 -> "This endpoint cannot answer in the media type asked for in Accept; ask for application/json.";
            case 415 -> "Unsupported content type: send application/json.";
            default -> e.getMessage();
        };
        return respond(new Problem(URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(), detail, instance(uri), List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseOutage.isOutage(e)) {
            // expected while the database restarts; readiness is DOWN and says why, so no stack trace per request
            LOG.debugf("%s answered 503: the database is unavailable (%s)", uri.getPath(), DatabaseOutage.reason(e));
            return Response.fromResponse(respond(new Problem(URI.create("about:blank"), "Service Unavailable", 503,
                    "The database is unavailable (restarting or unreachable). Runs wait for it and resume on their own; "
                            + "try this request again in a few seconds.", instance(uri), List.of()))).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return respond(new Problem(URI.create("about:blank"), "Internal Server Error", 500,
                "The server failed to handle this request; the log has the details.", instance(uri), List.of()));
    }

    private static Response badBody(JsonProcessingException e, UriInfo uri) {
        Problem.Violation violation = JsonProblems.violation(e);
        return respond(new Problem(URI.create("about:blank"), "Bad Request", 400, JsonProblems.detail(violation), instance(uri),
                List.of(violation)));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    // the raw path: a decoded one ("/api/tracks/ ") is not a valid URI and turned a 400 into a 500
    private static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
    }

    /** "create.request.constraints.maxPerArtist" -> "/constraints/maxPerArtist"; null for a query or path parameter. */
    private static String pointer(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        if (nodes.size() <= 2 || nodes.get(1).getKind() != ElementKind.PARAMETER) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : nodes.subList(2, nodes.size())) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                pointer.append('/').append(escape(String.valueOf(node.getKey())));
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                pointer.append('/').append(escape(node.getName()));
            }
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.size" -> "size": the method and parameter names mean nothing to a client
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}

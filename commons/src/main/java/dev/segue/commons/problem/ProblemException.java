package dev.segue.commons.problem;

import jakarta.ws.rs.core.Response;

/**
 * Thrown by services for a request that cannot be served as asked; becomes a problem+json
 * response with the given status, title and detail.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(Response.Status status, String detail) {
        this(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}

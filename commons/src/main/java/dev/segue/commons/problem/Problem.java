package dev.segue.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code detail} is written for a person: it says what to change.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One rejected part of a request and why. {@code field} names a body field (dotted) or a query or path
     * parameter; {@code pointer} is the RFC 6901 JSON pointer into the body, absent for parameters;
     * {@code allowed} lists the accepted values when there is a fixed set (enums, known field names).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Violation(String field, String pointer, String message, List<String> allowed) {

        public Violation(String field, String message) {
            this(field, null, message, List.of());
        }
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(URI.create("about:blank"), title, status, detail, null, List.of());
    }
}

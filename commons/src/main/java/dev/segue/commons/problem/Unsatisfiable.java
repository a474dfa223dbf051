package dev.segue.commons.problem;

/**
 * Thrown by an algorithm for a request that is well formed but cannot be met by the data it has (too few tracks
 * under the constraints, two ends of a path that are one recording); answered as 422 problem+json with the
 * message as its detail, so the algorithm itself knows nothing of HTTP.
 */
public class Unsatisfiable extends RuntimeException {

    public Unsatisfiable(String detail) {
        super(detail);
    }
}

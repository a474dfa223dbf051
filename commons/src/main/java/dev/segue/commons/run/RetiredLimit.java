package dev.segue.commons.run;

import dev.segue.commons.problem.ProblemException;

/**
 * The run lists took {@code ?limit=} before they were paged like every other list; a client still sending it is
 * told so (400) instead of silently getting the first 20 runs. The parameter is hidden from the OpenAPI documents:
 * it is no part of the contract, and generated clients do not offer it.
 */
public final class RetiredLimit {

    private RetiredLimit() {
    }

    public static void reject(Integer limit) {
        if (limit != null) {
            throw new ProblemException(400, "Bad Request", "limit is no longer accepted on run lists: they are paged with "
                    + "page (from 0) and size (1-200), e.g. ?size=" + Math.clamp(limit, 1, 200) + ".");
        }
    }
}

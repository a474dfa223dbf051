package dev.segue.playlist.delivery;

import dev.segue.commons.problem.ProblemException;

/** Problems for a server's refusals: the user must change something, so they are never retried. */
final class Refused {

    private Refused() {
    }

    static ProblemException credentials(Target t, String cause) {
        return new ProblemException(502, "Bad Gateway", "Target '" + t.name() + "' (" + t.kind().id() + ") refused the credentials: "
                + cause + ". Set the environment variable " + t.secretVariable() + " to a valid secret and restart.");
    }

    static ProblemException answer(Target t, String cause) {
        return new ProblemException(502, "Bad Gateway", "Target '" + t.name() + "' (" + t.kind().id() + ") refused the push: "
                + cause + ".");
    }
}

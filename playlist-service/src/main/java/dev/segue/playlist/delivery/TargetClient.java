package dev.segue.playlist.delivery;

import java.util.List;

/**
 * One kind of server. Implementations put {@code @Retry} and {@code @CircuitBreaker} on the reads and only a
 * breaker on the writes (creating a playlist twice would leave a duplicate); a refusal the user must fix
 * (wrong credentials, no such section) is a {@link dev.segue.commons.problem.ProblemException}, which neither
 * retries nor counts as a failure.
 */
public interface TargetClient {

    Kind kind();

    /** Whether paths in the catalogue are the files' own (false: match by MBID and tags only). */
    default boolean pathsAreReal(Target target) {
        return true;
    }

    /** Answers and accepts the credentials, or throws. */
    void probe(Target target, String secret);

    /** The whole catalogue, read in pages. */
    List<RemoteTrack> catalogue(Target target, String secret);

    /** Whether the playlist with this id still exists on the server (a 404 is false, not a failure). */
    boolean exists(Target target, String secret, String remoteId);

    /** Creates a playlist holding {@code ids} in order; its id. Leaves nothing behind when it fails. */
    String create(Target target, String secret, String name, List<String> ids);

    /** Replaces the contents of an existing playlist by {@code ids}, in order. */
    void replace(Target target, String secret, String remoteId, String name, List<String> ids);
}

package dev.segue.playlist.mix;

/**
 * What one target got from an edition: the server's playlist id, whether it was created (first edition, or
 * deleted on the server since) or replaced in place, how many tracks it holds and how many it lacks; or, when
 * the push failed, {@code error}, the problem's detail (it names the target and the cause).
 */
public record TargetOutcome(String target, String remoteId, Boolean created, int pushed, int unmatched, String error) {
}

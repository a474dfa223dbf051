package dev.segue.playlist.delivery;

import java.util.List;

/**
 * What a push did: {@code created} when the playlist is new on the server (first push, or deleted there since),
 * false when its contents were replaced in place.
 */
public record PushResult(long playlistId, String target, String remoteId, boolean created, int tracks, int matched,
                         List<Unmatched> unmatched) {
}

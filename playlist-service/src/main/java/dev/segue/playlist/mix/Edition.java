package dev.segue.playlist.mix;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One edition of a mix: its stored playlist, what started it ({@code request} or {@code schedule}), how many of its
 * tracks were not in the previous edition, and the outcome per target.
 */
public record Edition(long mixId, int number, Long playlistId, String trigger, int tracks, int fresh, List<String> notes,
                      List<TargetOutcome> targets, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
}

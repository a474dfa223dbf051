package dev.segue.playlist.rest;

import dev.segue.playlist.mix.Edition;
import dev.segue.playlist.mix.TargetOutcome;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One edition of a mix: its stored playlist ({@code GET /api/playlists/{playlistId}}), what started it
 * ({@code request} or {@code schedule}), how many of its tracks were not in the previous edition, and the outcome
 * per target.
 */
public record EditionView(long mixId, int number, Long playlistId, String trigger, int tracks, int fresh, List<String> notes,
                          List<TargetOutcome> targets, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    static EditionView of(Edition e) {
        return new EditionView(e.mixId(), e.number(), e.playlistId(), e.trigger(), e.tracks(), e.fresh(), e.notes(), e.targets(),
                e.startedAt(), e.finishedAt());
    }
}

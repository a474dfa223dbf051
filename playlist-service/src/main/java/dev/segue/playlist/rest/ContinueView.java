package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.Suggestions;
import java.util.List;

/**
 * The tracks to play next, not stored. Positions count from 0 after the last recent track; the first
 * {@code transition} score is the join from that track.
 *
 * @param genreOnly true when the continuation was chosen without sound; {@code notes} says why
 */
public record ContinueView(List<Long> recent, boolean genreOnly, List<String> notes, List<PlaylistEntryView> tracks) {

    static ContinueView of(Suggestions s) {
        return new ContinueView(s.from(), s.genreOnly(), s.notes(), PlaylistEntryView.of(s.tracks()));
    }
}

package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.Suggestions;
import java.util.List;

/**
 * The nearest neighbours of a track; {@code transition} scores say how well each would follow it.
 *
 * @param genreOnly true when the track has no analysis and neighbours are by genre only
 */
public record SimilarView(long trackId, boolean genreOnly, List<String> notes, List<PlaylistEntryView> tracks) {

    static SimilarView of(Suggestions s) {
        return new SimilarView(s.from().get(0), s.genreOnly(), s.notes(), PlaylistEntryView.of(s.tracks()));
    }
}

package dev.segue.playlist.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.playlist.playlist.StoredPlaylist;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored playlist.
 *
 * @param genreOnly true when it was built without sound; {@code notes} says why
 * @param request   the request with every default filled in, as it was built
 */
public record PlaylistView(long id, String name, OffsetDateTime createdAt, boolean genreOnly, List<String> notes,
                           JsonNode request, int trackCount, long durationSeconds, List<PlaylistEntryView> tracks) {

    static PlaylistView of(StoredPlaylist p) {
        return new PlaylistView(p.id(), p.name(), p.createdAt(), p.genreOnly(), p.notes(), p.request(), p.tracks().size(),
                p.durationSeconds(), PlaylistEntryView.of(p.tracks()));
    }
}

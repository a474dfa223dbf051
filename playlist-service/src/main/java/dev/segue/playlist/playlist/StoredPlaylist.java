package dev.segue.playlist.playlist;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored playlist with its tracks in order.
 *
 * @param genreOnly true when it was built without sound; {@code notes} says why
 * @param request   the request with every default filled in, as it was built
 */
public record StoredPlaylist(long id, String name, OffsetDateTime createdAt, boolean genreOnly, List<String> notes,
                             JsonNode request, List<ListedTrack> tracks) {

    public StoredPlaylist withTracks(List<ListedTrack> tracks) {
        return new StoredPlaylist(id, name, createdAt, genreOnly, notes, request, tracks);
    }

    /** The playing time of the tracks whose length is known. */
    public long durationSeconds() {
        return tracks.stream().mapToLong(t -> t.durationSeconds() == null ? 0 : t.durationSeconds()).sum();
    }
}

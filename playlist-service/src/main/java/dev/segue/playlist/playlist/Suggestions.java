package dev.segue.playlist.playlist;

import java.util.List;

/**
 * Tracks computed from others and not stored: the neighbours of a track, or what plays after the recent ones.
 *
 * @param from      the track or recent tracks they follow from, each once
 * @param genreOnly true when they were chosen without sound; {@code notes} says why
 */
public record Suggestions(List<Long> from, boolean genreOnly, List<String> notes, List<ListedTrack> tracks) {
}

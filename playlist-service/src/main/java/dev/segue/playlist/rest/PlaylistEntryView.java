package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.ListedTrack;
import dev.segue.playlist.playlist.Scores;
import java.util.List;

/**
 * One track of a playlist or neighbour list as the API shows it.
 *
 * @param sonicMissing the track has no sonic analysis: its sound played no part in its scores
 * @param seed         a track the request named, not one chosen by similarity
 * @param reasons      why it is there, in words ("same album as the seed", "calm ending leads into a soft start")
 */
public record PlaylistEntryView(int position, long trackId, String title, String artist, String album,
                                Integer durationSeconds, Scores scores, boolean sonicMissing, boolean seed,
                                List<String> reasons) {

    static List<PlaylistEntryView> of(List<ListedTrack> tracks) {
        return tracks.stream().map(t -> new PlaylistEntryView(t.position(), t.trackId(), t.title(), t.artist(), t.album(),
                t.durationSeconds(), t.scores(), t.sonicMissing(), t.seed(), t.reasons())).toList();
    }
}

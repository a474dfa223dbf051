package dev.segue.playlist.playlist;

import java.util.List;

/**
 * One track of a playlist or neighbour list with the track's metadata and what put it there.
 *
 * @param sonicMissing the track has no sonic analysis: its sound played no part in its scores
 * @param seed         a track the request named, not one chosen by similarity
 * @param reasons      why it is there, in words ("same album as the seed", "calm ending leads into a soft start")
 */
public record ListedTrack(int position, long trackId, String title, String artist, String album, Integer durationSeconds,
                          Scores scores, boolean sonicMissing, boolean seed, List<String> reasons) {

    public ListedTrack withReasons(List<String> reasons) {
        return new ListedTrack(position, trackId, title, artist, album, durationSeconds, scores, sonicMissing, seed, reasons);
    }
}

package dev.segue.library.scan;

import java.util.List;
import java.util.UUID;

/** Everything one file's tags and audio header say about its track, already sanitized. */
public record ReadTrack(
        String title,
        String artist,
        String albumArtist,
        String album,
        Integer trackNo,
        Integer trackTotal,
        Integer discNo,
        Integer discTotal,
        Integer year,
        boolean compilation,
        List<String> genres,
        UUID mbidArtist,
        UUID mbidAlbumArtist,
        UUID mbidRelease,
        UUID mbidReleaseGroup,
        UUID mbidRecording,
        UUID mbidTrack,
        String isrc,
        Integer durationMs,
        String codec,
        Integer bitrateKbps,
        Integer sampleRate,
        Integer channels,
        String contentKey,
        List<String> artists,
        List<String> otherTitles,
        String lengthNote,
        NameSource artistSource,
        NameSource albumSource) {

    /** This track with a length (and bitrate) found otherwise than in its header, and why. */
    ReadTrack withLength(Integer ms, Integer kbps, String note) {
        return new ReadTrack(title, artist, albumArtist, album, trackNo, trackTotal, discNo, discTotal, year, compilation, genres,
                mbidArtist, mbidAlbumArtist, mbidRelease, mbidReleaseGroup, mbidRecording, mbidTrack, isrc, ms, codec, kbps, sampleRate,
                channels, contentKey, artists, otherTitles, TagValues.text(note, 1000),
                artistSource, albumSource);
    }
}

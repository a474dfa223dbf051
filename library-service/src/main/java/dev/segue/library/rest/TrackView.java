package dev.segue.library.rest;

import dev.segue.library.catalog.Track;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A track as clients see it, with its artist and album named.
 *
 * @param artistSource where the artist name came from: {@code tags}, {@code path} (the folders) or {@code none}
 *                     (no artist known: "Unknown Artist" is a placeholder, not an artist); null when the file was
 *                     scanned before this was recorded
 * @param albumSource  the same for the album
 * @param lengthNote   how {@code durationMs} was found when it is not what the file's header claims (measured by
 *                     ffprobe, corrected from the frames or the sample table, cut to what the bitrate allows); null
 *                     when the header's length was kept
 */
public record TrackView(
        long id,
        String filePath,
        String status,
        OffsetDateTime missingSince,
        String title,
        long artistId,
        String artist,
        Long albumId,
        String album,
        String albumArtist,
        Integer trackNo,
        Integer trackTotal,
        Integer discNo,
        Integer discTotal,
        Integer year,
        Integer durationMs,
        String format,
        String codec,
        Integer bitrateKbps,
        Integer sampleRate,
        Integer channels,
        UUID mbidRecording,
        UUID mbidTrack,
        String isrc,
        List<String> tagGenres,
        long fileSize,
        OffsetDateTime fileMtime,
        String contentKey,
        OffsetDateTime scannedAt,
        OffsetDateTime updatedAt,
        String artistSource,
        String albumSource,
        @Schema(description = "How durationMs was found when it is not the length the file's header claims: measured by ffprobe, "
                + "corrected from the MP3 frames, the FLAC frames or the MP4 sample table, or cut to what the bitrate allows; "
                + "null when the header's length was kept.", nullable = true,
                example = "the header claims 244.0 s, ffprobe finds 1.1 s of audio")
        String lengthNote) {

    static TrackView of(Track t) {
        return new TrackView(t.id(), t.filePath(), t.status(), t.missingSince(), t.title(), t.artistId(), t.artist(),
                t.albumId(), t.album(), t.albumArtist(), t.trackNo(), t.trackTotal(), t.discNo(), t.discTotal(), t.year(),
                t.durationMs(), t.format(), t.codec(), t.bitrateKbps(), t.sampleRate(), t.channels(), t.mbidRecording(),
                t.mbidTrack(), t.isrc(), t.tagGenres(), t.fileSize(), t.fileMtime(), t.contentKey(), t.scannedAt(),
                t.updatedAt(), t.artistSource(), t.albumSource(), t.lengthNote());
    }
}

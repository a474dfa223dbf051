package dev.segue.library.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A track of the catalog, with its artist and album named.
 *
 * @param artistSource where the artist name came from: {@code tags}, {@code path} (the folders) or {@code none}
 *                     (no artist known: "Unknown Artist" is a placeholder, not an artist); null when the file was
 *                     scanned before this was recorded
 * @param albumSource  the same for the album
 * @param lengthNote   how {@code durationMs} was found when it is not what the file's header claims (measured by
 *                     ffprobe, corrected from the frames or the sample table, cut to what the bitrate allows); null
 *                     when the header's length was kept
 */
public record Track(
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
        String lengthNote) {
}

package dev.segue.library.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A track as clients see it, with its artist and album named.
 *
 * @param artistSource where the artist name came from: {@code tags}, {@code path} (the folders) or {@code none}
 *                     (no artist known: "Unknown Artist" is a placeholder, not an artist); null when the file was
 *                     scanned before this was recorded
 * @param albumSource  the same for the album
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
        String albumSource) {
}

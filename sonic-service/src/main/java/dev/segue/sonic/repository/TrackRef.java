package dev.segue.sonic.repository;

/** A library track as the analysis needs it (library-service owns the table). */
public record TrackRef(long id, String filePath, Long durationMs, String contentKey, String status) {
}

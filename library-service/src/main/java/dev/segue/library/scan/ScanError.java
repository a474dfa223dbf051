package dev.segue.library.scan;

import java.time.OffsetDateTime;

/** A file or folder a scan could not use, and why. */
public record ScanError(long id, String path, String reason, OffsetDateTime occurredAt) {
}

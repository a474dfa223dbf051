package dev.segue.library.rest;

import dev.segue.library.scan.ScanError;
import java.time.OffsetDateTime;

/** A file or folder a scan could not use, and why. */
public record ScanErrorView(long id, String path, String reason, OffsetDateTime occurredAt) {

    static ScanErrorView of(ScanError error) {
        return new ScanErrorView(error.id(), error.path(), error.reason(), error.occurredAt());
    }
}

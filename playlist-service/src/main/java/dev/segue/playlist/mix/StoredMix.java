package dev.segue.playlist.mix;

import java.time.OffsetDateTime;

/**
 * A mix as stored: its definition with defaults applied, when the scheduler renews it next (null: on demand),
 * whether a run holds it now, why its last run failed (null when it did not), and its newest edition (null: none).
 */
public record StoredMix(long id, String name, MixRequest definition, OffsetDateTime nextRunAt, boolean running, String lastError,
                        int editions, Edition latest, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}

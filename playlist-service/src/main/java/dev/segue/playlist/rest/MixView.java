package dev.segue.playlist.rest;

import dev.segue.playlist.mix.MixRequest;
import dev.segue.playlist.mix.StoredMix;
import java.time.OffsetDateTime;

/**
 * A mix as stored: its definition with defaults applied, when the scheduler renews it next (null: on demand),
 * whether a run holds it now, why its last run failed (null when it did not), and its newest edition.
 */
public record MixView(long id, String name, MixRequest definition, OffsetDateTime nextRunAt, boolean running, String lastError,
                      int editions, EditionView latest, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static MixView of(StoredMix m) {
        return new MixView(m.id(), m.name(), m.definition(), m.nextRunAt(), m.running(), m.lastError(), m.editions(),
                m.latest() == null ? null : EditionView.of(m.latest()), m.createdAt(), m.updatedAt());
    }
}

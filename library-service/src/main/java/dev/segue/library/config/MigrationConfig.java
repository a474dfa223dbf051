package dev.segue.library.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How library-service protects the database when it applies schema migrations, {@code segue.library.migration.*}. */
@ConfigMapping(prefix = "segue.library.migration")
public interface MigrationConfig {

    Backup backup();

    interface Backup {

        /**
         * Dump a database that holds rows before applying pending migrations to it
         * ({@code SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED}). Off = migrate without a backup, with a warning.
         */
        @WithDefault("true")
        boolean enabled();

        /** Where the dumps go ({@code SEGUE_LIBRARY_MIGRATION_BACKUP_DIRECTORY}); relative to the working directory. */
        @WithDefault(".segue/backups")
        Path directory();

        /** How many dumps of one database are kept ({@code SEGUE_LIBRARY_MIGRATION_BACKUP_RETAIN}, at least 1); older ones are deleted. */
        @WithDefault("5")
        int retain();

        /** The pg_dump to run ({@code SEGUE_LIBRARY_MIGRATION_BACKUP_PG_DUMP}); absent = the PATH, then /usr/lib/postgresql/N/bin. */
        Optional<Path> pgDump();

        /** Longest a dump may take before the start is aborted ({@code SEGUE_LIBRARY_MIGRATION_BACKUP_TIMEOUT}). */
        @WithDefault("30m")
        Duration timeout();
    }
}

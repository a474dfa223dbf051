package dev.segue.library.migration;

import dev.segue.library.config.MigrationConfig;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Adds {@link MigrationBackup} to the Flyway that migrates at start (and to any Flyway a caller configures with it). */
@Singleton
public class MigrationBackupCustomizer implements FlywayConfigurationCustomizer {

    private final MigrationConfig config;
    private final Optional<String> password;

    MigrationBackupCustomizer(MigrationConfig config, @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.password = password;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Callback backup = new MigrationBackup(config.backup(), password, Clock.systemUTC());
        configuration.callbacks(Stream.concat(Arrays.stream(configuration.getCallbacks()), Stream.of(backup)).toArray(Callback[]::new));
    }
}

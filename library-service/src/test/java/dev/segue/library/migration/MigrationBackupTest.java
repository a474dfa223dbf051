package dev.segue.library.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.library.config.MigrationConfig;
import dev.segue.library.service.MigrationService;
import dev.segue.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/** A populated database is dumped before it is migrated, the dump restores, and nothing else is ever dumped. */
@QuarkusTest
@TestProfile(UpgradeFromV3Profile.class)
class MigrationBackupTest {

    @Inject
    Flyway appFlyway;

    @Inject
    MigrationBackupCustomizer customizer;

    @Inject
    MigrationConfig config;

    @Inject
    MigrationService migrations;

    private static List<String> versions;

    @Test
    void theStartBackedUpThePopulatedDatabaseAndTheDumpRestoresEveryRow() throws Exception {
        String database = PopulatedDatabase.database(UpgradeFromV3Profile.jdbcUrl);
        List<BackupFile> backups = store().backups(database);
        assertThat(backups).hasSize(1);
        BackupFile backup = backups.getFirst();
        Path file = Path.of(backup.path());
        assertThat(file.getFileName().toString()).matches(database + "-v3-\\d{8}T\\d{6}Z\\.dump");
        assertThat(backup.fromVersion()).isEqualTo("3");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");

        Map<String, Long> atV3 = UpgradeFromV3Profile.countsAtV3;
        assertThat(atV3).containsEntry("tracks", (long) PopulatedDatabase.TRACKS).containsEntry("genres", 2L)
                .containsEntry("sonic_analyses", (long) PopulatedDatabase.TRACKS);
        assertThat(appFlyway.info().current().getVersion().getVersion()).isEqualTo(latest());
        assertThat(PopulatedDatabase.counts(UpgradeFromV3Profile.jdbcUrl)).isEqualTo(atV3);

        String restored = TestDatabase.get().createDatabase("restored");
        restore(file, PopulatedDatabase.database(restored));
        assertThat(PopulatedDatabase.counts(restored)).isEqualTo(atV3);
        Flyway restoredFlyway = flywayOn(restored, false);
        assertThat(restoredFlyway.info().current().getVersion().getVersion()).as("the dump holds the schema as it was").isEqualTo("3");
        assertThat(restoredFlyway.info().pending()).hasSize(allVersions().size() - 3);
    }

    @Test
    void endpointListsTheAppliedMigrationsAndTheLastBackup() {
        String database = PopulatedDatabase.database(UpgradeFromV3Profile.jdbcUrl);
        BackupFile backup = store().latest(database).orElseThrow();
        JsonPath body = given().get("/api/admin/migrations").then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("database")).isEqualTo(database);
        assertThat(body.getString("currentVersion")).isEqualTo(latest());
        assertThat(body.getList("applied.version", String.class)).containsExactlyElementsOf(allVersions());
        assertThat(body.getList("applied.success", Boolean.class)).containsOnly(true);
        assertThat(body.getList("applied.checksum", Integer.class)).doesNotContainNull();
        assertThat(body.getList("applied.installedOn", String.class)).doesNotContainNull();
        assertThat(body.getList("pending")).isEmpty();
        assertThat(body.getBoolean("backup.enabled")).isTrue();
        assertThat(body.getString("backup.pgDump")).contains("pg_dump");
        assertThat(body.getString("backup.problem")).isNull();
        assertThat(body.getString("backup.lastBackup.path")).isEqualTo(backup.path());
        assertThat(body.getLong("backup.lastBackup.sizeBytes")).isEqualTo(backup.sizeBytes()).isPositive();
        assertThat(body.getString("backup.lastBackup.fromVersion")).isEqualTo("3");
        assertThat(body.getString("backup.lastBackup.takenAt")).isNotBlank();
    }

    @Test
    void aDatabaseAtV2ShowsTheLaterMigrationsPendingAndTheDryRunAppliesNothing() {
        String url = PopulatedDatabase.create("at_v2", 2);
        Flyway flyway = flywayOn(url, true);
        MigrationsView view = migrations.report(flyway);
        assertThat(view.currentVersion()).isEqualTo("2");
        assertThat(view.applied()).extracting(AppliedMigration::version).containsExactly("1", "2");
        assertThat(view.pending()).extracting(PendingMigration::version).containsExactlyElementsOf(allVersions().subList(2, allVersions().size()));
        assertThat(view.pending()).extracting(PendingMigration::description).startsWith("sonic", "playlist");
        assertThat(view.backup().lastBackup()).isNull();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("2");
        assertThat(store().backups(PopulatedDatabase.database(url))).isEmpty();
    }

    @Test
    void anEmptyDatabaseIsMigratedWithoutABackup() {
        String url = TestDatabase.get().createDatabase("empty");
        assertThat(flywayOn(url, true).migrate().migrationsExecuted).isEqualTo(allVersions().size());
        assertThat(store().backups(PopulatedDatabase.database(url))).isEmpty();
    }

    @Test
    void disabledBackupsMigrateWithAWarningAndNoFile() {
        String url = PopulatedDatabase.create("disabled", 1);
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(MigrationBackup.class.getName());
        logger.addHandler(capture);
        try {
            Flyway flyway = flywayWith(url, new MigrationBackupCustomizer(config(false, Optional.empty()), password()));
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(allVersions().size() - 1);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(store().backups(PopulatedDatabase.database(url))).isEmpty();
        assertThat(warnings).extracting(LogRecord::getMessage).anySatisfy(message -> assertThat(message)
                .contains("WITHOUT a backup").contains("SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED=false"));
    }

    @Test
    void withoutPgDumpNothingIsMigrated() {
        String url = PopulatedDatabase.create("no_pg_dump", 1);
        Flyway flyway = flywayWith(url, new MigrationBackupCustomizer(config(true, Optional.of(Path.of("/nonexistent/pg_dump"))), password()));
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("backup before V2")
                .hasMessageContaining("/nonexistent/pg_dump")
                .hasMessageContaining("SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED=false");
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
        assertThat(PopulatedDatabase.counts(url)).containsEntry("tracks", (long) PopulatedDatabase.TRACKS);
        assertThat(store().backups(PopulatedDatabase.database(url))).isEmpty();
    }

    @Test
    void fourServicesMigratingAtOnceTakeExactlyOneBackup() throws Exception {
        String url = PopulatedDatabase.create("concurrent", 1);
        int migrators = 4;
        CyclicBarrier start = new CyclicBarrier(migrators);
        ExecutorService pool = Executors.newFixedThreadPool(migrators);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < migrators; i++) {
                Flyway flyway = flywayOn(url, true);
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return flyway.migrate().migrationsExecuted;
                }));
            }
            int applied = 0;
            for (Future<Integer> result : results) {
                applied += result.get(2, TimeUnit.MINUTES);
            }
            assertThat(applied).isEqualTo(allVersions().size() - 1);
        } finally {
            pool.shutdownNow();
        }
        List<BackupFile> backups = store().backups(PopulatedDatabase.database(url));
        assertThat(backups).hasSize(1);
        assertThat(backups.getFirst().fromVersion()).isEqualTo("1");
    }

    /** The backup directory as the service writes it. */
    private BackupStore store() {
        return new BackupStore(config.backup().directory(), config.backup().retain());
    }

    /** A Flyway like the service's (same migrations), on another database, with or without the backup callback. */
    private Flyway flywayOn(String url, boolean withBackup) {
        return withBackup ? flywayWith(url, customizer) : base(url).load();
    }

    private Flyway flywayWith(String url, MigrationBackupCustomizer backup) {
        FluentConfiguration configuration = base(url);
        backup.customize(configuration);
        return configuration.load();
    }

    private FluentConfiguration base(String url) {
        TestDatabase db = TestDatabase.get();
        return Flyway.configure().configuration(appFlyway.getConfiguration())
                .dataSource(url, db.username(), db.password()).callbacks(new Callback[0]);
    }

    private static Optional<String> password() {
        return Optional.of(TestDatabase.get().password());
    }

    private MigrationConfig config(boolean enabled, Optional<Path> pgDump) {
        MigrationConfig.Backup app = config.backup();
        MigrationConfig.Backup backup = new MigrationConfig.Backup() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Path directory() {
                return app.directory();
            }

            @Override
            public int retain() {
                return app.retain();
            }

            @Override
            public Optional<Path> pgDump() {
                return pgDump;
            }

            @Override
            public Duration timeout() {
                return app.timeout();
            }
        };
        return () -> backup;
    }

    /** The documented restore: pg_restore of the dump into an empty database. */
    private static void restore(Path dump, String database) throws Exception {
        TestDatabase db = TestDatabase.get();
        Properties server = org.postgresql.Driver.parseURL(db.jdbcUrl(), null);
        int serverMajor;
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            serverMajor = rs.getInt(1) / 10000;
        }
        Path pgRestore = PgDump.locate(Optional.empty(), serverMajor).pgRestore();
        ProcessBuilder builder = new ProcessBuilder(pgRestore.toString(), "--no-owner", "--exit-on-error", "--dbname=" + database, dump.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", server.getProperty("PGHOST"), "PGPORT", server.getProperty("PGPORT"),
                "PGUSER", db.username(), "PGPASSWORD", db.password()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pg_restore: %s", output).isZero();
    }

    /** Every migration the schema jar holds, in order: a new migration needs no edit here. */
    private List<String> allVersions() {
        if (versions == null) {
            Flyway flyway = base(TestDatabase.get().createDatabase("versions")).load();
            versions = Arrays.stream(flyway.info().all()).map(info -> info.getVersion().getVersion()).toList();
        }
        return versions;
    }

    private String latest() {
        return allVersions().getLast();
    }
}

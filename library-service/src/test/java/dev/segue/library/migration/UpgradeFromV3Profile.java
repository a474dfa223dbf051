package dev.segue.library.migration;

import dev.segue.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * library-service starting on a database of its own that a user filled at schema version 3: the start
 * applies V4, so it must back the database up first.
 */
public class UpgradeFromV3Profile implements QuarkusTestProfile {

    static volatile String jdbcUrl;
    static volatile Map<String, Long> countsAtV3;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestDatabase db = TestDatabase.get();
            jdbcUrl = PopulatedDatabase.create("upgrade_v3", 3);
            countsAtV3 = PopulatedDatabase.counts(jdbcUrl);
            try {
                return Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                        "quarkus.datasource.username", db.username(),
                        "quarkus.datasource.password", db.password(),
                        "segue.library.migration.backup.directory", Files.createTempDirectory("segue-backups").resolve("nested").toString(),
                        "segue.library.roots", Files.createTempDirectory("segue-music").toString(),
                        "segue.library.scan.cron", "off");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            // the database is dropped with the embedded server
        }
    }
}

package dev.segue.playlist;

import dev.segue.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A database of its own, for tests about the library as a whole (no analysis anywhere, analyzer versions). */
public class IsolatedLibraryProfile implements QuarkusTestProfile {

    static volatile String jdbcUrl;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class), new TestResourceEntry(SonicServiceMock.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestDatabase db = TestDatabase.get();
            jdbcUrl = db.createDatabase("playlist_isolated");
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                    "quarkus.datasource.username", db.username(),
                    "quarkus.datasource.password", db.password());
        }

        @Override
        public void stop() {
            // the database is dropped with the embedded server
        }
    }
}

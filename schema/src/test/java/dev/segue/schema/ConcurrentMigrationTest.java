package dev.segue.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** Four services start at once against an empty database: every one must come up. */
class ConcurrentMigrationTest {

    @Test
    void fourConcurrentMigratorsOnAnEmptyDatabaseAllSucceedAndApplyEachMigrationOnce() throws Exception {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("concurrent");
        int migrators = 4;
        CyclicBarrier start = new CyclicBarrier(migrators);
        ExecutorService pool = Executors.newFixedThreadPool(migrators);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < migrators; i++) {
                Callable<MigrateResult> migrate = () -> {
                    Flyway flyway = Flyway.configure().dataSource(url, db.username(), db.password())
                            .locations("classpath:db/migration").load();
                    start.await(30, TimeUnit.SECONDS);
                    return flyway.migrate();
                };
                results.add(pool.submit(migrate));
            }
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult r = result.get(2, TimeUnit.MINUTES);
                assertThat(r.success).isTrue();
                applied += r.migrationsExecuted;
            }
            int available = Flyway.configure().dataSource(url, db.username(), db.password()).load().info().all().length;
            assertThat(applied).as("each migration applied by exactly one migrator").isEqualTo(available);
        } finally {
            pool.shutdownNow();
        }

        try (Connection c = DriverManager.getConnection(url, db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(4);
        }

        assertThat(Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate().migrationsExecuted)
                .as("a second migration of an up-to-date database does nothing").isZero();
    }
}

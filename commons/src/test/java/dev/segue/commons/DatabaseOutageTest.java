package dev.segue.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.commons.database.DatabaseOutage;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionLossesAndShutdownsAreOutagesStatementErrorsAreNot() {
        assertThat(DatabaseOutage.isOutage(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("saving failed",
                new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("the database system is starting up", "57P03"))).isTrue();
        SQLException batch = new SQLException("Batch entry 3 was aborted", "ZZZZZ");
        batch.setNextException(new SQLException("This connection has been closed.", "08003"));
        assertThat(DatabaseOutage.isOutage(batch)).as("the cause hidden in the next exception of a batch").isTrue();

        assertThat(DatabaseOutage.isOutage(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("not a database problem"))).isFalse();
    }

    @Test
    void aFailureWithoutStateIsAnOutageOnlyWhileTheDatabaseDoesNotAnswer() {
        RuntimeException commitFailed = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        assertThat(new DatabaseOutage(database(new AtomicInteger(1)), recording(new ArrayList<>())).explains(commitFailed)).isTrue();
        assertThat(new DatabaseOutage(database(new AtomicInteger()), recording(new ArrayList<>())).explains(commitFailed)).isFalse();
    }

    @Test
    void waitersBlockUntilTheDatabaseAnswersAndTheOutageIsLoggedOnce() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        List<String> logged = new ArrayList<>();
        DatabaseOutage outage = new DatabaseOutage(database(refusals), recording(logged));

        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(Thread.ofPlatform().start(() -> {
                try {
                    outage.await("work is paused", new SQLException("Connection refused", "08001"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread waiter : waiters) {
            waiter.join(10_000);
            assertThat(waiter.isAlive()).as("still waiting although the database is back").isFalse();
        }
        assertThat(refusals.get()).isNegative();
        assertThat(logged).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN The database is unavailable (Connection refused); work is paused when it is back");
        assertThat(logged).filteredOn(line -> line.startsWith("INFO")).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("INFO The database is back after"));
    }

    @Test
    void retryRepeatsAnActionUntilTheDatabaseTakesItAndPassesOtherFailuresOn() {
        DatabaseOutage outage = new DatabaseOutage(database(new AtomicInteger()), recording(new ArrayList<>()));
        AtomicInteger attempts = new AtomicInteger();
        assertThat(outage.retry("saving waits", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("saving failed", new SQLException("This connection has been closed.", "08003"));
            }
        })).isTrue();
        assertThat(attempts).hasValue(3);

        IllegalStateException bug = new IllegalStateException("not the database");
        assertThatThrownBy(() -> outage.retry("saving waits", () -> {
            throw bug;
        })).isSameAs(bug);
    }

    /** A data source whose connections are refused {@code refusals} times, then work. */
    private static DataSource database(AtomicInteger refusals) {
        Statement statement = proxy(Statement.class, (method, args) -> method.equals("execute") ? Boolean.TRUE : null);
        Connection connection = proxy(Connection.class, (method, args) -> method.equals("createStatement") ? statement : null);
        return proxy(DataSource.class, (method, args) -> {
            if (method.equals("getConnection")) {
                if (refusals.getAndDecrement() > 0) {
                    throw new SQLTransientConnectionException("Connection refused", "08001");
                }
                return connection;
            }
            return null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(DatabaseOutageTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }

    private static Logger recording(List<String> lines) {
        return new Logger("test") {
            @Override
            protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters, Throwable thrown) {
                lines.add(level + " " + message);
            }

            @Override
            protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters, Throwable thrown) {
                synchronized (lines) {
                    lines.add(level + " " + String.format(format, parameters));
                }
            }

            @Override
            public boolean isEnabled(Level level) {
                return true;
            }
        };
    }
}

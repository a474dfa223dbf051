package dev.segue.sonic.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.sonic.config.TestSonicConfig;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class AutoRunSchedulerTest {

    @Inject
    Scheduler scheduler;

    @Test
    void withAutoRunOffTheJobIsNotScheduledThoughTheSchedulerRuns() {
        // the test profile has auto-run=false; the scheduler must still run for when it is on
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(scheduler.getScheduledJob(AutoRunScheduler.JOB)).isNull();
    }

    @Test
    void theCheckRunsEveryPollIntervalUnlessAutoRunIsOffOrTheIntervalIsZero() {
        assertThat(AutoRunScheduler.every(TestSonicConfig.of())).contains(Duration.ofSeconds(30));
        assertThat(AutoRunScheduler.every(TestSonicConfig.of("segue.sonic.poll-interval", "2s")))
                .contains(Duration.ofSeconds(2));
        assertThat(AutoRunScheduler.every(TestSonicConfig.of("segue.sonic.auto-run", "false"))).isEmpty();
        assertThat(AutoRunScheduler.every(TestSonicConfig.of("segue.sonic.poll-interval", "0"))).isEmpty();
        assertThat(AutoRunScheduler.every(TestSonicConfig.of("segue.sonic.poll-interval", "0s"))).isEmpty();
    }
}

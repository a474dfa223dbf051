package dev.segue.sonic.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.sonic.config.TestSonicConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisWorkerPoolTest {

    @Test
    void idleWorkersLookAgainAfterThePollIntervalOrEvery30sWhenItIsZero() {
        assertThat(AnalysisWorkerPool.idleWait(TestSonicConfig.of("segue.sonic.poll-interval", "1s")))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(AnalysisWorkerPool.idleWait(TestSonicConfig.of("segue.sonic.poll-interval", "0")))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void claimsAreRenewedThreeTimesPerLease() {
        assertThat(AnalysisWorkerPool.renewalInterval(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(40));
        assertThat(AnalysisWorkerPool.renewalInterval(Duration.ofMillis(600))).isEqualTo(Duration.ofSeconds(1));
    }
}

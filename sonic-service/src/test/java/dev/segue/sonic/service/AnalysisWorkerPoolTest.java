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
    void theDefaultLeaseOutlastsTheLongestBatchAndOneThatDoesNotIsWarnedAbout() {
        assertThat(AnalysisWorkerPool.leaseWarning(TestSonicConfig.of())).isEmpty();

        assertThat(AnalysisWorkerPool.leaseWarning(TestSonicConfig.of("segue.sonic.lease", "10m"))).contains(
                "segue.sonic.lease (10m) is not longer than the longest a claimed batch may take, 3 × claim-batch (8)"
                        + " × file-timeout (1m) = 24m: when decoders hang, other workers may take over tracks still"
                        + " being analysed and analyse them twice. Raise SEGUE_SONIC_LEASE, or lower"
                        + " SEGUE_SONIC_CLAIM_BATCH or SEGUE_SONIC_FILE_TIMEOUT");
        // 3 × 2 × 10 s = 1 min: a lease of exactly that is not enough, a little more is
        assertThat(AnalysisWorkerPool.leaseWarning(TestSonicConfig.of("segue.sonic.claim-batch", "2",
                "segue.sonic.file-timeout", "10s", "segue.sonic.lease", "1m"))).isPresent();
        assertThat(AnalysisWorkerPool.leaseWarning(TestSonicConfig.of("segue.sonic.claim-batch", "2",
                "segue.sonic.file-timeout", "10s", "segue.sonic.lease", "61s"))).isEmpty();
    }
}

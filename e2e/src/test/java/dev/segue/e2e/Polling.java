package dev.segue.e2e;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waiting for a running system with a deadline instead of a sleep. */
final class Polling {

    private Polling() {
    }

    /**
     * Calls {@code probe} every 200 ms until {@code done} accepts its answer; a probe that throws (a
     * service restarting, a run not visible yet) is tried again. Fails with the last answer and the
     * last failure when {@code timeout} passes.
     */
    static <T> T await(Duration timeout, Callable<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        Throwable failure = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.call();
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception | AssertionError notYet) {
                failure = notYet;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not done within " + timeout + "; last: " + (last instanceof JsonPath j ? j.prettify() : last), failure);
    }
}

package dev.segue.sonic.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lowers the scheduling priority of the calling thread (Linux: a nice value per thread). Analysis
 * saturates every core; at a higher nice value the API requests of all services on the host still get
 * the CPU first, and the ffmpeg processes a worker starts inherit its value. Java cannot do this
 * itself, so the thread's id is read from {@code /proc/thread-self} and handed to {@code renice}.
 */
final class ThreadNiceness {

    private static final Logger LOG = Logger.getLogger(ThreadNiceness.class);

    private ThreadNiceness() {
    }

    /** @return whether the calling thread now runs at {@code niceness}; false (logged) where unsupported */
    static boolean lowerCurrentThread(int niceness) {
        if (niceness <= 0) {
            return false;
        }
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", tid)
                    .redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes()).strip();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LOG.warnf("Analysis keeps normal priority: renice failed (%s)", output);
                return false;
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Analysis keeps normal priority: cannot renice on this system (%s)", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

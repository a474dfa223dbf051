package dev.segue.sonic.service;

import dev.segue.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * An instance of its own, on a database of its own (so library-wide runs see only the test's tracks),
 * whose ffmpeg waits while the file {@link #gate} names exists: a test can keep every worker inside a
 * decode, holding its claimed tracks, for as long as it needs. {@code ffmpeg -version} is never held:
 * the decoder registry probes it lazily, and a probe that timed out behind a closed gate made the
 * registry fall back to the Java decoder for a minute, which decodes the tests' WAV files without
 * waiting, so the tests that wait for a full set of claims timed out (whichever ran when the first
 * probe happened). 3 workers claiming 2 tracks each, with a
 * 6 s lease that only renewal keeps alive.
 */
public class GatedFfmpegProfile implements QuarkusTestProfile {

    private static final Path FFMPEG = gatedFfmpeg();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("segue.sonic.ffmpeg-path", FFMPEG.toString(),
                "segue.sonic.workers", "3",
                "segue.sonic.claim-batch", "2",
                "segue.sonic.file-timeout", "2m",
                "segue.sonic.lease", "6s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    /** The file that holds ffmpeg back, next to the configured ffmpeg. */
    static Path gate(String ffmpegPath) {
        return Path.of(ffmpegPath).resolveSibling("closed");
    }

    /**
     * How many ffmpeg processes wait at the gate: a worker decodes its batch in one process, so this is
     * how many workers are inside a decode (a claimed batch alone does not say so: its worker may still be
     * checking that the run is going, and drop the batch when it was cancelled meanwhile).
     */
    static long waiting(String ffmpegPath) throws IOException {
        try (var files = Files.list(Path.of(ffmpegPath).getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("waiting.")).count();
        }
    }

    private static Path gatedFfmpeg() {
        try {
            Path script = Files.createTempDirectory("sonic-gated-ffmpeg").resolve("ffmpeg");
            Files.writeString(script, """
                    #!/bin/sh
                    case " $* " in *" -version "*) exec ffmpeg "$@" ;; esac
                    dir="$(dirname "$0")"
                    if [ -e "$dir/closed" ]; then
                      touch "$dir/waiting.$$"
                      while [ -e "$dir/closed" ]; do sleep 0.2; done
                      rm -f "$dir/waiting.$$"
                    fi
                    exec ffmpeg "$@"
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestDatabase db = TestDatabase.get();
            return Map.of("quarkus.datasource.jdbc.url", db.createDatabase("sonic_runs"),
                    "quarkus.datasource.username", db.username(),
                    "quarkus.datasource.password", db.password());
        }

        @Override
        public void stop() {
            // the database is dropped with the embedded server
        }
    }
}

package dev.segue.library.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures a file's audio with an ffprobe subprocess, for the files whose own headers cannot be trusted
 * (a length the file cannot hold) or that the Java readers refuse. The length is the end of the last
 * audio packet ffprobe demuxes, not its {@code format=duration}, which repeats what a truncated FLAC or
 * WMA header claims. A process that outlives the timeout is killed; without ffprobe every call answers
 * "unknown" and the scan keeps the Java readers' verdict.
 */
public final class Ffprobe {

    /** What ffprobe found in the first audio stream. */
    record Probe(long durationMs, String codec, Integer sampleRate, Integer channels) {
    }

    /** An ffprobe that never runs: the behaviour when none is installed or configured. */
    public static final Ffprobe NONE = new Ffprobe(null, Duration.ZERO);

    private static final long KILL_WAIT_SECONDS = 5;
    /** Output kept from one run: a packet line is ~25 bytes, so this covers ~40 hours of MP3 frames. */
    private static final int MAX_OUTPUT = 64 << 20;

    private final String executable;
    private final Duration timeout;
    private volatile Boolean runnable;

    public Ffprobe(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    boolean available() {
        if (executable == null) {
            return false;
        }
        Boolean known = runnable;
        if (known == null) {
            known = run(List.of(executable, "-version")) != null;
            runnable = known;
        }
        return known;
    }

    /** The audio ffprobe finds in the file, or null when it finds none, cannot run, or takes longer than the timeout. */
    Probe probe(Path file) {
        if (!available()) {
            return null;
        }
        String out = run(List.of(executable, "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name,sample_rate,channels:packet=pts_time,duration_time",
                "-of", "default=nw=1", file.toString()));
        if (out == null) {
            return null;
        }
        String codec = null;
        Integer rate = null;
        Integer channels = null;
        double first = Double.NaN;
        double end = 0;
        double pts = Double.NaN;
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).trim();
            switch (key) {
                case "codec_name" -> codec = value;
                case "sample_rate" -> rate = number(value);
                case "channels" -> channels = number(value);
                case "pts_time" -> {
                    pts = decimal(value);
                    if (Double.isNaN(first) && !Double.isNaN(pts)) {
                        first = pts;
                    }
                }
                case "duration_time" -> {
                    double d = decimal(value);
                    if (!Double.isNaN(pts) && !Double.isNaN(d)) {
                        end = Math.max(end, pts + d);
                    }
                }
                default -> {
                    // other entries are not asked for
                }
            }
        }
        if (codec == null || Double.isNaN(first) || end <= first) {
            return null;
        }
        return new Probe(Math.round((end - Math.max(0, first)) * 1000), codec.toUpperCase(Locale.ROOT), rate, channels);
    }

    /** Standard output of a run that ended with status 0 within the timeout; null otherwise. */
    private String run(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        try {
            p.getOutputStream().close();
            // read on a virtual thread so that a hanging ffprobe is killed at the deadline, not waited for
            StringBuilder out = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = p.getInputStream()) {
                    byte[] bytes = in.readNBytes(MAX_OUTPUT);
                    synchronized (out) {
                        out.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
                return null;
            }
            reader.join(TimeUnit.SECONDS.toMillis(KILL_WAIT_SECONDS));
            synchronized (out) {
                return p.exitValue() == 0 ? out.toString() : null;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Integer number(String value) {
        try {
            int n = Integer.parseInt(value);
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double decimal(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

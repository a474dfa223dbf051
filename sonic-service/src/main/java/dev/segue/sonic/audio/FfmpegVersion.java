package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The first line of {@code ffmpeg -version}, or null when ffmpeg cannot be run. Found once; a miss is
 * checked again after a minute, so installing ffmpeg needs no restart.
 */
final class FfmpegVersion {

    /** {@code -version} answers in well under a second; one that takes this long counts as not runnable. */
    private static final long VERSION_TIMEOUT_SECONDS = 10;
    private static final long RECHECK_NANOS = 60_000_000_000L;

    private final String ffmpeg;
    private String version;
    private long checkedAt;

    FfmpegVersion(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    synchronized String get() {
        if (version == null || version.isEmpty() && System.nanoTime() - checkedAt > RECHECK_NANOS) {
            version = probe();
            checkedAt = System.nanoTime();
        }
        return version.isEmpty() ? null : version;
    }

    private String probe() {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-version").redirectErrorStream(true).start();
            // wait before reading: reading first would block every caller of available() on an executable that hangs
            if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                FfmpegProcess.kill(p);
                return "";
            }
            if (p.exitValue() != 0) {
                return "";
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            return (eol < 0 ? text : text.substring(0, eol)).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

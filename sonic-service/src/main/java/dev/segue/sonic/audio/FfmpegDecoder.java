package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decodes with an ffmpeg subprocess. Each window is opened as its own input with {@code -ss} before
 * {@code -i}, so ffmpeg seeks instead of decoding up to the window; all windows go through one
 * process (one start-up) into separate raw files, which keeps exact window boundaries. A process
 * that outlives the deadline is killed.
 */
public final class FfmpegDecoder implements AudioDecoder {

    /** Extensions that are audio for sure: ffmpeg failing on them means a broken file, not a foreign format. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "mp2", "flac", "ogg", "oga", "opus", "m4a", "m4b",
            "mp4", "aac", "wav", "wave", "aif", "aiff", "aifc", "wma", "ape", "wv", "mpc", "alac", "dsf", "dff",
            "tta", "ac3", "dts", "mka", "caf", "spx", "au", "snd");
    private static final int MAX_ERROR_CHARS = 300;
    /** A whole-file decode (short track, or duration unknown) stops here to bound memory. */
    private static final double MAX_WHOLE_SECONDS = 20 * 60;

    private final String ffmpeg;
    private final String ffprobe;
    private final Path tempDir;
    private static final long RECHECK_NANOS = 60_000_000_000L;
    private String version;
    private long checkedAt;

    public FfmpegDecoder(String ffmpeg, String ffprobe, Path tempDir) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.tempDir = tempDir;
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public boolean available() {
        return version() != null;
    }

    @Override
    public String description() {
        String v = version();
        return v == null ? "not found: " + ffmpeg : v;
    }

    /**
     * First line of {@code ffmpeg -version}, or null when ffmpeg cannot be run. Found once; a miss is
     * checked again after a minute, so installing ffmpeg needs no restart.
     */
    private synchronized String version() {
        if (version == null || version.isEmpty() && System.nanoTime() - checkedAt > RECHECK_NANOS) {
            version = probeVersion();
            checkedAt = System.nanoTime();
        }
        return version.isEmpty() ? null : version;
    }

    private String probeVersion() {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "";
            }
            String text = new String(out, StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            return (eol < 0 ? text : text.substring(0, eol)).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public OptionalLong probeDurationMs(Path file, Instant deadline) throws DecodeException {
        Path err = null;
        try {
            err = Files.createTempFile(tempDir, "ffprobe", ".err");
            Path out = Files.createTempFile(tempDir, "ffprobe", ".out");
            try {
                run(List.of(ffprobe, "-v", "error", "-select_streams", "a:0",
                        "-show_entries", "stream=channels:format=duration", "-of", "default=nw=1",
                        file.toString()), out, err, deadline, file);
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (!text.contains("channels=")) {
                    throw DecodeException.failed("no audio stream in the file");
                }
                for (String line : text.split("\n")) {
                    line = line.trim();
                    if (line.equals("channels=0")) {
                        throw DecodeException.failed("the audio stream has 0 channels");
                    }
                    if (line.startsWith("duration=") && !line.equals("duration=N/A")) {
                        double seconds = Double.parseDouble(line.substring("duration=".length()));
                        return OptionalLong.of(Math.round(seconds * 1000));
                    }
                }
                return OptionalLong.empty();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException | NumberFormatException e) {
            throw DecodeException.failed("ffprobe failed: " + e.getMessage());
        } finally {
            deleteQuietly(err);
        }
    }

    /**
     * All windows of all files through one ffmpeg process: its start-up (~0.25 s of CPU for the ~200
     * shared libraries of a distribution build) would otherwise cost more than the decoding itself.
     * Any failure (one unreadable file fails the whole process) returns empty, and the caller decodes
     * file by file, so a bad file costs one extra process and never a wrong result.
     */
    @Override
    public Optional<List<DecodedAudio>> decodeBatch(List<Job> jobs, Instant deadline) {
        if (jobs.size() < 2) {
            return Optional.empty();
        }
        List<Path> outputs = new ArrayList<>();
        Path err = null;
        try {
            err = Files.createTempFile(tempDir, "ffmpeg", ".err");
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error"));
            for (Job job : jobs) {
                addInputs(command, job.file(), job.plan());
            }
            int input = 0;
            for (Job job : jobs) {
                for (int i = 0; i < job.plan().windows().size(); i++) {
                    outputs.add(addOutput(command, input++));
                }
            }
            run(command, null, err, deadline, jobs.getFirst().file());
            List<DecodedAudio> decoded = new ArrayList<>();
            int output = 0;
            for (Job job : jobs) {
                List<float[]> windows = new ArrayList<>();
                for (int i = 0; i < job.plan().windows().size(); i++) {
                    windows.add(readFloats(outputs.get(output++)));
                }
                decoded.add(new DecodedAudio(job.plan(), windows, name()));
            }
            return Optional.of(decoded);
        } catch (IOException | DecodeException e) {
            return Optional.empty();
        } finally {
            outputs.forEach(FfmpegDecoder::deleteQuietly);
            deleteQuietly(err);
        }
    }

    private static void addInputs(List<String> command, Path file, SegmentPlan plan) {
        for (SegmentPlan.Window w : plan.windows()) {
            if (plan.whole()) {
                command.addAll(List.of("-t", seconds(MAX_WHOLE_SECONDS)));
            } else {
                command.addAll(List.of("-ss", seconds(w.startSec()), "-t", seconds(w.lengthSec())));
            }
            command.addAll(List.of("-i", file.toString()));
        }
    }

    private Path addOutput(List<String> command, int input) throws IOException {
        Path out = Files.createTempFile(tempDir, "pcm", ".f32");
        command.addAll(List.of("-map", input + ":a:0", "-vn", "-sn", "-dn", "-ac", "1",
                "-ar", Integer.toString(SAMPLE_RATE), "-f", "f32le", "-y", out.toString()));
        return out;
    }

    @Override
    public DecodedAudio decode(Path file, SegmentPlan plan, Instant deadline) throws DecodeException {
        List<Path> outputs = new ArrayList<>();
        Path err = null;
        try {
            err = Files.createTempFile(tempDir, "ffmpeg", ".err");
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error"));
            addInputs(command, file, plan);
            for (int i = 0; i < plan.windows().size(); i++) {
                outputs.add(addOutput(command, i));
            }
            run(command, null, err, deadline, file);
            List<float[]> windows = new ArrayList<>();
            for (Path out : outputs) {
                windows.add(readFloats(out));
            }
            return new DecodedAudio(plan, windows, name());
        } catch (IOException e) {
            throw DecodeException.failed("ffmpeg could not be run: " + e.getMessage());
        } finally {
            outputs.forEach(FfmpegDecoder::deleteQuietly);
            deleteQuietly(err);
        }
    }

    private void run(List<String> command, Path out, Path err, Instant deadline, Path file)
            throws IOException, DecodeException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process process = builder.start();
        try {
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw DecodeException.failed(command.getFirst() + " did not finish within the per-file timeout; killed");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw DecodeException.failed("interrupted while decoding");
        }
        if (process.exitValue() != 0) {
            String message = lastLines(Files.readString(err, StandardCharsets.UTF_8));
            String reason = message.isEmpty() ? "exit code " + process.exitValue() : message;
            if (!AUDIO_EXTENSIONS.contains(extension(file))) {
                throw DecodeException.unsupported("not an audio format ffmpeg can read: " + reason);
            }
            throw DecodeException.failed("ffmpeg cannot decode the file: " + reason);
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String lastLines(String stderr) {
        String trimmed = stderr.strip().replace('\n', ' ');
        return trimmed.length() <= MAX_ERROR_CHARS ? trimmed : "…" + trimmed.substring(trimmed.length() - MAX_ERROR_CHARS);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    private static float[] readFloats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] pcm = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(pcm);
        return pcm;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is harmless and cleaned with the temp directory
        }
    }
}

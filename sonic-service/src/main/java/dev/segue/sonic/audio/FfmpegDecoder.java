package dev.segue.sonic.audio;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Decodes with an ffmpeg subprocess: only the planned windows are read (ffmpeg seeks to each), and a
 * claimed batch of files goes through one process. A process that outlives the deadline is killed.
 */
public final class FfmpegDecoder implements AudioDecoder {

    /** Extensions that are audio for sure: ffmpeg failing on them means a broken file, not a foreign format. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "mp2", "flac", "ogg", "oga", "opus", "m4a", "m4b",
            "mp4", "aac", "wav", "wave", "aif", "aiff", "aifc", "wma", "ape", "wv", "mpc", "alac", "dsf", "dff",
            "tta", "ac3", "dts", "mka", "caf", "spx", "au", "snd");
    /** MPEG audio layers I–III, decodable back to back by one decoder whatever their rate or channels. */
    private static final Set<String> MPEG_AUDIO = Set.of("mp3", "mp2", "mpga");
    /** Decoded before each concatenated window and dropped: covers the MP3 bit reservoir (≤ 511 bytes). */
    private static final double PREROLL_SECONDS = 0.25;
    private static final int MAX_ERROR_CHARS = 300;
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN));
    /**
     * Down-mix first, then resample the one channel left: the same result as {@code -ac 1 -ar 22050},
     * which resamples every channel before mixing them (9 ms less CPU per track, measured). The mix is
     * done in float, as {@code -ac 1} does: mixed in a decoder's integer format (WAV, FLAC) it would be
     * scaled down against clipping, 3 dB quieter than the same audio as MP3 or Ogg.
     */
    private static final String TO_MONO_22050 = "aformat=sample_fmts=flt:channel_layouts=mono,aresample=" + SAMPLE_RATE;
    /** A whole-file decode (short track, or duration unknown) stops here to bound memory. */
    private static final double MAX_WHOLE_SECONDS = 20 * 60;

    /** {@code -version} answers in well under a second; one that takes this long counts as not runnable. */
    private static final long VERSION_TIMEOUT_SECONDS = 10;
    /** How long a killed process may take to exit, so that it writes no temp file after we delete them. */
    private static final long KILL_WAIT_SECONDS = 5;

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

    /**
     * Deletes what a killed process left in the temp directory (up to ~3 MB of PCM per window in
     * flight). Only files older than {@code olderThan} go: replicas on one host may share the directory,
     * and a live batch's files are younger than the longest a batch may take.
     *
     * @return how many files were deleted
     */
    public int removeStaleFiles(Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            // a file another replica removed first, or an unreadable directory: cleaning up is best effort
        }
        return removed;
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
        return v == null ? "not found or not runnable: " + ffmpeg : v;
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
            // wait before reading: reading first would block every caller of available() on an executable that hangs
            if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill(p);
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
                String text = text(out);
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
     * Decodes the windows of several files with as few ffmpeg processes as possible: a start-up costs
     * ~0.12 s of CPU (the ~200 shared libraries of a distribution build), more than decoding a track's
     * windows. MPEG audio goes through the concat demuxer (see {@link #decodeConcatenated}); other
     * formats open each window as an input of one process. A file the batch cannot take (its group
     * failed; one unreadable file fails a whole process) is decoded on its own, so a bad file costs one
     * extra process and never a wrong result. The PCM stays in temporary files until it is taken.
     */
    @Override
    public Optional<DecodedBatch> decodeBatch(List<Job> jobs, Duration fileTimeout) {
        Map<Boolean, List<Job>> groups = jobs.stream().collect(Collectors.partitioningBy(FfmpegDecoder::concatenable));
        List<Job> concatenable = groups.get(true);
        List<Job> others = groups.get(false);
        Map<Job, List<WindowFile>> decoded = new IdentityHashMap<>();
        if (!concatenable.isEmpty()) {
            decodeConcatenated(concatenable, deadline(concatenable, fileTimeout))
                    .ifPresent(files -> put(decoded, concatenable, files));
        }
        if (others.size() > 1) {
            try {
                put(decoded, others, decodeInputs(others, deadline(others, fileTimeout)));
            } catch (IOException | DecodeException e) {
                // each of them is decoded on its own
            }
        }
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        List<List<WindowFile>> files = new ArrayList<>();
        jobs.forEach(job -> files.add(decoded.get(job)));
        return Optional.of(new FileBatch(jobs, files));
    }

    /** Each process starts its own clock, so a group that hung does not cut the next one short. */
    private static Instant deadline(List<Job> jobs, Duration fileTimeout) {
        return Instant.now().plus(fileTimeout.multipliedBy(jobs.size()));
    }

    private static void put(Map<Job, List<WindowFile>> decoded, List<Job> jobs, List<List<WindowFile>> files) {
        for (int i = 0; i < jobs.size(); i++) {
            decoded.put(jobs.get(i), files.get(i));
        }
    }

    /** A decoded window waiting in a temporary file; its first {@code skip} samples are pre-roll. */
    private record WindowFile(Path file, int skip) {
    }

    /** Reads each file's windows when asked and deletes them; closing deletes the rest. */
    private final class FileBatch implements DecodedBatch {

        private final List<Job> jobs;
        private final List<List<WindowFile>> files;

        FileBatch(List<Job> jobs, List<List<WindowFile>> files) {
            this.jobs = jobs;
            this.files = files;
        }

        @Override
        public DecodedAudio take(int index) {
            List<WindowFile> windows = files.set(index, null);
            if (windows == null) {
                return null;
            }
            try {
                return new DecodedAudio(jobs.get(index).plan(), read(windows), name());
            } catch (IOException e) {
                return null;
            } finally {
                delete(windows);
            }
        }

        @Override
        public void close() {
            files.stream().filter(Objects::nonNull).forEach(FfmpegDecoder::delete);
        }
    }

    private static List<float[]> read(List<WindowFile> windows) throws IOException {
        List<float[]> pcm = new ArrayList<>();
        for (WindowFile w : windows) {
            pcm.add(readFloats(w.file(), w.skip()));
        }
        return pcm;
    }

    private static void delete(List<WindowFile> windows) {
        windows.forEach(w -> deleteQuietly(w.file()));
    }

    /**
     * MPEG audio describes itself in every frame, so files of different rates and channel counts can
     * share one decoder; other codecs (Vorbis, FLAC, AAC) depend on per-file headers and cannot. The
     * concat list cannot hold line breaks.
     */
    static boolean concatenable(Job job) {
        String path = job.file().toString();
        return !job.plan().whole() && MPEG_AUDIO.contains(extension(job.file()))
                && path.indexOf('\n') < 0 && path.indexOf('\r') < 0;
    }

    /**
     * All windows as entries of one concat list: one input and one decoder, where one input per window
     * costs ffmpeg a reader thread each and a context switch per packet (2.2x the CPU, measured). Each
     * entry gets a time slot one second longer than its window, and the segment muxer cuts the output
     * half a second before each slot starts, so every window lands in its own file with exactly the
     * samples ffmpeg decoded for it (a truncated file still shows as a short window). The decoder is not
     * reset between entries, so the first frames of a window may draw on the previous window's bit
     * reservoir (spikes up to 10x full scale, measured): each window starts a quarter second early and
     * that pre-roll is dropped. Anything unusual (an error on stderr, such as a mislabelled file the MP3
     * decoder cannot read, or a window count that does not add up) distrusts the whole group.
     */
    private Optional<List<List<WindowFile>>> decodeConcatenated(List<Job> jobs, Instant deadline) {
        String prefix = "concat-" + UUID.randomUUID();
        Path list = tempDir.resolve(prefix + ".txt");
        Path err = tempDir.resolve(prefix + ".err");
        StringBuilder entries = new StringBuilder();
        StringBuilder cuts = new StringBuilder();
        double slotStart = 0;
        int windows = 0;
        for (Job job : jobs) {
            String quoted = job.file().toAbsolutePath().toString().replace("'", "'\\''");
            for (SegmentPlan.Window w : job.plan().windows()) {
                double preroll = preroll(w);
                entries.append("file 'file:").append(quoted).append("'\n")
                        .append("inpoint ").append(seconds(w.startSec() - preroll)).append('\n')
                        .append("outpoint ").append(seconds(w.startSec() + w.lengthSec())).append('\n')
                        .append("duration ").append(seconds(preroll + w.lengthSec() + 1)).append('\n');
                if (windows++ > 0) {
                    cuts.append(cuts.isEmpty() ? "" : ",").append(seconds(slotStart - 0.5));
                }
                slotStart += preroll + w.lengthSec() + 1;
            }
        }
        boolean kept = false;
        try {
            Files.writeString(list, entries, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error",
                    "-f", "concat", "-safe", "0", "-i", list.toString(), "-map", "0:a:0", "-vn", "-sn", "-dn",
                    "-af", TO_MONO_22050, "-c:a", "pcm_f32le", "-f", "segment", "-segment_format", "f32le", "-y"));
            if (!cuts.isEmpty()) {
                command.addAll(List.of("-segment_times", cuts.toString()));
            }
            // the segment muxer's output name is a printf pattern: a '%' in the directory must be doubled
            command.add(tempDir.toString().replace("%", "%%") + File.separator + prefix + "-%04d.f32");
            run(command, null, err, deadline, jobs.getFirst().file());
            if (Files.size(err) > 0) {
                return Optional.empty();
            }
            List<List<WindowFile>> decoded = new ArrayList<>();
            int segment = 0;
            for (Job job : jobs) {
                List<WindowFile> files = new ArrayList<>();
                for (SegmentPlan.Window w : job.plan().windows()) {
                    Path out = segmentFile(prefix, segment++);
                    double preroll = preroll(w);
                    if (!Files.exists(out)
                            || Files.size(out) > (preroll + w.lengthSec() + 0.5) * SAMPLE_RATE * Float.BYTES) {
                        return Optional.empty();
                    }
                    files.add(new WindowFile(out, (int) Math.round(preroll * SAMPLE_RATE)));
                }
                decoded.add(files);
            }
            kept = true;
            return Optional.of(decoded);
        } catch (IOException | DecodeException e) {
            return Optional.empty();
        } finally {
            deleteQuietly(list);
            deleteQuietly(err);
            // the windows' files now belong to the batch; a surplus one never does
            for (int i = kept ? windows : 0; i <= windows; i++) {
                deleteQuietly(segmentFile(prefix, i));
            }
        }
    }

    private Path segmentFile(String prefix, int index) {
        return tempDir.resolve(String.format(Locale.ROOT, "%s-%04d.f32", prefix, index));
    }

    /** A file's first frame needs no pre-roll: it cannot refer to earlier data. */
    private static double preroll(SegmentPlan.Window w) {
        return Math.min(PREROLL_SECONDS, w.startSec());
    }

    /**
     * Each window as its own input ({@code -ss} before {@code -i}: ffmpeg seeks), all in one process;
     * the PCM of each job's windows is left in temporary files.
     */
    private List<List<WindowFile>> decodeInputs(List<Job> jobs, Instant deadline) throws IOException, DecodeException {
        List<Path> outputs = new ArrayList<>();
        Path err = null;
        boolean kept = false;
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
            List<List<WindowFile>> decoded = new ArrayList<>();
            int output = 0;
            for (Job job : jobs) {
                List<WindowFile> files = new ArrayList<>();
                for (int i = 0; i < job.plan().windows().size(); i++) {
                    files.add(new WindowFile(outputs.get(output++), 0));
                }
                decoded.add(files);
            }
            kept = true;
            return decoded;
        } finally {
            if (!kept) {
                outputs.forEach(FfmpegDecoder::deleteQuietly);
            }
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
        command.addAll(List.of("-map", input + ":a:0", "-vn", "-sn", "-dn", "-af", TO_MONO_22050,
                "-f", "f32le", "-y", out.toString()));
        return out;
    }

    @Override
    public DecodedAudio decode(Path file, SegmentPlan plan, Instant deadline) throws DecodeException {
        List<WindowFile> windows = List.of();
        try {
            windows = decodeInputs(List.of(new Job(file, plan)), deadline).getFirst();
            return new DecodedAudio(plan, read(windows), name());
        } catch (IOException e) {
            throw DecodeException.failed("ffmpeg could not be run: " + e.getMessage());
        } finally {
            delete(windows);
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
                kill(process);
                throw DecodeException.failed(command.getFirst() + " did not finish within the per-file timeout; killed");
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw DecodeException.failed("interrupted while decoding");
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String message = lastLines(text(err));
            // the JDK reports a process ended by signal n as 128 + n; a crash says nothing about the format
            if (exit > 128 && exit <= 128 + 64) {
                throw DecodeException.failed(command.getFirst() + " was killed by signal " + (exit - 128)
                        + (message.isEmpty() ? "" : ": " + message));
            }
            String reason = message.isEmpty() ? "exit code " + exit : message;
            if (!AUDIO_EXTENSIONS.contains(extension(file))) {
                throw DecodeException.unsupported("not an audio format ffmpeg can read: " + reason);
            }
            throw DecodeException.failed("ffmpeg cannot decode the file: " + reason);
        }
    }

    /** Kills the process and what it started (a wrapper script's children), and waits for it to exit. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Lenient: a crashing process may leave bytes that are not UTF-8, which must not hide what it said. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String lastLines(String stderr) {
        String trimmed = stderr.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
        return trimmed.length() <= MAX_ERROR_CHARS ? trimmed : "…" + trimmed.substring(trimmed.length() - MAX_ERROR_CHARS);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    /**
     * Reads raw f32le samples after the first {@code skip}, through a small per-thread buffer rather
     * than a byte[] of the whole file: a window is ~3 MB, and a second copy of it per window was a
     * large share of the analysis' allocation (and GC) work.
     */
    private static float[] readFloats(Path file, int skip) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long samples = channel.size() / Float.BYTES;
            long from = Math.min(skip, samples);
            float[] pcm = new float[Math.toIntExact(samples - from)];
            channel.position(from * Float.BYTES);
            ByteBuffer chunk = READ_BUFFER.get().clear();
            int filled = 0;
            while (filled < pcm.length && channel.read(chunk) >= 0) {
                chunk.flip();
                FloatBuffer floats = chunk.asFloatBuffer();
                int count = Math.min(floats.remaining(), pcm.length - filled);
                floats.get(pcm, filled, count);
                filled += count;
                chunk.position(count * Float.BYTES).compact();
            }
            return filled == pcm.length ? pcm : Arrays.copyOf(pcm, filled);
        }
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

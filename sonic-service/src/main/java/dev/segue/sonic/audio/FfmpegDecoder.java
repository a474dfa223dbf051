package dev.segue.sonic.audio;

import static dev.segue.sonic.audio.FfmpegProcess.seconds;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decodes with an ffmpeg subprocess: only the planned windows are read (ffmpeg seeks to each), and a
 * claimed batch of files goes through one process. A process that outlives the deadline is killed.
 */
public final class FfmpegDecoder implements AudioDecoder {

    /**
     * Down-mix first, then resample the one channel left: the same result as {@code -ac 1 -ar 22050},
     * which resamples every channel before mixing them (9 ms less CPU per track, measured). The mix is
     * done in float, as {@code -ac 1} does: mixed in a decoder's integer format (WAV, FLAC) it would be
     * scaled down against clipping, 3 dB quieter than the same audio as MP3 or Ogg.
     */
    private static final String TO_MONO_22050 = "aformat=sample_fmts=flt:channel_layouts=mono,aresample=" + SAMPLE_RATE;
    /** A whole-file decode (short track, or duration unknown) stops here to bound memory. */
    private static final double MAX_WHOLE_SECONDS = 20 * 60;

    private final String ffmpeg;
    private final Path tempDir;
    private final FfmpegVersion version;
    private final Ffprobe ffprobe;

    public FfmpegDecoder(String ffmpeg, String ffprobe, Path tempDir) {
        this.ffmpeg = ffmpeg;
        this.tempDir = tempDir;
        this.version = new FfmpegVersion(ffmpeg);
        this.ffprobe = new Ffprobe(ffprobe, tempDir);
    }

    /**
     * Deletes what a killed process left in the temp directory, files older than {@code olderThan} only.
     *
     * @return how many files were deleted
     */
    public int removeStaleFiles(Duration olderThan) {
        return TempFiles.removeStale(tempDir, olderThan);
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public boolean available() {
        return version.get() != null;
    }

    @Override
    public String description() {
        String v = version.get();
        return v == null ? "not found or not runnable: " + ffmpeg : v;
    }

    @Override
    public OptionalLong probeDurationMs(Path file, Instant deadline) throws DecodeException {
        return ffprobe.durationMs(file, deadline);
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
        Map<Boolean, List<Job>> groups = jobs.stream().collect(Collectors.partitioningBy(ConcatPlan::concatenable));
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
        return Optional.of(new FileBatch(jobs, files, name()));
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

    /**
     * The MPEG audio windows of all {@code jobs} through one decoder ({@link ConcatPlan}). Anything
     * unusual (an error on stderr, such as a mislabelled file the MP3 decoder cannot read, or a window
     * count that does not add up) distrusts the whole group.
     */
    private Optional<List<List<WindowFile>>> decodeConcatenated(List<Job> jobs, Instant deadline) {
        String prefix = "concat-" + UUID.randomUUID();
        Path list = tempDir.resolve(prefix + ".txt");
        Path err = tempDir.resolve(prefix + ".err");
        ConcatPlan plan = ConcatPlan.of(jobs);
        boolean kept = false;
        try {
            Files.writeString(list, plan.entries(), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error",
                    "-f", "concat", "-safe", "0", "-i", list.toString(), "-map", "0:a:0", "-vn", "-sn", "-dn",
                    "-af", TO_MONO_22050, "-c:a", "pcm_f32le", "-f", "segment", "-segment_format", "f32le", "-y"));
            if (!plan.cuts().isEmpty()) {
                command.addAll(List.of("-segment_times", plan.cuts()));
            }
            // the segment muxer's output name is a printf pattern: a '%' in the directory must be doubled
            command.add(tempDir.toString().replace("%", "%%") + File.separator + prefix + "-%04d.f32");
            FfmpegProcess.run(command, null, err, deadline, jobs.getFirst().file());
            if (Files.size(err) > 0) {
                return Optional.empty();
            }
            List<List<WindowFile>> decoded = new ArrayList<>();
            int segment = 0;
            for (Job job : jobs) {
                List<WindowFile> files = new ArrayList<>();
                for (SegmentPlan.Window w : job.plan().windows()) {
                    Path out = segmentFile(prefix, segment++);
                    if (!Files.exists(out) || ConcatPlan.overlong(w, Files.size(out))) {
                        return Optional.empty();
                    }
                    files.add(new WindowFile(out, ConcatPlan.skip(w)));
                }
                decoded.add(files);
            }
            kept = true;
            return Optional.of(decoded);
        } catch (IOException | DecodeException e) {
            return Optional.empty();
        } finally {
            TempFiles.deleteQuietly(list);
            TempFiles.deleteQuietly(err);
            // the windows' files now belong to the batch; a surplus one never does
            for (int i = kept ? plan.windows() : 0; i <= plan.windows(); i++) {
                TempFiles.deleteQuietly(segmentFile(prefix, i));
            }
        }
    }

    private Path segmentFile(String prefix, int index) {
        return tempDir.resolve(String.format(Locale.ROOT, "%s-%04d.f32", prefix, index));
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
            FfmpegProcess.run(command, null, err, deadline, jobs.getFirst().file());
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
                outputs.forEach(TempFiles::deleteQuietly);
            }
            TempFiles.deleteQuietly(err);
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
            return new DecodedAudio(plan, PcmReader.read(windows), name());
        } catch (IOException e) {
            throw DecodeException.failed("ffmpeg could not be run: " + e.getMessage());
        } finally {
            TempFiles.delete(windows);
        }
    }
}

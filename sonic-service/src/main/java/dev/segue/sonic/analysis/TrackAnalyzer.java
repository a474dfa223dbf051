package dev.segue.sonic.analysis;

import dev.segue.sonic.audio.AudioDecoder;
import dev.segue.sonic.audio.AudioSegment;
import dev.segue.sonic.audio.DecodeException;
import dev.segue.sonic.audio.DecodedAudio;
import dev.segue.sonic.audio.SegmentCutter;
import dev.segue.sonic.audio.SegmentPlan;
import dev.segue.sonic.features.FeatureExtractor;
import dev.segue.sonic.features.SegmentStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Analyses one file: checks it, plans the segments, decodes them, extracts a feature vector per
 * segment plus the pooled average. Never throws for a bad file: the outcome says why it failed.
 * Thread-safe (one feature extractor per thread).
 */
public final class TrackAnalyzer {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String UNSUPPORTED = "unsupported";

    public record SegmentResult(String segment, long startMs, long lengthMs, float[] features) {
    }

    public record Outcome(String status, String error, String decoder, Long durationMs, long analysisMs,
                          List<SegmentResult> segments) {
    }

    private static final Logger LOG = Logger.getLogger(TrackAnalyzer.class);
    /**
     * How far the second look searches when the silence outlasts {@code silence-search}: silent intros
     * and fade-outs of a minute or two are real (hidden tracks, padded album ends), and 2 min bounds
     * the extra decoding (and the Java decoder's window buffers) to a few minutes of audio.
     */
    private static final Duration WIDE_SILENCE_SEARCH = Duration.ofMinutes(2);
    private static final ThreadLocal<FeatureExtractor> EXTRACTOR = ThreadLocal.withInitial(FeatureExtractor::new);

    private final AudioDecoder decoder;
    private final Duration segmentLength;
    private final Duration silenceSearch;
    private final Duration maxTrackDuration;
    private final Duration fileTimeout;
    private final SegmentCutter cutter;

    public TrackAnalyzer(AudioDecoder decoder, Duration segmentLength, Duration silenceSearch, Duration minimumAudio,
                         Duration maxTrackDuration, Duration fileTimeout) {
        this.decoder = decoder;
        this.segmentLength = segmentLength;
        this.silenceSearch = silenceSearch;
        this.maxTrackDuration = maxTrackDuration;
        this.fileTimeout = fileTimeout;
        this.cutter = new SegmentCutter(samples(segmentLength), samples(minimumAudio));
    }

    public AudioDecoder decoder() {
        return decoder;
    }

    /** @param knownDurationMs the library's duration for the file, if any (saves probing it) */
    public Outcome analyse(Path file, Long knownDurationMs) {
        return analyseAll(List.of(new Input(file, knownDurationMs))).getFirst();
    }

    public record Input(Path file, Long knownDurationMs) {
    }

    /** A checked file with its plan, or the outcome that ended it early. */
    private record Prepared(Input input, OptionalLong duration, SegmentPlan plan, Outcome early) {
    }

    /**
     * How long after it began a batch of {@code files} files can only be abandoned (its process stopped,
     * or a thread stuck): twice the longest {@link #analyseAll} may take as its deadlines allow, where
     * each file's probe, its share of the batch decode, its decode on its own when the batch failed (with
     * a whole-file retry inside the same deadline) and the wider silence search each get one
     * {@code fileTimeout}. Feature extraction (well under a second a track) comes on top.
     */
    public static Duration abandonedAfter(int files, Duration fileTimeout) {
        return fileTimeout.multipliedBy(2 * 4L * files);
    }

    /**
     * Analyses several files, decoding them in one batch when the decoder can (one ffmpeg start for
     * all); outcomes are in input order and each file fails on its own.
     */
    public List<Outcome> analyseAll(List<Input> inputs) {
        long started = System.nanoTime();
        List<Prepared> prepared = new ArrayList<>();
        List<AudioDecoder.Job> jobs = new ArrayList<>();
        for (Input input : inputs) {
            Prepared p = prepare(input);
            prepared.add(p);
            if (p.early() == null) {
                jobs.add(new AudioDecoder.Job(input.file(), p.plan()));
            }
        }
        Optional<AudioDecoder.DecodedBatch> batch = jobs.size() > 1 ? decoder.decodeBatch(jobs, fileTimeout) : Optional.empty();
        long batchNanosEach = batch.isPresent() ? (System.nanoTime() - started) / jobs.size() : 0;
        try (AudioDecoder.DecodedBatch decodedBatch = batch.orElse(null)) {
            List<Outcome> outcomes = new ArrayList<>();
            int job = 0;
            for (Prepared p : prepared) {
                if (p.early() != null) {
                    outcomes.add(p.early());
                    continue;
                }
                DecodedAudio decoded = decodedBatch != null ? decodedBatch.take(job) : null;
                job++;
                long own = System.nanoTime() - batchNanosEach;
                outcomes.add(finish(p, decoded, own));
            }
            return outcomes;
        }
    }

    private Prepared prepare(Input input) {
        long started = System.nanoTime();
        try {
            checkFile(input.file());
            Long known = input.knownDurationMs();
            // each probe has its own limit: a hung ffprobe fails its own file, not the ones after it
            OptionalLong duration = known != null && known > 0
                    ? OptionalLong.of(known) : decoder.probeDurationMs(input.file(), Instant.now().plus(fileTimeout));
            if (duration.isPresent() && duration.getAsLong() > maxTrackDuration.toMillis()) {
                return new Prepared(input, duration, null, failure(FAILED, "the track lasts "
                        + hms(duration.getAsLong()) + ", longer than segue.sonic.max-track-duration ("
                        + hms(maxTrackDuration.toMillis()) + ")", started));
            }
            return new Prepared(input, duration, SegmentPlan.of(duration, segmentLength, silenceSearch), null);
        } catch (DecodeException e) {
            return new Prepared(input, OptionalLong.empty(), null,
                    failure(e.unsupported() ? UNSUPPORTED : FAILED, e.getMessage(), started));
        }
    }

    /** Decodes (unless the batch did), cuts and extracts one prepared file. */
    private Outcome finish(Prepared p, DecodedAudio decoded, long started) {
        Path file = p.input().file();
        Instant deadline = Instant.now().plus(fileTimeout);
        try {
            DecodedAudio audio = decoded != null ? decoded : decoder.decode(file, p.plan(), deadline);
            OptionalLong duration = p.duration();
            List<AudioSegment> segments;
            try {
                segments = cutter.cut(audio);
                if (cutter.silenceOutlastsSearch(audio) && silenceSearch.compareTo(WIDE_SILENCE_SEARCH) < 0) {
                    // a silent intro or a long fade-out: one more decode, searching further, rather than
                    // a shortened or silent beginning/end segment
                    try {
                        DecodedAudio wide = decoder.decode(file, SegmentPlan.of(duration, segmentLength,
                                WIDE_SILENCE_SEARCH), Instant.now().plus(fileTimeout));
                        segments = cutter.cut(wide);
                        audio = wide;
                    } catch (DecodeException | SegmentCutter.ShortDecodeException e) {
                        // the first cut is usable: a failed second look must not fail the track
                        LOG.debugf("Wider silence search of %s failed, keeping the first segments: %s", file,
                                e.getMessage());
                    }
                }
            } catch (SegmentCutter.ShortDecodeException e) {
                // the stated duration was wrong (e.g. a truncated file): decode what is really there
                audio = decoder.decode(file, SegmentPlan.wholeFile(), deadline);
                segments = cutter.cut(audio);
            }
            if (audio.plan().whole()) {
                // a decoded whole file is a better measure than header estimates (VBR MP3, truncation)
                duration = OptionalLong.of(Math.round(audio.windows().getFirst().length * 1000.0
                        / AudioDecoder.SAMPLE_RATE));
            }
            List<SegmentResult> results = extract(segments);
            return new Outcome(OK, null, decoder.name(), duration.isPresent() ? duration.getAsLong() : null,
                    elapsedMs(started), results);
        } catch (DecodeException e) {
            return failure(e.unsupported() ? UNSUPPORTED : FAILED, e.getMessage(), started);
        } catch (SegmentCutter.ShortDecodeException e) {
            return failure(FAILED, "the file holds less audio than expected: " + e.getMessage(), started);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.errorf(e, "Analysis of %s failed unexpectedly", file);
            return failure(FAILED, "analysis failed: " + e, started);
        }
    }

    private List<SegmentResult> extract(List<AudioSegment> segments) {
        FeatureExtractor extractor = EXTRACTOR.get();
        List<SegmentResult> results = new ArrayList<>();
        List<SegmentStats> stats = new ArrayList<>();
        long totalMs = 0;
        for (AudioSegment segment : segments) {
            SegmentStats s = extractor.analyse(segment.pcm(), segment.from(), segment.to());
            stats.add(s);
            totalMs += segment.lengthMs();
            results.add(new SegmentResult(segment.name(), segment.startMs(), segment.lengthMs(), s.toVector()));
        }
        results.add(new SegmentResult(SegmentPlan.AVERAGE, segments.getFirst().startMs(), totalMs,
                SegmentStats.pool(stats).toVector()));
        return results;
    }

    private Outcome failure(String status, String error, long started) {
        return new Outcome(status, error, decoder.name(), null, elapsedMs(started), List.of());
    }

    private static void checkFile(Path file) throws DecodeException {
        if (!Files.exists(file)) {
            throw DecodeException.failed("file not found: " + file);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw DecodeException.failed("not a readable regular file: " + file);
        }
        try {
            if (Files.size(file) == 0) {
                throw DecodeException.failed("the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw DecodeException.failed("cannot read the file: " + e.getMessage());
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static int samples(Duration d) {
        return (int) (d.toMillis() * AudioDecoder.SAMPLE_RATE / 1000);
    }

    private static String hms(long ms) {
        long s = ms / 1000;
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}

package dev.segue.sonic.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.jboss.logging.Logger;

/**
 * Pure-Java decoding through javax.sound with the jflac, mp3spi and vorbisspi providers: WAV, AIFF,
 * FLAC, MP3 and Ogg Vorbis. It cannot seek, so it streams the whole file but keeps only the planned
 * windows. Decoding runs on its own thread so a decoder stuck in a loop is abandoned at the deadline
 * (interrupted, its stream closed) instead of blocking a worker. An abandoned thread that ignores both
 * keeps running; from {@link #MAX_STUCK_THREADS} of them on, the decoder reports itself unavailable.
 */
public final class JavaSoundDecoder implements AudioDecoder {

    /**
     * Each stuck thread may spin a core and hold up to 20 minutes of PCM (~230 MB at 48 kHz): past
     * this many, taking more files would only pile them up. They end when their read does.
     */
    static final int MAX_STUCK_THREADS = 4;
    private static final Logger LOG = Logger.getLogger(JavaSoundDecoder.class);
    static final Set<String> EXTENSIONS = Set.of("wav", "wave", "aif", "aiff", "aifc", "flac", "mp3", "ogg", "oga");
    /** Without a known duration the whole file is kept in memory, up to this much audio. */
    private static final double MAX_UNPLANNED_SECONDS = 20 * 60;
    private static final int MAX_EMPTY_READS = 10_000;

    private final ExecutorService decodeThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sonic-java-decoder");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger stuck = new AtomicInteger();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean available() {
        return stuck.get() < MAX_STUCK_THREADS;
    }

    @Override
    public String description() {
        int n = stuck.get();
        return "javax.sound with jflac, mp3spi, vorbisspi: " + String.join(", ", EXTENSIONS.stream().sorted().toList())
                + (n > 0 ? "; " + n + " decoder thread(s) stuck past their timeout" : "");
    }

    /** Abandoned decoder threads that have not ended yet. */
    int stuckThreads() {
        return stuck.get();
    }

    /** Why {@link #available()} is false. */
    public String unavailableReason() {
        return stuck.get() + " Java decoder threads are stuck on files that timed out and ignore interruption"
                + " (the limit is " + MAX_STUCK_THREADS + "); each ends when its read returns, or restart the service";
    }

    @Override
    public OptionalLong probeDurationMs(Path file, Instant deadline) throws DecodeException {
        checkExtension(file);
        return onDecoderThread(() -> probeNow(file), deadline, () -> { }, "reading the audio header");
    }

    private OptionalLong probeNow(Path file) throws DecodeException {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            Map<String, Object> properties = format.properties();
            if (properties.get("duration") instanceof Long micros && micros > 0) {
                return OptionalLong.of(micros / 1000);
            }
            float frameRate = format.getFormat().getFrameRate();
            if (format.getFrameLength() > 0 && frameRate > 0) {
                return OptionalLong.of(Math.round(format.getFrameLength() * 1000.0 / frameRate));
            }
            return OptionalLong.empty();
        } catch (UnsupportedAudioFileException e) {
            throw unreadable(file);
        } catch (IOException | RuntimeException e) {
            throw DecodeException.failed("cannot read the audio header: " + message(e));
        }
    }

    @Override
    public DecodedAudio decode(Path file, SegmentPlan plan, Instant deadline) throws DecodeException {
        checkExtension(file);
        AtomicReference<InputStream> open = new AtomicReference<>();
        return onDecoderThread(() -> decodeNow(file, plan, deadline, open), deadline, () -> closeQuietly(open.get()),
                "the Java decoder");
    }

    /** Runs {@code work} on a decoder thread; at the deadline interrupts it, calls {@code nudge} and abandons it. */
    private <T> T onDecoderThread(Callable<T> work, Instant deadline, Runnable nudge, String what) throws DecodeException {
        Attempt<T> attempt = new Attempt<>(work);
        Future<T> task = decodeThreads.submit(attempt);
        try {
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return task.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(task, attempt, nudge);
            throw DecodeException.failed(what + " did not finish within the per-file timeout; abandoned");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DecodeException decode) {
                throw decode;
            }
            throw DecodeException.failed("the Java decoder failed: " + message(e.getCause()));
        } catch (InterruptedException e) {
            abandon(task, attempt, nudge);
            Thread.currentThread().interrupt();
            throw DecodeException.failed("interrupted while decoding");
        }
    }

    private void abandon(Future<?> task, Attempt<?> attempt, Runnable nudge) {
        task.cancel(true);
        nudge.run();
        attempt.abandon();
    }

    /**
     * Work on a decoder thread that counts as stuck from the moment it is abandoned while running until
     * it ends. One that had not started yet never runs.
     */
    private final class Attempt<T> implements Callable<T> {

        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int FINISHED = 2;
        private static final int ABANDONED = 3;

        private final Callable<T> work;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Attempt(Callable<T> work) {
            this.work = work;
        }

        @Override
        public T call() throws Exception {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                throw new CancellationException("abandoned before it started");
            }
            try {
                return work.call();
            } finally {
                if (!state.compareAndSet(RUNNING, FINISHED)) {
                    stuck.decrementAndGet();
                }
            }
        }

        void abandon() {
            // counted before the state changes, so that the thread's decrement never comes first
            int now = stuck.incrementAndGet();
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                if (now == MAX_STUCK_THREADS) {
                    LOG.warnf("%d Java decoder threads are stuck on files that timed out; the Java decoder takes"
                            + " no more files until they end or the service restarts", now);
                }
                return;
            }
            stuck.decrementAndGet();
            if (!state.compareAndSet(WAITING, ABANDONED) && state.get() == RUNNING) {
                abandon(); // it started in between
            }
        }
    }

    private DecodedAudio decodeNow(Path file, SegmentPlan plan, Instant deadline, AtomicReference<InputStream> open)
            throws DecodeException, IOException {
        AudioInputStream source;
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 65_536);
        try {
            source = AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            raw.close();
            throw unreadable(file);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        try (AudioInputStream ignored = source) {
            open.set(source);
            AudioFormat base = source.getFormat();
            int channels = base.getChannels();
            float rate = base.getSampleRate();
            if (channels <= 0) {
                throw DecodeException.failed("the audio stream has " + channels + " channels");
            }
            if (rate <= 0) {
                throw DecodeException.failed("the audio stream has no sample rate");
            }
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate,
                    false);
            AudioInputStream decoded = base.matches(pcm) ? source : AudioSystem.getAudioInputStream(pcm, source);
            open.set(decoded);
            try (decoded) {
                return capture(decoded, channels, (int) rate, plan, deadline);
            }
        } catch (IllegalArgumentException e) {
            throw DecodeException.failed("no converter to PCM for " + source.getFormat());
        }
    }

    private DecodedAudio capture(AudioInputStream in, int channels, int rate, SegmentPlan plan, Instant deadline)
            throws IOException, DecodeException {
        WindowCapture capture = new WindowCapture(plan, rate, MAX_UNPLANNED_SECONDS);
        byte[] bytes = new byte[16_384 * channels * 2];
        float[] mono = new float[16_384];
        int carry = 0;
        int emptyReads = 0;
        int frameBytes = channels * 2;
        while (true) {
            if (Thread.currentThread().isInterrupted() || Instant.now().isAfter(deadline)) {
                throw DecodeException.failed("the Java decoder did not finish within the per-file timeout");
            }
            int n = in.read(bytes, carry, bytes.length - carry);
            if (n < 0) {
                break;
            }
            if (n == 0) {
                // Tritonus streams may return 0 bytes before data arrives; only -1 means the end
                if (++emptyReads > MAX_EMPTY_READS) {
                    throw DecodeException.failed("the decoder stopped producing audio");
                }
                continue;
            }
            emptyReads = 0;
            int available = carry + n;
            int frames = available / frameBytes;
            for (int f = 0; f < frames; f++) {
                int base = f * frameBytes;
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    int idx = base + 2 * c;
                    sum += (short) ((bytes[idx] & 0xff) | (bytes[idx + 1] << 8));
                }
                mono[f] = sum / (32768f * channels);
            }
            capture.accept(mono, frames);
            if (capture.complete()) {
                break;
            }
            carry = available - frames * frameBytes;
            System.arraycopy(bytes, frames * frameBytes, bytes, 0, carry);
        }
        List<float[]> windows = new ArrayList<>();
        for (int i = 0; i < plan.windows().size(); i++) {
            float[] raw = capture.window(i);
            windows.add(Resampler.resample(raw, capture.captured(i), rate, SAMPLE_RATE));
        }
        return new DecodedAudio(plan, windows, name());
    }

    private static void checkExtension(Path file) throws DecodeException {
        if (!EXTENSIONS.contains(FileExtension.of(file))) {
            throw DecodeException.unsupported("format not handled by the Java decoders (" + String.join(", ",
                    EXTENSIONS.stream().sorted().toList()) + "); install ffmpeg for other formats");
        }
    }

    private static DecodeException unreadable(Path file) {
        return DecodeException.failed("not a readable " + FileExtension.of(file).toUpperCase()
                + " file (no Java decoder recognises its content)");
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // closing is only a nudge to a stuck decoder thread; it is abandoned either way
        }
    }
}

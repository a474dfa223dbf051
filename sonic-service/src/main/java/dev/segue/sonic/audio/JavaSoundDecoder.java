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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Pure-Java decoding through javax.sound with the jflac, mp3spi and vorbisspi providers: WAV, AIFF,
 * FLAC, MP3 and Ogg Vorbis. It cannot seek, so it streams the whole file but keeps only the planned
 * windows. Decoding runs on its own thread so a decoder stuck in a loop is abandoned at the deadline
 * (its stream closed) instead of blocking a worker.
 */
public final class JavaSoundDecoder implements AudioDecoder {

    static final Set<String> EXTENSIONS = Set.of("wav", "wave", "aif", "aiff", "aifc", "flac", "mp3", "ogg", "oga");
    /** Without a known duration the whole file is kept in memory, up to this much audio. */
    private static final double MAX_UNPLANNED_SECONDS = 20 * 60;
    private static final int MAX_EMPTY_READS = 10_000;

    private final ExecutorService decodeThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sonic-java-decoder");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String description() {
        return "javax.sound with jflac, mp3spi, vorbisspi: " + String.join(", ", EXTENSIONS.stream().sorted().toList());
    }

    @Override
    public OptionalLong probeDurationMs(Path file, Instant deadline) throws DecodeException {
        checkExtension(file);
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
        Future<DecodedAudio> task = decodeThreads.submit(() -> decodeNow(file, plan, deadline, open));
        try {
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return task.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            closeQuietly(open.get());
            throw DecodeException.failed("the Java decoder did not finish within the per-file timeout; abandoned");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DecodeException decode) {
                throw decode;
            }
            throw DecodeException.failed("the Java decoder failed: " + message(e.getCause()));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw DecodeException.failed("interrupted while decoding");
        }
    }

    private DecodedAudio decodeNow(Path file, SegmentPlan plan, Instant deadline, AtomicReference<InputStream> open)
            throws DecodeException, IOException {
        AudioInputStream source;
        try {
            source = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file), 65_536));
        } catch (UnsupportedAudioFileException e) {
            throw unreadable(file);
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
        if (!EXTENSIONS.contains(FfmpegDecoder.extension(file))) {
            throw DecodeException.unsupported("format not handled by the Java decoders (" + String.join(", ",
                    EXTENSIONS.stream().sorted().toList()) + "); install ffmpeg for other formats");
        }
    }

    private static DecodeException unreadable(Path file) {
        return DecodeException.failed("not a readable " + FfmpegDecoder.extension(file).toUpperCase()
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

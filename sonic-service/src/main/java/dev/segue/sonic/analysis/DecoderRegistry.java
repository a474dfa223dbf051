package dev.segue.sonic.analysis;

import dev.segue.sonic.audio.AudioDecoder;
import dev.segue.sonic.audio.FfmpegDecoder;
import dev.segue.sonic.audio.JavaSoundDecoder;
import dev.segue.sonic.config.SonicConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** The decoders this process has, and the one the configuration selects. */
@ApplicationScoped
public class DecoderRegistry {

    public record DecoderInfo(String name, boolean available, boolean selected, String description) {
    }

    private static final Logger LOG = Logger.getLogger(DecoderRegistry.class);

    private final SonicConfig config;
    private final FfmpegDecoder ffmpeg;
    private final JavaSoundDecoder java = new JavaSoundDecoder();
    private volatile TrackAnalyzer analyzer;

    DecoderRegistry(SonicConfig config) {
        this.config = config;
        this.ffmpeg = new FfmpegDecoder(config.ffmpegPath(), config.ffprobePath(), tempDir(config));
        // only abandoned batches' files: another replica on this host may share the directory
        int stale = ffmpeg.removeStaleFiles(TrackAnalyzer.abandonedAfter(config.claimBatch(), config.fileTimeout()));
        if (stale > 0) {
            LOG.infof("Removed %d decoder temp files left by a stopped process", stale);
        }
    }

    /** The configured decoder, if it can run here: auto prefers ffmpeg and falls back to Java. */
    public Optional<AudioDecoder> selected() {
        return candidates().stream().filter(AudioDecoder::available).findFirst();
    }

    private List<AudioDecoder> candidates() {
        return switch (config.decoder()) {
            case AUTO -> List.of(ffmpeg, java);
            case FFMPEG -> List.of(ffmpeg);
            case JAVA -> List.of(java);
        };
    }

    /** Why no decoder is selected and what to do about it, for readiness and 503 answers. */
    public String unavailableReason() {
        return "segue.sonic.decoder=" + config.decoder().name().toLowerCase(Locale.ROOT) + ": "
                + candidates().stream().filter(d -> !d.available())
                        .map(d -> d == ffmpeg ? "'" + config.ffmpegPath() + " -version' does not run; install ffmpeg"
                                + " or set segue.sonic.ffmpeg-path (SEGUE_SONIC_FFMPEG_PATH) to its executable"
                                : java.unavailableReason())
                        .collect(Collectors.joining("; "));
    }

    public Optional<TrackAnalyzer> analyzer() {
        Optional<AudioDecoder> decoder = selected();
        if (decoder.isEmpty()) {
            return Optional.empty();
        }
        TrackAnalyzer current = analyzer;
        if (current == null || current.decoder() != decoder.get()) {
            current = new TrackAnalyzer(decoder.get(), config.segmentLength(), config.silenceSearch(),
                    config.minimumAudio(), config.maxTrackDuration(), config.fileTimeout());
            analyzer = current;
        }
        return Optional.of(current);
    }

    public List<DecoderInfo> all() {
        AudioDecoder chosen = selected().orElse(null);
        return List.of(
                new DecoderInfo(ffmpeg.name(), ffmpeg.available(), chosen == ffmpeg, ffmpeg.description()),
                new DecoderInfo(java.name(), java.available(), chosen == java, java.description()));
    }

    private static Path tempDir(SonicConfig config) {
        try {
            Path base = Path.of(config.tempDir().orElse(System.getProperty("java.io.tmpdir")));
            return Files.createDirectories(base.resolve("segue-sonic"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the decoder temp directory", e);
        }
    }
}

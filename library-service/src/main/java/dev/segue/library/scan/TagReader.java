package dev.segue.library.scan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.reference.GenreTypes;

/**
 * Reads one file's tags and audio header with jaudiotagger (Opus with {@link OpusFile}) and fills what the tags leave empty from
 * the path. Thread-safe: each thread uses its own {@link AudioFileIO}.
 */
final class TagReader {

    /** A file that could not be read as audio; the reason is for the person who owns the file. */
    static final class UnreadableFileException extends Exception {
        UnreadableFileException(String reason) {
            super(reason);
        }
    }

    private static final Set<String> OGG = Set.of("ogg", "oga", "opus");
    // held strongly: JUL forgets the level of a logger nobody references
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");
    private static final ThreadLocal<AudioFileIO> IO = ThreadLocal.withInitial(AudioFileIO::new);

    static {
        // jaudiotagger logs every oddity of every file at INFO/WARNING through JUL
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private TagReader() {
    }

    /** What the audio header says, whatever the container. */
    private record AudioFacts(Integer durationMs, String codec, Integer bitrateKbps, Integer sampleRate, Integer channels) {
    }

    static ReadTrack read(DiscoveredFile file, Path root) throws UnreadableFileException {
        if (file.size() == 0) {
            throw new UnreadableFileException("empty file (0 bytes)");
        }
        NativeTags own = OGG.contains(file.format()) ? OggFile.read(file.path(), file.size())
                : file.format().equals("flac") ? FlacFile.read(file.path(), file.size()) : null;
        if (own != null) {
            AudioFacts facts = new AudioFacts(own.durationMs(), own.codec(), own.bitrateKbps(),
                    positive(own.sampleRate(), 10_000_000), positive(own.channels(), 255));
            return build(file, root, own::values, facts, contentKey(file, null, null));
        }
        SizeCheck.check(file.path(), file.size(), file.format());
        AudioFile audio;
        try {
            audio = IO.get().readFile(file.path().toFile());
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read file: " + message(e, file.path()));
        } catch (Exception e) {
            throw new UnreadableFileException("not a readable " + file.format() + " file: " + message(e, file.path()));
        } catch (OutOfMemoryError | StackOverflowError e) {
            // a corrupt header can claim gigabytes; one such file must not stop the scan
            throw new UnreadableFileException("corrupt " + file.format() + " file: its headers are implausible");
        }
        try {
            return fromJaudiotagger(file, root, audio);
        } catch (RuntimeException e) {
            // jaudiotagger accepted the file but its header lacks what it promises (e.g. an AIFF without a length)
            throw new UnreadableFileException("corrupt " + file.format() + " file: its audio header is incomplete ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static ReadTrack fromJaudiotagger(DiscoveredFile file, Path root, AudioFile audio) throws UnreadableFileException {
        AudioHeader header = audio.getAudioHeader();
        if (header == null) {
            throw new UnreadableFileException("no audio stream found in this " + file.format() + " file");
        }
        Tag tag = audio.getTag();
        // jaudiotagger reports no data range for MP3, but knows where the first frame starts
        Long start = header instanceof MP3AudioHeader mp3 ? Long.valueOf(mp3.getMp3StartByte()) : header.getAudioDataStartPosition();
        AudioFacts facts = new AudioFacts(durationMs(header), TagValues.text(header.getEncodingType(), 100), bitrate(header),
                positive(header.getSampleRateAsNumber(), 10_000_000), channels(header.getChannels()));
        if (header instanceof MP3AudioHeader) {
            facts = mpegFacts(file, start, facts);
        }
        return build(file, root, key -> all(tag, key), facts, contentKey(file, start, header.getAudioDataEndPosition()));
    }

    /** An MP3's length, bitrate and format from its own frames (see {@link Mp3Frames}); jaudiotagger's when none are found. */
    private static AudioFacts mpegFacts(DiscoveredFile file, Long start, AudioFacts facts) throws UnreadableFileException {
        Mp3Frames.Measure m;
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            m = Mp3Frames.measure(ch, start == null ? 0 : start, file.size());
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read file: " + message(e, file.path()));
        }
        if (m == null) {
            return facts;
        }
        return new AudioFacts(m.durationMs() > 0 ? m.durationMs() : null, facts.codec(), m.bitrateKbps() > 0 ? m.bitrateKbps() : facts.bitrateKbps(),
                m.sampleRate(), m.channels());
    }

    private static String contentKey(DiscoveredFile file, Long start, Long end) throws UnreadableFileException {
        try {
            return ContentKey.of(file.path(), file.size(), start, end, file.format());
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read audio payload: " + message(e, file.path()));
        }
    }

    private static ReadTrack build(DiscoveredFile file, Path root, Function<FieldKey, List<String>> values, AudioFacts facts,
            String contentKey) {
        Function<FieldKey, String> first = key -> values.apply(key).stream().filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        String trackRaw = first.apply(FieldKey.TRACK);
        String discRaw = first.apply(FieldKey.DISC_NO);
        Integer trackTotal = TagValues.number(first.apply(FieldKey.TRACK_TOTAL), 9999);
        Integer discTotal = TagValues.number(first.apply(FieldKey.DISC_TOTAL), 999);
        String year = first.apply(FieldKey.YEAR);
        if (year == null) {
            year = first.apply(FieldKey.ORIGINAL_YEAR);
        }

        PathFallback.Guess guess = PathFallback.guess(root, file.path());
        String title = TagValues.text(first.apply(FieldKey.TITLE));
        String artist = TagValues.text(first.apply(FieldKey.ARTIST));
        String album = TagValues.text(first.apply(FieldKey.ALBUM));
        Integer trackNo = TagValues.number(trackRaw, 9999);
        Integer discNo = TagValues.number(discRaw, 999);

        return new ReadTrack(
                title != null ? title : guess.title(),
                artist != null ? artist : guess.artist(),
                TagValues.text(first.apply(FieldKey.ALBUM_ARTIST)),
                album != null ? album : guess.album(),
                trackNo != null ? trackNo : guess.trackNo(),
                trackTotal != null ? trackTotal : TagValues.totalOf(trackRaw, 9999),
                discNo != null ? discNo : guess.discNo(),
                discTotal != null ? discTotal : TagValues.totalOf(discRaw, 999),
                TagValues.year(year),
                TagValues.flag(first.apply(FieldKey.IS_COMPILATION)),
                TagValues.genres(values.apply(FieldKey.GENRE), id -> GenreTypes.getInstanceOf().getValueForId(id)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_ARTISTID)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_RELEASEARTISTID)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_RELEASEID)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_RELEASE_GROUP_ID)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_TRACK_ID)),
                TagValues.uuid(first.apply(FieldKey.MUSICBRAINZ_RELEASE_TRACK_ID)),
                TagValues.isrc(first.apply(FieldKey.ISRC)),
                facts.durationMs(),
                facts.codec(),
                facts.bitrateKbps(),
                facts.sampleRate(),
                facts.channels(),
                contentKey,
                artist != null ? NameSource.TAGS : PathFallback.UNKNOWN_ARTIST.equals(guess.artist()) ? NameSource.NONE : NameSource.PATH,
                album != null ? NameSource.TAGS : guess.album() != null ? NameSource.PATH : NameSource.NONE);
    }

    /** The exception's message without the file's full path, which every scan error already names. */
    private static String message(Throwable e, Path path) {
        String m = e.getMessage();
        return TagValues.text(m == null ? e.getClass().getSimpleName() : m.replace(path.toString(), path.getFileName().toString()), 500);
    }

    private static List<String> all(Tag tag, FieldKey key) {
        if (tag == null) {
            return List.of();
        }
        try {
            return tag.getAll(key);
        } catch (RuntimeException e) {
            // a format without this field (e.g. WAV INFO has no MusicBrainz ids)
            return List.of();
        }
    }

    private static Integer durationMs(AudioHeader header) {
        double seconds = header.getPreciseTrackLength();
        if (!(seconds > 0) || seconds > 7 * 24 * 3600) {
            return null;
        }
        return (int) Math.round(seconds * 1000);
    }

    private static Integer bitrate(AudioHeader header) {
        try {
            return positive(header.getBitRateAsNumber(), 100_000);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Integer positive(long value, long max) {
        return value > 0 && value <= max ? (int) value : null;
    }

    private static Integer channels(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim().toLowerCase(Locale.ROOT);
        if (text.contains("mono")) {
            return 1;
        }
        if (text.contains("stereo") || text.contains("dual")) {
            return 2;
        }
        return TagValues.number(text, 64);
    }
}

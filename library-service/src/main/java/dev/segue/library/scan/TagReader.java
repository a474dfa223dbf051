package dev.segue.library.scan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.aiff.AiffAudioHeader;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.reference.GenreTypes;

/**
 * Reads one file's tags and audio header with jaudiotagger (Opus with {@link OpusFile}) and fills what the tags leave empty from
 * the path. Thread-safe: each thread uses its own {@link AudioFileIO}.
 */
public final class TagReader {

    /** A file that could not be read as audio; the reason is for the person who owns the file. */
    public static final class UnreadableFileException extends Exception {
        UnreadableFileException(String reason) {
            super(reason);
        }
    }

    private static final java.util.regex.Pattern LOSSLESS = java.util.regex.Pattern.compile("(?i)flac|alac|pcm|lossless");
    private static final Set<String> MP4 = Set.of("m4a", "m4b", "mp4");
    /** The MP4 text items read without jaudiotagger: it reduces several values to one, and refuses some codecs. */
    private static final Map<FieldKey, String> MP4_ITEMS = Map.of(FieldKey.TITLE, "\u00a9nam", FieldKey.ARTIST, "\u00a9ART",
            FieldKey.GENRE, "\u00a9gen", FieldKey.ALBUM_ARTIST, "aART", FieldKey.ALBUM, "\u00a9alb", FieldKey.YEAR, "\u00a9day",
            FieldKey.TRACK, "trkn", FieldKey.DISC_NO, "disk");
    /** The codecs in MP4 jaudiotagger reads: when it refuses one of these, its refusal says why. */
    private static final Set<String> JAUDIOTAGGER_MP4_CODECS = Set.of("AAC", "ALAC");
    private static final Set<String> OGG = Set.of("ogg", "oga", "opus", "spx");
    /** The extensions jaudiotagger reads; the others are indexed through ffprobe. */
    private static final Set<String> JAUDIOTAGGER = Set.of("mp3", "m4a", "m4b", "mp4", "wav", "aif", "aiff", "aifc", "wma", "dsf",
            "flac", "ogg", "oga");
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

    /**
     * Reads the file with the Java readers; a file they refuse, or whose length cannot be true, is measured by
     * {@code ffprobe} (when it runs) and indexed with why in {@link ReadTrack#lengthNote()}.
     */
    public static ReadTrack read(DiscoveredFile file, Path root, Ffprobe ffprobe) throws UnreadableFileException {
        if (file.size() == 0) {
            throw new UnreadableFileException("empty file (0 bytes)");
        }
        ReadTrack track;
        try {
            track = readJava(file, root);
        } catch (UnreadableFileException e) {
            track = MP4.contains(file.format()) ? lenientMp4(file, root, e.getMessage()) : null;
            if (track == null) {
                return measured(file, root, ffprobe, e);
            }
        }
        return plausible(file, track, ffprobe);
    }

    /** A file the Java readers refuse, measured by ffprobe; refused with the readers' reason when ffprobe finds no audio. */
    private static ReadTrack measured(DiscoveredFile file, Path root, Ffprobe ffprobe, UnreadableFileException refusal)
            throws UnreadableFileException {
        Ffprobe.Probe probe = ffprobe.probe(file.path());
        if (probe == null || probe.durationMs() <= 0) {
            throw refusal;
        }
        // an MP4 whose sample table Segue cannot follow still has its ilst items
        Map<String, List<String>> items = MP4.contains(file.format()) ? Mp4Values.read(file.path(), file.size()) : Map.of();
        ReadTrack untagged = build(file, root, mp4Values(items), new AudioFacts((int) Math.min(Integer.MAX_VALUE, probe.durationMs()),
                probe.codec(), kbps(file.size(), probe.durationMs()), probe.sampleRate(), probe.channels()), contentKey(file, null, null));
        return untagged.withLength(untagged.durationMs(), untagged.bitrateKbps(),
                "measured by ffprobe: the Java readers refused the file (" + refusal.getMessage() + ")");
    }

    /**
     * An MP4 jaudiotagger refused (an atom past the end of the file, a codec it does not know) read by
     * {@link Mp4File} and {@link Mp4Values}: its length from the sample table, its tags from the ilst items.
     * Null when that reader finds no audio track either.
     */
    private static ReadTrack lenientMp4(DiscoveredFile file, Path root, String refusal) throws UnreadableFileException {
        Mp4File.Audio audio = Mp4File.read(file.path(), file.size());
        if (audio == null) {
            return null;
        }
        Map<String, List<String>> items = Mp4Values.read(file.path(), file.size());
        ReadTrack track = build(file, root, mp4Values(items), new AudioFacts(audio.durationMs(), audio.codec(), audio.bitrateKbps(),
                audio.sampleRate(), audio.channels()), contentKey(file, audio.mdatStart() >= 0 ? audio.mdatStart() : null,
                audio.mdatEnd() >= 0 ? audio.mdatEnd() : null));
        String why = audio.overrun() != null ? audio.overrun()
                : JAUDIOTAGGER_MP4_CODECS.contains(audio.codec()) ? refusal : "jaudiotagger does not read " + audio.codec() + " in MP4";
        String note = audio.truncated()
                ? "the header claims " + seconds(audio.claimedMs()) + ", the samples in the file last " + seconds(audio.durationMs())
                        + " (read by Segue's MP4 reader: " + why + ")"
                : "length from the sample table, read by Segue's MP4 reader: " + why;
        return track.withLength(track.durationMs(), track.bitrateKbps(), note);
    }

    /** The MP4 text items by field, as {@link Mp4Values} read them. */
    private static Function<FieldKey, List<String>> mp4Values(Map<String, List<String>> items) {
        return key -> items.getOrDefault(MP4_ITEMS.getOrDefault(key, ""), List.of());
    }

    /**
     * A length the file cannot hold at its bitrate (a truncated or damaged file whose header kept the original
     * length), or a lossless file under a twenty-fifth of its PCM size (a truncated FLAC's STREAMINFO), is
     * measured again: an MP4 from its sample table, any other by ffprobe; without ffprobe, a length over what
     * the bitrate allows is cut to that.
     */
    private static ReadTrack plausible(DiscoveredFile file, ReadTrack track, Ffprobe ffprobe) throws UnreadableFileException {
        Integer ms = track.durationMs();
        if (ms == null) {
            return track;
        }
        Integer kbps = track.bitrateKbps();
        long holdsMs = kbps == null ? Long.MAX_VALUE : file.size() * 8 / kbps;
        boolean tooLong = ms > holdsMs + holdsMs / 4 + 1000;
        boolean lossless = track.codec() != null && LOSSLESS.matcher(track.codec()).find();
        boolean tooSmall = lossless && track.sampleRate() != null && track.channels() != null && ms > 1000
                && file.size() * 25 < ms / 1000.0 * track.sampleRate() * track.channels() * 2;
        if (!tooLong && !tooSmall) {
            return track;
        }
        String claims = "the header claims " + seconds(ms);
        if (tooLong && MP4.contains(file.format())) {
            // a truncated MP4 keeps its whole length in moov; its sample table says exactly which samples remain
            Mp4File.Audio audio = Mp4File.read(file.path(), file.size());
            if (audio != null && audio.truncated()) {
                return track.withLength(audio.durationMs(), audio.bitrateKbps(), claims + ", the samples in the file last "
                        + seconds(audio.durationMs()));
            }
            if (audio != null && Math.abs(audio.durationMs() - ms) <= Math.max(50, ms / 100)) {
                // the length was right, the bitrate wrong (jaudiotagger gives ALAC its PCM rate): the samples' own bitrate
                return track.withLength(ms, audio.bitrateKbps(), null);
            }
        }
        Ffprobe.Probe probe = ffprobe.probe(file.path());
        if (probe != null && probe.durationMs() > 0) {
            if (Math.abs(probe.durationMs() - ms) <= Math.max(50, ms / 100)) {
                return track; // the header was right (e.g. a FLAC of near silence)
            }
            int measured = (int) Math.min(Integer.MAX_VALUE, probe.durationMs());
            return track.withLength(measured, kbps(file.size(), measured), claims + ", ffprobe finds " + seconds(measured) + " of audio");
        }
        if (tooLong) {
            return track.withLength((int) holdsMs, kbps, claims + ", but " + file.size() + " bytes at " + kbps
                    + " kbps hold at most " + seconds(holdsMs) + " (ffprobe not available to measure it)");
        }
        return track;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static Integer kbps(long bytes, long ms) {
        return ms > 0 ? positive(Math.round(bytes * 8.0 / ms), 100_000) : null;
    }

    private static ReadTrack readJava(DiscoveredFile file, Path root) throws UnreadableFileException {
        NativeTags own = OGG.contains(file.format()) ? OggFile.read(file.path(), file.size())
                : file.format().equals("flac") ? FlacFile.read(file.path(), file.size()) : null;
        if (own != null) {
            AudioFacts facts = new AudioFacts(own.durationMs(), own.codec(), own.bitrateKbps(),
                    positive(own.sampleRate(), 10_000_000), positive(own.channels(), 255));
            ReadTrack track = build(file, root, own::values, facts, contentKey(file, null, null));
            return own.lengthNote() == null ? track : track.withLength(track.durationMs(), track.bitrateKbps(), own.lengthNote());
        }
        if (!JAUDIOTAGGER.contains(file.format())) {
            throw new UnreadableFileException("Segue has no tag reader for ." + file.format()
                    + " files; with ffprobe installed they are indexed with their length and the names in their path");
        }
        SizeCheck.check(file.path(), file.size(), file.format());
        AudioFile audio;
        try {
            audio = IO.get().readFile(file.path().toFile());
        } catch (IOException e) {
            throw new UnreadableFileException(Reasons.parserIo(e, file.path(), file.format()));
        } catch (InvalidAudioFrameException e) {
            throw new UnreadableFileException("no audio frames found in this " + Reasons.label(file.format())
                    + " file (damaged, or not really " + Reasons.label(file.format()) + ")");
        } catch (Exception e) {
            // a parser's refusal (CannotReadException, InvalidAudioFrameException, an IllegalArgumentException for an
            // unknown ASF GUID, a NullPointerException for a codec in MP4 it does not know): its text is for programmers
            throw new UnreadableFileException(Reasons.unparsable(file.format()));
        } catch (OutOfMemoryError | StackOverflowError e) {
            // a corrupt header can claim gigabytes; one such file must not stop the scan
            throw new UnreadableFileException("corrupt " + file.format() + " file: its headers are implausible");
        }
        try {
            return fromJaudiotagger(file, root, audio);
        } catch (RuntimeException e) {
            // jaudiotagger accepted the file but its header lacks what it promises (e.g. an AIFF without a length)
            throw new UnreadableFileException("corrupt " + file.format() + " file: its audio header is incomplete"
                    + " (no length or format where the format requires one)");
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
        Function<FieldKey, List<String>> values = key -> all(tag, key);
        if (header instanceof AiffAudioHeader aiff) {
            values = aiffText(values, aiff);
        }
        if (MP4.contains(file.format())) {
            Function<FieldKey, List<String>> items = mp4Values(Mp4Values.read(file.path(), file.size()));
            Function<FieldKey, List<String>> first = values;
            values = key -> {
                List<String> every = items.apply(key);
                return every.size() > 1 ? every : first.apply(key);
            };
        }
        return build(file, root, values, facts, contentKey(file, start, header.getAudioDataEndPosition()));
    }

    /**
     * AIFF text chunks as the tags jaudiotagger leaves them out of: {@code NAME} is the title and {@code AUTH} the
     * artist, used when the file's ID3 chunk (which can hold several values, in Unicode) has none. {@code ANNO}
     * (annotations) and {@code (c)} (copyright) are comments, which Segue does not store.
     */
    private static Function<FieldKey, List<String>> aiffText(Function<FieldKey, List<String>> id3, AiffAudioHeader aiff) {
        return key -> {
            List<String> tagged = id3.apply(key);
            String chunk = key == FieldKey.TITLE ? aiff.getName() : key == FieldKey.ARTIST ? aiff.getAuthor() : null;
            return chunk == null || tagged.stream().anyMatch(v -> v != null && !v.isBlank()) ? tagged : List.of(chunk);
        };
    }

    /** An MP3's length, bitrate and format from its own frames (see {@link Mp3Frames}); jaudiotagger's when none are found. */
    private static AudioFacts mpegFacts(DiscoveredFile file, Long start, AudioFacts facts) throws UnreadableFileException {
        Mp3Frames.Measure m;
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            m = Mp3Frames.measure(ch, start == null ? 0 : start, file.size());
        } catch (IOException e) {
            throw new UnreadableFileException(Reasons.io(e));
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
            throw new UnreadableFileException(Reasons.io(e));
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
        List<String> titles = texts(values.apply(FieldKey.TITLE));
        List<String> artists = texts(values.apply(FieldKey.ARTIST));
        String title = titles.isEmpty() ? null : titles.get(0);
        String artist = artists.isEmpty() ? null : artists.get(0);
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
                artists,
                titles.size() > 1 ? titles.subList(1, titles.size()) : List.of(),
                null,
                artist != null ? NameSource.TAGS : PathFallback.UNKNOWN_ARTIST.equals(guess.artist()) ? NameSource.NONE : NameSource.PATH,
                album != null ? NameSource.TAGS : guess.album() != null ? NameSource.PATH : NameSource.NONE);
    }

    /** Every non-blank value of a field, sanitized, each once, in tag order. */
    private static List<String> texts(List<String> raw) {
        return raw.stream().map(TagValues::text).filter(v -> v != null && !v.isBlank()).distinct().toList();
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

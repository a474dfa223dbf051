package dev.segue.library.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jaudiotagger.tag.FieldKey;

/**
 * Header facts and Vorbis-comment fields read by Segue's own parsers ({@link OggFile}, {@link FlacFile}),
 * which are many times faster than jaudiotagger for these simple formats.
 */
record NativeTags(String codec, int channels, int sampleRate, Integer durationMs, Integer bitrateKbps,
        Map<String, List<String>> comments, String lengthNote) {

    NativeTags(String codec, int channels, int sampleRate, Integer durationMs, Integer bitrateKbps, Map<String, List<String>> comments) {
        this(codec, channels, sampleRate, durationMs, bitrateKbps, comments, null);
    }

    private static final Map<FieldKey, List<String>> NAMES = Map.ofEntries(
            Map.entry(FieldKey.TITLE, List.of("TITLE")),
            Map.entry(FieldKey.ARTIST, List.of("ARTIST")),
            Map.entry(FieldKey.ALBUM_ARTIST, List.of("ALBUMARTIST", "ALBUM ARTIST")),
            Map.entry(FieldKey.ALBUM, List.of("ALBUM")),
            Map.entry(FieldKey.TRACK, List.of("TRACKNUMBER")),
            Map.entry(FieldKey.TRACK_TOTAL, List.of("TRACKTOTAL", "TOTALTRACKS")),
            Map.entry(FieldKey.DISC_NO, List.of("DISCNUMBER")),
            Map.entry(FieldKey.DISC_TOTAL, List.of("DISCTOTAL", "TOTALDISCS")),
            Map.entry(FieldKey.YEAR, List.of("DATE", "YEAR")),
            Map.entry(FieldKey.ORIGINAL_YEAR, List.of("ORIGINALDATE", "ORIGINALYEAR")),
            Map.entry(FieldKey.GENRE, List.of("GENRE")),
            Map.entry(FieldKey.IS_COMPILATION, List.of("COMPILATION")),
            Map.entry(FieldKey.MUSICBRAINZ_ARTISTID, List.of("MUSICBRAINZ_ARTISTID")),
            Map.entry(FieldKey.MUSICBRAINZ_RELEASEARTISTID, List.of("MUSICBRAINZ_ALBUMARTISTID")),
            Map.entry(FieldKey.MUSICBRAINZ_RELEASEID, List.of("MUSICBRAINZ_ALBUMID")),
            Map.entry(FieldKey.MUSICBRAINZ_RELEASE_GROUP_ID, List.of("MUSICBRAINZ_RELEASEGROUPID")),
            Map.entry(FieldKey.MUSICBRAINZ_TRACK_ID, List.of("MUSICBRAINZ_TRACKID")),
            Map.entry(FieldKey.MUSICBRAINZ_RELEASE_TRACK_ID, List.of("MUSICBRAINZ_RELEASETRACKID")),
            Map.entry(FieldKey.ISRC, List.of("ISRC")));

    List<String> values(FieldKey key) {
        List<String> values = new ArrayList<>();
        for (String name : NAMES.getOrDefault(key, List.of())) {
            values.addAll(comments.getOrDefault(name, List.of()));
        }
        return values;
    }

    /** Parses a Vorbis comment block that follows {@code magic} (empty for FLAC). */
    static Map<String, List<String>> comments(byte[] packet, String magic) throws TagReader.UnreadableFileException {
        ByteBuffer buf = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int m = magic.length();
        if (buf.limit() < m + 8 || !ascii(buf, 0, m).equals(magic)) {
            throw new TagReader.UnreadableFileException("corrupt Ogg file: the comment header is missing");
        }
        int vendor = buf.getInt(m);
        if (vendor < 0 || vendor > buf.limit() - m - 8) {
            throw new TagReader.UnreadableFileException("corrupt comment header: its vendor string claims " + Integer.toUnsignedLong(vendor)
                    + " bytes but only " + (buf.limit() - m - 8) + " follow");
        }
        int at = m + 4 + vendor;
        int count = buf.getInt(at);
        at += 4;
        Map<String, List<String>> comments = new HashMap<>();
        for (int i = 0; i < count && at + 4 <= buf.limit(); i++) {
            int len = buf.getInt(at);
            at += 4;
            // a length running past the block ends the comments (compared without overflowing int)
            if (len < 0 || len > buf.limit() - at) {
                break;
            }
            String entry = new String(packet, at, len, StandardCharsets.UTF_8);
            at += len;
            int eq = entry.indexOf('=');
            if (eq > 0) {
                comments.computeIfAbsent(entry.substring(0, eq).toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(entry.substring(eq + 1));
            }
        }
        return comments;
    }

    private static String ascii(ByteBuffer buf, int at, int length) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

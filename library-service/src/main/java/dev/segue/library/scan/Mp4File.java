package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * A lenient reader of an MP4 file's first audio track, for the files jaudiotagger 3.0.1 refuses although
 * a player plays them: an atom running past the end of the file (a download cut in its trailing
 * {@code free} or {@code udta} atom, a tag editor that miscounted), or a codec it does not know inside
 * MP4 (FLAC, Opus, AC-3: it fails on their sample entry). Every atom is bounded by its parent and by the
 * file, so a size running past the end is cut to what is there instead of refusing the file. The length
 * comes from the sample table: the samples whose bytes lie inside the file, with their own durations, so
 * a file whose audio is intact keeps its whole length and a truncated one the length of what remains.
 *
 * <p>Reads the atom headers and the sample tables only (a few hundred KB for a long file).
 */
final class Mp4File {

    /**
     * What the audio track holds: {@code durationMs} of the samples inside the file, {@code claimedMs} what the
     * header claims ({@code truncated} when samples are missing); {@code overrun} names an atom running past the
     * end of the file, null when none does.
     */
    record Audio(String codec, Integer channels, Integer sampleRate, int durationMs, int claimedMs, Integer bitrateKbps,
            boolean truncated, String overrun, long mdatStart, long mdatEnd) {
    }

    /** Codec names as jaudiotagger and ffprobe report them, by sample entry type. */
    private static final Map<String, String> CODECS = Map.of("mp4a", "AAC", "alac", "ALAC", "fLaC", "FLAC", "Opus", "OPUS",
            "ac-3", "AC3", "ec-3", "EAC3", ".mp3", "MP3");
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ATOMS = 10_000;
    /** The largest sample table read: 16 M entries of 4 bytes, days of audio. */
    private static final int MAX_TABLE = 64 << 20;

    private Mp4File() {
    }

    /** The sample tables of one track, as found while walking it. */
    private static final class Track {
        String handler;
        long timescale;
        long duration;
        String entryType;
        ByteBuffer entry;
        ByteBuffer stts;
        ByteBuffer stsz;
        ByteBuffer stsc;
        ByteBuffer chunkOffsets;
        boolean offsets64;
    }

    /** The walk's findings: the first audio track, the sample data's range, the first atom past the end. */
    private static final class Walk {
        Track audio;
        long mdatStart = -1;
        long mdatEnd = -1;
        String overrun;
        int atoms;
    }

    /**
     * The file's first audio track; null when the file is not MP4, has no audio track or no sample table (a
     * fragmented file), or none of its samples lies inside the file.
     */
    static Audio read(Path path, long size) throws TagReader.UnreadableFileException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ContentKey.readBuffer(ch, 0, 8);
            if (head.limit() < 8 || !type(head, 4).equals("ftyp")) {
                return null;
            }
            Walk walk = new Walk();
            atoms(ch, 0, size, size, 0, null, walk);
            return walk.audio == null ? null : audio(walk, size);
        } catch (IOException e) {
            throw new TagReader.UnreadableFileException(Reasons.io(e));
        }
    }

    private static void atoms(FileChannel ch, long start, long end, long size, int depth, Track track, Walk walk) throws IOException {
        long pos = start;
        while (pos + 8 <= end && walk.atoms++ < MAX_ATOMS) {
            ByteBuffer header = ContentKey.readBuffer(ch, pos, 16);
            long length = header.getInt(0) & 0xffffffffL;
            String type = type(header, 4);
            int headerSize = 8;
            if (length == 1 && header.limit() == 16) {
                length = header.getLong(8);
                headerSize = 16;
            } else if (length == 0) {
                length = end - pos; // runs to the end of its parent, as the format allows
            }
            if (length < headerSize) {
                return;
            }
            if (pos + length > size && walk.overrun == null) {
                walk.overrun = "the '" + printable(type) + "' atom runs " + (pos + length - size) + " bytes past the end of the file";
            }
            long atomEnd = Math.min(end, pos + length);
            long body = pos + headerSize;
            switch (type) {
                case "moov", "mdia", "minf", "stbl" -> atoms(ch, body, atomEnd, size, depth + 1, track, walk);
                case "trak" -> {
                    if (depth < MAX_DEPTH && walk.audio == null) {
                        Track found = new Track();
                        atoms(ch, body, atomEnd, size, depth + 1, found, walk);
                        if ("soun".equals(found.handler) && found.timescale > 0 && found.stsz != null && found.stts != null
                                && found.stsc != null && found.chunkOffsets != null) {
                            walk.audio = found;
                        }
                    }
                }
                case "mdat" -> {
                    if (walk.mdatStart < 0) {
                        walk.mdatStart = body;
                        walk.mdatEnd = atomEnd;
                    }
                }
                default -> {
                    if (track != null) {
                        table(ch, type, body, atomEnd, track);
                    }
                }
            }
            pos += length;
        }
    }

    /** The atoms of a track this reader needs: handler, media header, sample description and tables. */
    private static void table(FileChannel ch, String type, long body, long end, Track track) throws IOException {
        long length = end - body;
        if (length < 8 || length > MAX_TABLE) {
            return;
        }
        switch (type) {
            case "hdlr" -> track.handler = type(ContentKey.readBuffer(ch, body + 8, 4), 0);
            case "mdhd" -> {
                ByteBuffer b = ContentKey.readBuffer(ch, body, 32);
                boolean v1 = b.get(0) == 1;
                if (b.limit() >= (v1 ? 32 : 20)) {
                    track.timescale = b.getInt(v1 ? 20 : 12) & 0xffffffffL;
                    track.duration = v1 ? b.getLong(24) : b.getInt(16) & 0xffffffffL;
                }
            }
            case "stsd" -> {
                ByteBuffer b = ContentKey.readBuffer(ch, body, (int) Math.min(length, 64));
                if (b.limit() >= 16) {
                    track.entryType = type(b, 12);
                    track.entry = b.position(8).slice();
                }
            }
            case "stts" -> track.stts = ContentKey.readBuffer(ch, body, (int) length);
            case "stsz" -> track.stsz = ContentKey.readBuffer(ch, body, (int) length);
            case "stsc" -> track.stsc = ContentKey.readBuffer(ch, body, (int) length);
            case "stco", "co64" -> {
                track.chunkOffsets = ContentKey.readBuffer(ch, body, (int) length);
                track.offsets64 = type.equals("co64");
            }
            default -> {
                // other atoms say nothing about the length
            }
        }
    }

    /** The sample durations of {@code stts}, consumed in sample order. */
    private static final class Durations {
        private final ByteBuffer stts;
        private final int runs;
        private int run;
        private long left;

        Durations(ByteBuffer stts) {
            this.stts = stts;
            this.runs = count(stts, 4, 8);
            this.left = runs > 0 ? stts.getInt(8) & 0xffffffffL : 0;
        }

        /** The ticks of the next {@code n} samples (fewer when the table ends first). */
        long take(long n) {
            long ticks = 0;
            while (n > 0 && run < runs) {
                if (left == 0) {
                    if (++run == runs) {
                        break;
                    }
                    left = stts.getInt(8 + run * 8) & 0xffffffffL;
                    continue;
                }
                long k = Math.min(n, left);
                ticks += k * (stts.getInt(8 + run * 8 + 4) & 0xffffffffL);
                left -= k;
                n -= k;
            }
            return ticks;
        }
    }

    /** The samples lying wholly inside the file, chunk by chunk, and their durations. */
    private static Audio audio(Walk walk, long size) {
        Track t = walk.audio;
        long uniform = t.stsz.getInt(4) & 0xffffffffL;
        long samples = uniform != 0 ? t.stsz.getInt(8) & 0xffffffffL : count(t.stsz, 8, 4);
        int chunks = count(t.chunkOffsets, 4, t.offsets64 ? 8 : 4);
        int runs = count(t.stsc, 4, 12);
        Durations durations = new Durations(t.stts);
        long sample = 0;
        long inFileBytes = 0;
        long inFileTicks = 0;
        boolean truncated = false;
        for (int run = 0; run < runs && !truncated && sample < samples; run++) {
            long first = t.stsc.getInt(8 + run * 12) & 0xffffffffL;
            long next = run + 1 < runs ? t.stsc.getInt(8 + (run + 1) * 12) & 0xffffffffL : chunks + 1L;
            long perChunk = t.stsc.getInt(8 + run * 12 + 4) & 0xffffffffL;
            for (long chunk = Math.max(1, first); chunk < next && chunk <= chunks && !truncated && sample < samples; chunk++) {
                int at = 8 + (int) (chunk - 1) * (t.offsets64 ? 8 : 4);
                long offset = t.offsets64 ? t.chunkOffsets.getLong(at) : t.chunkOffsets.getInt(at) & 0xffffffffL;
                long n = Math.min(perChunk, samples - sample);
                if (uniform != 0) {
                    // PCM-like tracks: every sample the same size, a chunk at a time
                    long fit = offset >= size ? 0 : Math.min(n, (size - offset) / uniform);
                    truncated = fit < n;
                    inFileTicks += durations.take(fit);
                    inFileBytes += fit * uniform;
                    sample += fit;
                    continue;
                }
                for (long i = 0; i < n; i++, sample++) {
                    long bytes = t.stsz.getInt(12 + (int) sample * 4) & 0xffffffffL;
                    if (offset + bytes > size) {
                        truncated = true;
                        break;
                    }
                    inFileTicks += durations.take(1);
                    inFileBytes += bytes;
                    offset += bytes;
                }
            }
        }
        int ms = millis(inFileTicks, t.timescale);
        if (ms <= 0 || t.entryType == null) {
            // no sample description: no decoder knows how to play these samples
            return null;
        }
        // what the header claims: the media header's duration, or the table's when that is missing
        long claimedTicks = t.duration > 0 ? t.duration : inFileTicks + durations.take(Long.MAX_VALUE);
        int claimed = truncated ? Math.max(ms, millis(claimedTicks, t.timescale)) : ms;
        ByteBuffer e = t.entry;
        // an ISO audio sample entry: channels at 16, sample rate (16.16) at 24; QuickTime version 2 moves them
        boolean v2 = e != null && e.limit() >= 10 && e.getShort(8) == 2;
        Integer channels = e != null && e.limit() >= 18 && !v2 ? positive(e.getShort(16) & 0xffff, 64) : null;
        Integer rate = e != null && e.limit() >= 28 && !v2 ? positive(e.getInt(24) >>> 16, 10_000_000) : null;
        return new Audio(CODECS.getOrDefault(t.entryType, printable(t.entryType).toUpperCase(Locale.ROOT)), channels,
                rate != null ? rate : positive(t.timescale, 10_000_000), ms, claimed,
                positive(Math.round(inFileBytes * 8.0 / ms), 100_000), truncated, walk.overrun, walk.mdatStart, walk.mdatEnd);
    }

    /** How many entries of {@code width} bytes after {@code at} the table's count promises and its bytes hold. */
    private static int count(ByteBuffer table, int at, int width) {
        if (table.limit() < at + 4) {
            return 0;
        }
        long declared = table.getInt(at) & 0xffffffffL;
        return (int) Math.min(declared, (table.limit() - at - 4) / width);
    }

    private static int millis(long ticks, long timescale) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(ticks * 1000.0 / timescale));
    }

    private static Integer positive(long value, long max) {
        return value > 0 && value <= max ? (int) value : null;
    }

    private static String type(ByteBuffer buf, int at) {
        if (buf.limit() < at + 4) {
            return "";
        }
        return new String(buf.array(), buf.arrayOffset() + at, 4, StandardCharsets.ISO_8859_1);
    }

    /** Chunk and atom names for a message: printable ASCII or '?'. */
    static String printable(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f || c == '\u00a9' ? c : '?');
        }
        return out.toString();
    }
}

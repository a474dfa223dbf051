package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Checks, before jaudiotagger opens a file, that the sizes its headers declare fit inside the file.
 * jaudiotagger 3.0.1 allocates whatever a size field claims before reading it: a WAV or AIFF chunk, an
 * MP4 atom (even one nested in {@code moov}) or a FLAC picture that claims 2 GB makes it allocate 2 GB
 * (direct memory for chunks, heap for atoms), a flipped bit in an MP4 header made it allocate 96 GB in
 * total over 47 s for a 12 KB file. A size that runs past the end of the file by more than 16 MiB is such
 * a lie, and so is a top-level MP4 atom (other than {@code mdat}) running past it: that file is a scan
 * error without ever reaching jaudiotagger. A smaller overrun is what a truncated download looks like
 * (jaudiotagger reads what is there, at a cost of at most 16 MiB), and audio payloads ({@code data},
 * {@code SSND}, {@code mdat}) are never loaded: both still go to jaudiotagger.
 *
 * <p>Only headers are read (a few bytes per chunk or atom).
 */
final class SizeCheck {

    private static final Set<String> MP4_CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "udta", "meta", "ilst",
            "edts", "dinf");
    private static final int MAX_DEPTH = 12;
    private static final int MAX_ENTRIES = 100_000;
    /** The largest size past the end of the file that is let through; jaudiotagger allocates what is claimed. */
    static final long MAX_CLAIM_PAST_END = 16L << 20;

    private SizeCheck() {
    }

    /** Throws when a declared size of a file jaudiotagger is about to read does not fit in the file. */
    static void check(Path path, long size, String format) throws TagReader.UnreadableFileException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            switch (format) {
                case "wav" -> {
                    if (magic(ch, "RIFF")) {
                        chunks(ch, 12, size, false, "data", format);
                    }
                }
                case "aif", "aiff", "aifc" -> {
                    if (magic(ch, "FORM")) {
                        chunks(ch, 12, size, true, "SSND", format);
                    }
                }
                case "m4a", "m4b", "mp4" -> atoms(ch, 0, size, 0, format);
                case "flac" -> flac(ch, size);
                default -> {
                    // MP3 (jaudiotagger bounds its ID3 reads by the file), WMA and DSF: nothing to check
                }
            }
        } catch (IOException e) {
            throw new TagReader.UnreadableFileException(Reasons.io(e));
        }
    }

    /** Whether the file starts with {@code magic}; if not, jaudiotagger says it is not this format. */
    private static boolean magic(FileChannel ch, String magic) throws IOException {
        return ascii(ContentKey.readBuffer(ch, 0, 4), 0, 4).equals(magic);
    }

    /** RIFF (little-endian) or IFF/AIFF (big-endian) chunks in [start, end), and the fields of a RIFF {@code LIST}. */
    private static void chunks(FileChannel ch, long start, long end, boolean bigEndian, String audio, String format)
            throws IOException, TagReader.UnreadableFileException {
        long pos = start;
        for (int i = 0; i < MAX_ENTRIES && pos + 8 <= end; i++) {
            ByteBuffer header = ContentKey.readBuffer(ch, pos, 8).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            String id = ascii(header, 0, 4);
            long length = header.getInt(4) & 0xffffffffL;
            if (id.equals(audio)) {
                // jaudiotagger skips the samples without reading them; a lying length ends the walk
                pos += 8 + length + (length & 1);
                continue;
            }
            if (overruns(length, end - pos - 8, format, "the '" + Mp4File.printable(id) + "' chunk")) {
                return;
            }
            if (id.equals("LIST") && !bigEndian) {
                // INFO fields (INAM, IART...): jaudiotagger allocates each one's declared length
                chunks(ch, pos + 12, pos + 8 + length, false, audio, format);
            }
            pos += 8 + length + (length & 1);
        }
    }

    /** MP4 atoms in [start, end): each must fit in its parent; containers are checked down to the tag items. */
    private static void atoms(FileChannel ch, long start, long end, int depth, String format)
            throws IOException, TagReader.UnreadableFileException {
        long pos = start;
        for (int i = 0; i < MAX_ENTRIES && pos + 8 <= end; i++) {
            ByteBuffer header = ContentKey.readBuffer(ch, pos, 16);
            long length = header.getInt(0) & 0xffffffffL;
            String type = ascii(header, 4, 4);
            int headerSize = 8;
            if (length == 1 && header.limit() == 16) {
                length = header.getLong(8);
                headerSize = 16;
            } else if (length == 0 && depth == 0) {
                length = end - pos;
            }
            if (length < headerSize || depth == 0 && type.equals("mdat") && length > end - pos) {
                return; // nothing allocated from here on can be large: jaudiotagger judges the rest
            }
            if (depth == 0 && length > end - pos) {
                // a top-level atom past the end (ftyp, moov) sent jaudiotagger searching and allocating for seconds
                throw pastEnd(format, "the '" + Mp4File.printable(type) + "' atom", length, end - pos);
            }
            if (overruns(length, end - pos, format, "the '" + Mp4File.printable(type) + "' atom")) {
                return;
            }
            if (depth < MAX_DEPTH && (MP4_CONTAINERS.contains(type) || depth >= 1 && isItem(ch, pos, end))) {
                long body = pos + headerSize;
                if (type.equals("meta") && !ascii(ContentKey.readBuffer(ch, body + 4, 4), 0, 4).equals("hdlr")) {
                    body += 4; // ISO meta: version and flags before the children (QuickTime meta has none)
                }
                atoms(ch, body, pos + length, depth + 1, format);
            }
            pos += length;
        }
    }

    /** A tag item inside {@code ilst} ({@code ©nam}, {@code covr}, {@code ----}...): its values are child atoms. */
    private static boolean isItem(FileChannel ch, long pos, long end) throws IOException {
        if (pos + 16 > end) {
            return false;
        }
        String child = ascii(ContentKey.readBuffer(ch, pos + 12, 4), 0, 4);
        return child.equals("data") || child.equals("mean") || child.equals("name");
    }

    /** A FLAC file jaudiotagger reads (it has an ID3v2 tag in front): metadata blocks, picture and comment fields. */
    private static void flac(FileChannel ch, long size) throws IOException, TagReader.UnreadableFileException {
        long pos = 0;
        ByteBuffer id3 = ContentKey.readBuffer(ch, 0, 10);
        if (id3.limit() == 10 && ascii(id3, 0, 3).equals("ID3")) {
            long tag = ((id3.get(6) & 0x7fL) << 21) | ((id3.get(7) & 0x7fL) << 14) | ((id3.get(8) & 0x7fL) << 7) | (id3.get(9) & 0x7fL);
            pos = 10 + tag + ((id3.get(5) & 0x10) != 0 ? 10 : 0);
        }
        if (pos + 4 > size || !ascii(ContentKey.readBuffer(ch, pos, 4), 0, 4).equals("fLaC")) {
            return; // jaudiotagger looks for the marker itself and reports its absence
        }
        pos += 4;
        for (int i = 0; i < MAX_ENTRIES && pos + 4 <= size; i++) {
            ByteBuffer header = ContentKey.readBuffer(ch, pos, 4);
            int type = header.get(0) & 0x7f;
            long length = header.getInt(0) & 0xffffffL;
            if (length > size - pos - 4) {
                return; // at most 16 MiB (24 bits): a truncated file, which jaudiotagger reports
            }
            if (type == 4 || type == 6) {
                fields(ContentKey.readBuffer(ch, pos + 4, (int) length), type);
            }
            if ((header.get(0) & 0x80) != 0) {
                return;
            }
            pos += 4 + length;
        }
    }

    /** The length fields inside a VORBIS_COMMENT (4) or PICTURE (6) block must fit in the block. */
    private static void fields(ByteBuffer block, int type) throws TagReader.UnreadableFileException {
        int end = block.limit();
        if (type == 6) {
            block.order(ByteOrder.BIG_ENDIAN);
            long at = 4;
            at = skipLength(block, at, end, "picture MIME type");
            at = skipLength(block, at, end, "picture description");
            skipLength(block, at + 16, end, "picture data");
            return;
        }
        block.order(ByteOrder.LITTLE_ENDIAN);
        long at = skipLength(block, 0, end, "vendor string");
        if (at + 4 > end) {
            return;
        }
        long count = block.getInt((int) at) & 0xffffffffL;
        at += 4;
        for (long i = 0; i < count && at + 4 <= end; i++) {
            at = skipLength(block, at, end, "comment");
        }
    }

    private static long skipLength(ByteBuffer block, long at, int end, String what) throws TagReader.UnreadableFileException {
        if (at + 4 > end) {
            return at;
        }
        long length = block.getInt((int) at) & 0xffffffffL;
        if (overruns(length, end - at - 4, "flac", "a " + what)) {
            return end;
        }
        return at + 4 + length;
    }

    /** True when {@code claimed} runs past {@code available}; throws when it does so by a lie jaudiotagger would allocate. */
    private static boolean overruns(long claimed, long available, String format, String what) throws TagReader.UnreadableFileException {
        if (claimed <= available) {
            return false;
        }
        if (claimed > MAX_CLAIM_PAST_END) {
            throw pastEnd(format, what, claimed, available);
        }
        return true;
    }

    private static TagReader.UnreadableFileException pastEnd(String format, String what, long claimed, long available) {
        return new TagReader.UnreadableFileException("corrupt " + format + " file: " + what + " claims " + claimed
                + " bytes but only " + Math.max(0, available) + " follow");
    }

    private static String ascii(ByteBuffer buf, int at, int length) {
        if (buf.limit() < at + length) {
            return "";
        }
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}

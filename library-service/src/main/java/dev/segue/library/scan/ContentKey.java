package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content_key of a file: a fingerprint of its audio payload that a retag does not change, so a
 * moved or renamed file is recognised. Reading whole files would make a scan I/O-bound, so it hashes a
 * bounded sample: SHA-256 over the payload length and three 4 KiB windows (start, middle, end of the
 * payload), truncated to 128 bits and hex-encoded.
 *
 * <p>The payload is the byte range jaudiotagger reports as audio data (MP3 frames without ID3v2/ID3v1/APE,
 * FLAC frames after the metadata blocks, the MP4 {@code mdat}, the WAV/AIFF sample chunk). Ogg (Vorbis,
 * Opus) is special: a retag rewrites header pages and renumbers every later page, so for Ogg the key
 * covers the page <em>bodies</em> of the first and last 4 KiB of audio pages plus their granule
 * positions, never the page headers. Formats with no reported range are hashed as whole files.
 */
final class ContentKey {

    static final int WINDOW = 4 * 1024;
    private static final int MAX_HEADER_PAGES = 4096;

    private ContentKey() {
    }

    static String of(Path file, long size, Long audioStart, Long audioEnd, String format) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (format.equals("ogg") || format.equals("oga") || format.equals("opus")) {
                if (!oggPages(ch, size, sha)) {
                    range(ch, 0, size, sha);
                }
            } else {
                long start = audioStart != null && audioStart >= 0 && audioStart < size ? audioStart : 0;
                long end = audioEnd != null && audioEnd > start && audioEnd <= size ? audioEnd : size;
                if (format.equals("flac") && audioStart == null) {
                    start = flacAudioStart(ch, size);
                }
                if (format.equals("mp3")) {
                    end = withoutId3v1(ch, start, end);
                }
                range(ch, start, end, sha);
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static void range(FileChannel ch, long start, long end, MessageDigest sha) throws IOException {
        long length = end - start;
        sha.update(longBytes(length));
        if (length <= 3L * WINDOW) {
            sha.update(read(ch, start, (int) length));
            return;
        }
        sha.update(read(ch, start, WINDOW));
        sha.update(read(ch, start + length / 2 - WINDOW / 2, WINDOW));
        sha.update(read(ch, end - WINDOW, WINDOW));
    }

    /** Where FLAC frames begin: after the marker and the metadata blocks. */
    private static long flacAudioStart(FileChannel ch, long size) throws IOException {
        long pos = 4;
        for (int i = 0; i < 1024 && pos + 4 <= size; i++) {
            byte[] header = read(ch, pos, 4);
            int length = ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            pos += 4 + length;
            if ((header[0] & 0x80) != 0) {
                return Math.min(pos, size);
            }
        }
        return 0;
    }

    /** MP3 tags that may follow the frames: ID3v1 (128 bytes) and an APEv2 tag with its footer. */
    private static long withoutId3v1(FileChannel ch, long start, long end) throws IOException {
        if (end - start > 128) {
            byte[] tag = read(ch, end - 128, 3);
            if (tag[0] == 'T' && tag[1] == 'A' && tag[2] == 'G') {
                end -= 128;
            }
        }
        if (end - start > 32) {
            ByteBuffer footer = readBuffer(ch, end - 32, 32).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            footer.get(0, magic);
            if (new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("APETAGEX")) {
                long size = footer.getInt(12) & 0xffffffffL;
                boolean hasHeader = (footer.getInt(20) & 0x80000000) != 0;
                long tagSize = size + (hasHeader ? 32 : 0);
                if (tagSize <= end - start) {
                    end -= tagSize;
                }
            }
        }
        return end;
    }

    /** Hashes Ogg audio page bodies; false when the file does not parse as Ogg. */
    private static boolean oggPages(FileChannel ch, long size, MessageDigest sha) throws IOException {
        long pos = 0;
        long firstAudio = -1;
        for (int i = 0; i < MAX_HEADER_PAGES && pos + 27 <= size; i++) {
            ByteBuffer header = readBuffer(ch, pos, 27);
            if (!isCapture(header, 0) || header.limit() < 27) {
                return false;
            }
            int segments = header.get(26) & 0xff;
            long granule = header.order(ByteOrder.LITTLE_ENDIAN).getLong(6);
            byte[] lacing = read(ch, pos + 27, segments);
            int body = 0;
            for (byte b : lacing) {
                body += b & 0xff;
            }
            if (granule != 0) {
                firstAudio = pos;
                break;
            }
            pos += 27 + segments + body;
        }
        if (firstAudio < 0) {
            return false;
        }
        sha.update(longBytes(size - firstAudio));
        hashPageBodies(read(ch, firstAudio, (int) Math.min(WINDOW, size - firstAudio)), sha);
        long tailStart = Math.max(firstAudio, size - WINDOW);
        hashPageBodies(read(ch, tailStart, (int) (size - tailStart)), sha);
        return true;
    }

    private static void hashPageBodies(byte[] window, MessageDigest sha) {
        ByteBuffer buf = ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + 27 <= window.length && !isCapture(buf, pos)) {
            pos++;
        }
        while (pos + 27 <= window.length && isCapture(buf, pos)) {
            int segments = buf.get(pos + 26) & 0xff;
            if (pos + 27 + segments > window.length) {
                break;
            }
            int body = 0;
            for (int s = 0; s < segments; s++) {
                body += buf.get(pos + 27 + s) & 0xff;
            }
            sha.update(longBytes(buf.getLong(pos + 6)));
            int bodyStart = pos + 27 + segments;
            sha.update(window, bodyStart, Math.min(body, window.length - bodyStart));
            pos = bodyStart + body;
        }
    }

    private static boolean isCapture(ByteBuffer buf, int at) {
        return buf.get(at) == 'O' && buf.get(at + 1) == 'g' && buf.get(at + 2) == 'g' && buf.get(at + 3) == 'S';
    }

    private static byte[] read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = readBuffer(ch, position, length);
        byte[] bytes = new byte[buf.limit()];
        buf.get(bytes);
        return bytes;
    }

    /** Up to {@code length} bytes at {@code position}; fewer at the end of the file. */
    static ByteBuffer readBuffer(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        return buf.flip();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Measures an MPEG audio (Layer I–III, MPEG-1/2/2.5) stream from its frames. jaudiotagger 3.0.1 counts
 * 1,152 samples in every Layer III frame, but MPEG-2/2.5 frames (rates ≤ 24 kHz) hold 576, so it stores
 * those files at twice their length; and it believes a Xing header whatever the file holds.
 *
 * <p>The length comes from a Xing/Info or VBRI header when one is present and fits the bytes there are;
 * otherwise from the frames: a stream whose first frames and a few sampled through the file all have one
 * bitrate is constant-bitrate (length = bytes / bitrate), any other is walked frame by frame.
 */
final class Mp3Frames {

    /** What the frames say: length, mean bitrate, and how the length was found. */
    record Measure(int durationMs, int bitrateKbps, int sampleRate, int channels, String source) {
    }

    private static final int[][] BITRATES = {
        // MPEG-1 Layer I, II, III
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        // MPEG-2/2.5 Layer I, II and III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] RATES = {44100, 48000, 32000};
    /** How far past the tag the first frame is looked for. */
    private static final int SYNC_SEARCH = 64 * 1024;
    private static final int BUFFER = 64 * 1024;
    /** Frames read at the start, and points sampled through the file, to tell CBR from headerless VBR. */
    private static final int HEAD_FRAMES = 24;
    private static final int SAMPLE_POINTS = 8;

    private Mp3Frames() {
    }

    /** One parsed 4-byte frame header. */
    record Header(int version, int layer, int bitrateKbps, int sampleRate, int padding, int channels) {

        /** 1 = MPEG-1, 2 = MPEG-2, 25 = MPEG-2.5. */
        int samples() {
            return layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;
        }

        int length() {
            if (layer == 1) {
                return (12 * bitrateKbps * 1000 / sampleRate + padding) * 4;
            }
            int factor = layer == 3 && version != 1 ? 72 : 144;
            return factor * bitrateKbps * 1000 / sampleRate + padding;
        }

        boolean sameStream(Header other) {
            return version == other.version && layer == other.layer && sampleRate == other.sampleRate;
        }

        /** Where a Xing/Info header starts inside the frame: after the side information. */
        int xingOffset() {
            return 4 + (version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17));
        }
    }

    static Header header(int h) {
        if ((h >>> 21) != 0x7ff) {
            return null;
        }
        int versionBits = (h >>> 19) & 3;
        int layerBits = (h >>> 17) & 3;
        int bitrateIndex = (h >>> 12) & 0xf;
        int rateIndex = (h >>> 10) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null; // reserved values, or "free format", which no encoder of this ecosystem writes
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int rate = RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        return new Header(version, layer, BITRATES[table][bitrateIndex], rate, (h >>> 9) & 1, channels);
    }

    /**
     * Measures the stream whose first frame is at or after {@code start}; null when no two consecutive
     * frames are found there (not MPEG audio).
     */
    static Measure measure(FileChannel ch, long start, long size) throws IOException {
        long end = audioEnd(ch, size);
        long first = firstFrame(ch, Math.max(0, start), end);
        if (first < 0) {
            return null;
        }
        Header head = header(ContentKey.readBuffer(ch, first, 4).getInt(0));
        ByteBuffer frame = ContentKey.readBuffer(ch, first, Math.min(head.length(), 256));
        Measure fromHeader = vbrHeader(frame, head, first, end);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (constantBitrate(ch, first, end, head)) {
            long bytes = end - first;
            return measure(bytes * 8.0 / head.bitrateKbps(), head.bitrateKbps(), head, "frames (constant bitrate)");
        }
        return walk(ch, first, end, head);
    }

    /** Xing/Info (LAME, most encoders) or VBRI (Fraunhofer) header in the first frame, if its frame count fits the file. */
    private static Measure vbrHeader(ByteBuffer frame, Header head, long first, long end) {
        long frames = -1;
        long bytes = -1;
        int x = head.xingOffset();
        String tag = ascii(frame, x, 4);
        if ((tag.equals("Xing") || tag.equals("Info")) && frame.limit() >= x + 8) {
            int flags = frame.getInt(x + 4);
            int at = x + 8;
            if ((flags & 1) != 0 && frame.limit() >= at + 4) {
                frames = frame.getInt(at) & 0xffffffffL;
                at += 4;
            }
            if ((flags & 2) != 0 && frame.limit() >= at + 4) {
                bytes = frame.getInt(at) & 0xffffffffL;
            }
        } else if (ascii(frame, 36, 4).equals("VBRI") && frame.limit() >= 54) {
            bytes = frame.getInt(46) & 0xffffffffL;
            frames = frame.getInt(50) & 0xffffffffL;
        } else {
            return null;
        }
        long available = end - first;
        // the smallest frame this stream can have bounds how many frames the bytes there are can hold
        Header smallest = new Header(head.version(), head.layer(), head.layer() == 3 && head.version() != 1 ? 8 : 32,
                head.sampleRate(), 0, head.channels());
        if (frames <= 0 || frames > available / Math.max(1, smallest.length()) + 1 || bytes > available + available / 50 + 1024) {
            return null; // a lying or truncated header: the frames decide
        }
        double ms = frames * head.samples() * 1000.0 / head.sampleRate();
        int kbps = (int) Math.round((bytes > 0 ? bytes : available) * 8.0 / ms);
        return measure(ms, kbps, head, tag.equals("Info") ? "Info header" : tag.equals("Xing") ? "Xing header" : "VBRI header");
    }

    /** The first frames, and frames sampled through the file, all have the first frame's bitrate. */
    private static boolean constantBitrate(FileChannel ch, long first, long end, Header head) throws IOException {
        long pos = first;
        for (int i = 0; i < HEAD_FRAMES && pos + 4 <= end; i++) {
            Header h = header(ContentKey.readBuffer(ch, pos, 4).getInt(0));
            if (h == null || !h.sameStream(head) || h.bitrateKbps() != head.bitrateKbps()) {
                return h == null && i > 0; // a stream shorter than the sample ends in its tags
            }
            pos += h.length();
        }
        for (int i = 1; i < SAMPLE_POINTS; i++) {
            long at = first + (end - first) * i / SAMPLE_POINTS;
            ByteBuffer window = ContentKey.readBuffer(ch, at, 4096);
            Header found = null;
            for (int j = 0; j + 4 <= window.limit() && found == null; j++) {
                Header h = header(window.getInt(j));
                if (h != null && h.sameStream(head) && j + h.length() + 4 <= window.limit()) {
                    Header next = header(window.getInt(j + h.length()));
                    if (next != null && next.sameStream(head)) {
                        found = h;
                    }
                }
            }
            if (found != null && found.bitrateKbps() != head.bitrateKbps()) {
                return false;
            }
        }
        return true;
    }

    /** Every frame, for a VBR stream without a header (or with one that does not fit the file). */
    private static Measure walk(FileChannel ch, long first, long end, Header head) throws IOException {
        long pos = first;
        long samples = 0;
        long bytes = 0;
        ByteBuffer buf = ByteBuffer.allocate(0);
        long bufStart = 0;
        while (pos + 4 <= end) {
            if (pos < bufStart || pos + 4 > bufStart + buf.limit()) {
                bufStart = pos;
                buf = ContentKey.readBuffer(ch, pos, (int) Math.min(BUFFER, end - pos));
                if (buf.limit() < 4) {
                    break;
                }
            }
            Header h = header(buf.getInt((int) (pos - bufStart)));
            if (h == null || !h.sameStream(head)) {
                long next = resync(ch, pos + 1, end, head);
                if (next < 0) {
                    break;
                }
                pos = next;
                continue;
            }
            // a frame cut short by the end of the file still plays what it holds
            samples += h.samples();
            bytes += Math.min(h.length(), end - pos);
            pos += h.length();
        }
        if (samples == 0) {
            return null;
        }
        double ms = samples * 1000.0 / head.sampleRate();
        return measure(ms, (int) Math.round(bytes * 8.0 / ms), head, "frames (variable bitrate)");
    }

    /** The next place after damage where two frames of this stream follow each other, within 64 KiB. */
    private static long resync(FileChannel ch, long from, long end, Header head) throws IOException {
        ByteBuffer window = ContentKey.readBuffer(ch, from, (int) Math.min(SYNC_SEARCH, end - from));
        for (int j = 0; j + 4 <= window.limit(); j++) {
            Header h = header(window.getInt(j));
            if (h != null && h.sameStream(head)) {
                long next = from + j + h.length();
                if (next + 4 > end) {
                    return -1;
                }
                Header after = header(ContentKey.readBuffer(ch, next, 4).getInt(0));
                if (after != null && after.sameStream(head)) {
                    return from + j;
                }
            }
        }
        return -1;
    }

    private static long firstFrame(FileChannel ch, long start, long end) throws IOException {
        ByteBuffer window = ContentKey.readBuffer(ch, start, (int) Math.max(0, Math.min(SYNC_SEARCH, end - start)));
        for (int j = 0; j + 4 <= window.limit(); j++) {
            Header h = header(window.getInt(j));
            if (h == null) {
                continue;
            }
            long next = start + j + h.length();
            if (next + 4 > end) {
                // a file of one frame
                return next <= end + 1 ? start + j : -1;
            }
            Header after = header(ContentKey.readBuffer(ch, next, 4).getInt(0));
            if (after != null && after.sameStream(h)) {
                return start + j;
            }
        }
        return -1;
    }

    /** The end of the audio: before an ID3v1 tag ("TAG", 128 bytes) and an APEv2 footer, if present. */
    private static long audioEnd(FileChannel ch, long size) throws IOException {
        long end = size;
        if (end >= 128 && ascii(ContentKey.readBuffer(ch, end - 128, 3), 0, 3).equals("TAG")) {
            end -= 128;
        }
        if (end >= 32) {
            ByteBuffer footer = ContentKey.readBuffer(ch, end - 32, 32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (ascii(footer, 0, 8).equals("APETAGEX")) {
                long tagSize = footer.getInt(12) & 0xffffffffL;
                boolean hasHeader = (footer.getInt(20) & 0x80000000) != 0;
                long total = tagSize + (hasHeader ? 32 : 0);
                if (total <= end) {
                    end -= total;
                }
            }
        }
        return end;
    }

    private static Measure measure(double ms, int kbps, Header head, String source) {
        return new Measure((int) Math.min(Integer.MAX_VALUE, Math.round(ms)), kbps, head.sampleRate(), head.channels(), source);
    }

    private static String ascii(ByteBuffer buf, int at, int length) {
        if (at < 0 || buf.limit() < at + length) {
            return "";
        }
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}

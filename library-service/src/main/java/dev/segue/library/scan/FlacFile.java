package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Reads a FLAC file's STREAMINFO and VORBIS_COMMENT metadata blocks. A file that does not start
 * with {@code fLaC} (e.g. one with an ID3v2 tag in front) is left to jaudiotagger.
 */
final class FlacFile {

    private static final int MAX_BLOCKS = 1024;
    private static final int MAX_COMMENT_BYTES = 32 * 1024 * 1024;

    private static final int TAIL = 64 * 1024;
    private static final int[] BLOCK_SIZES = {0, 192, 576, 1152, 2304, 4608, -8, -16, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};

    private FlacFile() {
    }

    /**
     * The sample where the last frame found in the file's last 64 KiB ends (a frame header whose CRC-8 holds),
     * or -1 when none is found.
     */
    static long lastFrameEnd(FileChannel ch, long audioStart, long size, int maxBlock) throws IOException {
        long start = Math.max(audioStart, size - TAIL);
        ByteBuffer tail = ContentKey.readBuffer(ch, start, (int) Math.max(0, size - start));
        byte[] b = tail.array();
        for (int i = tail.limit() - 16; i >= 0; i--) {
            if ((b[i] & 0xff) != 0xff || (b[i + 1] & 0xfe) != 0xf8) {
                continue;
            }
            long end = frameEnd(b, i, tail.limit(), maxBlock);
            if (end > 0) {
                return end;
            }
        }
        return -1;
    }

    private static long frameEnd(byte[] b, int at, int limit, int maxBlock) {
        boolean variable = (b[at + 1] & 1) != 0;
        int blockCode = (b[at + 2] >>> 4) & 0xf;
        int rateCode = b[at + 2] & 0xf;
        if (blockCode == 0 || rateCode == 15 || (b[at + 3] & 1) != 0 || ((b[at + 3] >>> 4) & 0xf) > 10) {
            return -1;
        }
        int p = at + 4;
        int lead = b[p] & 0xff;
        int extra = lead < 0x80 ? 0 : lead >= 0xfe ? 6 : lead >= 0xfc ? 5 : lead >= 0xf8 ? 4 : lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2
                : lead >= 0xc0 ? 1 : -1;
        if (extra < 0 || p + extra + 4 > limit) {
            return -1;
        }
        long number = extra == 0 ? lead : lead & (0x3f >> extra);
        for (int k = 1; k <= extra; k++) {
            if ((b[p + k] & 0xc0) != 0x80) {
                return -1;
            }
            number = (number << 6) | (b[p + k] & 0x3f);
        }
        p += 1 + extra;
        int block = BLOCK_SIZES[blockCode];
        if (block == -8) {
            block = (b[p++] & 0xff) + 1;
        } else if (block == -16) {
            block = (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff)) + 1;
            p += 2;
        }
        p += rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0;
        if (p >= limit || crc8(b, at, p) != (b[p] & 0xff)) {
            return -1;
        }
        return variable ? number + block : number * Math.max(block, maxBlock) + block;
    }

    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
            }
        }
        return crc;
    }

    /** The file's facts and comments; null when it does not start with the FLAC marker. */
    static NativeTags read(Path path, long size) throws TagReader.UnreadableFileException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer marker = ContentKey.readBuffer(ch, 0, 4);
            if (marker.limit() < 4 || marker.get(0) != 'f' || marker.get(1) != 'L' || marker.get(2) != 'a' || marker.get(3) != 'C') {
                return null;
            }
            long pos = 4;
            ByteBuffer streamInfo = null;
            Map<String, List<String>> comments = Map.of();
            boolean last = false;
            for (int i = 0; i < MAX_BLOCKS && !last; i++) {
                ByteBuffer header = ContentKey.readBuffer(ch, pos, 4);
                if (header.limit() < 4) {
                    throw new TagReader.UnreadableFileException("truncated FLAC file: the metadata blocks are incomplete");
                }
                last = (header.get(0) & 0x80) != 0;
                int type = header.get(0) & 0x7f;
                int length = ((header.get(1) & 0xff) << 16) | ((header.get(2) & 0xff) << 8) | (header.get(3) & 0xff);
                if (pos + 4 + length > size) {
                    throw new TagReader.UnreadableFileException("truncated FLAC file: a metadata block runs past the end");
                }
                if (type == 0) {
                    streamInfo = ContentKey.readBuffer(ch, pos + 4, length);
                } else if (type == 4 && length <= MAX_COMMENT_BYTES) {
                    ByteBuffer block = ContentKey.readBuffer(ch, pos + 4, length);
                    comments = NativeTags.comments(block.array(), "");
                } else if (type == 127) {
                    throw new TagReader.UnreadableFileException("corrupt FLAC file: invalid metadata block type");
                }
                pos += 4 + length;
            }
            if (streamInfo == null || streamInfo.limit() < 18) {
                throw new TagReader.UnreadableFileException("corrupt FLAC file: no STREAMINFO block");
            }
            // STREAMINFO bytes 10..17: sample rate (20 bits), channels-1 (3), bits-1 (5), total samples (36)
            long packed = streamInfo.getLong(10);
            int rate = (int) (packed >>> 44);
            int channels = (int) ((packed >>> 41) & 0x7) + 1;
            long samples = packed & 0xFFFFFFFFFL;
            int maxBlock = streamInfo.getShort(2) & 0xffff;
            long end = lastFrameEnd(ch, pos, size, maxBlock);
            String note = null;
            if (end > 0 && samples > 0 && end < samples - samples / 50) {
                // a truncated file: STREAMINFO keeps the whole file's sample count
                note = "STREAMINFO claims " + String.format(java.util.Locale.ROOT, "%.1f s", samples / (double) rate)
                        + ", the last frame in the file ends at " + String.format(java.util.Locale.ROOT, "%.1f s", end / (double) rate);
                samples = end;
            }
            return new NativeTags("FLAC", channels, rate, OggFile.duration(samples, rate),
                    OggFile.bitrate(size - pos, samples, rate, 0), comments, note);
        } catch (IOException e) {
            throw new TagReader.UnreadableFileException(Reasons.io(e));
        } catch (RuntimeException e) {
            throw new TagReader.UnreadableFileException("corrupt FLAC file: its metadata blocks are damaged");
        }
    }
}

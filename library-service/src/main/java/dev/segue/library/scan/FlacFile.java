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

    private FlacFile() {
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
            return new NativeTags("FLAC", channels, rate, OggFile.duration(samples, rate),
                    OggFile.bitrate(size - pos, samples, rate, 0), comments);
        } catch (IOException e) {
            throw new TagReader.UnreadableFileException("cannot read file: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new TagReader.UnreadableFileException("corrupt FLAC file: " + e);
        }
    }
}

package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the raw f32le windows ffmpeg wrote, through a small per-thread buffer rather than a byte[] of the
 * whole file: a window is ~3 MB, and a second copy of it per window was a large share of the analysis'
 * allocation (and GC) work.
 */
final class PcmReader {

    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN));

    private PcmReader() {
    }

    static List<float[]> read(List<WindowFile> windows) throws IOException {
        List<float[]> pcm = new ArrayList<>();
        for (WindowFile w : windows) {
            pcm.add(readFloats(w.file(), w.skip()));
        }
        return pcm;
    }

    /** The samples of {@code file} after the first {@code skip}. */
    private static float[] readFloats(Path file, int skip) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long samples = channel.size() / Float.BYTES;
            long from = Math.min(skip, samples);
            float[] pcm = new float[Math.toIntExact(samples - from)];
            channel.position(from * Float.BYTES);
            ByteBuffer chunk = READ_BUFFER.get().clear();
            int filled = 0;
            while (filled < pcm.length && channel.read(chunk) >= 0) {
                chunk.flip();
                FloatBuffer floats = chunk.asFloatBuffer();
                int count = Math.min(floats.remaining(), pcm.length - filled);
                floats.get(pcm, filled, count);
                filled += count;
                chunk.position(count * Float.BYTES).compact();
            }
            return filled == pcm.length ? pcm : Arrays.copyOf(pcm, filled);
        }
    }
}

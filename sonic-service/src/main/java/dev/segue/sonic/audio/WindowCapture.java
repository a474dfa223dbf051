package dev.segue.sonic.audio;

import java.util.Arrays;

/** Keeps only the planned windows of a mono stream that is read from start to end. */
final class WindowCapture {

    private final long[] start;
    private final long[] end;
    private final float[][] buffers;
    private final int[] filled;
    private final boolean whole;
    private final long limit;
    private final double maxUnplannedSeconds;
    private long position;

    WindowCapture(SegmentPlan plan, int rate, double maxUnplannedSeconds) {
        int n = plan.windows().size();
        start = new long[n];
        end = new long[n];
        buffers = new float[n][];
        filled = new int[n];
        whole = plan.whole();
        this.maxUnplannedSeconds = maxUnplannedSeconds;
        limit = (long) (maxUnplannedSeconds * rate);
        for (int i = 0; i < n; i++) {
            SegmentPlan.Window w = plan.windows().get(i);
            start[i] = Math.round(w.startSec() * rate);
            end[i] = whole ? Long.MAX_VALUE : start[i] + Math.round(w.lengthSec() * rate);
            buffers[i] = new float[whole ? rate * 60 : (int) (end[i] - start[i])];
        }
    }

    void accept(float[] chunk, int length) throws DecodeException {
        for (int i = 0; i < start.length; i++) {
            long from = Math.max(start[i], position);
            long to = Math.min(end[i], position + length);
            if (to <= from) {
                continue;
            }
            int count = (int) (to - from);
            if (whole && filled[i] + count > buffers[i].length) {
                if (filled[i] + count > limit) {
                    throw DecodeException.failed("the duration is unknown and the audio is longer than "
                            + Math.round(maxUnplannedSeconds / 60) + " minutes; cannot keep it in memory");
                }
                buffers[i] = Arrays.copyOf(buffers[i], (int) Math.min(limit, Math.max(buffers[i].length * 2L,
                        filled[i] + (long) count)));
            }
            System.arraycopy(chunk, (int) (from - position), buffers[i], filled[i], count);
            filled[i] += count;
        }
        position += length;
    }

    /** True once every window is full: the rest of the stream need not be decoded. */
    boolean complete() {
        return !whole && position >= Arrays.stream(end).max().orElse(0);
    }

    float[] window(int i) {
        return buffers[i];
    }

    int captured(int i) {
        return filled[i];
    }
}

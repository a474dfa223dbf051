package dev.segue.sonic.audio;

import java.util.List;

/**
 * Turns decoded windows into the beginning, middle and end segments, skipping leading and trailing
 * silence (50 ms blocks below -60 dBFS).
 *
 * <p>Short tracks: when the audible part is shorter than three segments, it is split into three
 * equal, contiguous thirds, so beginning and end still describe how the track starts and stops
 * and never overlap. A track (almost) entirely silent is analysed as it is.
 */
public final class SegmentCutter {

    /** The decoded windows hold less audio than the plan expected: the duration was wrong. */
    public static final class ShortDecodeException extends Exception {
        ShortDecodeException(String message) {
            super(message);
        }
    }

    private static final int BLOCK = AudioDecoder.SAMPLE_RATE / 20;
    private static final double SILENCE_RMS = 1e-3;

    private final int segmentSamples;
    private final int minimumSamples;

    public SegmentCutter(int segmentSamples, int minimumSamples) {
        this.segmentSamples = segmentSamples;
        this.minimumSamples = minimumSamples;
    }

    public List<AudioSegment> cut(DecodedAudio audio) throws DecodeException, ShortDecodeException {
        SegmentPlan plan = audio.plan();
        if (plan.whole()) {
            return cutWhole(audio.windows().getFirst());
        }
        for (float[] w : audio.windows()) {
            if (w.length < minimumSamples) {
                throw new ShortDecodeException("a window decoded only " + w.length + " samples");
            }
        }
        float[] begin = audio.windows().get(0);
        float[] middle = audio.windows().get(1);
        float[] end = audio.windows().get(2);
        int lead = audibleStart(begin);
        if (lead >= begin.length) {
            lead = Math.max(0, begin.length - segmentSamples);
        }
        int beginEnd = Math.min(begin.length, lead + segmentSamples);
        int tail = audibleEnd(end);
        if (tail <= 0) {
            tail = Math.min(end.length, segmentSamples);
        }
        int endStart = Math.max(0, tail - segmentSamples);
        return List.of(
                segment(SegmentPlan.BEGINNING, begin, lead, beginEnd, plan.windows().get(0)),
                segment(SegmentPlan.MIDDLE, middle, 0, middle.length, plan.windows().get(1)),
                segment(SegmentPlan.END, end, endStart, tail, plan.windows().get(2)));
    }

    /**
     * True when the silence outlasts the search the plan allowed for it: the sound starts too late in
     * the first window for a whole segment to follow (or never does), or ends too early in the last
     * one. {@link #cut} then gives a shortened or a silent beginning/end segment.
     */
    public boolean silenceOutlastsSearch(DecodedAudio audio) {
        if (audio.plan().whole()) {
            return false;
        }
        float[] begin = audio.windows().getFirst();
        float[] end = audio.windows().getLast();
        return audibleStart(begin) > begin.length - segmentSamples || audibleEnd(end) < segmentSamples;
    }

    private List<AudioSegment> cutWhole(float[] pcm) throws DecodeException {
        if (pcm.length == 0) {
            throw DecodeException.failed("the file contains no audio samples");
        }
        int lead = audibleStart(pcm);
        int tail = audibleEnd(pcm);
        if (tail - lead < minimumSamples) {
            lead = 0;
            tail = pcm.length;
        }
        int length = tail - lead;
        if (length >= 3 * segmentSamples) {
            int middleStart = lead + (length - segmentSamples) / 2;
            return List.of(
                    new AudioSegment(SegmentPlan.BEGINNING, pcm, lead, lead + segmentSamples, ms(lead)),
                    new AudioSegment(SegmentPlan.MIDDLE, pcm, middleStart, middleStart + segmentSamples, ms(middleStart)),
                    new AudioSegment(SegmentPlan.END, pcm, tail - segmentSamples, tail, ms(tail - segmentSamples)));
        }
        int third = length / 3;
        return List.of(
                new AudioSegment(SegmentPlan.BEGINNING, pcm, lead, lead + third, ms(lead)),
                new AudioSegment(SegmentPlan.MIDDLE, pcm, lead + third, lead + 2 * third, ms(lead + third)),
                new AudioSegment(SegmentPlan.END, pcm, lead + 2 * third, tail, ms(lead + 2 * third)));
    }

    private static AudioSegment segment(String name, float[] pcm, int from, int to, SegmentPlan.Window window) {
        return new AudioSegment(name, pcm, from, to, Math.round(window.startSec() * 1000) + ms(from));
    }

    private static long ms(int samples) {
        return Math.round(samples * 1000.0 / AudioDecoder.SAMPLE_RATE);
    }

    /** Start of the first block louder than the silence gate; {@code pcm.length} if there is none. */
    static int audibleStart(float[] pcm) {
        for (int start = 0; start < pcm.length; start += BLOCK) {
            if (loud(pcm, start, Math.min(pcm.length, start + BLOCK))) {
                return start;
            }
        }
        return pcm.length;
    }

    /** End of the last block louder than the silence gate; 0 if there is none. */
    static int audibleEnd(float[] pcm) {
        for (int end = pcm.length; end > 0; end -= BLOCK) {
            if (loud(pcm, Math.max(0, end - BLOCK), end)) {
                return end;
            }
        }
        return 0;
    }

    private static boolean loud(float[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += pcm[i] * pcm[i];
        }
        return to > from && Math.sqrt(sum / (to - from)) >= SILENCE_RMS;
    }
}

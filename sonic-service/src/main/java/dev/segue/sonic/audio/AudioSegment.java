package dev.segue.sonic.audio;

/** One analysed stretch: {@code pcm[from, to)} at 22,050 Hz, starting {@code startMs} into the track. */
public record AudioSegment(String name, float[] pcm, int from, int to, long startMs) {

    public long lengthMs() {
        return Math.round((to - from) * 1000.0 / AudioDecoder.SAMPLE_RATE);
    }
}

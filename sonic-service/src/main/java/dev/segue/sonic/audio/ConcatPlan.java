package dev.segue.sonic.audio;

import static dev.segue.sonic.audio.FfmpegProcess.seconds;

import java.util.List;
import java.util.Set;

/**
 * All windows of several MPEG audio files as entries of one concat list: one input and one decoder, where
 * one input per window costs ffmpeg a reader thread each and a context switch per packet (2.2x the CPU,
 * measured). Each entry gets a time slot one second longer than its window, and the segment muxer cuts the
 * output half a second before each slot starts, so every window lands in its own file with exactly the
 * samples ffmpeg decoded for it (a truncated file still shows as a short window). The decoder is not reset
 * between entries, so the first frames of a window may draw on the previous window's bit reservoir (spikes
 * up to 10x full scale, measured): each window starts a quarter second early and that pre-roll is dropped.
 *
 * @param entries the concat list
 * @param cuts    the segment muxer's {@code -segment_times}; empty for a single window
 * @param windows how many windows, one output file each
 */
record ConcatPlan(String entries, String cuts, int windows) {

    /** MPEG audio layers I–III, decodable back to back by one decoder whatever their rate or channels. */
    private static final Set<String> MPEG_AUDIO = Set.of("mp3", "mp2", "mpga");
    /** Decoded before each concatenated window and dropped: covers the MP3 bit reservoir (≤ 511 bytes). */
    private static final double PREROLL_SECONDS = 0.25;

    /**
     * MPEG audio describes itself in every frame, so files of different rates and channel counts can
     * share one decoder; other codecs (Vorbis, FLAC, AAC) depend on per-file headers and cannot. The
     * concat list cannot hold line breaks.
     */
    static boolean concatenable(AudioDecoder.Job job) {
        String path = job.file().toString();
        return !job.plan().whole() && MPEG_AUDIO.contains(FileExtension.of(job.file()))
                && path.indexOf('\n') < 0 && path.indexOf('\r') < 0;
    }

    static ConcatPlan of(List<AudioDecoder.Job> jobs) {
        StringBuilder entries = new StringBuilder();
        StringBuilder cuts = new StringBuilder();
        double slotStart = 0;
        int windows = 0;
        for (AudioDecoder.Job job : jobs) {
            String quoted = job.file().toAbsolutePath().toString().replace("'", "'\\''");
            for (SegmentPlan.Window w : job.plan().windows()) {
                double preroll = preroll(w);
                entries.append("file 'file:").append(quoted).append("'\n")
                        .append("inpoint ").append(seconds(w.startSec() - preroll)).append('\n')
                        .append("outpoint ").append(seconds(w.startSec() + w.lengthSec())).append('\n')
                        .append("duration ").append(seconds(preroll + w.lengthSec() + 1)).append('\n');
                if (windows++ > 0) {
                    cuts.append(cuts.isEmpty() ? "" : ",").append(seconds(slotStart - 0.5));
                }
                slotStart += preroll + w.lengthSec() + 1;
            }
        }
        return new ConcatPlan(entries.toString(), cuts.toString(), windows);
    }

    /** The samples at the start of a window's output that are pre-roll, to be dropped. */
    static int skip(SegmentPlan.Window w) {
        return (int) Math.round(preroll(w) * AudioDecoder.SAMPLE_RATE);
    }

    /** Whether a window's output is longer than its slot allows: the outputs do not match the windows. */
    static boolean overlong(SegmentPlan.Window w, long bytes) {
        return bytes > (preroll(w) + w.lengthSec() + 0.5) * AudioDecoder.SAMPLE_RATE * Float.BYTES;
    }

    /** A file's first frame needs no pre-roll: it cannot refer to earlier data. */
    private static double preroll(SegmentPlan.Window w) {
        return Math.min(PREROLL_SECONDS, w.startSec());
    }
}

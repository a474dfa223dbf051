package dev.segue.library.scan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Files a scan passes over by extension, and why, in words a person understands. */
public record SkippedFiles(String extension, int count, String reason) {

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry(".xm", "no decoder for tracker modules"), Map.entry(".mod", "no decoder for tracker modules"),
            Map.entry(".it", "no decoder for tracker modules"), Map.entry(".s3m", "no decoder for tracker modules"),
            Map.entry(".mid", "MIDI files hold notes, not audio"), Map.entry(".midi", "MIDI files hold notes, not audio"),
            Map.entry(".jpg", "image (cover art is not a track)"), Map.entry(".jpeg", "image (cover art is not a track)"),
            Map.entry(".png", "image (cover art is not a track)"), Map.entry(".gif", "image (cover art is not a track)"),
            Map.entry(".bmp", "image (cover art is not a track)"), Map.entry(".webp", "image (cover art is not a track)"),
            Map.entry(".txt", "text file"), Map.entry(".nfo", "text file"), Map.entry(".log", "rip log"),
            Map.entry(".cue", "cue sheet (the tracks are read from the audio file it describes)"),
            Map.entry(".m3u", "playlist"), Map.entry(".m3u8", "playlist"), Map.entry(".pls", "playlist"),
            Map.entry(".pdf", "document"), Map.entry(".sfv", "checksum file"), Map.entry(".md5", "checksum file"),
            Map.entry(".accurip", "rip log"), Map.entry(".db", "not audio"), Map.entry(".ini", "not audio"),
            Map.entry(".mkv", "video file"), Map.entry(".avi", "video file"), Map.entry(".mov", "video file"),
            Map.entry(".ra", "no decoder for RealAudio"), Map.entry(".rm", "no decoder for RealAudio"),
            Map.entry(".shn", "no decoder for Shorten"), Map.entry(".amr", "speech codec, not music"));

    /** The reason shown for an extension Segue does not read. */
    static String reason(String extension) {
        return REASONS.getOrDefault(extension, extension.isEmpty() ? "no extension, so not known to be audio" : "not an audio format Segue reads");
    }

    /** The counts as the run view lists them: most frequent first. */
    public static List<SkippedFiles> of(String[] extensions, Integer[] counts) {
        return java.util.stream.IntStream.range(0, Math.min(extensions.length, counts.length))
                .mapToObj(i -> new SkippedFiles(extensions[i], counts[i], reason(extensions[i])))
                .sorted(Comparator.comparingInt(SkippedFiles::count).reversed().thenComparing(SkippedFiles::extension))
                .toList();
    }
}

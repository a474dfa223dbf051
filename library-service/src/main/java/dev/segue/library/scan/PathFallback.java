package dev.segue.library.scan;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a path says when tags are empty: {@code Artist/Album/NN Title.ext}, with an optional
 * {@code CD1}/{@code Disc 2} folder between album and file. Never looks above the library root.
 */
final class PathFallback {

    static final String UNKNOWN_ARTIST = "Unknown Artist";

    /** Fields guessed from the path; artist and title are always present. */
    record Guess(String artist, String album, Integer discNo, Integer trackNo, String title) {
    }

    private static final Pattern NUMBERED = Pattern.compile("^(?:(\\d{1,2})[-.])?(\\d{1,3})(?:\\s*[-._]\\s*|\\s+)(.+)$");
    private static final Pattern DISC_FOLDER = Pattern.compile("^(?i:cd|disc|disk)\\s*(\\d{1,3})$");

    private PathFallback() {
    }

    static Guess guess(Path root, Path file) {
        Path relative = root.relativize(file);
        int depth = relative.getNameCount();
        String fileName = relative.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;

        Integer trackNo = null;
        Integer discNo = null;
        String title = stem;
        var numbered = NUMBERED.matcher(stem);
        if (numbered.matches()) {
            discNo = numbered.group(1) == null ? null : TagValues.number(numbered.group(1), 999);
            trackNo = TagValues.number(numbered.group(2), 9999);
            title = numbered.group(3);
        }

        int albumIndex = depth - 2;
        if (albumIndex >= 0) {
            var disc = DISC_FOLDER.matcher(relative.getName(albumIndex).toString());
            if (disc.matches()) {
                discNo = discNo != null ? discNo : TagValues.number(disc.group(1), 999);
                albumIndex--;
            }
        }
        String album = albumIndex >= 0 ? TagValues.text(relative.getName(albumIndex).toString()) : null;
        String artist = albumIndex >= 1 ? TagValues.text(relative.getName(albumIndex - 1).toString()) : null;
        String cleanTitle = TagValues.text(title.replace('_', ' '));
        return new Guess(artist != null ? artist : UNKNOWN_ARTIST, album, discNo, trackNo,
                cleanTitle != null ? cleanTitle : "Untitled");
    }
}

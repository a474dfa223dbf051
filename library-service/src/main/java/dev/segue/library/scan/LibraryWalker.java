package dev.segue.library.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a library root following symbolic links. Nothing it meets stops the walk: loops, broken
 * links, unreadable folders and names that are not valid UTF-8 become {@link Problem}s, and folders
 * it could not read are reported so the tracks under them are not taken for missing.
 */
public final class LibraryWalker {

    /** What sonic-service's ffmpeg decoder accepts, so that every file it can analyse is indexed. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "mp2", "flac", "ogg", "oga", "opus", "spx", "m4a", "m4b", "mp4", "aac",
            "wav", "wave", "aif", "aiff", "aifc", "wma", "ape", "wv", "mpc", "alac", "dsf", "dff", "tta", "ac3", "dts", "mka", "caf",
            "au", "snd");

    public record Problem(String path, String reason) {
    }

    /** {@code skipped}: regular files with no extension Segue reads, by extension ({@code ".xm"}, {@code ""} for none). */
    public record Result(List<DiscoveredFile> files, List<Problem> problems, List<Path> unreadable, Map<String, Integer> skipped) {
    }

    private LibraryWalker() {
    }

    public static Result walk(Path root) throws IOException {
        List<DiscoveredFile> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Set<Object> seenFiles = new HashSet<>();
        Map<String, Integer> skipped = new TreeMap<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    // following links, the walk only reports a link itself when its target is gone
                    problems.add(new Problem(file.toString(), "broken symbolic link: its target does not exist"));
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile() || hidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                String format = extension(file);
                if (format == null || !AUDIO_EXTENSIONS.contains(format)) {
                    skipped.merge(format == null ? "" : "." + format, 1, Integer::sum);
                    return FileVisitResult.CONTINUE;
                }
                // the same file reached through two symbolic links is one track
                Object key = attrs.fileKey();
                if (key != null && !seenFiles.add(key)) {
                    return FileVisitResult.CONTINUE;
                }
                String text = file.toString();
                if (text.indexOf('\uFFFD') >= 0) {
                    problems.add(new Problem(text, "file name is not valid UTF-8; rename it so players and Segue can address it"));
                    return FileVisitResult.CONTINUE;
                }
                files.add(new DiscoveredFile(file, text, attrs.size(),
                        attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS), format));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String reason;
                if (e instanceof FileSystemLoopException) {
                    reason = "symbolic link loop: this folder links back to one of its parents, not followed";
                } else if (e instanceof NoSuchFileException) {
                    reason = "broken symbolic link or vanished while scanning";
                } else if (e instanceof AccessDeniedException) {
                    reason = "permission denied";
                    unreadable.add(file);
                } else {
                    reason = Reasons.io(e);
                    unreadable.add(file);
                }
                problems.add(new Problem(file.toString(), reason));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    problems.add(new Problem(dir.toString(), "folder could not be listed completely: " + Reasons.io(e)));
                    unreadable.add(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Result(files, problems, unreadable, skipped);
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

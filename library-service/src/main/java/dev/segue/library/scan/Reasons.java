package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * Plain-language reasons for a file that could not be read, made from an exception without ever quoting
 * its message: a parser's message ({@code java.lang.IllegalArgumentException: provided GUID...},
 * {@code "this.noOfChannels" is null}) says nothing to the person who owns the file, and may carry a
 * path or a class name. Each reason says what is wrong with the file, or that the system could not read it.
 */
public final class Reasons {

    private Reasons() {
    }

    private static final String DISAPPEARED = "the file disappeared while it was being read";
    private static final String DENIED = "permission denied: the service's user cannot read this file";
    private static final String FOLDER = "a folder, not a file";
    private static final String DISK = "the disk reported a read error for this file";
    private static final Set<String> NOT_THE_CONTENT = Set.of(DISAPPEARED, DENIED, FOLDER, DISK);

    /** Why a file could not be read from the disk. */
    public static String io(IOException e) {
        if (e instanceof NoSuchFileException) {
            return DISAPPEARED;
        }
        if (e instanceof AccessDeniedException) {
            return DENIED;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().equals("Is a directory")) {
            return FOLDER;
        }
        return DISK;
    }

    /**
     * Whether a reader's refusal is about the file's bytes, so the same bytes would be refused again; a permission or
     * a disk error is not: fixing it (chmod, a remount) changes neither the file's size nor its modification time.
     */
    static boolean aboutTheContent(String refusal) {
        return !NOT_THE_CONTENT.contains(refusal);
    }

    /**
     * Why a parser's read failed with an {@link IOException}. jaudiotagger throws plain IOExceptions for files that end
     * before their structures do ("Unable to read required number of databytes"), which are the file's fault, not the
     * disk's: the file is read once more here, and only when that fails too is the disk named.
     */
    static String parserIo(IOException e, Path file, String format) {
        if (e instanceof FileSystemException) {
            return io(e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buffer) > 0) {
                buffer.clear();
            }
        } catch (IOException disk) {
            return io(disk);
        }
        return "not a readable " + label(format) + " file: its structures run past the end of the file (truncated or damaged)";
    }

    /** A read that failed in a way no file should make it fail: the scan records it and goes on. */
    static String unexpected(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "unexpected failure reading this file: it needed more memory than the service has (its headers are probably implausible)";
        }
        if (e instanceof StackOverflowError) {
            return "unexpected failure reading this file: its structures nest too deeply to follow";
        }
        return "unexpected failure reading this file: a bug in Segue's reader (the service log has the details; please report it with the file)";
    }

    /** Why a parser refused the file's contents: its headers are not what the format requires. */
    static String unparsable(String format) {
        return "not a readable " + label(format) + " file: its headers could not be parsed (damaged, or not really " + label(format) + ")";
    }

    /** The file's format as people name it ("MP4", "AIFF", "WMA"). */
    static String label(String format) {
        return switch (format) {
            case "m4a", "m4b", "mp4" -> "MP4";
            case "aif", "aiff", "aifc" -> "AIFF";
            case "oga", "ogg", "opus", "spx" -> "Ogg";
            default -> format.toUpperCase(Locale.ROOT);
        };
    }
}

package dev.segue.sonic.audio;

import java.nio.file.Path;
import java.util.Locale;

/** A file name's extension, lower case: which decoder path a file takes, and how its failure reads. */
final class FileExtension {

    private FileExtension() {
    }

    static String of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

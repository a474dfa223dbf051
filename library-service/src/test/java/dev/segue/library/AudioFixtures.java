package dev.segue.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/**
 * Real audio files for tests: copies of the committed 1 s tones (see
 * src/test/resources/audio/generate-fixtures.sh), each with a distinct payload, tagged with jaudiotagger.
 */
public final class AudioFixtures {

    static {
        Logger.getLogger("org.jaudiotagger").setLevel(Level.OFF);
    }

    /**
     * What a scan error's reason or a length note must never contain: a Java class name, an exception's
     * {@code toString()}, a NullPointerException's quoted field, a stack frame or an object's identity hash.
     */
    public static final Pattern RAW_EXCEPTION_TEXT = Pattern.compile(
            "\\b(java|javax|jdk|sun|org|com)\\.[a-z]+\\.|[A-Za-z]+(Exception|Error)\\b|\"this\\.|\\bnull\\b|\\bat [a-z]+\\.|\\$\\d|@[0-9a-f]{6,}");

    private AudioFixtures() {
    }

    /** A copy of the {@code format} tone at {@code target} whose audio payload differs from every other copy. */
    public static Path audio(String format, Path target) {
        try (InputStream in = AudioFixtures.class.getResourceAsStream("/audio/tone." + format)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            changePayload(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites 8 bytes near the end, inside the audio data of every fixture format (no trailing tags yet). */
    public static void changePayload(Path file) throws IOException {
        byte[] noise = new byte[8];
        ThreadLocalRandom.current().nextBytes(noise);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 64);
            raf.write(noise);
        }
    }

    public static Path tagged(String format, Path target, Map<FieldKey, String> fields) {
        audio(format, target);
        tag(target, fields);
        return target;
    }

    public static void tag(Path file, Map<FieldKey, String> fields) {
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            Tag tag = audio.getTagOrCreateAndSetDefault();
            for (var field : fields.entrySet()) {
                tag.setField(field.getKey(), field.getValue());
            }
            audio.commit();
        } catch (Exception e) {
            throw new IllegalStateException("Could not tag " + file + ": " + e, e);
        }
    }
}

package dev.segue.library.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The backup directory: names dumps {@code <database>-v<from-version>-<UTC timestamp>.dump}, writes them
 * readable by the service user only (they hold the whole library's metadata), keeps the newest
 * {@code retain} per database.
 */
public final class BackupStore {

    private static final Logger LOG = Logger.getLogger(BackupStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(.+)-v([0-9][0-9._]*)-(\\d{8}T\\d{6}Z)\\.dump");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final int retain;

    public BackupStore(Path directory, int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("At least the new backup must be kept: retain must be 1 or more, got " + retain);
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.retain = retain;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes a new dump through {@code writer} (which fills the path it is given) and returns it once
     * complete. A failed or interrupted dump leaves no file that looks like a backup.
     */
    public BackupFile write(String database, String fromVersion, Instant now, Consumer<Path> writer) {
        String name = safe(database) + "-v" + fromVersion + "-" + STAMP.format(now) + ".dump";
        Path target = directory.resolve(name);
        Path partial = directory.resolve(name + ".partial");
        try {
            createDirectory();
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.deleteIfExists(partial);
            // created 0600 before pg_dump opens it: the data is never readable by others, not even briefly
            Files.createFile(partial, ownerOnly(OWNER_ONLY_FILE));
            writer.accept(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new BackupException("Could not write a backup to " + directory + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        prune(database);
        return describe(target).orElseThrow();
    }

    /** The newest dump of {@code database}, if any. */
    public Optional<BackupFile> latest(String database) {
        return backups(database).stream().findFirst();
    }

    /** Dumps of {@code database}, newest first. */
    public List<BackupFile> backups(String database) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(BackupStore::describe).flatMap(Optional::stream)
                    .filter(b -> b.database().equals(safe(database)))
                    .sorted(Comparator.comparing(BackupFile::takenAt).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the backup directory " + directory, e);
        }
    }

    private void prune(String database) {
        List<BackupFile> all = backups(database);
        for (BackupFile old : all.subList(Math.min(retain, all.size()), all.size())) {
            try {
                Files.deleteIfExists(Path.of(old.path()));
                LOG.infof("Deleted the old backup %s (keeping the newest %d)", old.path(), retain);
            } catch (IOException e) {
                LOG.warnf("Could not delete the old backup %s: %s", old.path(), e.getMessage());
            }
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIR));
        }
    }

    private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static Optional<BackupFile> describe(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Instant takenAt = STAMP.parse(m.group(3), Instant::from);
            return Optional.of(new BackupFile(file.toString(), m.group(1), m.group(2), Files.size(file), takenAt));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Database names become file names: anything but letters, digits, '_' and '.' turns into '_'. */
    private static String safe(String database) {
        return database.replaceAll("[^A-Za-z0-9_.]", "_");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the incomplete backup %s: %s", file, e.getMessage());
        }
    }
}

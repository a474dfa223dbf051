package dev.segue.library.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:15:39Z");

    @TempDir
    Path temp;

    @Test
    void keepsTheNewestBackupsOfEachDatabaseOnly() {
        BackupStore store = new BackupStore(temp.resolve("backups"), 2);
        store.write("other", "1", T0, BackupStoreTest::fill);
        for (int i = 0; i < 4; i++) {
            store.write("segue", String.valueOf(i + 1), T0.plusSeconds(60L * i), BackupStoreTest::fill);
        }
        assertThat(store.backups("segue")).extracting(BackupFile::fromVersion).containsExactly("4", "3");
        assertThat(store.latest("segue").orElseThrow().path()).endsWith("segue-v4-20261125T031839Z.dump");
        assertThat(store.backups("other")).hasSize(1);
    }

    @Test
    void aBackupIsReadableByItsOwnerOnlyAndDescribesItself() throws IOException {
        BackupStore store = new BackupStore(temp.resolve("new/backups"), 5);
        BackupFile backup = store.write("my-db", "3", T0, BackupStoreTest::fill);
        Path file = Path.of(backup.path());
        assertThat(file.getFileName()).hasToString("my_db-v3-20261125T031539Z.dump");
        assertThat(backup).extracting(BackupFile::database, BackupFile::fromVersion, BackupFile::sizeBytes, BackupFile::takenAt)
                .containsExactly("my_db", "3", 5L, T0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(store.latest("my-db")).contains(backup);
    }

    @Test
    void aFailedDumpLeavesNothingThatLooksLikeABackup() throws IOException {
        BackupStore store = new BackupStore(temp, 5);
        assertThatThrownBy(() -> store.write("segue", "2", T0, file -> {
            fill(file);
            throw new BackupException("pg_dump failed: exit code 1");
        })).hasMessageContaining("exit code 1");
        assertThat(store.backups("segue")).isEmpty();
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    private static void fill(Path file) {
        try {
            Files.writeString(file, "dump!");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

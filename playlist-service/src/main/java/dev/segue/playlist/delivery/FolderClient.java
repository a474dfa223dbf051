package dev.segue.playlist.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A playlist folder (Navidrome, Jellyfin, Lyrion and MPD import these): one {@code .m3u8} per playlist, written
 * to a temporary file and renamed over the old one, so a player never reads half a playlist. The "ids" are the
 * tracks' mapped paths; the remote id is the file name.
 */
@ApplicationScoped
class FolderClient implements TargetClient {

    @Override
    public Kind kind() {
        return Kind.FOLDER;
    }

    @Override
    public void probe(Target target, String secret) {
        Path dir = directory(target);
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw Refused.answer(target, "directory " + dir + " does not exist or is not writable");
        }
    }

    @Override
    public List<RemoteTrack> catalogue(Target target, String secret) {
        return List.of();
    }

    @Override
    public boolean exists(Target target, String secret, String remoteId) {
        return Files.isRegularFile(directory(target).resolve(remoteId));
    }

    @Override
    public String create(Target target, String secret, String name, List<String> ids) {
        probe(target, secret);
        String base = name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_").strip();
        if (base.isEmpty() || base.startsWith(".")) {
            base = "playlist" + base;
        }
        String file = base + ".m3u8";
        for (int n = 2; Files.exists(directory(target).resolve(file)); n++) {
            file = base + " (" + n + ").m3u8";
        }
        write(target, file, ids);
        return file;
    }

    @Override
    public void replace(Target target, String secret, String remoteId, String name, List<String> ids) {
        write(target, remoteId, ids);
    }

    private static Path directory(Target target) {
        return Path.of(target.directory());
    }

    private static void write(Target target, String file, List<String> paths) {
        Path dir = directory(target);
        StringBuilder out = new StringBuilder("#EXTM3U\n");
        paths.forEach(p -> out.append(p).append('\n'));
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".segue-", ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw Refused.answer(target, "could not write " + dir.resolve(file) + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that failure is the one to report
            }
        }
    }
}

package dev.segue.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real encoded, tagged audio files made with ffmpeg: each album has its own sound (a tempo and a
 * pitch range), so similarity has something to find.
 */
final class FixtureLibrary {

    record Album(String artist, String title, String genre, String format, int bpm, int baseHz, int tracks) {
    }

    private FixtureLibrary() {
    }

    static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes {@code root/Artist/Album/NN Title.ext} for every track and returns the files; one ffmpeg per
     * core at a time (each encodes on one thread).
     */
    static List<Path> write(Path root, List<Album> albums, int seconds) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<Callable<Void>> encodes = new ArrayList<>();
        for (Album album : albums) {
            Path dir = Files.createDirectories(root.resolve(album.artist()).resolve(album.title()));
            for (int n = 1; n <= album.tracks(); n++) {
                String title = album.title().split(" ")[0] + " Piece " + n;
                Path file = dir.resolve(String.format(Locale.ROOT, "%02d %s.%s", n, title, album.format()));
                int number = n;
                encodes.add(() -> {
                    encode(file, album, number, title, seconds);
                    return null;
                });
                files.add(file);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            for (Future<Void> encoded : pool.invokeAll(encodes)) {
                encoded.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return files;
    }

    private static void encode(Path file, Album album, int n, String title, int seconds) throws IOException, InterruptedException {
        double beat = 60.0 / (album.bpm() + n);
        int hz = album.baseHz() + 37 * n;
        // a pitched tone gated on every beat, over a quiet second partial: rhythm and pitch both differ per album
        String signal = String.format(Locale.ROOT,
                "aevalsrc='0.6*sin(2*PI*%d*t)*exp(-12*mod(t,%.4f))+0.15*sin(2*PI*%d*t)':s=44100:d=%d",
                hz, beat, hz * 3 / 2, seconds);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", signal,
                "-ac", "2",
                "-metadata", "artist=" + album.artist(),
                "-metadata", "album_artist=" + album.artist(),
                "-metadata", "album=" + album.title(),
                "-metadata", "title=" + title,
                "-metadata", "track=" + n + "/" + album.tracks(),
                "-metadata", "genre=" + album.genre(),
                "-metadata", "date=2024"));
        switch (album.format()) {
            case "mp3" -> command.addAll(List.of("-c:a", "libmp3lame", "-b:a", "128k", "-id3v2_version", "3"));
            case "ogg" -> command.addAll(List.of("-c:a", "libvorbis", "-q:a", "3"));
            case "flac" -> command.addAll(List.of("-c:a", "flac"));
            default -> throw new IllegalArgumentException(album.format());
        }
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not write " + file + ": " + output);
        }
    }
}

package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** Shell scripts that stand in for ffmpeg or ffprobe, and a look at the processes they leave. */
public final class FakeExecutables {

    private FakeExecutables() {
    }

    /** An executable {@code /bin/sh} script with {@code body}. */
    public static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /**
     * Script lines that record the shell's pid and that of a child in {@code pids}, then wait for the
     * child, which sleeps far longer than any test: a hung decoder with a process of its own.
     */
    public static String hang(Path pids) {
        return "echo $$ >> '" + pids + "'; sleep 300 & echo $! >> '" + pids + "'; wait\n";
    }

    public static List<Long> recordedPids(Path pids) throws IOException {
        return Files.readAllLines(pids).stream().map(String::trim).map(Long::valueOf).toList();
    }

    /** The recorded processes still running once {@code grace} has passed (a killed one takes a moment to go). */
    public static List<Long> stillRunning(Path pids, Duration grace) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Long> running = recordedPids(pids).stream().filter(FakeExecutables::running).toList();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            running = running.stream().filter(FakeExecutables::running).toList();
        }
        return running;
    }

    /** Alive and not a zombie: an orphan's zombie may linger where nobody reaps it (a container's pid 1). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

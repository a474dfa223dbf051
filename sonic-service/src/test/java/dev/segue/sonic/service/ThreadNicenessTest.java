package dev.segue.sonic.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadNicenessTest {

    @Test
    void onlyTheCallingThreadAndTheProcessesItStartsYield() throws Exception {
        int before = nice(Files.readString(Path.of("/proc/thread-self/stat")));
        AtomicReference<String> worker = new AtomicReference<>();
        AtomicReference<String> child = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                assertThat(ThreadNiceness.lowerCurrentThread(before + 7)).isTrue();
                worker.set(Files.readString(Path.of("/proc/thread-self/stat")));
                Process p = new ProcessBuilder("cat", "/proc/self/stat").start();
                child.set(new String(p.getInputStream().readAllBytes()));
                p.waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();

        assertThat(nice(worker.get())).isEqualTo(before + 7);
        assertThat(nice(child.get())).isEqualTo(before + 7);
        assertThat(nice(Files.readString(Path.of("/proc/thread-self/stat")))).isEqualTo(before);
        assertThat(ThreadNiceness.lowerCurrentThread(0)).isFalse();
    }

    /** Field 19 of /proc/.../stat; the command name (field 2) may contain spaces. */
    private static int nice(String stat) {
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}

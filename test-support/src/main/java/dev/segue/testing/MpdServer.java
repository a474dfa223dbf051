package dev.segue.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MPD (Debian's {@code mpd}, never the system daemon) on a free port of 127.0.0.1, with the given music
 * and playlist directories and a password that grants everything; its database is built before {@link #start}
 * returns. JDK only, so the e2e module can use it without the rest of test-support.
 */
public final class MpdServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String password;
    private final Path log;

    private MpdServer(Process process, int port, String password, Path log) {
        this.process = process;
        this.port = port;
        this.password = password;
        this.log = log;
    }

    /** Starts MPD; {@code work} holds its configuration, database and log. */
    public static MpdServer start(Path music, Path playlists, Path work, String password) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(work);
        Path conf = work.resolve("mpd.conf");
        Files.writeString(conf, """
                music_directory "%s"
                playlist_directory "%s"
                db_file "%s"
                bind_to_address "127.0.0.1"
                port "%d"
                password "%s@read,add,control,admin"
                zeroconf_enabled "no"
                audio_output {
                  type "null"
                  name "null"
                }
                """.formatted(music, playlists, work.resolve("mpd.db"), port, password));
        Path log = work.resolve("mpd.log");
        Process process = new ProcessBuilder("mpd", "--no-daemon", "--stderr", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MpdServer mpd = new MpdServer(process, port, password, log);
        try {
            mpd.update();
        } catch (RuntimeException e) {
            mpd.close();
            throw e;
        }
        return mpd;
    }

    public int port() {
        return port;
    }

    /** Sends commands (after the password) and returns the answer lines of the last one; an {@code ACK} throws. */
    public List<String> send(String... commands) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            List<String> lines = new ArrayList<>();
            List<String> all = new ArrayList<>(List.of("password \"" + password + "\""));
            all.addAll(List.of(commands));
            for (String c : all) {
                lines = new ArrayList<>();
                out.write((c + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (String line = in.readLine(); line != null && !line.equals("OK"); line = in.readLine()) {
                    if (line.startsWith("ACK")) {
                        throw new IllegalStateException(line);
                    }
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the stored playlists. */
    public List<String> playlists() {
        return send("listplaylists").stream().filter(l -> l.startsWith("playlist: ")).map(l -> l.substring("playlist: ".length())).toList();
    }

    /** The files of a stored playlist, in order. */
    public List<String> playlist(String name) {
        return send("listplaylist \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").stream()
                .map(l -> l.substring("file: ".length())).toList();
    }

    /** Rescans the music directory and waits until MPD has finished (a fresh MPD first has to come up). */
    public void update() {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                send("update");
                break;
            } catch (IllegalStateException notYet) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("MPD did not start: see " + log, notYet);
                }
                pause();
            }
        }
        while (send("status").stream().anyMatch(l -> l.startsWith("updating_db"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("MPD did not finish its database update: see " + log);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}

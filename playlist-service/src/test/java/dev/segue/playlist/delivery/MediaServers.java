package dev.segue.playlist.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.segue.testing.MpdServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The servers of the delivery tests: a real MPD (Debian's {@code mpd}) on a free port with a temporary music
 * directory of real FLAC files and a temporary playlist directory, a WireMock standing in for Plex, Jellyfin and Subsonic, and a
 * playlist folder. The secrets reach playlist-service as configuration, as the environment would.
 */
public class MediaServers implements QuarkusTestResourceLifecycleManager {

    static final String MPD_SECRET = "mpd-pass-7f3e";
    static final String PLEX_SECRET = "plex-token-91ab";
    static final String JELLYFIN_SECRET = "jf-key-5c2d";
    static final String SUBSONIC_SECRET = "sub-pass-e4a9";
    /** The library folder in MPD's music directory; Segue sees it as {@code /music/<tag>/...}. */
    static final String TAG = "lib-" + UUID.randomUUID().toString().substring(0, 8);
    /** Files in MPD's music directory: name, artist, title, seconds. */
    static final List<String[]> FILES = List.of(
            new String[] {"one.flac", "Ada", "First Light", "3"},
            new String[] {"two.flac", "Ada", "Second Wind", "4"},
            new String[] {"three.flac", "Bea", "Third Rail", "5"},
            new String[] {"tagged.flac", "Cyd", "Found By Tags", "3"});

    static Path root;
    static Path mpdPlaylists;
    static Path folder;
    static int mpdPort;
    static WireMockServer http;
    private static MpdServer mpdServer;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("segue-delivery");
            Path music = Files.createDirectories(root.resolve("music").resolve(TAG));
            mpdPlaylists = Files.createDirectories(root.resolve("playlists"));
            folder = Files.createDirectories(root.resolve("folder"));
            for (String[] f : FILES) {
                run("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=" + f[3], "-metadata", "artist=" + f[1],
                        "-metadata", "title=" + f[2], music.resolve(f[0]).toString());
            }
            mpdServer = MpdServer.start(root.resolve("music"), mpdPlaylists, root.resolve("mpd"), MPD_SECRET);
            mpdPort = mpdServer.port();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start MPD", e);
        }
        http = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        http.start();
        return Map.of("SEGUE_TARGET_MPD_SECRET", MPD_SECRET, "SEGUE_TARGET_PLEX_SECRET", PLEX_SECRET,
                "SEGUE_TARGET_JELLYFIN_SECRET", JELLYFIN_SECRET, "SEGUE_TARGET_SUBSONIC_SECRET", SUBSONIC_SECRET);
    }

    /** Sends commands (after the password) and returns the answer lines of the last one. */
    static List<String> mpd(String... commands) {
        return mpdServer.send(commands);
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void stop() {
        if (mpdServer != null) {
            mpdServer.close();
            mpdServer = null;
        }
        if (http != null) {
            http.stop();
            http = null;
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}

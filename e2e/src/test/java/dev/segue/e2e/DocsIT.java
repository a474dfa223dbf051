package dev.segue.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The commands of README.md ("Use it") and docs/api.md (every {@code sh} block) as a newcomer runs them:
 * read from the markdown, so the test fails when the docs drift; run by bash with {@code set -e} on a
 * fresh stack over a messy library (tagged and untagged files, broken files, files Segue does not read)
 * and no internet (MusicBrainz on a {@code .invalid} host, no Last.fm key). The only changes to the text:
 * the stack's free ports for 8081–8084 and the checkout's path for {@code bin/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocsIT {

    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
    private static final Pattern PORT = Pattern.compile("localhost:(808[1-4])");
    private static final int SECONDS = 30;

    private final Path home = Path.of(System.getProperty("segue.home", "..")).toAbsolutePath().normalize();
    private Path work;
    private LocalStack stack;

    @BeforeAll
    void startStack() throws Exception {
        assumeThat(FixtureLibrary.ffmpegAvailable()).as("ffmpeg encodes the fixture library").isTrue();
        Map<String, String> env = Map.of(
                "QUARKUS_REST_CLIENT_MUSICBRAINZ_URL", "http://musicbrainz.invalid",
                "QUARKUS_REST_CLIENT_LASTFM_URL", "http://lastfm.invalid",
                // the commands wait for the analysis of the library: two workers share it on two cores
                "SEGUE_SONIC_WORKERS", "2");
        E2eStack e2e = E2eStack.shared(new E2eStack.Spec("docs", env, false, (music, apis) -> messyLibrary(music)));
        stack = e2e.stack();
        work = e2e.work();
    }

    /** Tagged albums in three formats, untagged files, broken and empty files, and files Segue does not read. */
    private static void messyLibrary(Path music) throws IOException, InterruptedException {
        List<FixtureLibrary.Album> albums = new ArrayList<>();
        String[] formats = {"mp3", "flac", "ogg"};
        for (int i = 0; i < 11; i++) {
            albums.add(new FixtureLibrary.Album("Artist " + (char) ('A' + i), "Album " + (char) ('A' + i), i % 2 == 0 ? "Jazz" : "Electronic",
                    formats[i % 3], 80 + 9 * i, 180 + 23 * i, 3));
        }
        albums.add(new FixtureLibrary.Album("Miles Davis", "So What", "Jazz", "flac", 136, 220, 1));
        FixtureLibrary.write(music, albums, SECONDS);
        Files.move(music.resolve("Miles Davis/So What/01 So Piece 1.flac"), music.resolve("Miles Davis/So What/01 So What.flac"));
        retitle(music.resolve("Miles Davis/So What/01 So What.flac"), "So What");
        Path untagged = Files.createDirectories(music.resolve("downloads"));
        for (int n = 1; n <= 4; n++) {
            untagged(untagged.resolve("track" + n + (n % 2 == 0 ? ".mp3" : ".ogg")), 300 + 41 * n);
        }
        Files.writeString(untagged.resolve("broken.mp3"), "this is not audio");
        Files.write(untagged.resolve("empty.flac"), new byte[0]);
        Files.write(untagged.resolve("chiptune.xm"), "Extended Module: chiptune".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(untagged.resolve("cover.jpg"), "not a picture either");
    }

    /** First: the curl flow names the ids a fresh install gives (scan 1, playlist 1). */
    @Test
    @Order(1)
    void everyCommandOfTheApiDocRunsAsWritten() throws Exception {
        Path dir = Files.createDirectories(work.resolve("api"));
        String output = run(blocks(home.resolve("docs/api.md"), null), dir);
        assertThat(output).contains("HTTP/1.1 202", "HTTP/1.1 201", "http_server_requests_seconds_count")
                .containsPattern("\"status\"\\s*:\\s*\"UP\"");
        assertPlayable(dir.resolve("evening.m3u8"));
    }

    @Test
    @Order(2)
    void theReadmeQuickStartRunsAsWrittenAndEndsWithAPlayableM3u() throws Exception {
        Path dir = Files.createDirectories(work.resolve("readme"));
        String output = run(blocks(home.resolve("README.md"), "## Use it"), dir);
        assertThat(output).contains("could not be read", "broken.mp3", "unreachable");
        assertPlayable(dir.resolve("evening.m3u8"));
    }

    /** The {@code sh} blocks of the file, or of one section of it (up to the next heading of its level). */
    private static String blocks(Path markdown, String section) throws IOException {
        String text = Files.readString(markdown);
        if (section != null) {
            int start = text.indexOf(section + "\n");
            assertThat(start).as(section + " in " + markdown).isNotNegative();
            int end = text.indexOf("\n## ", start + section.length());
            text = text.substring(start, end < 0 ? text.length() : end);
        }
        StringBuilder script = new StringBuilder();
        Matcher block = SH_BLOCK.matcher(text);
        while (block.find()) {
            script.append(block.group(1));
        }
        assertThat(script).as("sh blocks in " + markdown).isNotEmpty();
        return script.toString();
    }

    private String run(String script, Path dir) throws IOException, InterruptedException {
        Matcher port = PORT.matcher(script);
        StringBuilder local = new StringBuilder();
        while (port.find()) {
            int service = Integer.parseInt(port.group(1)) - 8081;
            port.appendReplacement(local, "localhost:" + stack.service(LocalStack.SERVICES.get(service)).port());
        }
        port.appendTail(local);
        // the health loop names the ports bare: for p in 8081 8082 8083 8084
        String text = local.toString().replace("in 8081 8082 8083 8084", "in " + String.join(" ",
                LocalStack.SERVICES.stream().map(s -> String.valueOf(stack.service(s).port())).toList()))
                .replaceAll("(?m)(^|\\s)bin/", "$1" + home + "/bin/");
        Path file = dir.resolve("commands.sh");
        Files.writeString(file, "set -euo pipefail\nset -x\n" + text);
        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).redirectErrorStream(true);
        for (int i = 0; i < LocalStack.SERVICES.size(); i++) {
            String service = LocalStack.SERVICES.get(i).replace("-service", "");
            bash.environment().put("SEGUE_" + service.toUpperCase(java.util.Locale.ROOT) + "_URL",
                    stack.service(LocalStack.SERVICES.get(i)).baseUri().toString());
        }
        Path log = dir.resolve("output.log");
        bash.redirectOutput(log.toFile());
        Process process = bash.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended && process.exitValue() == 0).as("the commands ended well; what they printed:%n%s", output).isTrue();
        return output;
    }

    private static void assertPlayable(Path m3u) throws IOException {
        List<String> lines = Files.readAllLines(m3u);
        assertThat(lines).first().isEqualTo("#EXTM3U");
        List<String> paths = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(paths).hasSizeGreaterThanOrEqualTo(10).allSatisfy(p -> assertThat(Path.of(p)).isRegularFile());
    }

    private static void retitle(Path file, String title) throws IOException, InterruptedException {
        Path copy = file.resolveSibling("retitled.flac");
        ffmpeg("-i", file.toString(), "-map_metadata", "0", "-metadata", "title=" + title, "-c", "copy", copy.toString());
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file without any tag: the scanner names it from its path. */
    private static void untagged(Path file, int hz) throws IOException, InterruptedException {
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=" + hz + ":duration=" + SECONDS + ":sample_rate=44100", "-ac", "2", "-map_metadata", "-1",
                "-c:a", file.toString().endsWith(".mp3") ? "libmp3lame" : "libvorbis", file.toString());
    }

    private static void ffmpeg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg " + String.join(" ", arguments) + ": " + output);
        }
    }
}

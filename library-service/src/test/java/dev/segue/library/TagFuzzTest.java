package dev.segue.library;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.library.config.LibraryConfig;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred deterministic mutations of small tagged files (bit flips and lying size fields in the
 * headers, truncation, shifted bytes, empty files, noise, the wrong format for the extension), scanned
 * through the API: every file must come back as a track or as a scan error, and the service stays up.
 * bench/fuzz/run.sh does the same with thousands of files; {@code -Dsegue.fuzz.seed=N} varies this one.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LibraryTestResource.class, scope = TestResourceScope.GLOBAL)
class TagFuzzTest {

    private static final long SEED = Long.getLong("segue.fuzz.seed", 20261125L);
    private static final int MUTATIONS = 300;
    private static final int HEADER = 4096;
    private static final String[] EXTENSIONS = {"mp3", "flac", "ogg", "opus", "m4a", "wav", "aiff", "wma", "dsf"};

    private record Seed(String extension, byte[] bytes, List<Integer> sizeFields) {
    }

    private record Mutant(String kind, String extension, byte[] bytes) {
    }

    @Inject
    LibraryConfig config;

    @TempDir
    Path seedDir;

    @Test
    void everyMutatedFileBecomesATrackOrAScanErrorAndTheServiceStaysHealthy() throws Exception {
        Path folder = Files.createDirectories(config.roots().get(0).resolve("fuzz-" + UUID.randomUUID().toString().substring(0, 8)));
        List<Seed> seeds = seeds();
        Random random = new Random(SEED);
        Map<String, String> files = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < MUTATIONS; i++) {
            Mutant mutant = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            Path file = folder.resolve("%03d-%s.%s".formatted(i, mutant.kind(), mutant.extension()));
            Files.write(file, mutant.bytes());
            files.put(file.toString(), mutant.kind());
            kinds.merge(mutant.kind(), 1, Integer::sum);
        }

        JsonPath run = Scans.scan(folder);
        assertThat(run.getString("status")).as("scan of %s", kinds).isEqualTo("completed");
        assertThat(run.getInt("total")).isEqualTo(MUTATIONS);

        List<String> notes = new ArrayList<>();
        Set<String> tracks = tracksUnder(folder, notes);
        Map<String, String> errors = errors(run.getLong("id"));
        assertThat(tracks).as("files both indexed and failed").doesNotContainAnyElementsOf(errors.keySet());
        Map<String, String> unaccounted = new LinkedHashMap<>(files);
        unaccounted.keySet().removeAll(tracks);
        unaccounted.keySet().removeAll(errors.keySet());
        assertThat(unaccounted).as("files neither indexed nor recorded as an error (seed %d)", SEED).isEmpty();
        assertThat(tracks.size() + errors.size()).isEqualTo(MUTATIONS);
        assertThat(run.getInt("newTracks") + run.getInt("failed")).isEqualTo(MUTATIONS);
        // the mutations are neither all harmless nor all fatal, or this would test little (ffprobe now rescues
        // some files the Java readers refuse, so fewer end as errors than before it)
        assertThat(tracks).hasSizeGreaterThan(MUTATIONS / 5);
        assertThat(errors).hasSizeGreaterThan(MUTATIONS / 10);
        assertThat(errors.values()).allSatisfy(reason -> assertThat(reason).isNotBlank().doesNotContain("unexpected failure")
                .doesNotContainPattern(AudioFixtures.RAW_EXCEPTION_TEXT));
        assertThat(notes).as("length notes").allSatisfy(note -> assertThat(note).doesNotContainPattern(AudioFixtures.RAW_EXCEPTION_TEXT));

        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(Scans.scan(folder).getInt("unchanged")).as("a rescan reads nothing again").isEqualTo(tracks.size());
    }

    /** The committed 1 s tones, tagged the way real files are (ID3v2 + ID3v1, Vorbis comments, MP4 atoms, RIFF INFO). */
    private List<Seed> seeds() throws Exception {
        Map<FieldKey, String> tags = Map.of(FieldKey.TITLE, "Fuzz Title", FieldKey.ARTIST, "Fuzz Artist", FieldKey.ALBUM, "Fuzz Album",
                FieldKey.TRACK, "3", FieldKey.YEAR, "1999", FieldKey.GENRE, "Rock; Jazz",
                FieldKey.MUSICBRAINZ_TRACK_ID, "f5a8a3a0-3c1e-4c0a-9a43-9d9a1c2b9e10");
        List<Seed> seeds = new ArrayList<>();
        for (String format : List.of("mp3", "flac", "ogg", "m4a", "wav")) {
            Map<FieldKey, String> fields = format.equals("wav") ? Map.of(FieldKey.TITLE, "Fuzz Title", FieldKey.ARTIST, "Fuzz Artist") : tags;
            seeds.add(seed(format, Files.readAllBytes(AudioFixtures.tagged(format, seedDir.resolve("seed." + format), fields))));
        }
        try (InputStream opus = getClass().getResourceAsStream("/audio/tagged.opus")) {
            seeds.add(seed("opus", opus.readAllBytes()));
        }
        return seeds;
    }

    /** Size fields: the 4 bytes before an MP4 atom type and after a RIFF chunk or ID3v2 frame id. */
    private static Seed seed(String extension, byte[] bytes) {
        List<Integer> fields = new ArrayList<>();
        int end = Math.min(bytes.length, HEADER) - 8;
        for (int i = 4; i < end; i++) {
            if (isId(bytes, i)) {
                fields.add(i - 4);
                fields.add(i + 4);
                i += 3;
            }
        }
        return new Seed(extension, bytes, fields);
    }

    private static boolean isId(byte[] b, int at) {
        for (int j = 0; j < 4; j++) {
            int c = b[at + j] & 0xff;
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' || c == 0xa9;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Mutant mutate(Seed seed, List<Seed> seeds, Random random) {
        byte[] b = seed.bytes().clone();
        int header = Math.min(b.length, HEADER);
        int roll = random.nextInt(100);
        if (roll < 30) {
            int flips = 1 << random.nextInt(5);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(10) < 8 ? random.nextInt(header) : b.length - 1 - random.nextInt(Math.min(b.length, 256));
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
            return new Mutant("bitflip", seed.extension(), b);
        }
        if (roll < 60 && !seed.sizeFields().isEmpty()) {
            int at = seed.sizeFields().get(random.nextInt(seed.sizeFields().size()));
            int[] lies = {0x7FFFFFFF, 0xFFFFFFFF, 0, 1, b.length, 0x00FFFFFF, random.nextInt()};
            ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .putInt(at, lies[random.nextInt(lies.length)]);
            return new Mutant("sizelie", seed.extension(), b);
        }
        if (roll < 75) {
            int at = random.nextInt(10) < 7 ? random.nextInt(header) : random.nextInt(b.length);
            return new Mutant("truncate", seed.extension(), Arrays.copyOf(b, at));
        }
        if (roll < 85) {
            int at = random.nextInt(header);
            int length = 1 + random.nextInt(16);
            byte[] out;
            if (random.nextBoolean()) {
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                out = new byte[b.length + length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, length);
                System.arraycopy(b, at, out, at + length, b.length - at);
            } else {
                length = Math.min(length, b.length - at);
                out = new byte[b.length - length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + length, out, at, b.length - at - length);
            }
            return new Mutant("shift", seed.extension(), out);
        }
        if (roll < 88) {
            return new Mutant("empty", seed.extension(), new byte[0]);
        }
        if (roll < 95) {
            byte[] noise = new byte[1 + random.nextInt(2048)];
            random.nextBytes(noise);
            System.arraycopy(b, 0, noise, 0, Math.min(random.nextBoolean() ? 4 : 0, noise.length)); // sometimes a real magic
            return new Mutant("garbage", EXTENSIONS[random.nextInt(EXTENSIONS.length)], noise);
        }
        return new Mutant("wrongext", seed.extension(), seeds.get(random.nextInt(seeds.size())).bytes().clone());
    }

    /** The tracks under {@code folder}; their length notes go to {@code notes}. */
    private static Set<String> tracksUnder(Path folder, List<String> notes) {
        Set<String> paths = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonPath body = given().queryParam("page", page).queryParam("size", 500).get("/api/tracks")
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> track : body.<Map<String, Object>>getList("items")) {
                String path = (String) track.get("filePath");
                if (path.startsWith(folder + "/")) {
                    paths.add(path);
                    if (track.get("lengthNote") != null) {
                        notes.add((String) track.get("lengthNote"));
                    }
                }
            }
            if ((page + 1) * 500 >= body.getInt("total")) {
                return paths;
            }
        }
    }

    private static Map<String, String> errors(long runId) {
        Map<String, String> errors = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonPath body = given().queryParam("page", page).queryParam("size", 500).get("/api/scans/" + runId + "/errors")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            for (Map<String, Object> item : items) {
                errors.put((String) item.get("path"), (String) item.get("reason"));
            }
            if ((page + 1) * 500 >= body.getInt("total")) {
                return errors;
            }
        }
    }
}

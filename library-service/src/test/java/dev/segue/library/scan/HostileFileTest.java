package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.library.AudioFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest versions of the files bench/fuzz found harmful: size fields that make jaudiotagger allocate
 * gigabytes, a comment length that overflowed our own parser, a header jaudiotagger accepts half-empty,
 * and reads that throw Errors or never return.
 */
class HostileFileTest {

    private static final int TWO_GIB = 0x7FFFFFFF;

    @TempDir
    Path dir;

    @Test
    void wavChunkClaimingTwoGigabytesIsRefusedBeforeJaudiotaggerAllocatesIt() throws Exception {
        Path wav = AudioFixtures.audio("wav", dir.resolve("chunk.wav"));
        ByteBuffer list = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).put(ascii("LIST")).putInt(TWO_GIB).put(ascii("INFO"));
        Files.write(wav, concat(Files.readAllBytes(wav), list.array()));

        // jaudiotagger used to reserve 2 GB of direct memory for this chunk, and to succeed where the heap allowed it
        assertRefused(wav, "wav", "corrupt wav file: the 'LIST' chunk claims 2147483647 bytes but only 4 follow");
    }

    @Test
    void wavInfoFieldClaimingHalfAGigabyteIsRefused() throws Exception {
        // found by bench/fuzz (seed 1, file 2926): one flipped bit in an INAM length; jaudiotagger allocated 512 MB of heap
        Path wav = AudioFixtures.tagged("wav", dir.resolve("info.wav"), Map.of(FieldKey.TITLE, "Title"));
        patchInt(wav, indexOf(Files.readAllBytes(wav), "INAM") + 4, 0x20000000, ByteOrder.LITTLE_ENDIAN);

        long allocated = allocatedDuring(() -> assertRefused(wav, "wav", "corrupt wav file: the 'INAM' chunk claims 536870912 bytes"));
        assertThat(allocated).as("bytes allocated reading the file").isLessThan(64L << 20);
    }

    @Test
    void aiffChunkClaimingTwoGigabytesIsRefusedAndAnAiffWithoutCommonChunkIsAnError() throws Exception {
        Path lying = Files.write(dir.resolve("lying.aiff"), aiff(TWO_GIB));
        assertRefused(lying, "aiff", "corrupt aiff file: the 'ANNO' chunk claims 2147483647 bytes but only 120 follow");

        // a plausible AIFF without a COMM chunk: jaudiotagger accepts it, then throws a NullPointerException for its length
        Path noCommon = Files.write(dir.resolve("no-comm.aiff"), aiff(120));
        assertRefused(noCommon, "aiff", "corrupt aiff file: its audio header is incomplete (no length or format where the format requires one)");
    }

    @Test
    void mp4AtomsClaimingTwoGigabytesAreNeverAllocatedAndTheAudioIsReadLeniently() throws Exception {
        // jaudiotagger never sees a moov claiming 2 GB; Segue's MP4 reader bounds it by the file, where the audio is intact
        Path moov = AudioFixtures.audio("m4a", dir.resolve("moov.m4a"));
        patchInt(moov, indexOf(Files.readAllBytes(moov), "moov") - 4, TWO_GIB, ByteOrder.BIG_ENDIAN);
        ReadTrack[] lenient = new ReadTrack[1];
        long allocated = allocatedDuring(() -> lenient[0] = readQuietly(moov, "m4a"));
        assertThat(allocated).as("bytes allocated reading the file").isLessThan(64L << 20);
        assertThat(lenient[0].durationMs()).isBetween(950, 1100);
        assertThat(lenient[0].codec()).isEqualTo("AAC");
        assertThat(lenient[0].lengthNote()).contains("the 'moov' atom runs").contains("past the end of the file");

        // found by bench/fuzz (seed 1, file 268): an ftyp claiming 8 MiB sent jaudiotagger allocating 340 MB over seconds
        Path ftyp = AudioFixtures.audio("m4a", dir.resolve("ftyp.m4a"));
        patchInt(ftyp, 0, 8 << 20, ByteOrder.BIG_ENDIAN);
        allocated = allocatedDuring(() -> assertRefused(ftyp, "m4a", "corrupt m4a file: the 'ftyp' atom claims 8388608 bytes"));
        assertThat(allocated).as("bytes allocated reading the file").isLessThan(64L << 20);

        // a tag value nested deep in moov: jaudiotagger allocated the 2 GB on the heap, then failed to fill it
        Path value = AudioFixtures.tagged("m4a", dir.resolve("value.m4a"), Map.of(FieldKey.TITLE, "Title"));
        byte[] bytes = Files.readAllBytes(value);
        patchInt(value, indexOf(bytes, "\u00a9nam") + 4, TWO_GIB, ByteOrder.BIG_ENDIAN);
        allocated = allocatedDuring(() -> lenient[0] = readQuietly(value, "m4a"));
        assertThat(allocated).as("bytes allocated reading the file").isLessThan(64L << 20);
        assertThat(lenient[0].title()).as("the lying value is skipped, the path names the track").isEqualTo("value");
        assertThat(lenient[0].durationMs()).isBetween(950, 1100);
    }

    @Test
    void anMp4TrackWithoutSampleDescriptionIsRefusedNotABug() throws Exception {
        // found by bench/fuzz (seed 4, file 1965): a flipped bit in an ALAC file's stsd; Segue's MP4 reader then threw a
        // NullPointerException naming the codec of a track that has none
        Path m4a = AudioFixtures.audio("m4a", dir.resolve("no-stsd.m4a"));
        byte[] bytes = Files.readAllBytes(m4a);
        int stsd = indexOf(bytes, "stsd");
        bytes[stsd] = 'x';
        Files.write(m4a, bytes);

        assertThat(Mp4File.read(m4a, bytes.length)).as("no audio a decoder could play").isNull();
        assertThatThrownBy(() -> TagReader.read(discovered(m4a, "m4a"), dir, Ffprobe.NONE))
                .isInstanceOf(TagReader.UnreadableFileException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unexpected").doesNotContainPattern(AudioFixtures.RAW_EXCEPTION_TEXT));
    }

    @Test
    void flacPictureFieldClaimingTwoGigabytesIsRefused() throws Exception {
        byte[] flac = Files.readAllBytes(AudioFixtures.audio("flac", dir.resolve("source.flac")));
        // a PICTURE block after STREAMINFO whose description length lies; an (empty) ID3v2 tag in front sends
        // the file to jaudiotagger, which asked the JVM for a 2 GB array
        ByteBuffer picture = ByteBuffer.allocate(4 + 41).put((byte) 6).put(new byte[] {0, 0, 41})
                .putInt(3).putInt(9).put(ascii("image/png")).putInt(TWO_GIB).put(new byte[16]).putInt(0);
        byte[] id3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        int afterStreamInfo = 4 + 4 + 34;
        Path file = Files.write(dir.resolve("picture.flac"), concat(id3, concat(Arrays.copyOf(flac, afterStreamInfo),
                concat(picture.array(), Arrays.copyOfRange(flac, afterStreamInfo, flac.length)))));

        assertRefused(file, "flac", "corrupt flac file: a picture description claims 2147483647 bytes but only 20 follow");
    }

    @Test
    void vorbisCommentLengthPastTheBlockEndsTheCommentsInsteadOfFailingTheFile() throws Exception {
        Path file = AudioFixtures.tagged("flac", dir.resolve("Artist/Album/03 Path Title.flac"), Map.of(FieldKey.TITLE, "Lost"));
        // "at + length" used to overflow int and pass the bounds check, so the whole file became a scan error
        patchInt(file, indexOf(Files.readAllBytes(file), "TITLE=Lost") - 4, TWO_GIB, ByteOrder.LITTLE_ENDIAN);

        ReadTrack track = TagReader.read(discovered(file, "flac"), dir, Ffprobe.NONE);
        assertThat(track.codec()).isEqualTo("FLAC");
        assertThat(track.title()).isEqualTo("Path Title");
    }

    @Test
    void vorbisVendorLengthPastTheBlockIsAnErrorWithAReason() throws Exception {
        Path file = AudioFixtures.tagged("flac", dir.resolve("vendor.flac"), Map.of(FieldKey.TITLE, "T"));
        byte[] bytes = Files.readAllBytes(file);
        // the vendor length is the first field of the VORBIS_COMMENT block (type 4)
        int at = 4;
        while ((bytes[at] & 0x7f) != 4) {
            at += 4 + (((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff));
        }
        patchInt(file, at + 4, TWO_GIB, ByteOrder.LITTLE_ENDIAN);

        assertRefused(file, "flac", "corrupt comment header: its vendor string claims 2147483647 bytes");
    }

    @Test
    void everyFileYieldsOneOutcomeEvenWhenAReadThrowsAnErrorOrNeverReturns() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<DiscoveredFile> files = List.of(file("hangs.mp3"), file("oom.mp3"), file("fine.mp3"));
        List<ReadPool.Outcome> outcomes = new ArrayList<>();
        // one thread: the file after the hung one is only read if a new thread takes the stuck one's place
        try (ReadPool pool = new ReadPool("test", 1, Duration.ofMillis(300), 16, file -> switch (file.pathText()) {
            case "hangs.mp3" -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield null;
            }
            case "oom.mp3" -> throw new OutOfMemoryError("Java heap space");
            default -> null;
        })) {
            pool.submit(files);
            long deadline = System.currentTimeMillis() + 10_000;
            while (outcomes.size() < files.size() && System.currentTimeMillis() < deadline) {
                ReadPool.Outcome outcome = pool.poll(100);
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }
        } finally {
            never.countDown();
        }
        assertThat(outcomes).extracting(o -> o.file().pathText()).containsExactlyInAnyOrder("hangs.mp3", "oom.mp3", "fine.mp3");
        assertThat(outcomes).filteredOn(o -> o.file().pathText().equals("hangs.mp3")).singleElement()
                .extracting(ReadPool.Outcome::error).asString().startsWith("reading this file took longer than 300 ms");
        assertThat(outcomes).filteredOn(o -> o.file().pathText().equals("oom.mp3")).singleElement()
                .extracting(ReadPool.Outcome::error).asString().contains("more memory than the service has")
                .doesNotContainPattern(AudioFixtures.RAW_EXCEPTION_TEXT);
        assertThat(outcomes).filteredOn(o -> o.file().pathText().equals("fine.mp3")).singleElement()
                .extracting(ReadPool.Outcome::error).isNull();
    }

    @Test
    void aTruncatedFlacBehindAnId3TagIsTheFilesFaultNotTheDisks() throws Exception {
        // found by bench/fuzz (seed 7, file 56): jaudiotagger's plain IOException for a file that ends inside its metadata
        // blocks was reported as "the disk reported a read error"
        byte[] flac = Files.readAllBytes(AudioFixtures.audio("flac", dir.resolve("whole.flac")));
        byte[] id3 = ByteBuffer.allocate(110).put(ascii("ID3")).put(new byte[] {3, 0, 0, 0, 0, 0, 100}).array();
        Path file = Files.write(dir.resolve("truncated.flac"), concat(id3, Arrays.copyOf(flac, 4 + 4 + 34 + 2)));

        assertRefused(file, "flac", "not a readable FLAC file: its structures run past the end of the file (truncated or damaged)");
    }

    @Test
    void anAsfHeaderWithAnUnknownObjectIsRefusedInPlainWords() throws Exception {
        // jaudiotagger's reason used to be "java.lang.IllegalArgumentException: provided GUID..." quoted as it was
        byte[] header = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11, (byte) 0xA6, (byte) 0xD9, 0x00,
            (byte) 0xAA, 0x00, 0x62, (byte) 0xCE, 0x6C};
        ByteBuffer asf = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN).put(header).putLong(200).putInt(1).put((byte) 1)
                .put((byte) 2).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).putLong(-5);
        Path file = Files.write(dir.resolve("unknown.wma"), asf.array());
        assertThatThrownBy(() -> TagReader.read(discovered(file, "wma"), dir, Ffprobe.NONE))
                .isInstanceOf(TagReader.UnreadableFileException.class)
                .hasMessageStartingWith("not a readable WMA file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(AudioFixtures.RAW_EXCEPTION_TEXT));
    }

    private ReadTrack readQuietly(Path file, String format) {
        try {
            return TagReader.read(discovered(file, format), dir, Ffprobe.NONE);
        } catch (TagReader.UnreadableFileException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertRefused(Path file, String format, String reason) {
        assertThatThrownBy(() -> TagReader.read(discovered(file, format), dir, Ffprobe.NONE))
                .isInstanceOf(TagReader.UnreadableFileException.class).hasMessageStartingWith(reason);
    }

    /** FORM/AIFF with one ANNO chunk whose declared length is {@code annoLength} (120 bytes follow it). */
    private static byte[] aiff(int annoLength) {
        return ByteBuffer.allocate(140).put(ascii("FORM")).putInt(132).put(ascii("AIFFANNO")).putInt(annoLength).array();
    }

    private static long allocatedDuring(Runnable action) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static DiscoveredFile file(String name) {
        return new DiscoveredFile(Path.of(name), name, 1, Instant.EPOCH, "mp3");
    }

    private static DiscoveredFile discovered(Path file, String format) throws IOException {
        return new DiscoveredFile(file, file.toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant(), format);
    }

    private static void patchInt(Path file, int at, int value, ByteOrder order) throws IOException {
        assertThat(at).as("field offset").isNotNegative();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(order).putInt(at, value);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] bytes, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + m.length <= bytes.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (bytes[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}

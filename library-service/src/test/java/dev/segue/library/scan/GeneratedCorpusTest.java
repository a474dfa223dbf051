package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus generated at test time with ffmpeg (rates 16–48 kHz, CBR and VBR, MP3 without a Xing header,
 * FLAC/Opus/Speex in Ogg, AAC/ALAC/FLAC/Opus/AC-3 in MP4, ID3 in WAV/AIFF, AIFF text chunks, truncated files,
 * MP4s with an atom running past the end of the file) and tagged with mutagen: every file must be indexed, its
 * length within 1 % (or 50 ms) of ffprobe's and every written tag read back; every MP4 also without ffprobe.
 * ffprobe's reference length is the sum of its packets' durations: its {@code format=duration} only
 * estimates an MP3 without a header from the first frame's bitrate.
 */
class GeneratedCorpusTest {

    /** Formats without a Java tag reader: indexed through ffprobe, with the names in their path. */
    private static final java.util.Set<String> UNTAGGED = java.util.Set.of("wv", "ac3");
    private static final String PYTHON = "/usr/bin/python3";
    private static final Ffprobe FFPROBE = new Ffprobe("ffprobe", Duration.ofSeconds(20));

    @TempDir
    static Path dir;

    private static final List<Path> corpus = new ArrayList<>();
    private static boolean mutagen;

    /** A 3 s tone whose loudness moves, so that VBR encoders vary their frame sizes. */
    private static final String[] SOURCE = {"-f", "lavfi", "-i", "sine=f=440:d=3", "-af", "volume='0.3+0.3*sin(7*t)':eval=frame"};

    @BeforeAll
    static void generate() throws Exception {
        assumeTrue(runs("ffmpeg", "-version") && runs("ffprobe", "-version"),
                "ffmpeg/ffprobe not installed: the generated corpus cannot be made (.ci/run installs ffmpeg)");
        mutagen = runs(PYTHON, "-c", "import mutagen");
        for (int rate : new int[] {16000, 22050, 24000, 32000, 44100, 48000}) {
            encode("cbr-" + rate + ".mp3", "-ar", rate + "", "-c:a", "libmp3lame", "-b:a", rate < 32000 ? "32k" : "128k");
            encode("vbr-" + rate + ".mp3", "-ar", rate + "", "-c:a", "libmp3lame", "-q:a", "4");
            encode("vbr-noxing-" + rate + ".mp3", "-ar", rate + "", "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0");
            encode("cbr-noxing-" + rate + ".mp3", "-ar", rate + "", "-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0");
        }
        encode("flac-22050.flac", "-ar", "22050", "-c:a", "flac");
        encode("vorbis.ogg", "-ar", "44100", "-c:a", "libvorbis", "-q:a", "3");
        encode("flac-in-ogg.ogg", "-ar", "44100", "-c:a", "flac");
        encode("opus-in-ogg.ogg", "-ar", "48000", "-c:a", "libopus", "-b:a", "48k");
        encode("opus.opus", "-ar", "48000", "-c:a", "libopus", "-b:a", "48k");
        encode("speex-in-ogg.ogg", "-ar", "16000", "-c:a", "libspeex");
        encode("speex.spx", "-ar", "16000", "-c:a", "libspeex");
        encode("flac-in-mp4.mp4", "-ar", "44100", "-c:a", "flac", "-strict", "-2");
        encode("opus-in-mp4.mp4", "-ar", "48000", "-c:a", "libopus", "-b:a", "48k", "-strict", "-2");
        encode("ac3-in-mp4.mp4", "-ar", "48000", "-c:a", "ac3", "-b:a", "128k");
        encode("wavpack.wv", "-ar", "44100", "-c:a", "wavpack");
        encode("ac3.ac3", "-ar", "48000", "-c:a", "ac3", "-b:a", "128k");
        encode("aac.m4a", "-ar", "44100", "-c:a", "aac", "-b:a", "96k");
        encode("alac.m4a", "-ar", "44100", "-c:a", "alac");
        encode("pcm-id3.wav", "-ar", "22050", "-c:a", "pcm_s16le");
        encode("pcm-id3.aiff", "-ar", "22050", "-c:a", "pcm_s16be");
        encode("faststart.m4a", "-ar", "44100", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart");
        if (mutagen) {
            tag();
        }
        // AIFF text chunks, alone and behind mutagen's ID3 chunk (which wins)
        encode("text-chunks.aiff", "-ar", "22050", "-c:a", "pcm_s16be");
        appendAiffText("text-chunks.aiff", "text-chunks.aiff");
        appendAiffText("pcm-id3.aiff", "id3-and-text.aiff");
        // an atom running past the end of the file, the audio intact: moov (at the end) 16 bytes too long, as in
        // the 26-minute M4A, and a trailing free atom claiming a kilobyte that is not there
        patch("aac.m4a", "overrun-moov.m4a", bytes -> {
            int moov = lastAtom(bytes, "moov");
            ByteBuffer.wrap(bytes).putInt(moov, ByteBuffer.wrap(bytes).getInt(moov) + 16);
            return bytes;
        });
        patch("faststart.m4a", "overrun-free.m4a", bytes -> {
            byte[] out = Arrays.copyOf(bytes, bytes.length + 8);
            ByteBuffer.wrap(out).putInt(bytes.length, 1024).put(bytes.length + 4, "free".getBytes(StandardCharsets.US_ASCII));
            return out;
        });
        // truncated downloads: the headers keep the whole file's length
        cut("cbr-22050.mp3", "cut-cbr-22050.mp3");
        cut("vbr-44100.mp3", "cut-vbr-44100.mp3");
        cut("flac-22050.flac", "cut-flac-22050.flac");
        cut("pcm-id3.wav", "cut-pcm.wav");
        cut("faststart.m4a", "cut-faststart.m4a");
    }

    @Test
    void everyFileIsIndexedWithFfprobesLength() throws Exception {
        List<String> wrong = new ArrayList<>();
        int indexed = 0;
        for (Path file : corpus) {
            ReadTrack track = read(file, wrong);
            double expected = ffprobeSeconds(file) * 1000;
            Integer actual = track == null ? null : track.durationMs();
            indexed += track == null ? 0 : 1;
            if (track != null && (actual == null || Math.abs(actual - expected) > Math.max(50, expected / 100))) {
                wrong.add(file.getFileName() + ": " + actual + " ms, ffprobe " + Math.round(expected) + " ms");
            }
        }
        System.out.printf("generated corpus: %d files, %d indexed, %d lengths within 1 %% (or 50 ms) of ffprobe%n",
                corpus.size(), indexed, corpus.size() - wrong.size());
        assertThat(wrong).as("lengths off by more than 1 %% or 50 ms").isEmpty();
    }

    @Test
    void everyMp4IsIndexedWithItsLengthAndTagsWithoutFfprobe() throws Exception {
        List<String> wrong = new ArrayList<>();
        int mp4 = 0;
        for (Path file : corpus) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".m4a") && !name.endsWith(".mp4")) {
                continue;
            }
            mp4++;
            ReadTrack track;
            try {
                track = TagReader.read(discovered(file), dir, Ffprobe.NONE);
            } catch (TagReader.UnreadableFileException e) {
                wrong.add(name + " refused: " + e.getMessage());
                continue;
            }
            double expected = ffprobeSeconds(file) * 1000;
            if (track.durationMs() == null || Math.abs(track.durationMs() - expected) > Math.max(50, expected / 100)) {
                wrong.add(name + ": " + track.durationMs() + " ms, ffprobe " + Math.round(expected) + " ms (" + track.lengthNote() + ")");
            }
            if (mutagen && !name.startsWith("cut-") && (!"Corpus Title".equals(track.title())
                    || !track.artists().equals(List.of("First Artist", "Second Artist")))) {
                wrong.add(name + ": " + track.title() + " / " + track.artists());
            }
            if (name.startsWith("overrun-") && (track.lengthNote() == null || !track.lengthNote().contains("past the end of the file"))) {
                wrong.add(name + ": no note of the atom past the end (" + track.lengthNote() + ")");
            }
        }
        System.out.printf("generated corpus without ffprobe: %d MP4 files, %d indexed with lengths within 1 %% and their tags%n",
                mp4, mp4 - wrong.size());
        assertThat(mp4).isGreaterThanOrEqualTo(9);
        assertThat(wrong).as("MP4 files read without ffprobe").isEmpty();
    }

    @Test
    void aiffNameAndAuthChunksAreTheTitleAndArtistWhenNoId3ChunkSaysOtherwise() throws Exception {
        ReadTrack chunks = TagReader.read(discovered(dir.resolve("text-chunks.aiff")), dir, Ffprobe.NONE);
        assertThat(chunks.title()).isEqualTo("Chunk Name");
        assertThat(chunks.artist()).isEqualTo("Chunk Author");
        assertThat(chunks.artistSource()).isEqualTo(NameSource.TAGS);
        assertThat(chunks.otherTitles()).isEmpty();
        assertThat(chunks.genres()).isEmpty();

        assumeTrue(mutagen, "python3-mutagen not installed at " + PYTHON + ": no ID3 chunk to compare with");
        ReadTrack both = TagReader.read(discovered(dir.resolve("id3-and-text.aiff")), dir, Ffprobe.NONE);
        assertThat(both.title()).as("the ID3 chunk wins over NAME").isEqualTo("Corpus Title");
        assertThat(both.artists()).as("and over AUTH").containsExactly("First Artist", "Second Artist");
    }

    @Test
    void everyWrittenTagIsReadBack() throws Exception {
        assumeTrue(mutagen, "python3-mutagen not installed at " + PYTHON + ": tags are not written (.ci/run installs it)");
        List<String> wrong = new ArrayList<>();
        int tagged = 0;
        for (Path file : corpus) {
            String name = file.getFileName().toString();
            if (name.startsWith("cut-") || name.equals("text-chunks.aiff") || UNTAGGED.contains(name.substring(name.lastIndexOf('.') + 1))) {
                continue; // a truncation may cut off tags written at the end (WAV, AIFF); ffprobe-only formats get path names
            }
            tagged++;
            ReadTrack track = read(file, wrong);
            if (track != null && (!"Corpus Title".equals(track.title()) || !"Corpus Album".equals(track.album())
                    || !"First Artist".equals(track.artist()) || !track.genres().containsAll(List.of("Ambient", "Drone"))
                    || !track.artists().equals(List.of("First Artist", "Second Artist")))) {
                wrong.add(name + ": " + track.title() + " / " + track.artists() + " / " + track.album()
                        + " / " + track.genres());
            }
        }
        System.out.printf("generated corpus: %d tagged files, %d with every written tag read back%n", tagged, tagged - wrong.size());
        assertThat(wrong).as("tags not read back").isEmpty();
    }

    /** The file as the scan reads it; null, with the reason in {@code wrong}, when it is refused. */
    private static ReadTrack read(Path file, List<String> wrong) throws IOException {
        try {
            return TagReader.read(discovered(file), dir, FFPROBE);
        } catch (TagReader.UnreadableFileException e) {
            wrong.add(file.getFileName() + " refused: " + e.getMessage());
            return null;
        }
    }

    private static DiscoveredFile discovered(Path file) throws IOException {
        String name = file.getFileName().toString();
        return new DiscoveredFile(file, file.toString(), Files.size(file), Instant.now(), name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * {@code target}: {@code name} with NAME, AUTH, ANNO and (c) chunks appended (text, padded to an even
     * length) and the FORM size grown to match.
     */
    private static void appendAiffText(String name, String target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Files.readAllBytes(dir.resolve(name)));
        for (String[] chunk : new String[][] {{"NAME", "Chunk Name"}, {"AUTH", "Chunk Author"}, {"ANNO", "an annotation, not a title"},
                {"(c) ", "2026 Chunk Rights"}}) {
            byte[] text = chunk[1].getBytes(StandardCharsets.US_ASCII);
            out.write(chunk[0].getBytes(StandardCharsets.US_ASCII));
            out.write(ByteBuffer.allocate(4).putInt(text.length).array());
            out.write(text);
            if (text.length % 2 == 1) {
                out.write(0);
            }
        }
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).putInt(4, bytes.length - 8);
        Path file = Files.write(dir.resolve(target), bytes);
        if (!corpus.contains(file)) {
            corpus.add(file);
        }
    }

    /** A copy of {@code name} changed by {@code change}, joining the corpus. */
    private static void patch(String name, String target, UnaryOperator<byte[]> change) throws IOException {
        corpus.add(Files.write(dir.resolve(target), change.apply(Files.readAllBytes(dir.resolve(name)))));
    }

    /** The offset of the last top-level atom of {@code type}. */
    private static int lastAtom(byte[] bytes, String type) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int found = -1;
        for (int pos = 0; pos + 8 <= bytes.length; pos += b.getInt(pos)) {
            if (new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                found = pos;
            }
            if (b.getInt(pos) < 8) {
                break;
            }
        }
        assertThat(found).as("a top-level %s atom", type).isGreaterThanOrEqualTo(0);
        return found;
    }

    /** A copy of {@code name} holding its first 40 %. */
    private static void cut(String name, String target) throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve(name));
        corpus.add(Files.write(dir.resolve(target), Arrays.copyOf(whole, whole.length * 2 / 5)));
    }

    private static void encode(String name, String... codec) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(Arrays.asList(SOURCE));
        cmd.addAll(Arrays.asList(codec));
        cmd.add(out.toString());
        run(cmd);
        corpus.add(out);
    }

    /** Writes the same tags into every file with mutagen: two artists, two genres, one title and album. */
    private static void tag() throws Exception {
        String script = """
                import sys, mutagen
                from mutagen.id3 import ID3, TIT2, TPE1, TALB, TCON
                for path in sys.argv[1:]:
                    if path.endswith(('.wv', '.ac3')):
                        continue
                    if path.endswith(('.wav', '.aiff')):
                        f = mutagen.File(path)
                        f.add_tags()
                        f.tags.add(TIT2(encoding=3, text=['Corpus Title']))
                        f.tags.add(TPE1(encoding=3, text=['First Artist', 'Second Artist']))
                        f.tags.add(TALB(encoding=3, text=['Corpus Album']))
                        f.tags.add(TCON(encoding=3, text=['Ambient', 'Drone']))
                        f.save()
                        continue
                    f = mutagen.File(path, easy=True)
                    if f.tags is None:
                        f.add_tags()
                    f['title'] = ['Corpus Title']
                    f['artist'] = ['First Artist', 'Second Artist']
                    f['album'] = ['Corpus Album']
                    f['genre'] = ['Ambient', 'Drone']
                    f.save()
                """;
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        corpus.forEach(p -> cmd.add(p.toString()));
        run(cmd);
    }

    private static double ffprobeSeconds(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=duration_time",
                "-of", "csv=p=0", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.equals("N/A")).map(l -> l.split(",")[0])
                .filter(l -> !l.isEmpty() && !l.equals("N/A")).mapToDouble(Double::parseDouble).sum();
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd.subList(0, 2)) + " failed: " + out);
        }
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

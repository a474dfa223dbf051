package dev.segue.sonic.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes generated audio files for decoder and service tests. */
public final class TestAudio {

    private TestAudio() {
    }

    /** 16-bit stereo WAV: {@code silenceSec} of silence, then clicks at {@code bpm} over a quiet 220 Hz tone. */
    public static Path clickWav(Path file, int rate, double silenceSec, double seconds, double bpm) throws IOException {
        int frames = (int) (seconds * rate);
        int silence = (int) (silenceSec * rate);
        short[] samples = new short[frames];
        double period = 60.0 * rate / bpm;
        int clickLength = (int) (0.02 * rate);
        java.util.Random random = new java.util.Random(1);
        for (int i = silence; i < frames; i++) {
            samples[i] = (short) (3000 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
        for (double t = silence; t < frames; t += period) {
            int start = (int) Math.round(t);
            for (int i = 0; i < clickLength && start + i < frames; i++) {
                double envelope = Math.exp(-i / (0.003 * rate));
                samples[start + i] += (short) (20000 * envelope * (random.nextDouble() * 2 - 1));
            }
        }
        return writeWav(file, rate, 2, samples);
    }

    public static Path writeWav(Path file, int rate, int channels, short[] mono) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(mono.length * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : mono) {
            for (int c = 0; c < channels; c++) {
                bytes.putShort(s);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, mono.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    public static boolean ffmpegAvailable() {
        return new FfmpegDecoder("ffmpeg", "ffprobe", Path.of(System.getProperty("java.io.tmpdir"))).available();
    }

    /** Converts with ffmpeg (e.g. to .mp3, .flac, .ogg by the target's extension). */
    public static Path convert(Path source, Path target, String... codecArgs) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i",
                source.toString()));
        command.addAll(List.of(codecArgs));
        command.add(target.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg conversion failed: " + command);
        }
        return target;
    }

    public static Path truncate(Path source, Path target, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(source);
        return Files.write(target, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
    }
}

package dev.segue.sonic.features;

import java.util.Random;

/** Synthesized test signals at 22,050 Hz with known answers. */
final class Signals {

    static final int SR = FeatureExtractor.SAMPLE_RATE;

    private Signals() {
    }

    /** Short decaying noise bursts (clicks) at the given tempo. */
    static float[] clickTrack(double bpm, double seconds) {
        float[] pcm = new float[(int) (seconds * SR)];
        Random random = new Random(42);
        double period = 60.0 * SR / bpm;
        int clickLength = (int) (0.02 * SR);
        for (double t = 0; t < pcm.length; t += period) {
            int start = (int) Math.round(t);
            for (int i = 0; i < clickLength && start + i < pcm.length; i++) {
                double envelope = Math.exp(-i / (0.003 * SR));
                pcm[start + i] += (float) (0.8 * envelope * (random.nextDouble() * 2 - 1));
            }
        }
        return pcm;
    }

    static float[] sine(double hz, double seconds, double amplitude) {
        float[] pcm = new float[(int) (seconds * SR)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return pcm;
    }

    static float[] whiteNoise(double seconds) {
        float[] pcm = new float[(int) (seconds * SR)];
        Random random = new Random(7);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.3 * (random.nextDouble() * 2 - 1));
        }
        return pcm;
    }

    /** Triads of harmonic tones (three partials), each chord held for {@code chordSeconds}. */
    static float[] chords(double[][] chordsHz, double chordSeconds, int repeats) {
        int chordLength = (int) (chordSeconds * SR);
        float[] pcm = new float[chordLength * chordsHz.length * repeats];
        int offset = 0;
        for (int r = 0; r < repeats; r++) {
            for (double[] chord : chordsHz) {
                for (int i = 0; i < chordLength; i++) {
                    double attack = Math.min(1, i / (0.01 * SR));
                    double value = 0;
                    for (double f : chord) {
                        for (int h = 1; h <= 3; h++) {
                            value += Math.sin(2 * Math.PI * f * h * i / SR) / (h * h);
                        }
                    }
                    pcm[offset + i] = (float) (0.15 * attack * value);
                }
                offset += chordLength;
            }
        }
        return pcm;
    }

    static double midi(int note) {
        return 440 * Math.pow(2, (note - 69) / 12.0);
    }
}

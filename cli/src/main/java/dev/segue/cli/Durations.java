package dev.segue.cli;

import java.util.Locale;

/** Lengths of time as people read them on a clock: {@code 4:05}, {@code 1:02:09}. */
final class Durations {

    private Durations() {
    }

    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

package dev.segue.playlist.playlist;

/**
 * Why a track is where it is, each 0..1 rounded to 4 places; null when it does not apply (no analysis,
 * no genres, or the first track's transition).
 */
public record Scores(Double sonic, Double genre, Double transition, Double total) {

    public static Scores of(Double sonic, Double genre, Double transition, Double total) {
        return new Scores(round(sonic), round(genre), round(transition), round(total));
    }

    public static Scores of(Entry e) {
        return of(e.sonic(), e.genre(), e.transition(), e.total());
    }

    /** As {@link #of(Entry)} once stored ({@code real} columns): what reading the playlist back gives. */
    public static Scores stored(Entry e) {
        return of(real(e.sonic()), real(e.genre()), real(e.transition()), real(e.total()));
    }

    private static Double real(double x) {
        return Double.isNaN(x) ? null : (double) (float) x;
    }

    static Double round(Double x) {
        return x == null || x.isNaN() ? null : Math.round(x * 10000) / 10000.0;
    }
}

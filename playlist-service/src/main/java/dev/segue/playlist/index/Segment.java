package dev.segue.playlist.index;

import dev.segue.playlist.similarity.SoundSegment;

/**
 * The four analysed segments of a track, in the order the raw vectors and the index store them (the positions of
 * {@link SoundSegment}, {@code COUNT} included).
 */
public enum Segment implements SoundSegment {
    BEGINNING("beginning"), MIDDLE("middle"), END("end"), AVERAGE("average");

    private final String dbName;

    Segment(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    /** The segment named {@code name} in {@code sonic_segments.segment}, or null for an unknown name. */
    public static Segment fromDb(String name) {
        for (Segment s : values()) {
            if (s.dbName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}

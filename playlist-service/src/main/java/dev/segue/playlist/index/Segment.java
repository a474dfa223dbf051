package dev.segue.playlist.index;

/** The four analysed segments of a track, in the order the index stores them. */
public enum Segment {
    BEGINNING("beginning"), MIDDLE("middle"), END("end"), AVERAGE("average");

    public static final int COUNT = 4;

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

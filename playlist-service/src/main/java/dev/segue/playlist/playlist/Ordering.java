package dev.segue.playlist.playlist;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the chosen tracks follow each other: each end leading into the next beginning, or best score first. */
public enum Ordering {
    TRANSITION, SCORE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Ordering parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

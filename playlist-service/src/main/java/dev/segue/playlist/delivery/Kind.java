package dev.segue.playlist.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.segue.commons.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** The kinds of place a playlist can be pushed to; each has one {@link TargetClient}. */
public enum Kind {
    FOLDER, MPD, PLEX, JELLYFIN, SUBSONIC;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Kind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("Unknown target kind '" + id + "'; one of folder, mpd, plex, "
                        + "jellyfin, subsonic."));
    }
}

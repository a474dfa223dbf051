package dev.segue.playlist.delivery;

import java.util.List;
import java.util.Locale;

/**
 * A place playlists are pushed to. {@code url} for a server, {@code directory} for a playlist folder,
 * {@code section} the Plex music section (its key; the first music section when absent), {@code user} the
 * Subsonic user name or the Jellyfin user id. The secret is never part of it: it is read from the environment
 * variable {@link #secretVariable()}.
 */
public record Target(String name, Kind kind, String url, String directory, String section, String user,
                     List<String> pathMappings, String source) {

    public String secretVariable() {
        return secretVariable(name);
    }

    public static String secretVariable(String name) {
        return "SEGUE_TARGET_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }

    public PathMapping mapping() {
        return new PathMapping(pathMappings);
    }

    /** The base URL without a trailing slash. */
    public String base() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

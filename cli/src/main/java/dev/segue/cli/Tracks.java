package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds tracks in library-service and turns what a person types into a track id: an id, a search
 * text over artist, album, title and file name, or {@code random}. A text that fits several tracks
 * lists them and is a usage error, so nobody gets a playlist from a seed they did not mean.
 */
final class Tracks {

    static final String SEARCH_HELP = "a track id, a search text (artist, album, title, file name) or \"random\"";
    private static final int CANDIDATES_SHOWN = 10;

    private Tracks() {
    }

    /** A page of {@code GET /api/tracks} (present tracks unless a status is given). */
    static JsonNode search(SegueApi api, String text, String extraQuery, int page, int size) {
        StringBuilder query = new StringBuilder("/api/tracks?size=").append(size).append("&page=").append(page);
        if (text != null && !text.isBlank()) {
            query.append("&q=").append(SegueApi.encode(text.strip()));
        }
        return api.get("library", query + extraQuery);
    }

    /** The one track {@code reference} names, or a usage error that says why not (listing the candidates). */
    static JsonNode resolve(SegueApi api, String reference, String role, Context context) {
        String text = reference.strip();
        if (text.matches("\\d+")) {
            return api.find("library", "/api/tracks/" + text).orElseThrow(() -> new UsageException(
                    "There is no track " + text + " (" + role + "); find one with: segue tracks TEXT"));
        }
        if (text.equalsIgnoreCase("random")) {
            long total = search(api, null, "&status=present", 0, 1).path("total").asLong();
            if (total == 0) {
                throw new UsageException("The library has no tracks yet; run segue scan first.");
            }
            JsonNode pick = search(api, null, "&status=present", (int) ThreadLocalRandom.current().nextLong(total), 1).path("items").path(0);
            context.err().println(role + ": " + describe(pick) + " (chosen at random)");
            return pick;
        }
        JsonNode page = search(api, text, "&status=present", 0, CANDIDATES_SHOWN);
        List<JsonNode> found = new ArrayList<>();
        page.path("items").forEach(found::add);
        long total = page.path("total").asLong(found.size());
        if (found.isEmpty()) {
            throw new UsageException("No track matches '" + text + "' (" + role + "); segue tracks lists the library, "
                    + "segue tracks WORDS searches artist, album, title and file name.");
        }
        if (total == 1) {
            context.err().println(role + ": " + describe(found.getFirst()));
            return found.getFirst();
        }
        List<JsonNode> exact = found.stream().filter(t -> named(t, text)).toList();
        if (exact.size() == 1 && total <= CANDIDATES_SHOWN) {
            context.err().println(role + ": " + describe(exact.getFirst()) + " (the one titled exactly so)");
            return exact.getFirst();
        }
        context.err().print(table(page.path("items")).render());
        String matches = total + (page.path("totalExact").asBoolean(true) ? "" : "+");
        throw new UsageException("'" + text + "' matches " + matches + " tracks" + (total > found.size() ? " (the first " + found.size() + " above)" : " (above)")
                + "; give the " + role + " as an id, or add words.");
    }

    private static boolean named(JsonNode track, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        String title = track.path("title").asText("").toLowerCase(Locale.ROOT);
        String artist = track.path("artist").asText("").toLowerCase(Locale.ROOT);
        return title.equals(wanted) || (artist + " - " + title).equals(wanted);
    }

    /** {@code 12 Miles Davis – So What}. */
    static String describe(JsonNode track) {
        return track.path("id").asText() + " " + track.path("artist").asText("?") + " – " + track.path("title").asText("?");
    }

    static Table table(JsonNode tracks) {
        Table table = new Table("id", "artist", "album", "title", "length", "format");
        for (JsonNode t : tracks) {
            String status = "present".equals(t.path("status").asText("present")) ? "" : " (" + t.path("status").asText() + ")";
            table.row(t.path("id").asText(), t.path("artist").asText(""), t.path("album").asText(""), t.path("title").asText("") + status,
                    t.path("durationMs").isNumber() ? Durations.clock(t.path("durationMs").asLong() / 1000) : "",
                    t.path("format").asText(t.path("codec").asText("")));
        }
        return table;
    }
}

package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code segue tracks [WORDS]}: the library's tracks with their ids, searched by artist, album, title and file name. */
final class TracksCommand implements Command {

    private static final Option LIMIT = Option.whole("limit", "N", "tracks per page (default 50, at most 500)");
    private static final Option PAGE = Option.whole("page", "N", "page to show, from 0");

    @Override
    public String name() {
        return "tracks";
    }

    @Override
    public List<String> aliases() {
        return List.of("search");
    }

    @Override
    public String summary() {
        return "list or search tracks (artist, album, title, file name) with their ids: seeds for playlists";
    }

    @Override
    public String synopsis() {
        return "[WORDS…] [--artist NAME] [--album TITLE] [--genre GENRE] [--missing] [--limit N] [--page N]";
    }

    @Override
    public String description() {
        return """
                Every word must appear in the artist, album, title or file name (case does not matter). The id
                column is what --seed, segue path and segue similar take; they also take the words themselves.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.text("artist", "NAME", "only tracks by this artist or album artist (exact name or id)"),
                Option.text("album", "TITLE", "only tracks of this album (exact title or id)"),
                Option.text("genre", "GENRE", "only tracks with this genre, from their tags or enrichment"),
                Option.flag("missing", "tracks whose file has disappeared instead of present ones"),
                LIMIT, PAGE);
    }

    @Override
    public List<String> examples() {
        return List.of("tracks", "tracks night drive", "search \"so what\"", "tracks --artist \"Miles Davis\" --limit 200",
                "tracks --genre ambient");
    }

    @Override
    public int run(Options options, Context context) {
        int limit = (int) options.whole(LIMIT, 50);
        int page = (int) options.whole(PAGE, 0);
        StringBuilder filters = new StringBuilder("&status=").append(options.has("missing") ? "missing" : "present");
        for (String filter : List.of("artist", "album", "genre")) {
            if (options.has(filter)) {
                filters.append('&').append(filter).append('=').append(SegueApi.encode(options.value(filter)));
            }
        }
        String words = String.join(" ", options.positionals());
        JsonNode found = Tracks.search(context.api(), words, filters.toString(), page, limit);
        long total = found.path("total").asLong();
        if (total == 0) {
            context.err().println(words.isBlank() && filters.indexOf("&artist") < 0 && filters.indexOf("&album") < 0 && filters.indexOf("&genre") < 0
                    ? (options.has("missing") ? "No track is missing." : "The library has no tracks yet; run segue scan first.")
                    : "No track matches" + (words.isBlank() ? "" : " '" + words + "'") + ".");
            return 0;
        }
        context.out().print(Tracks.table(found.path("items")).render());
        int shown = found.path("items").size();
        long first = (long) page * limit + 1;
        // a search counts up to 1,000 matches: past that the total is a lower bound
        boolean exact = found.path("totalExact").asBoolean(true);
        context.err().println(shown == total && exact ? total + " track" + (total == 1 ? "" : "s") + "."
                : "Tracks " + first + "–" + (first + shown - 1) + " of " + total + (exact ? "" : "+")
                        + (first + shown - 1 < total || !exact ? "; the next ones: --page " + (page + 1) : "") + ".");
        return 0;
    }
}

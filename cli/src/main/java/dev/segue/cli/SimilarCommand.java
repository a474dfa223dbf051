package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code segue similar TRACK}: the nearest neighbours of one track. */
final class SimilarCommand implements Command {

    private static final Option LIMIT = Option.whole("limit", "N", "how many (default 20, at most 200)");

    @Override
    public String name() {
        return "similar";
    }

    @Override
    public String summary() {
        return "the tracks that sound and are tagged most like one track";
    }

    @Override
    public String synopsis() {
        return "ID|TEXT [--limit N]";
    }

    @Override
    public String description() {
        return "The track is " + Tracks.SEARCH_HELP + ". The transition column says how well each would follow it.";
    }

    @Override
    public List<Option> options() {
        return List.of(LIMIT);
    }

    @Override
    public List<String> examples() {
        return List.of("similar 42", "similar \"so what\" --limit 5");
    }

    @Override
    public int run(Options options, Context context) {
        if (options.positionals().isEmpty()) {
            throw new UsageException("segue similar needs a track: an id or quoted words, e.g. segue similar 42.");
        }
        long id = Tracks.resolve(context.api(), String.join(" ", options.positionals()), "track", context).path("id").asLong();
        String limit = options.has(LIMIT.name()) ? "?limit=" + options.whole(LIMIT, 20) : "";
        JsonNode answer = context.api().get("playlist", "/api/tracks/" + id + "/similar" + limit);
        if (answer.path("genreOnly").asBoolean(false)) {
            context.err().println("note: by genre only; the track has no sonic analysis yet (segue analyze)");
        }
        for (JsonNode note : answer.path("notes")) {
            context.err().println("note: " + note.asText());
        }
        context.out().print(Playlists.trackTable(answer.has("tracks") ? answer.path("tracks") : answer).render());
        return 0;
    }
}

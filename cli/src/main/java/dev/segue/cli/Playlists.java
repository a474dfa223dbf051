package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds a playlist through playlist-service, prints it as a table and saves its M3U: what {@code playlist} and {@code path} share. */
final class Playlists {

    static final Option M3U = Option.text("m3u", "FILE", "save the playlist as an extended M3U a player opens (e.g. evening.m3u8)");

    private Playlists() {
    }

    /** POSTs the request; a 422 (the constraints leave too few tracks) names the options that relax them. */
    static int create(String path, Map<String, Object> request, List<RequestField> fields, Options options, Context context) {
        SegueApi.Answer created;
        try {
            created = context.api().post("playlist", path, request);
        } catch (SegueApi.ApiException e) {
            if (e.status == 422) {
                List<String> relax = RequestFields.optionsNamedIn(e.getMessage(), fields);
                if (!relax.isEmpty()) {
                    throw new SegueApi.ApiException(422, e.getMessage() + System.lineSeparator()
                            + "  from the command line: " + String.join(", ", relax) + " (segue " + options.command() + " --help)");
                }
            }
            throw e;
        }
        JsonNode playlist = created.body();
        String name = playlist.path("name").asText("playlist");
        context.err().println("Built playlist " + playlist.path("id").asText() + " \"" + name + "\" ("
                + context.api().base("playlist").resolve(created.location() == null ? "/api/playlists/" + playlist.path("id").asText() : created.location()) + ")");
        if (playlist.path("genreOnly").asBoolean(false)) {
            context.err().println("note: built from genres only, without sonic analysis (segue analyze adds it)");
        }
        for (JsonNode note : playlist.path("notes")) {
            context.err().println("note: " + note.asText());
        }
        context.out().print(trackTable(playlist.path("tracks")).render());
        String length = playlist.path("durationSeconds").isNumber() ? ", " + Durations.clock(playlist.path("durationSeconds").asLong()) : "";
        context.err().println(playlist.path("tracks").size() + " tracks" + length + ".");
        if (options.has(M3U.name())) {
            return saveM3u(playlist.path("id").asLong(), Path.of(options.value(M3U.name())), context);
        }
        return 0;
    }

    private static int saveM3u(long id, Path file, Context context) {
        String m3u = context.api().getText("playlist", "/api/playlists/" + id + ".m3u8");
        try {
            Files.writeString(file, m3u);
        } catch (IOException e) {
            context.err().println("error: could not write " + file + ": " + e.getMessage());
            return 1;
        }
        context.err().println("Saved " + file + ": open it in a player (mpv, VLC, Strawberry, …).");
        return 0;
    }

    static Table trackTable(JsonNode tracks) {
        Table table = new Table("#", "id", "artist", "title", "length", "sonic", "genre", "transition", "total");
        int position = 1;
        for (JsonNode track : tracks) {
            JsonNode scores = track.has("scores") ? track.path("scores") : track;
            table.row(position++, track.path("trackId").asText(track.path("id").asText()), track.path("artist").asText(),
                    track.path("title").asText(), duration(track), score(scores.path("sonic")), score(scores.path("genre")),
                    score(scores.path("transition")), score(scores.path("total")));
        }
        return table;
    }

    private static String duration(JsonNode track) {
        if (track.path("durationSeconds").isNumber()) {
            return Durations.clock(track.path("durationSeconds").asLong());
        }
        if (track.path("durationMs").isNumber()) {
            return Durations.clock(track.path("durationMs").asLong() / 1000);
        }
        return "";
    }

    private static String score(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble()) : "-";
    }
}

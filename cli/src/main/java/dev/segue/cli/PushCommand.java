package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code segue push PLAYLIST TARGET}: a stored playlist onto a media server or into a playlist folder. */
final class PushCommand implements Command {

    @Override
    public String name() {
        return "push";
    }

    @Override
    public String summary() {
        return "push a stored playlist to a target (Plex, MPD, a playlist folder)";
    }

    @Override
    public String synopsis() {
        return "PLAYLIST_ID TARGET";
    }

    @Override
    public String description() {
        return "Creates the playlist on the target, or replaces its contents in place when it was pushed there before: pushing "
                + "again never makes a second copy. Targets are listed by GET /api/targets (docs/delivery.md); tracks the "
                + "server does not have are listed with the reason. Exit 1 when the server failed or refused.";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public List<String> examples() {
        return List.of("push 7 plex", "push 7 mpd");
    }

    @Override
    public int run(Options options, Context context) {
        List<String> args = options.positionals();
        if (args.size() != 2 || !args.get(0).matches("\\d+")) {
            throw new UsageException("segue push needs a playlist id and a target name, e.g. segue push 7 plex.");
        }
        JsonNode r = context.api().post("playlist", "/api/playlists/" + args.get(0) + "/push", Map.of("target", args.get(1))).body();
        context.out().printf("%s playlist %s on %s (id %s): %d of %d tracks%n", r.path("created").asBoolean() ? "created" : "replaced",
                args.get(0), r.path("target").asText(), r.path("remoteId").asText(), r.path("matched").asInt(), r.path("tracks").asInt());
        JsonNode unmatched = r.path("unmatched");
        if (!unmatched.isEmpty()) {
            Table table = new Table("#", "artist", "title", "why not");
            for (JsonNode u : unmatched) {
                table.row(u.path("position").asInt() + 1, u.path("artist").asText(), u.path("title").asText(), u.path("reason").asText());
            }
            context.out().print(table.render(120));
        }
        return 0;
    }
}

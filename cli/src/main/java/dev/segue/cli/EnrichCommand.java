package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code segue enrich}: genres from MusicBrainz and Last.fm, followed per source. */
final class EnrichCommand extends RunCommand {

    private static final Option SCOPE = Option.choice("scope", List.of("all", "artists", "albums", "tracks"), "what to enrich (default all)");
    private static final Option LIMIT = Option.whole("limit", "N", "at most N entities per source and entity type");

    @Override
    public String name() {
        return "enrich";
    }

    @Override
    public String summary() {
        return "fetch genres from MusicBrainz and Last.fm (artists, then albums, then tracks)";
    }

    @Override
    public String synopsis() {
        return "[--scope all|artists|albums|tracks] [--force] [--limit N] [--all-tracks] [--no-wait]";
    }

    @Override
    public String description() {
        return """
                Follows the run to its end (a run already going, e.g. the one the scan started, is followed
                instead). Afterwards it shows each source: done, disabled (and why: Last.fm needs an API key)
                or unreachable (and why: no internet, DNS, a firewall); an unreachable source ends its part of
                the run, its entities stay due for the next run.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                SCOPE,
                Option.flag("force", "fetch again what is fresh"),
                LIMIT,
                Option.flag("all-tracks", "look every track up, not only those whose album and artist have no genres"),
                Option.flag("no-wait", "start the run and print its URL instead of following it"));
    }

    @Override
    public List<String> examples() {
        return List.of("enrich", "enrich --scope artists --limit 100", "enrich --force --no-wait");
    }

    @Override
    String service() {
        return "enrichment";
    }

    @Override
    String runsPath() {
        return "/api/enrichment/runs";
    }

    @Override
    String noun() {
        return "enrichment run";
    }

    @Override
    Map<String, Object> body(Options options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", SCOPE.convert(options.value("scope", "all")));
        if (options.has("force")) {
            body.put("force", true);
        }
        if (options.has("limit")) {
            body.put("limit", options.whole(LIMIT, 0));
        }
        if (options.has("all-tracks")) {
            body.put("allTracks", true);
        }
        return body;
    }

    @Override
    void summarise(JsonNode run, Context context) {
        context.out().println(Runs.headline(noun(), run) + ".");
        Table sources = new Table("source", "state", "done", "found", "not found", "errors", "calls", "why");
        for (Map.Entry<String, JsonNode> source : Progress.sources(run)) {
            JsonNode p = source.getValue();
            sources.row(source.getKey(), p.path("state").asText(), p.path("done").asLong() + "/" + p.path("total").asLong(),
                    p.path("found").asLong(), p.path("notFound").asLong(), p.path("errors").asLong(), p.path("calls").asLong(),
                    p.path("message").isTextual() ? p.path("message").asText() : "");
        }
        context.out().print(sources.render(200));
        Runs.message(run, context);
    }
}

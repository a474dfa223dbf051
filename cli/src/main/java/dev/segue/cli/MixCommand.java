package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code segue mix ACTION}: mixes that renew themselves (playlist-service {@code /api/mixes}). Each action is a
 * command of its own with its options, help and examples; a mix is named by its id or its name.
 */
final class MixCommand implements Command {

    private static final List<Command> ACTIONS = List.of(new Create(), new ListMixes(), new Show(), new Run(), new Delete());

    @Override
    public String name() {
        return "mix";
    }

    @Override
    public String summary() {
        return "mixes that renew themselves on a schedule and replace their playlist on each target";
    }

    @Override
    public String synopsis() {
        return "create|list|show|run|delete [arguments] [options]";
    }

    @Override
    public String description() {
        return """
                A mix is a stored definition (seeds, or a rule: the tracks added in the last N days, the tracks of a
                playlist; size; constraints; targets; a cron schedule or an interval). Each run makes a new edition
                with a share of fresh tracks, replaces the mix's one playlist on every target and keeps the newest
                editions (docs/delivery.md).""";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public List<Command> subcommands() {
        return ACTIONS;
    }

    @Override
    public List<String> examples() {
        return List.of("mix list", "mix show 3", "mix run \"Daily discovery\"", "mix delete 3");
    }

    @Override
    public int run(Options options, Context context) {
        throw new UsageException("segue mix needs an action: " + String.join(", ", ACTIONS.stream()
                .map(a -> a.name().substring("mix ".length())).toList()) + " (segue mix --help).");
    }

    /** The mix's path from its id or its exact name. */
    static String path(String mix, Context context) {
        if (mix.matches("\\d+")) {
            return "/api/mixes/" + mix;
        }
        for (JsonNode m : context.api().get("playlist", "/api/mixes")) {
            if (m.path("name").asText().equals(mix)) {
                return "/api/mixes/" + m.path("id").asText();
            }
        }
        throw new UsageException("There is no mix named '" + mix + "'; segue mix list shows them.");
    }

    private static String one(Options options, String usage) {
        if (options.positionals().size() != 1) {
            throw new UsageException("segue " + options.command() + " needs one mix, its id or name: " + usage + ".");
        }
        return options.positionals().getFirst();
    }

    static String schedule(JsonNode definition) {
        JsonNode s = definition.path("schedule");
        if (s.hasNonNull("cron")) {
            return "cron " + s.get("cron").asText();
        }
        return s.hasNonNull("intervalMinutes") ? "every " + s.get("intervalMinutes").asText() + " min" : "on demand";
    }

    /** What each target got from an edition; true when every target got it. */
    static boolean printOutcomes(JsonNode edition, Context context) {
        Table table = new Table("target", "result", "remote id", "pushed", "unmatched", "error");
        boolean allPushed = true;
        for (JsonNode t : edition.path("targets")) {
            boolean failed = t.hasNonNull("error");
            allPushed &= !failed;
            table.row(t.path("target").asText(), failed ? "failed" : t.path("created").asBoolean() ? "created" : "replaced",
                    t.path("remoteId").asText(""), failed ? "" : t.path("pushed").asInt(), failed ? "" : t.path("unmatched").asInt(),
                    t.path("error").asText(""));
        }
        if (!table.isEmpty()) {
            context.out().print(table.render(120));
        }
        return allPushed;
    }

    /** An action's declarations: what every one but create shares (one mix as argument, or none, and no options). */
    private abstract static class Action implements Command {
        private final String name;
        private final String summary;
        private final String synopsis;
        private final List<String> examples;

        Action(String name, String summary, String synopsis, List<String> examples) {
            this.name = "mix " + name;
            this.summary = summary;
            this.synopsis = synopsis;
            this.examples = examples;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return summary;
        }

        @Override
        public String synopsis() {
            return synopsis;
        }

        @Override
        public List<Option> options() {
            return List.of();
        }

        @Override
        public List<String> examples() {
            return examples;
        }
    }

    static final class Create implements Command {
        @Override
        public String name() {
            return "mix create";
        }

        @Override
        public String summary() {
            return "store a mix (nothing is built until its first run)";
        }

        @Override
        public String synopsis() {
            return "--name NAME (--seed ID|TEXT… | --added-within-days N | --from-playlist ID) [--target NAME…] "
                    + "[--cron EXPR | --every MINUTES] [options]";
        }

        @Override
        public String description() {
            return "Give exactly one source. Options left out take the service's defaults; segue mix run renews it at once.";
        }

        @Override
        public List<Option> options() {
            return RequestFields.options(RequestFields.MIX);
        }

        @Override
        public List<String> examples() {
            return List.of(
                    "mix create --name \"Daily discovery\" --added-within-days 30 --size 40 --target plex --target mpd --cron \"0 6 * * *\"",
                    "mix create --name Evening --seed 42 --seed 97 --minutes 60 --target box --every 720 --fresh-share 0.7 --keep 3",
                    "mix create --name \"More of Road trip\" --from-playlist 7 --size 25 --max-per-artist 2 --target navidrome");
        }

        @Override
        public int run(Options options, Context context) {
            if (!options.positionals().isEmpty()) {
                throw new UsageException("segue mix create takes options only, e.g. --name Daily --seed 42; not '"
                        + options.positionals().getFirst() + "'.");
            }
            if (!options.has("name")) {
                throw new UsageException("segue mix create needs --name NAME: the mix's playlist is called that on every target.");
            }
            Map<String, Object> body = RequestFields.body(RequestFields.MIX, options, context);
            JsonNode mix = context.api().post("playlist", "/api/mixes", body).body();
            context.out().printf("Stored mix %s \"%s\" (%s; targets: %s). segue mix run %s renews it now.%n", mix.path("id").asText(),
                    mix.path("name").asText(), schedule(mix.path("definition")), targets(mix.path("definition")), mix.path("id").asText());
            return 0;
        }
    }

    static final class ListMixes extends Action {
        ListMixes() {
            super("list", "every mix with its schedule, targets, next run and newest edition", "",
                    List.of("mix list"));
        }

        @Override
        public int run(Options options, Context context) {
            Table table = new Table("id", "name", "schedule", "targets", "next run", "editions", "last error");
            for (JsonNode m : context.api().get("playlist", "/api/mixes")) {
                table.row(m.path("id").asText(), m.path("name").asText(), schedule(m.path("definition")), targets(m.path("definition")),
                        m.path("running").asBoolean() ? "running now" : m.path("nextRunAt").asText("-"), m.path("editions").asInt(),
                        m.path("lastError").asText(""));
            }
            context.out().print(table.isEmpty() ? "No mixes yet; segue mix create --help shows how to make one.\n" : table.render(100));
            return 0;
        }
    }

    static final class Show extends Action {
        Show() {
            super("show", "a mix's definition and the editions kept, with what each target got", "ID|NAME",
                    List.of("mix show 3", "mix show \"Daily discovery\""));
        }

        @Override
        public int run(Options options, Context context) {
            String path = path(one(options, "segue mix show 3"), context);
            JsonNode mix = context.api().get("playlist", path);
            JsonNode d = mix.path("definition");
            context.out().printf("mix %s \"%s\": %s, targets %s, fresh share %s, keeps %s editions%n", mix.path("id").asText(),
                    mix.path("name").asText(), schedule(d), targets(d), d.path("freshShare").asText(), d.path("keepEditions").asText());
            context.out().println("source: " + d.path("source"));
            if (mix.hasNonNull("nextRunAt")) {
                context.out().println("next run: " + mix.path("nextRunAt").asText());
            }
            if (mix.hasNonNull("lastError")) {
                context.out().println("last run failed: " + mix.path("lastError").asText());
            }
            Table editions = new Table("edition", "playlist", "trigger", "finished", "tracks", "fresh", "targets");
            for (JsonNode e : context.api().get("playlist", path + "/editions")) {
                StringBuilder targets = new StringBuilder();
                for (JsonNode t : e.path("targets")) {
                    targets.append(targets.isEmpty() ? "" : ", ").append(t.path("target").asText()).append(t.hasNonNull("error") ? " failed"
                            : " " + t.path("pushed").asInt());
                }
                editions.row(e.path("number").asInt(), e.path("playlistId").asText(""), e.path("trigger").asText(),
                        e.path("finishedAt").asText(), e.path("tracks").asInt(), e.path("fresh").asInt(), targets);
            }
            context.out().print(editions.isEmpty() ? "No edition yet: segue mix run " + mix.path("id").asText() + ".\n"
                    : editions.render(80));
            return 0;
        }
    }

    static final class Run extends Action {
        Run() {
            super("run", "renew a mix now: a new edition, pushed in place to its targets", "ID|NAME",
                    List.of("mix run 3", "mix run \"Daily discovery\""));
        }

        @Override
        public String description() {
            return "Prints the new edition and what each target got. Exit 1 when a target failed (the others still got it) or "
                    + "no edition could be built.";
        }

        @Override
        public int run(Options options, Context context) {
            String path = path(one(options, "segue mix run 3"), context);
            JsonNode e = context.api().post("playlist", path + "/runs", Map.of()).body();
            context.out().printf("Edition %d of mix %s: playlist %s, %d tracks, %d not in the previous edition%n", e.path("number").asInt(),
                    e.path("mixId").asText(), e.path("playlistId").asText(), e.path("tracks").asInt(), e.path("fresh").asInt());
            for (JsonNode note : e.path("notes")) {
                context.err().println("note: " + note.asText());
            }
            return printOutcomes(e, context) ? 0 : 1;
        }
    }

    static final class Delete extends Action {
        Delete() {
            super("delete", "delete a mix, its editions and their playlists in Segue (the playlists on the targets stay)", "ID|NAME",
                    List.of("mix delete 3"));
        }

        @Override
        public int run(Options options, Context context) {
            String mix = one(options, "segue mix delete 3");
            context.api().delete("playlist", path(mix, context));
            context.out().println("Deleted mix " + mix + ".");
            return 0;
        }
    }

    private static String targets(JsonNode definition) {
        StringBuilder b = new StringBuilder();
        definition.path("targets").forEach(t -> b.append(b.isEmpty() ? "" : ", ").append(t.asText()));
        return b.isEmpty() ? "none" : b.toString();
    }
}

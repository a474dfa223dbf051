package dev.segue.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code segue path FROM TO}: a playlist that moves step by step from one track's sound to another's. */
final class PathCommand implements Command {

    @Override
    public String name() {
        return "path";
    }

    @Override
    public String summary() {
        return "a playlist that moves step by step from one track's sound to another's";
    }

    @Override
    public String synopsis() {
        return "FROM TO [--size N] [options] [--m3u FILE]";
    }

    @Override
    public String description() {
        return "FROM and TO are each " + Tracks.SEARCH_HELP + "; quote words: segue path \"so what\" \"blue in green\".";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(RequestFields.options(RequestFields.PATH));
        options.add(Playlists.M3U);
        return options;
    }

    @Override
    public List<String> examples() {
        return List.of("path 165 32", "path \"night drive\" \"quiet rooms\" --size 8 --m3u drift.m3u8", "path 165 32 --max-per-artist 1");
    }

    @Override
    public int run(Options options, Context context) {
        if (options.positionals().size() != 2) {
            throw new UsageException("segue path takes two tracks, FROM and TO (ids or quoted words), e.g. segue path 165 32"
                    + (options.positionals().isEmpty() ? "" : "; got " + options.positionals().size() + ": " + String.join(" ", options.positionals())) + ".");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", Tracks.resolve(context.api(), options.positionals().get(0), "from", context).path("id").asLong());
        request.put("to", Tracks.resolve(context.api(), options.positionals().get(1), "to", context).path("id").asLong());
        request.putAll(RequestFields.body(RequestFields.PATH, options, context));
        return Playlists.create("/api/playlists/path", request, RequestFields.PATH, options, context);
    }
}

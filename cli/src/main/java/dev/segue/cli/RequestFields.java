package dev.segue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The playlist-service request fields the CLI sets, one option each: {@code segue playlist} builds a
 * {@code POST /api/playlists} body, {@code segue path} a {@code POST /api/playlists/path} body. A test
 * binds these lists to the fields of the service's OpenAPI document, so a field added there and
 * forgotten here fails the build; {@code --set FIELD=VALUE} reaches a field meanwhile.
 */
public final class RequestFields {

    static final Option SET = Option.text("set", "FIELD=VALUE",
            "set any request field, also one this CLI has no option for (VALUE is JSON or text; a.b for nested)").repeated();

    static final RequestField SEED = new RequestField(
            Option.track("seed", "a seed track: " + Tracks.SEARCH_HELP + "; repeatable (up to 20); also as arguments").repeated(), "seeds");

    private static final RequestField SONIC_WEIGHT = new RequestField(Option.number("sonic-weight", "W",
            "weight of sound similarity, 0..1 (default 0.6; the genre weight becomes 1 - W unless given)"), "weights.sonic");
    private static final RequestField GENRE_WEIGHT = new RequestField(Option.number("genre-weight", "W",
            "weight of genre similarity, 0..1 (default 0.4)"), "weights.genre");
    private static final RequestField MAX_PER_ARTIST = new RequestField(Option.whole("max-per-artist", "N",
            "at most N tracks by one artist, seeds included (default 4)"), "maxPerArtist");
    private static final RequestField ARTIST_GAP = new RequestField(Option.whole("artist-gap", "N",
            "at least N other tracks between two by the same artist (default 1; 0 = no rule)"), "artistGap");
    private static final RequestField NAME = new RequestField(Option.text("name", "NAME", "the playlist's name"), "name");

    private static final RequestField SIZE = new RequestField(Option.whole("size", "N",
            "tracks wanted, seeds included (default 25; or --minutes)"), "size");
    private static final RequestField MINUTES = new RequestField(Option.whole("minutes", "M",
            "playing time wanted instead of a number of tracks"), "targetMinutes");
    private static final List<RequestField> CONSTRAINTS = List.of(
            SONIC_WEIGHT,
            GENRE_WEIGHT,
            MAX_PER_ARTIST,
            ARTIST_GAP,
            new RequestField(Option.whole("album-gap", "N", "at least N other tracks between two of the same album (default 0)"), "albumGap"),
            new RequestField(Option.whole("min-track-seconds", "S",
                    "leave out tracks shorter than S seconds (default 30; 0 = any length; a seed always counts)"), "minTrackSeconds"),
            new RequestField(Option.whole("max-track-seconds", "S", "leave out tracks longer than S seconds"), "maxTrackSeconds"),
            new RequestField(Option.number("bpm-window", "BPM", "keep to ± BPM of the seed's tempo (octave-folded: 70 fits 140)"), "bpmWindow"));
    private static final RequestField ORDERING = new RequestField(Option.choice("ordering", List.of("transition", "score"),
            "transition: each end leads into the next beginning (default); score: most similar first"), "ordering");

    static final List<RequestField> PLAYLIST = Stream.of(
            List.of(SEED, SIZE, MINUTES),
            CONSTRAINTS,
            List.of(new RequestField(Option.whole("exclude", "ID", "never include this track (repeatable)").repeated(), "excludeTrackIds"),
                    ORDERING,
                    new RequestField(Option.flag("include-unanalysed",
                            "let in tracks without a sonic analysis (not analysed yet, failed, unsupported), scored by genre;"
                                    + " by default they are left out and the playlist's notes count them"), "includeUnanalysed"),
                    NAME)).flatMap(List::stream).toList();

    /** {@code segue mix create}: a {@code POST /api/mixes} body. */
    static final List<RequestField> MIX = Stream.of(
            List.of(new RequestField(Option.text("name", "NAME", "the mix's name, also its playlist's name on every target (required)"),
                            "name"),
                    new RequestField(Option.track("seed", "a seed of every edition: " + Tracks.SEARCH_HELP + "; repeatable (up to 20)")
                            .repeated(), "source.seeds"),
                    new RequestField(Option.whole("added-within-days", "N",
                            "or: each edition's seeds drawn from the tracks added to the library in the last N days"),
                            "source.addedWithinDays"),
                    new RequestField(Option.whole("from-playlist", "ID", "or: each edition's seeds drawn from this stored playlist"),
                            "source.playlist"),
                    SIZE, MINUTES),
            CONSTRAINTS,
            List.of(ORDERING,
                    new RequestField(Option.text("target", "NAME", "push every edition to this target, in place (repeatable; "
                            + "GET /api/targets lists them)").repeated(), "targets"),
                    new RequestField(Option.text("cron", "EXPR", "renew on this Unix cron schedule, e.g. \"0 6 * * *\" (6:00 daily)"),
                            "schedule.cron"),
                    new RequestField(Option.whole("every", "MINUTES", "or: renew every MINUTES minutes"), "schedule.intervalMinutes"),
                    new RequestField(Option.number("fresh-share", "F",
                            "share of each edition's tracks not in the previous edition, 0..1 (default 0.5)"), "freshShare"),
                    new RequestField(Option.whole("keep", "N", "editions kept, older ones deleted (default 5)"), "keepEditions")))
            .flatMap(List::stream).toList();

    static final List<RequestField> PATH = List.of(
            new RequestField(Option.whole("size", "N", "tracks on the path, both ends included (default 12)"), "size"),
            SONIC_WEIGHT,
            GENRE_WEIGHT,
            MAX_PER_ARTIST,
            ARTIST_GAP,
            NAME);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFields() {
    }

    /** Every top-level field of the playlist request the CLI can set. */
    public static List<String> playlistFields() {
        return topLevel(PLAYLIST.stream().map(RequestField::field));
    }

    /** Every top-level field of the path request the CLI can set ({@code from} and {@code to} are its arguments). */
    public static List<String> pathFields() {
        return topLevel(Stream.concat(Stream.of("from", "to"), PATH.stream().map(RequestField::field)));
    }

    private static List<String> topLevel(Stream<String> fields) {
        return fields.map(f -> f.split("\\.")[0]).distinct().toList();
    }

    static List<Option> options(List<RequestField> fields) {
        List<Option> options = new ArrayList<>(fields.stream().map(RequestField::option).toList());
        options.add(SET);
        return options;
    }

    /** The request body for the options given; track options are resolved to ids, {@code --set} applied last. */
    static Map<String, Object> body(List<RequestField> fields, Options options, Context context) {
        Map<String, Object> body = new LinkedHashMap<>();
        // every value is checked before a track is looked up, so a typo costs no request
        Map<RequestField, List<Object>> values = new LinkedHashMap<>();
        for (RequestField field : fields) {
            if (options.has(field.option().name())) {
                values.put(field, new ArrayList<>(options.values(field.option().name()).stream().map(field.option()::convert).toList()));
            }
        }
        values.forEach((field, given) -> {
            if (field.option().kind() == Option.Kind.TRACK) {
                given.replaceAll(text -> Tracks.resolve(context.api(), (String) text, field.option().name(), context).path("id").asLong());
            }
            put(body, field.field(), field.option().repeatable() ? given : given.getFirst());
        });
        complementWeights(body);
        for (String assignment : options.values(SET.name())) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--set needs FIELD=VALUE, e.g. --set maxPerArtist=2; not '" + assignment + "'.");
            }
            put(body, assignment.substring(0, equals).strip(), parse(assignment.substring(equals + 1)));
        }
        return body;
    }

    /** The service wants both weights; one given means the other takes the rest. */
    @SuppressWarnings("unchecked")
    private static void complementWeights(Map<String, Object> body) {
        if (body.get("weights") instanceof Map<?, ?> weights && weights.size() == 1) {
            Map<String, Object> both = (Map<String, Object>) weights;
            String given = both.containsKey("sonic") ? "sonic" : "genre";
            double value = ((Number) both.get(given)).doubleValue();
            both.put(given.equals("sonic") ? "genre" : "sonic", Math.max(0, Math.round((1 - value) * 1000) / 1000.0));
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> target = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = target.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                throw new UsageException(String.join(".", Arrays.copyOf(parts, i + 1)) + " is not an object; cannot set " + path + ".");
            }
            target = (Map<String, Object>) next;
        }
        target.put(parts[parts.length - 1], value);
    }

    private static Object parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException notJson) {
            return value;
        }
    }

    /**
     * The options that set the fields a problem's detail names ({@code maxPerArtist=4} → {@code --max-per-artist}),
     * so a 422 asking to relax a constraint says how to from the command line.
     */
    static List<String> optionsNamedIn(String detail, List<RequestField> fields) {
        List<String> named = new ArrayList<>();
        for (RequestField field : fields) {
            String json = field.field().split("\\.")[0];
            if (Pattern.compile("\\b" + Pattern.quote(json) + "\\b").matcher(detail).find() && !named.contains(field.option().synopsis())) {
                named.add(field.option().synopsis());
            }
        }
        return named;
    }
}

package dev.segue.enrichment.genre;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The canonical genres with their parents, the aliases people tag with, and the tags that are not
 * genres, loaded from the {@code genres/*.txt} resources. Matching works on a key with case,
 * punctuation and separators unified, so "Hip-Hop", "hip_hop" and "HIPHOP" meet.
 */
public final class GenreVocabulary {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_/.,+:;!?()\\[\\]{}\"|~*]+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’`´]");
    private static final Pattern YEAR_OR_DECADE = Pattern.compile("(?:(?:19|20)?\\d0 ?s|(?:19|20)\\d\\d|'\\d0s)");
    private static final Pattern MENTIONS_YEAR = Pattern.compile(".*\\b(?:19|20)\\d\\d\\b.*");

    /** canonical name -> parent name (null for a root), parents before children */
    private final Map<String, String> parents;
    private final Map<String, String> byKey = new HashMap<>();
    private final Map<String, String> byCompactKey = new HashMap<>();
    private final Set<String> ignoredKeys = new HashSet<>();

    private GenreVocabulary(Map<String, String> parents, Map<String, String> aliases, Set<String> ignored) {
        this.parents = Collections.unmodifiableMap(parents);
        parents.keySet().forEach(this::register);
        aliases.forEach((alias, canonical) -> {
            if (!parents.containsKey(canonical)) {
                throw new IllegalStateException("Alias '" + alias + "' points to '" + canonical + "', which is not in the vocabulary");
            }
            byKey.putIfAbsent(key(alias), canonical);
            byCompactKey.putIfAbsent(compact(key(alias)), canonical);
        });
        ignored.forEach(tag -> ignoredKeys.add(key(tag)));
    }

    private void register(String name) {
        byKey.put(key(name), name);
        byCompactKey.putIfAbsent(compact(key(name)), name);
    }

    /** Loads the shipped vocabulary; with {@code keepCountries} nationality tags become root genres instead of being ignored. */
    public static GenreVocabulary load(boolean keepCountries) {
        Map<String, String> parents = new LinkedHashMap<>();
        List<String[]> pending = new ArrayList<>();
        for (String line : lines("genres/vocabulary.txt")) {
            String[] parts = line.split(";", 2);
            pending.add(new String[] {parts[0].strip(), parts.length > 1 ? parts[1].strip() : null});
        }
        // parents first, whatever the file order, so the table can be written top-down
        while (!pending.isEmpty()) {
            int before = pending.size();
            pending.removeIf(p -> {
                if (p[1] == null || parents.containsKey(p[1])) {
                    parents.put(p[0], p[1]);
                    return true;
                }
                return false;
            });
            if (pending.size() == before) {
                throw new IllegalStateException("Genres with unknown parents: " + pending.stream().map(p -> p[0] + " ; " + p[1]).toList());
            }
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String line : lines("genres/aliases.txt")) {
            String[] parts = line.split("=", 2);
            aliases.put(parts[0].strip(), parts[1].strip());
        }
        Set<String> ignored = new HashSet<>(lines("genres/ignored.txt"));
        List<String> countries = lines("genres/countries.txt");
        if (keepCountries) {
            countries.forEach(c -> parents.putIfAbsent(c, null));
        } else {
            ignored.addAll(countries);
        }
        return new GenreVocabulary(parents, aliases, ignored);
    }

    private static List<String> lines(String resource) {
        InputStream in = GenreVocabulary.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Case-folded, NFKC, "&" spelled "and", apostrophes dropped, every run of separators one space. */
    public static String key(String tag) {
        String s = Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replace("&", " and ");
        s = APOSTROPHES.matcher(s).replaceAll("");
        return SEPARATORS.matcher(s).replaceAll(" ").strip();
    }

    static String compact(String key) {
        return key.replace(" ", "");
    }

    /** The canonical genre a tag stands for, or empty when it is ignored or not a known genre. */
    public Optional<String> canonical(String tag) {
        String key = key(tag);
        if (key.isEmpty() || isIgnored(key)) {
            return Optional.empty();
        }
        String found = lookup(key);
        if (found == null && key.endsWith(" music")) {
            found = lookup(key.substring(0, key.length() - " music".length()));
        }
        return Optional.ofNullable(found);
    }

    private String lookup(String key) {
        String found = byKey.get(key);
        return found != null ? found : byCompactKey.get(compact(key));
    }

    /** Listener, release and date tags ("seen live", "albums i own", "90s", "best of 2012"). */
    public boolean isIgnored(String key) {
        return ignoredKeys.contains(key) || YEAR_OR_DECADE.matcher(key).matches() || MENTIONS_YEAR.matcher(key).matches();
    }

    /** Every canonical genre with its parent (null for a root), parents before children. */
    public Map<String, String> parents() {
        return parents;
    }

    public Optional<String> parentOf(String genre) {
        return Optional.ofNullable(parents.get(genre));
    }
}

package dev.segue.playlist.playlist;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extended M3U: {@code #EXTINF:<seconds>,Artist - Title} then the file's path, rewritten by the longest
 * matching configured prefix. Text from tags cannot start a line of its own: line breaks and other
 * control characters become spaces, and a path that contains one is written as a percent-encoded
 * {@code file:} URI, which players accept in M3U.
 */
public final class M3uWriter {

    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    private final List<Map.Entry<String, String>> rewrites;

    /** @param rewrites entries {@code from=to} */
    public M3uWriter(List<String> rewrites) {
        List<Map.Entry<String, String>> parsed = new ArrayList<>();
        for (String r : rewrites) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("segue.playlist.m3u.path-rewrites entry '" + r + "' is not from=to");
            }
            parsed.add(Map.entry(r.substring(0, eq), r.substring(eq + 1)));
        }
        parsed.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        this.rewrites = List.copyOf(parsed);
    }

    /** One playlist line pair per track. */
    public record Item(Integer durationSeconds, String artist, String title, String path) {
    }

    public String write(String name, List<Item> items) {
        StringBuilder out = new StringBuilder("#EXTM3U\n");
        out.append("#PLAYLIST:").append(clean(name)).append('\n');
        for (Item item : items) {
            out.append("#EXTINF:").append(item.durationSeconds() == null ? -1 : item.durationSeconds()).append(',')
                    .append(clean(item.artist())).append(" - ").append(clean(item.title())).append('\n');
            out.append(location(rewrite(item.path()))).append('\n');
        }
        return out.toString();
    }

    String rewrite(String path) {
        for (Map.Entry<String, String> r : rewrites) {
            if (path.startsWith(r.getKey())) {
                return r.getValue() + path.substring(r.getKey().length());
            }
        }
        return path;
    }

    private static String location(String path) {
        if (!LINE_BREAKING.matcher(path).find()) {
            return path;
        }
        try {
            return new URI("file", "", path.startsWith("/") ? path : "/" + path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot write path as a file URI: " + clean(path), e);
        }
    }

    private static String clean(String text) {
        return text == null ? "" : LINE_BREAKING.matcher(text).replaceAll(" ").strip();
    }
}

package dev.segue.library.scan;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns raw tag strings into values the database accepts and a person would believe: control
 * characters (PostgreSQL rejects NUL) and absurd lengths are cut, numbers and years outside
 * sane ranges become absent.
 */
public final class TagValues {

    static final int MAX_TEXT = 500;
    static final int MAX_GENRE = 100;
    static final int MAX_GENRES = 20;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cs}\\uFFFE\\uFFFF]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern YEAR = Pattern.compile("^\\s*(\\d{4})(?:$|[-/.T ])");
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*0*(\\d{1,9})");
    private static final Pattern TOTAL = Pattern.compile("^\\s*\\d+\\s*/\\s*0*(\\d{1,9})");
    private static final Pattern ISRC = Pattern.compile("^[A-Z]{2}[A-Z0-9]{3}\\d{7}$");
    private static final Pattern GENRE_SEPARATORS = Pattern.compile("\\s*[;/|\\u0000]\\s*");
    private static final Pattern ID3_GENRE_REF = Pattern.compile("^\\((\\d{1,3})\\)(.*)$");

    private TagValues() {
    }

    /** Trimmed single-line text of at most {@code max} characters, or null when nothing is left. */
    public static String text(String raw, int max) {
        if (raw == null) {
            return null;
        }
        String head = raw.length() > max * 4 ? raw.substring(0, max * 4) : raw;
        String clean = SPACES.matcher(CONTROL.matcher(head).replaceAll(" ")).replaceAll(" ").trim();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() > max) {
            int end = max;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            clean = clean.substring(0, end).trim();
        }
        return clean;
    }

    static String text(String raw) {
        return text(raw, MAX_TEXT);
    }

    /** A year from "1999", "1999-05-01" or "1999/05"; null when outside 1000 .. next year. */
    static Integer year(String raw) {
        if (raw == null) {
            return null;
        }
        var m = YEAR.matcher(raw);
        if (!m.find()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        return year >= 1000 && year <= Year.now().getValue() + 1 ? year : null;
    }

    /** The leading number of "3", "03" or "3/12"; null unless 1 .. {@code max}. */
    static Integer number(String raw, int max) {
        if (raw == null) {
            return null;
        }
        var m = LEADING_INT.matcher(raw);
        if (!m.find()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return n >= 1 && n <= max ? (int) n : null;
    }

    /** The total of "3/12" when the tag packs it with the number. */
    static Integer totalOf(String raw, int max) {
        if (raw == null) {
            return null;
        }
        var m = TOTAL.matcher(raw);
        if (!m.find()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return n >= 1 && n <= max ? (int) n : null;
    }

    static UUID uuid(String raw) {
        String text = text(raw, 100);
        if (text == null) {
            return null;
        }
        // several ids ("a/b") name several artists: none of them is this one's id
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String isrc(String raw) {
        String text = text(raw, 100);
        if (text == null) {
            return null;
        }
        String compact = text.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return ISRC.matcher(compact).matches() ? compact : null;
    }

    static boolean flag(String raw) {
        if (raw == null) {
            return false;
        }
        String t = raw.trim().toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes");
    }

    /**
     * Raw genre strings as the tags hold them, split on the usual separators, ID3 "(17)"
     * references resolved, de-duplicated, bounded. Canonicalisation is enrichment-service's job.
     */
    static List<String> genres(List<String> values, java.util.function.IntFunction<String> id3Genre) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            String bounded = value.length() > 10_000 ? value.substring(0, 10_000) : value;
            for (String part : GENRE_SEPARATORS.split(bounded)) {
                String genre = resolveId3(part.trim(), id3Genre);
                genre = text(genre, MAX_GENRE);
                if (genre != null && out.size() < MAX_GENRES) {
                    out.add(genre);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String resolveId3(String part, java.util.function.IntFunction<String> id3Genre) {
        var ref = ID3_GENRE_REF.matcher(part);
        if (ref.matches()) {
            String refined = ref.group(2).trim();
            return refined.isEmpty() ? id3Genre.apply(Integer.parseInt(ref.group(1))) : refined;
        }
        if (part.matches("\\d{1,3}")) {
            String named = id3Genre.apply(Integer.parseInt(part));
            return named == null ? part : named;
        }
        return part;
    }
}

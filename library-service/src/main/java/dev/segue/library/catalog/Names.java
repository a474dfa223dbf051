package dev.segue.library.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The keys artists and albums are matched on, so "The  Beatles", "the beatles" and "ＴＨＥ BEATLES" are one artist. */
public final class Names {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^the\\s+(.+)$");

    private Names() {
    }

    /** Case-folded, Unicode NFKC, trimmed, inner whitespace collapsed. */
    public static String key(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        // upper then lower approximates full case folding (ß → ss, final sigma) without ICU
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return SPACES.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC)).replaceAll(" ").trim();
    }

    /** The key with a leading "the" moved to the end: "The Beatles" sorts as "beatles, the". */
    public static String sortName(String name) {
        String key = key(name);
        var matcher = LEADING_ARTICLE.matcher(key);
        return matcher.matches() ? matcher.group(1) + ", the" : key;
    }
}

package dev.segue.playlist.delivery;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds Segue tracks in a server's catalogue: by the mapped file path first, then by MusicBrainz recording id,
 * then by normalised artist + title with a length within {@value #LENGTH_TOLERANCE_S} s. The catalogue is
 * indexed once, so a push costs one pass over it whatever the playlist's length.
 */
public final class Matcher {

    static final int LENGTH_TOLERANCE_S = 3;

    /** The server's ids in playlist order, and the tracks it does not have. */
    public record Matching(List<String> remoteIds, List<Long> matchedTrackIds, List<Unmatched> unmatched) {
    }

    private final PathMapping mapping;
    private final boolean usePaths;
    private final Map<String, RemoteTrack> byPath = new HashMap<>();
    private final Map<String, RemoteTrack> byMbid = new HashMap<>();
    private final Map<String, List<RemoteTrack>> byName = new HashMap<>();

    /**
     * @param usePaths false for a server whose paths are not the files' (Navidrome's virtual paths): matching
     *                 goes by MBID and tags only
     */
    public Matcher(List<RemoteTrack> catalogue, PathMapping mapping, boolean usePaths) {
        this.mapping = mapping;
        this.usePaths = usePaths;
        for (RemoteTrack r : catalogue) {
            if (usePaths && r.path() != null) {
                byPath.putIfAbsent(r.path(), r);
            }
            if (r.mbid() != null && !r.mbid().isBlank()) {
                byMbid.putIfAbsent(r.mbid().toLowerCase(Locale.ROOT), r);
            }
            if (r.title() != null && r.artist() != null) {
                byName.computeIfAbsent(key(r.artist(), r.title()), k -> new ArrayList<>()).add(r);
            }
        }
    }

    public Matching match(List<LocalTrack> tracks) {
        List<String> ids = new ArrayList<>();
        List<Long> matched = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            LocalTrack t = tracks.get(i);
            List<String> tried = new ArrayList<>();
            RemoteTrack found = find(t, tried);
            if (found == null) {
                unmatched.add(new Unmatched(i, t.trackId(), t.artist(), t.title(), "not found " + String.join(", ", tried)));
            } else {
                ids.add(found.id());
                matched.add(t.trackId());
            }
        }
        return new Matching(ids, matched, unmatched);
    }

    /** Whether the track is in the catalogue (for the target check). */
    public boolean has(LocalTrack t) {
        return find(t, new ArrayList<>()) != null;
    }

    private RemoteTrack find(LocalTrack t, List<String> tried) {
        if (usePaths) {
            var mapped = mapping.map(t.path());
            if (mapped.isEmpty()) {
                tried.add("by path (" + t.path() + " is outside every path mapping)");
            } else {
                RemoteTrack r = byPath.get(mapped.get());
                if (r != null) {
                    return r;
                }
                tried.add("by path " + mapped.get());
            }
        }
        if (t.mbid() != null) {
            RemoteTrack r = byMbid.get(t.mbid().toLowerCase(Locale.ROOT));
            if (r != null) {
                return r;
            }
            tried.add("by MusicBrainz recording " + t.mbid());
        }
        List<RemoteTrack> named = byName.getOrDefault(key(t.artist(), t.title()), List.of());
        for (RemoteTrack r : named) {
            if (t.seconds() == null || r.seconds() == null || Math.abs(t.seconds() - r.seconds()) <= LENGTH_TOLERANCE_S) {
                return r;
            }
        }
        tried.add(named.isEmpty() ? "by artist and title" : "by artist and title within " + LENGTH_TOLERANCE_S + " s of "
                + t.seconds() + " s (the server's lengths differ)");
        return null;
    }

    static String key(String artist, String title) {
        return normalise(artist) + "\u0000" + normalise(title);
    }

    /** Lower case, no accents, no punctuation, single spaces, without a leading "the". */
    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replace('&', ' ').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return n.startsWith("the ") ? n.substring(4) : n;
    }
}

package dev.segue.playlist.index;

import dev.segue.playlist.similarity.GenreVectors;
import dev.segue.playlist.similarity.SonicVectors;
import dev.segue.schema.sonic.SonicLayout;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mutable state behind {@link LibraryIndex}: tracks, which of them are analysed, and genre rows by id,
 * updated piecemeal as the database changes, compiled into a new immutable snapshot by {@link #build()}, which
 * reads the analysed tracks' raw vectors from its {@link VectorSource}.
 * Not thread-safe; its owner serialises access.
 */
public final class IndexBuilder {

    // "(Remastered 2011)", "[Bonus Track]": the same recording under a decorated title
    private static final Pattern DECORATION = Pattern.compile(
            "[(\\[][^)\\]]*(remaster|bonus|deluxe|album version|single version|explicit|clean)[^)\\]]*[)\\]]|\\s-\\s.*remaster.*$");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<Long, TrackInfo> tracks = new HashMap<>();
    private final VectorSource vectors;
    /** Tracks with complete vectors of the analyzer version. */
    private final Set<Long> analysed = new HashSet<>();
    private final Set<Long> analysisFailed = new HashSet<>();
    private final Map<GenreLevel, Map<Long, GenreRows>> genres = new EnumMap<>(GenreLevel.class);
    private Map<Long, Long> genreParents = Map.of();
    private int analyzerVersion;

    /** A builder that keeps the vectors it is given ({@link HeldVectors}). */
    public IndexBuilder() {
        this(new HeldVectors());
    }

    public IndexBuilder(VectorSource vectors) {
        this.vectors = vectors;
        for (GenreLevel level : GenreLevel.values()) {
            genres.put(level, new HashMap<>());
        }
    }

    public void putTrack(TrackInfo track) {
        tracks.put(track.id(), track);
    }

    public void removeTrack(long trackId) {
        tracks.remove(trackId);
    }

    /**
     * @param raw the four segments' features in {@link Segment} order, each in the layout of the
     *            {@linkplain #setAnalyzerVersion analyzer version}
     */
    public void putVectors(long trackId, float[] raw) {
        if (raw.length != vectorLength()) {
            throw new IllegalArgumentException("expected " + vectorLength() + " values for analyzer version "
                    + analyzerVersion + ", got " + raw.length);
        }
        vectors.put(trackId, raw);
        analysed.add(trackId);
        analysisFailed.remove(trackId);
    }

    public void removeVectors(long trackId) {
        vectors.remove(trackId);
        analysed.remove(trackId);
    }

    /** The track's analysis failed or its format is unsupported: it has no vectors and will get none by retrying. */
    public void markAnalysisFailed(long trackId) {
        removeVectors(trackId);
        analysisFailed.add(trackId);
    }

    public void clearVectors() {
        vectors.clear();
        analysed.clear();
        analysisFailed.clear();
    }

    public void setAnalyzerVersion(int analyzerVersion) {
        this.analyzerVersion = analyzerVersion;
    }

    public int analyzerVersion() {
        return analyzerVersion;
    }

    /** The layout of the analyzer version's vectors; null for version 0 (no sonic data) or an unknown one. */
    public SonicLayout layout() {
        return SonicLayout.of(analyzerVersion).orElse(null);
    }

    /** Values of one track's four segments in the current analyzer version's layout (0 without one). */
    public int vectorLength() {
        SonicLayout layout = layout();
        return layout == null ? 0 : Segment.COUNT * layout.size();
    }

    /** Replaces the genre rows of one entity; empty rows remove it. */
    public void putGenres(GenreLevel level, long entityId, GenreRows rows) {
        if (rows.size() == 0) {
            genres.get(level).remove(entityId);
        } else {
            genres.get(level).put(entityId, rows);
        }
    }

    public void clearGenres(GenreLevel level) {
        genres.get(level).clear();
    }

    /** Number of genre rows held for a level, to compare with the table's row count. */
    public long genreRowCount(GenreLevel level) {
        long n = 0;
        for (GenreRows rows : genres.get(level).values()) {
            n += rows.size();
        }
        return n;
    }

    public void setGenreParents(Map<Long, Long> parents) {
        this.genreParents = Map.copyOf(parents);
    }

    public Map<Long, Long> genreParents() {
        return genreParents;
    }

    public int trackCount() {
        return tracks.size();
    }

    public LibraryIndex build() {
        long[] ids = tracks.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        TrackInfo[] infos = new TrackInfo[ids.length];
        int[] recording = new int[ids.length];
        long[] artistGroup = new long[ids.length];
        long[] albumGroup = new long[ids.length];
        boolean[] failed = new boolean[ids.length];
        float[][] raw = new float[ids.length][];
        List<Map<Long, Float>> effective = new ArrayList<>(ids.length);
        Map<String, Integer> recordings = new HashMap<>();
        Map<String, Integer> folders = new HashMap<>();
        for (int r = 0; r < ids.length; r++) {
            TrackInfo t = tracks.get(ids[r]);
            infos[r] = t;
            // no artist: the folder is what the tracks have in common, never the placeholder artist
            String by = t.artistKnown() ? t.artist() : t.folder();
            recording[r] = recordings.computeIfAbsent(recordingKey(by, t.title()), k -> recordings.size());
            artistGroup[r] = t.artistKnown() ? t.artistId() : -t.id();
            if (t.albumId() != null) {
                albumGroup[r] = t.albumId();
            } else if (!t.artistKnown()) {
                albumGroup[r] = -1 - folders.computeIfAbsent(t.folder(), k -> folders.size());
            }
            failed[r] = analysisFailed.contains(ids[r]);
            effective.add(effectiveGenres(t));
        }
        readVectors(ids, raw);
        return new LibraryIndex(ids, infos, recording, artistGroup, albumGroup, failed, SonicVectors.build(layout(), ids, raw),
                GenreVectors.build(effective, genreParents), analyzerVersion, Instant.now());
    }

    /** The analysed rows' raw vectors from the source (ids ascending, so the analysed ones are too). */
    private void readVectors(long[] ids, float[][] raw) {
        int[] rows = new int[ids.length];
        int n = 0;
        for (int r = 0; r < ids.length; r++) {
            if (analysed.contains(ids[r])) {
                rows[n++] = r;
            }
        }
        long[] wanted = new long[n];
        for (int i = 0; i < n; i++) {
            wanted[i] = ids[rows[i]];
        }
        float[][] got = new float[n][];
        vectors.read(analyzerVersion, vectorLength(), wanted, got);
        for (int i = 0; i < n; i++) {
            raw[rows[i]] = got[i];
        }
    }

    private Map<Long, Float> effectiveGenres(TrackInfo t) {
        GenreRows rows = genres.get(GenreLevel.TRACK).get(t.id());
        if (rows == null && t.albumId() != null) {
            rows = genres.get(GenreLevel.ALBUM).get(t.albumId());
        }
        if (rows == null && t.artistKnown()) {
            rows = genres.get(GenreLevel.ARTIST).get(t.artistId());
        }
        return rows == null ? Map.of() : rows.combined();
    }

    /** Artist and title folded: case, accents, punctuation and remaster/bonus decorations ignored. */
    public static String recordingKey(String artist, String title) {
        return fold(artist) + "\u0000" + fold(DECORATION.matcher(title.toLowerCase(Locale.ROOT)).replaceAll(" "));
    }

    private static String fold(String s) {
        String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        return NON_ALNUM.matcher(DIACRITICS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip();
    }
}

package dev.segue.playlist.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.client.AnalysisOutcome;
import dev.segue.playlist.config.PlaylistConfig;
import dev.segue.playlist.index.IndexService;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.playlist.playlist.Constraints;
import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.ListedTrack;
import dev.segue.playlist.playlist.M3uWriter;
import dev.segue.playlist.playlist.Ordering;
import dev.segue.playlist.playlist.PathBuilder;
import dev.segue.playlist.playlist.PlaylistBuilder;
import dev.segue.playlist.playlist.PlaylistListing;
import dev.segue.playlist.playlist.Reasons;
import dev.segue.playlist.playlist.Scores;
import dev.segue.playlist.playlist.StoredPlaylist;
import dev.segue.playlist.playlist.Suggestions;
import dev.segue.playlist.repository.GenreRepository;
import dev.segue.playlist.repository.Playlist;
import dev.segue.playlist.repository.PlaylistRepository;
import dev.segue.playlist.repository.PlaylistTrackRepository;
import dev.segue.playlist.repository.PlaylistTrackRepository.StoredTrack;
import dev.segue.playlist.repository.PlaylistTrackRepository.Totals;
import dev.segue.playlist.request.ContinueRequest;
import dev.segue.playlist.request.PathRequest;
import dev.segue.playlist.request.PlaylistRequest;
import dev.segue.playlist.request.Weights;
import dev.segue.playlist.similarity.Scorer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds, stores and exports playlists. Everything is computed on one index snapshot; the database is
 * touched only to store the result (a playlist's row and its tracks in one transaction), and sonic-service only
 * when a seed has no analysis yet.
 */
@ApplicationScoped
public class PlaylistService {

    private static final String GENRES_ONLY = "Built from genres only: ";
    private static final int CONTINUE_COUNT = 10;
    /** The recent tracks that set the direction of a continuation: what is playing now, not the whole session. */
    private static final int CONTINUE_SCORING_TRACKS = 5;

    private final IndexService indexService;
    private final SeedAnalysis seedAnalysis;
    private final PlaylistRepository playlists;
    private final PlaylistTrackRepository tracks;
    private final ObjectMapper mapper;
    private final PlaylistConfig config;
    private final M3uWriter m3u;
    private final GenreRepository genres;
    private final Admission admission;

    PlaylistService(IndexService indexService, SeedAnalysis seedAnalysis, PlaylistRepository playlists,
                    PlaylistTrackRepository tracks, GenreRepository genres, ObjectMapper mapper, PlaylistConfig config,
                    Admission admission) {
        this.indexService = indexService;
        this.admission = admission;
        this.seedAnalysis = seedAnalysis;
        this.playlists = playlists;
        this.tracks = tracks;
        this.mapper = mapper;
        this.genres = genres;
        this.config = config;
        this.m3u = new M3uWriter(config.m3u().pathRewrites().orElse(List.of()));
    }

    /** The request as it was built: every default filled in, so a stored playlist can be rebuilt. */
    public record EffectiveRequest(List<Long> seeds, Integer size, Integer targetMinutes, Weights weights, int maxPerArtist,
                                   int artistGap, int albumGap, Integer minTrackSeconds, Integer maxTrackSeconds,
                                   Double bpmWindow, List<Long> excludeTrackIds, Ordering ordering, boolean includeUnanalysed,
                                   String name) {
    }

    /** The scores of a request and what was built from them. */
    private record Built(Scorer scorer, List<Entry> entries) {
    }

    /** A path request as it was built. */
    public record EffectivePath(long from, long to, int size, Weights weights, int maxPerArtist, int artistGap, String name) {
    }

    public StoredPlaylist create(PlaylistRequest request) {
        if (request.size() != null && request.targetMinutes() != null) {
            throw ProblemException.unprocessable("Give size or targetMinutes, not both.");
        }
        if (request.minTrackSeconds() != null && request.maxTrackSeconds() != null
                && request.minTrackSeconds() > request.maxTrackSeconds()) {
            throw ProblemException.unprocessable("minTrackSeconds " + request.minTrackSeconds() + " is above maxTrackSeconds "
                    + request.maxTrackSeconds() + "; no track can satisfy both.");
        }
        List<Long> seeds = List.copyOf(new LinkedHashSet<>(request.seeds()));
        Set<Long> exclude = Set.copyOf(request.excludeTrackIds() == null ? List.of() : request.excludeTrackIds());
        for (long seed : seeds) {
            if (exclude.contains(seed)) {
                throw ProblemException.unprocessable("Track " + seed + " is both a seed and excluded; a seed always opens the playlist.");
            }
        }
        Weights weights = weights(request.weights());
        PlaylistConfig.Defaults d = config.defaults();
        int size = request.targetMinutes() == null ? (request.size() == null ? d.size() : request.size()) : 0;
        int minSeconds = or(request.minTrackSeconds(), d.minTrackSeconds());
        if (request.maxTrackSeconds() != null && minSeconds > request.maxTrackSeconds()) {
            throw ProblemException.unprocessable("maxTrackSeconds " + request.maxTrackSeconds() + " is below the default minTrackSeconds "
                    + minSeconds + "; give minTrackSeconds too (0 allows every length).");
        }
        Constraints c = new Constraints(size, request.targetMinutes() == null ? 0 : request.targetMinutes() * 60,
                or(request.maxPerArtist(), d.maxPerArtist()), or(request.artistGap(), d.artistGap()),
                or(request.albumGap(), d.albumGap()), minSeconds == 0 ? null : minSeconds, request.maxTrackSeconds(),
                request.bpmWindow(), exclude, request.ordering() == null ? Ordering.TRANSITION : request.ordering(), false,
                Boolean.TRUE.equals(request.includeUnanalysed()));

        List<String> notes = new ArrayList<>();
        LibraryIndex index = ensureSound(indexWith(seeds), seeds, weights, notes);
        List<Integer> rows = seeds.stream().map(index::row).toList();
        Built built = admission.compute(() -> {
            Scorer s = scorer(index, rows, weights, notes);
            return new Built(s, new PlaylistBuilder(index, s).build(rows, c, notes));
        });
        Scorer scorer = built.scorer();
        List<Entry> entries = built.entries();
        TrackInfo first = index.track(rows.get(0));
        String name = blankToNull(request.name()) != null ? request.name().strip() : "Mix from " + first.artist() + " - " + first.title();
        EffectiveRequest effective = new EffectiveRequest(seeds, size == 0 ? null : size, request.targetMinutes(), weights,
                c.maxPerArtist(), c.artistGap(), c.albumGap(), minSeconds, c.maxTrackSeconds(), c.bpmWindow(),
                List.copyOf(exclude), c.ordering(), c.includeUnanalysed(), name);
        return save(index, name, effective, !scorer.sonicUsed(), notes, entries);
    }

    public StoredPlaylist createPath(PathRequest request) {
        if (request.from().equals(request.to())) {
            throw ProblemException.unprocessable("from and to are the same track; a path needs two different tracks.");
        }
        Weights weights = weights(request.weights());
        int size = or(request.size(), config.defaults().pathSize());
        int maxPerArtist = or(request.maxPerArtist(), config.defaults().maxPerArtist());
        int artistGap = or(request.artistGap(), config.defaults().artistGap());
        List<Long> ends = List.of(request.from(), request.to());
        List<String> notes = new ArrayList<>();
        LibraryIndex index = ensureSound(indexWith(ends), ends, weights, notes);
        int from = index.row(request.from());
        int to = index.row(request.to());
        boolean sonic = index.hasSonic(from) && index.hasSonic(to);
        if (!sonic && weights.sonic() > 0 && notes.stream().noneMatch(n -> n.startsWith(GENRES_ONLY))) {
            notes.add(GENRES_ONLY + "the path needs the sound of both ends.");
        }
        List<Entry> entries = admission.compute(() ->
                new PathBuilder(index, weights.sonic(), weights.genre(), sonic).build(from, to, size, maxPerArtist, artistGap));
        String name = blankToNull(request.name()) != null ? request.name().strip()
                : "Path from " + index.track(from).title() + " to " + index.track(to).title();
        return save(index, name, new EffectivePath(request.from(), request.to(), size, weights, maxPerArtist, artistGap, name),
                !(sonic && weights.sonic() > 0), notes, entries);
    }

    /**
     * The next tracks after what was just played: the recent tracks open a playlist that is built but not
     * stored, so they are never repeated, the first pick is chosen by its join with the last one, and the
     * artist/album gaps and maxPerArtist count the recent tracks too. Similarity is to the last few recent
     * tracks only. An artist the recent tracks already hold more often than maxPerArtist gets no more.
     */
    public Suggestions continuePlaying(ContinueRequest request) {
        List<Long> recent = List.copyOf(new LinkedHashSet<>(request.recent()));
        int count = request.count() == null ? CONTINUE_COUNT : request.count();
        Weights weights = weights(null);
        List<Long> current = recent.subList(Math.max(0, recent.size() - CONTINUE_SCORING_TRACKS), recent.size());
        List<String> notes = new ArrayList<>();
        LibraryIndex index = indexWith(recent);
        index = ensureSound(index, current, weights, notes);
        LibraryIndex idx = index;
        List<Integer> rows = recent.stream().map(idx::row).toList();
        Map<Long, Integer> perArtist = new HashMap<>();
        rows.forEach(r -> perArtist.merge(idx.track(r).artistId(), 1, Integer::sum));
        PlaylistConfig.Defaults d = config.defaults();
        int maxPerArtist = Math.max(d.maxPerArtist(), perArtist.values().stream().max(Integer::compare).orElse(0));
        // the listener's default rules hold for what plays next: no short sound effects, no unanalysed tracks
        Constraints c = new Constraints(rows.size() + count, 0, maxPerArtist, d.artistGap(), d.albumGap(),
                d.minTrackSeconds() == 0 ? null : d.minTrackSeconds(), null, null, Set.of(), Ordering.TRANSITION, true, false);
        Built built = admission.compute(() -> {
            Scorer s = scorer(idx, current.stream().map(idx::row).toList(), weights, notes);
            return new Built(s, new PlaylistBuilder(idx, s).build(rows, c, notes));
        });
        Scorer scorer = built.scorer();
        List<Entry> entries = built.entries();
        if (entries.size() < rows.size() + count) {
            notes.add("Only " + (entries.size() - rows.size()) + " tracks can follow without repeating a recent one or breaking "
                    + "the artist/album gaps.");
        }
        Set<Long> scoring = Set.copyOf(current);
        List<List<String>> reasons = new Reasons(index, genres.catalog()).explain(
                entries.stream().map(Entry::row).toList(), entries.stream().map(e -> scoring.contains(e.trackId())).toList());
        List<ListedTrack> next = new ArrayList<>();
        for (int i = rows.size(); i < entries.size(); i++) {
            next.add(listed(index, i - rows.size(), entries.get(i), Scores.of(entries.get(i))).withReasons(reasons.get(i)));
        }
        return new Suggestions(recent, !scorer.sonicUsed(), notes, next);
    }

    public Suggestions similar(long trackId, Integer limit) {
        int n = limit == null ? config.defaults().similarLimit() : limit;
        LibraryIndex index = indexWith(List.of(trackId));
        int row = index.row(trackId);
        List<String> notes = new ArrayList<>();
        if (!index.hasSonic(row)) {
            notes.add("Track " + trackId + " has no sonic analysis yet; neighbours are by genre only.");
        }
        Weights weights = weights(null);
        Built built = admission.compute(() -> {
            Scorer s = scorer(index, List.of(row), weights, notes);
            return new Built(s, new PlaylistBuilder(index, s).build(List.of(row), Constraints.neighbours(n + 1), notes));
        });
        Scorer scorer = built.scorer();
        List<Entry> entries = built.entries();
        List<ListedTrack> neighbours = new ArrayList<>();
        for (int i = 1; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.total() <= 0 || !scorer.hasEvidence(e.row())) {
                // nothing in common (no shared genre, no sound to compare): not a neighbour
                break;
            }
            Entry withTransition = new Entry(e.trackId(), e.row(), e.sonic(), e.genre(), scorer.transition(row, e.row()),
                    e.total(), e.sonicMissing(), false);
            neighbours.add(listed(index, i - 1, withTransition, Scores.of(withTransition)));
        }
        return new Suggestions(List.of(trackId), !scorer.sonicUsed(), notes, neighbours);
    }

    /** A stored playlist, each track with the reasons it is there (computed from the current index). */
    public StoredPlaylist find(long id) {
        Playlist p = playlist(id);
        List<ListedTrack> stored = tracks.tracks(id).stream().map(StoredTrack::track).toList();
        LibraryIndex index = indexService.current();
        List<List<String>> reasons = new Reasons(index, genres.catalog()).explain(
                stored.stream().map(t -> index.row(t.trackId())).toList(), stored.stream().map(ListedTrack::seed).toList());
        List<ListedTrack> explained = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            explained.add(stored.get(i).withReasons(reasons.get(i)));
        }
        try {
            List<String> notes = p.notes == null ? List.of() : Arrays.asList(p.notes.split("\n"));
            return new StoredPlaylist(id, p.name, p.createdAt, p.genreOnly, notes, mapper.readTree(p.request), explained);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Playlist " + id + " has a request that cannot be read", e);
        }
    }

    /**
     * Stores a new order of a playlist's tracks, some possibly left out, with each transition scored again
     * (the previous track's end against this one's beginning); the other scores are the seeds' and stay.
     */
    public StoredPlaylist reorder(long id, List<Long> trackIds) {
        playlist(id);
        Map<Long, ListedTrack> byTrack = new HashMap<>();
        tracks.tracks(id).forEach(t -> byTrack.put(t.track().trackId(), t.track()));
        Set<Long> seen = new HashSet<>();
        for (long trackId : trackIds) {
            if (!byTrack.containsKey(trackId)) {
                throw ProblemException.unprocessable("Track " + trackId + " is not in playlist " + id
                        + "; an order can only rearrange or leave out the playlist's own tracks.");
            }
            if (!seen.add(trackId)) {
                throw ProblemException.unprocessable("Track " + trackId + " appears twice in the order; give each track once.");
            }
        }
        LibraryIndex index = indexService.current();
        List<Entry> entries = new ArrayList<>();
        int previous = -1;
        for (long trackId : trackIds) {
            ListedTrack v = byTrack.get(trackId);
            int row = index.row(trackId);
            double transition = entries.isEmpty() || previous < 0 || row < 0 || !index.hasSonic(previous) || !index.hasSonic(row)
                    ? Double.NaN : index.sonic().similarity(previous, Segment.END, row, Segment.BEGINNING);
            entries.add(new Entry(trackId, row, nan(v.scores().sonic()), nan(v.scores().genre()), transition,
                    nan(v.scores().total()), v.sonicMissing(), v.seed()));
            previous = row;
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            // a playlist deleted meanwhile keeps no tracks; find answers 404
            if (playlists.exists(id)) {
                tracks.replace(id, entries);
            }
        });
        return find(id);
    }

    public StoredPlaylist rename(long id, String name) {
        if (!playlists.rename(id, name.strip())) {
            throw ProblemException.notFound("No playlist with id " + id + ".");
        }
        return find(id);
    }

    private static double nan(Double score) {
        return score == null ? Double.NaN : score;
    }

    /** One page of stored playlists, newest first. */
    public List<PlaylistListing> page(int page, int size) {
        List<Playlist> rows = playlists.newest(page, size);
        Map<Long, Totals> totals = tracks.totals(rows.stream().map(p -> p.id).toList());
        return rows.stream().map(p -> {
            Totals t = totals.getOrDefault(p.id, new Totals(0, 0));
            return new PlaylistListing(p.id, p.name, p.createdAt, p.genreOnly, t.trackCount(), t.durationSeconds());
        }).toList();
    }

    public long count() {
        return playlists.count();
    }

    public void delete(long id) {
        if (!playlists.delete(id)) {
            throw ProblemException.notFound("No playlist with id " + id + ".");
        }
    }

    public String m3u8(long id) {
        Playlist playlist = playlist(id);
        List<M3uWriter.Item> items = tracks.tracks(id).stream()
                .map(t -> new M3uWriter.Item(t.track().durationSeconds(), t.track().artist(), t.track().title(), t.path()))
                .toList();
        return m3u.write(playlist.name, items);
    }

    private Playlist playlist(long id) {
        return playlists.find(id).orElseThrow(() -> ProblemException.notFound("No playlist with id " + id + "."));
    }

    /**
     * Stores a playlist's row and its tracks together; {@code request} is kept as JSON. The answer is made from what
     * was built, as {@link #find} would read it back (the scores at the stored precision), without reading it back:
     * under 16 clients that read was more than half of PostgreSQL's CPU per playlist (7.3 → 3.2 ms without it).
     */
    private StoredPlaylist save(LibraryIndex index, String name, Object request, boolean genreOnly, List<String> notes,
                                List<Entry> entries) {
        String json;
        try {
            json = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the playlist request", e);
        }
        Playlist stored = QuarkusTransaction.joiningExisting().call(() -> {
            Playlist p = playlists.create(name, json, genreOnly, notes.isEmpty() ? null : String.join("\n", notes));
            tracks.replace(p.id, entries);
            return p;
        });
        List<List<String>> reasons = new Reasons(index, genres.catalog()).explain(
                entries.stream().map(Entry::row).toList(), entries.stream().map(Entry::seed).toList());
        List<ListedTrack> listed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            listed.add(listed(index, i, entries.get(i), Scores.stored(entries.get(i))).withReasons(reasons.get(i)));
        }
        try {
            return new StoredPlaylist(stored.id, stored.name, stored.createdAt, stored.genreOnly, List.copyOf(notes),
                    mapper.readTree(json), listed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read the playlist request back", e);
        }
    }

    private LibraryIndex indexWith(List<Long> trackIds) {
        LibraryIndex index = indexService.current();
        if (trackIds.stream().anyMatch(id -> index.row(id) < 0)) {
            // a track added since the last poll: catch up once before calling it unknown
            LibraryIndex fresh = indexService.refresh();
            for (long id : trackIds) {
                if (fresh.row(id) < 0) {
                    throw ProblemException.notFound("No track with id " + id + " is present in the library.");
                }
            }
            return fresh;
        }
        return index;
    }

    /** Gets unanalysed seeds analysed when that can help; notes why sound is missing when it cannot. */
    private LibraryIndex ensureSound(LibraryIndex index, List<Long> seeds, Weights weights, List<String> notes) {
        if (weights.sonic() == 0) {
            return index;
        }
        if (index.sonic().analysedCount() == 0) {
            notes.add(GENRES_ONLY + "no track of the library has a sonic analysis yet.");
            return index;
        }
        List<Long> analysed = new ArrayList<>();
        for (long seed : seeds) {
            if (index.hasSonic(index.row(seed))) {
                continue;
            }
            AnalysisOutcome outcome = seedAnalysis.analyse(seed);
            if (outcome.isAnalysed()) {
                analysed.add(seed);
            } else {
                notes.add("Track " + seed + " has no sonic analysis: " + outcome.reason() + ".");
            }
        }
        LibraryIndex updated = analysed.isEmpty() ? index : indexService.refreshVectorsOf(analysed);
        for (long seed : analysed) {
            if (updated.row(seed) < 0) {
                throw ProblemException.notFound("No track with id " + seed + " is present in the library.");
            }
            if (!updated.hasSonic(updated.row(seed))) {
                notes.add("Track " + seed + " was analysed but its vectors are not readable yet.");
            }
        }
        if (seeds.stream().noneMatch(s -> updated.hasSonic(updated.row(s)))) {
            notes.add(GENRES_ONLY + "no seed has a sonic analysis.");
        }
        return updated;
    }

    private Scorer scorer(LibraryIndex index, List<Integer> rows, Weights weights, List<String> notes) {
        Scorer scorer = new Scorer(index, rows, weights.sonic(), weights.genre(), true);
        if (!scorer.sonicUsed() && !scorer.genreUsed()) {
            throw ProblemException.unprocessable("Nothing to compare with: the seed has no sonic analysis"
                    + (weights.sonic() == 0 ? " in use (sonic weight 0)" : "") + " and no genres"
                    + (weights.genre() == 0 ? " in use (genre weight 0)" : "") + ".");
        }
        if (weights.genre() > 0 && !scorer.genreUsed()) {
            notes.add("The seed has no genres yet; similarity is by sound only.");
        }
        return scorer;
    }

    private Weights weights(Weights requested) {
        Weights w = requested == null ? new Weights(config.weights().sonic(), config.weights().genre()) : requested;
        if (w.sonic() + w.genre() <= 0) {
            throw ProblemException.unprocessable("weights.sonic and weights.genre are both 0; at least one must be above 0.");
        }
        return w;
    }

    private static ListedTrack listed(LibraryIndex index, int position, Entry e, Scores scores) {
        TrackInfo t = index.track(e.row());
        return new ListedTrack(position, e.trackId(), t.title(), t.artist(), t.album(),
                t.durationMs() == null ? null : Math.round(t.durationMs() / 1000f), scores, e.sonicMissing(), e.seed(), List.of());
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package dev.segue.enrichment.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.enrichment.client.MusicBrainzClient;
import dev.segue.enrichment.client.MusicBrainzParser;
import dev.segue.enrichment.client.MusicBrainzParser.ReleaseGroup;
import dev.segue.enrichment.client.MusicBrainzParser.ReleaseGroupPage;
import dev.segue.enrichment.client.MusicBrainzRequest;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.GenreVocabulary;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import dev.segue.enrichment.state.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MusicBrainz genres with the fewest calls: artist MBIDs from tags (search by name only without
 * one, accepted above a score threshold), artist lookup {@code inc=genres}, and for albums one
 * release-group browse per album artist (100 per page) matched by release-group MBID or title.
 */
@ApplicationScoped
class MusicBrainzEnricher implements SourceEnricher {

    /** "Various Artists": browsing its release groups would page through hundreds of thousands. */
    static final String VARIOUS_ARTISTS = "89ad4ac3-39f7-470e-963a-56509c546377";

    private static final Pattern EDITION = Pattern.compile("\\s*[(\\[][^)\\]]*[)\\]]");

    private final MusicBrainzClient client;
    private final int scoreThreshold;

    MusicBrainzEnricher(MusicBrainzClient client, EnrichmentConfig config) {
        this.client = client;
        this.scoreThreshold = config.musicbrainz().searchScoreThreshold();
    }

    @Override
    public Source source() {
        return Source.MUSICBRAINZ;
    }

    @Override
    public boolean albumsByArtist() {
        return true;
    }

    @Override
    public Outcome artist(ArtistRef artist) {
        String mbid = artist.mbid();
        if (mbid == null) {
            Optional<JsonNode> search = client.fetch(MusicBrainzRequest.searchArtist(artist.name()));
            mbid = search.flatMap(s -> MusicBrainzParser.bestArtist(s, artist.name(), scoreThreshold)).orElse(null);
            if (mbid == null) {
                return new Outcome.NotFound(null, "no MusicBrainz artist named like this scored " + scoreThreshold + " or more");
            }
        }
        String chosen = mbid;
        return client.fetch(MusicBrainzRequest.artist(mbid))
                .<Outcome>map(a -> new Outcome.Found(chosen, MusicBrainzParser.genres(a)))
                .orElseGet(() -> new Outcome.NotFound(chosen, "MusicBrainz does not know artist " + chosen));
    }

    @Override
    public Map<Long, Outcome> albums(List<AlbumRef> albums) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        String artistMbid = albums.getFirst().artistMbid();
        Map<String, ReleaseGroup> byId = new HashMap<>();
        Map<String, ReleaseGroup> byTitle = new HashMap<>();
        if (artistMbid != null && !VARIOUS_ARTISTS.equals(artistMbid)) {
            int offset = 0;
            int total;
            do {
                Optional<JsonNode> page = client.fetch(MusicBrainzRequest.releaseGroupsOf(artistMbid, offset));
                if (page.isEmpty()) {
                    break;
                }
                ReleaseGroupPage groups = MusicBrainzParser.releaseGroups(page.get());
                for (ReleaseGroup rg : groups.releaseGroups()) {
                    byId.put(rg.id(), rg);
                    byTitle.putIfAbsent(titleKey(rg.title()), rg);
                    byTitle.putIfAbsent(GenreVocabulary.key(rg.title()), rg);
                }
                offset += MusicBrainzRequest.PAGE_SIZE;
                total = groups.total();
            } while (offset < total && !allMatched(albums, byId, byTitle));
        }
        for (AlbumRef album : albums) {
            ReleaseGroup rg = album.releaseGroupMbid() != null ? byId.get(album.releaseGroupMbid()) : null;
            if (rg == null) {
                rg = byTitle.getOrDefault(GenreVocabulary.key(album.title()), byTitle.get(titleKey(album.title())));
            }
            if (rg != null) {
                outcomes.put(album.id(), new Outcome.Found(rg.id(), rg.genres()));
            } else if (album.releaseGroupMbid() != null) {
                // tagged with a release group the artist's list did not show (e.g. credited to someone else)
                String mbid = album.releaseGroupMbid();
                outcomes.put(album.id(), client.fetch(MusicBrainzRequest.releaseGroup(mbid))
                        .<Outcome>map(g -> new Outcome.Found(mbid, MusicBrainzParser.genres(g)))
                        .orElseGet(() -> new Outcome.NotFound(mbid, "MusicBrainz does not know release group " + mbid)));
            } else {
                outcomes.put(album.id(), new Outcome.NotFound(null, artistMbid == null
                        ? "the album artist is not on MusicBrainz" : "no release group of the album artist has this title"));
            }
        }
        return outcomes;
    }

    private static boolean allMatched(List<AlbumRef> albums, Map<String, ReleaseGroup> byId, Map<String, ReleaseGroup> byTitle) {
        return albums.stream().allMatch(a -> (a.releaseGroupMbid() != null && byId.containsKey(a.releaseGroupMbid()))
                || byTitle.containsKey(GenreVocabulary.key(a.title())) || byTitle.containsKey(titleKey(a.title())));
    }

    /** Title without edition remarks: "OK Computer (Remastered)" and "OK Computer [Deluxe]" match "OK Computer". */
    static String titleKey(String title) {
        String stripped = EDITION.matcher(title).replaceAll("");
        return GenreVocabulary.key(stripped.isBlank() ? title : stripped);
    }

    @Override
    public Outcome track(TrackRef track) {
        String mbid = track.recordingMbid();
        if (mbid == null) {
            return new Outcome.NotFound(null, "no recording MBID in the tags");
        }
        return client.fetch(MusicBrainzRequest.recording(mbid))
                .<Outcome>map(r -> new Outcome.Found(mbid, MusicBrainzParser.genres(r)))
                .orElseGet(() -> new Outcome.NotFound(mbid, "MusicBrainz does not know recording " + mbid));
    }
}

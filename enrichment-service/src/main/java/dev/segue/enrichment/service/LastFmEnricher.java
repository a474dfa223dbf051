package dev.segue.enrichment.service;

import dev.segue.enrichment.client.LastFmClient;
import dev.segue.enrichment.client.LastFmRequest;
import dev.segue.enrichment.genre.RawTag;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import dev.segue.enrichment.state.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Last.fm top tags: by MBID when the tags have one, else by names with autocorrect. Last.fm does
 * not know every MBID, so an unknown MBID is tried once more by names.
 */
@ApplicationScoped
class LastFmEnricher implements SourceEnricher {

    private final LastFmClient client;

    LastFmEnricher(LastFmClient client) {
        this.client = client;
    }

    @Override
    public Source source() {
        return Source.LASTFM;
    }

    @Override
    public Outcome artist(ArtistRef artist) {
        return ask(LastFmRequest.artist(artist.mbid(), artist.name()), LastFmRequest.artist(null, artist.name()), artist.mbid());
    }

    @Override
    public Map<Long, Outcome> albums(List<AlbumRef> albums) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        for (AlbumRef album : albums) {
            outcomes.put(album.id(), ask(LastFmRequest.album(album.releaseMbid(), album.artistName(), album.title()),
                    LastFmRequest.album(null, album.artistName(), album.title()), album.releaseMbid()));
        }
        return outcomes;
    }

    @Override
    public Outcome track(TrackRef track) {
        return ask(LastFmRequest.track(track.recordingMbid(), track.artistName(), track.title()),
                LastFmRequest.track(null, track.artistName(), track.title()), track.recordingMbid());
    }

    private Outcome ask(LastFmRequest first, LastFmRequest byName, String mbid) {
        Optional<List<RawTag>> tags = client.topTags(first);
        if (tags.isEmpty() && !first.equals(byName)) {
            tags = client.topTags(byName);
        }
        return tags.<Outcome>map(t -> new Outcome.Found(mbid, t))
                .orElseGet(() -> new Outcome.NotFound(mbid, "Last.fm does not know it (error 6)"));
    }
}

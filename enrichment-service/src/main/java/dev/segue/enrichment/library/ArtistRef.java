package dev.segue.enrichment.library;

/** An artist as enrichment needs it; {@code mbid} from tags, else the one MusicBrainz search chose. */
public record ArtistRef(long id, String name, String mbid) {
}

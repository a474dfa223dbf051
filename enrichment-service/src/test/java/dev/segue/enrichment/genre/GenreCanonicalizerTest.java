package dev.segue.enrichment.genre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonicalisation on tag lists as Last.fm and MusicBrainz really send them. */
class GenreCanonicalizerTest {

    private final GenreCanonicalizer canonicalizer = new GenreCanonicalizer(GenreVocabulary.load(false), 0.1, 10);

    private static List<RawTag> tags(Object... nameCount) {
        List<RawTag> tags = new ArrayList<>();
        for (int i = 0; i < nameCount.length; i += 2) {
            tags.add(new RawTag((String) nameCount[i], ((Number) nameCount[i + 1]).doubleValue()));
        }
        return tags;
    }

    @Test
    void lastFmArtistTagsDropListenerTagsNationalityAndTheArtistItself() {
        // artist.getTopTags for Audioslave (Last.fm API documentation example)
        List<WeightedGenre> genres = canonicalizer.canonicalize(tags(
                "rock", 100, "alternative rock", 78, "hard rock", 52, "alternative", 46, "Grunge", 41,
                "seen live", 19, "post-grunge", 10, "metal", 8, "Audioslave", 8, "american", 5,
                "Chris Cornell", 4, "indie", 4), List.of("Audioslave"));

        assertThat(genres).extracting(WeightedGenre::genre)
                .containsExactly("rock", "alternative rock", "hard rock", "grunge", "post-grunge")
                .doesNotContain("seen live", "american", "audioslave", "metal", "indie");
        assertThat(genres.get(0).weight()).isEqualTo(1.0);
        assertThat(genres.get(1).weight()).isEqualTo(0.78);
        // "alternative" (46) is an alias of alternative rock (78): the stronger one counts
        assertThat(genres).filteredOn(g -> g.genre().equals("alternative rock")).hasSize(1);
    }

    @Test
    void trackTagsDropBandNameSpellingsDecadesAndAdjectives() {
        // track.getTopTags for AC/DC - Hells Bells: "ACDC" and "AC/DC" both name the artist
        List<WeightedGenre> genres = canonicalizer.canonicalize(tags(
                "hard rock", 100, "rock", 58, "classic rock", 53, "ACDC", 27, "heavy metal", 25,
                "80s", 14, "AC/DC", 12, "metal", 11, "australian", 6, "guitar", 6), List.of("AC/DC", "Hells Bells"));

        assertThat(genres).extracting(WeightedGenre::genre)
                .containsExactly("hard rock", "rock", "classic rock", "heavy metal", "metal");
    }

    @Test
    void stringCountsYearsAndOwnershipTagsAsInOldAlbumResponses() {
        // album.getTopTags for Cher - Believe, counts as strings in the old API
        List<WeightedGenre> genres = canonicalizer.canonicalize(tags(
                "sourabh", 100, "albums", 63, "pop", 57, "90s", 52, "dance", 42, "cher", 31, "1998", 21,
                "albums I own", 21, "Believe", 10, "Disco", 10, "female vocalists", 10, "Awesome", 10), List.of("Cher", "Believe"));

        assertThat(genres).extracting(WeightedGenre::genre).containsExactly("pop", "dance", "disco");
        assertThat(genres.get(0).weight()).isEqualTo(1.0);
        assertThat(genres.get(1).weight()).isEqualTo(0.737);
    }

    @Test
    void aliasesAndSpellingsMeetOnOneGenre() {
        GenreVocabulary v = canonicalizer.vocabulary();
        for (String s : List.of("hip-hop", "Hip Hop", "hiphop", "HIP_HOP", "Hip-Hop/Rap")) {
            assertThat(v.canonical(s)).as(s).contains("hip hop");
        }
        for (String s : List.of("rnb", "R&B", "r 'n' b", "R and B")) {
            assertThat(v.canonical(s)).as(s).contains("r&b");
        }
        for (String s : List.of("drum n bass", "Drum & Bass", "drum and bass", "Drum'n'Bass", "DnB", "drum-and-bass")) {
            assertThat(v.canonical(s)).as(s).contains("drum and bass");
        }
        assertThat(v.canonical("Post Rock")).contains("post-rock");
        assertThat(v.canonical("synthpop")).contains("synth-pop");
        assertThat(v.canonical("Lo-Fi")).contains("lo-fi");
        assertThat(v.canonical("progressive rock music")).contains("progressive rock");
        assertThat(v.canonical("trip-hop")).contains("trip hop");
    }

    @Test
    void ignoredTagsAreNeverGenres() {
        GenreVocabulary v = canonicalizer.vocabulary();
        for (String s : List.of("seen live", "Favorites", "favourite albums", "albums I own", "1998", "90s", "1980s",
                "best of 2012", "british", "japanese", "vinyl", "under 2000 listeners")) {
            assertThat(v.canonical(s)).as(s).isEmpty();
        }
    }

    @Test
    void countriesCanBeKeptByConfiguration() {
        GenreCanonicalizer keeping = new GenreCanonicalizer(GenreVocabulary.load(true), 0.1, 10);
        assertThat(keeping.vocabulary().canonical("British")).contains("british");
        assertThat(keeping.vocabulary().parentOf("british")).isEmpty();
    }

    @Test
    void musicBrainzGenresSortedByNameAreRankedByCount() {
        // artist lookup inc=genres for The Chemical Brothers: sorted by name, not count
        List<WeightedGenre> genres = canonicalizer.canonicalize(tags(
                "big beat", 4, "electronic", 8, "electronica", 2, "house", 1), List.of("The Chemical Brothers"));

        assertThat(genres).containsExactly(new WeightedGenre("electronic", 1.0), new WeightedGenre("big beat", 0.5),
                new WeightedGenre("electronica", 0.25), new WeightedGenre("house", 0.125));
    }

    @Test
    void minWeightAndTopNLimitTheList() {
        GenreCanonicalizer strict = new GenreCanonicalizer(GenreVocabulary.load(false), 0.3, 2);
        List<WeightedGenre> genres = strict.canonicalize(tags(
                "dream pop", 100, "shoegaze", 77, "indie pop", 56, "chillwave", 7), List.of("Wild Nothing"));
        assertThat(genres).extracting(WeightedGenre::genre).containsExactly("dream pop", "shoegaze");
    }

    @Test
    void fileTagsSplitMultiValueStrings() {
        assertThat(canonicalizer.fromFileTags(List.of("Rock; Alternative", "Hip-Hop/Rap", "Electronic, Ambient")))
                .extracting(WeightedGenre::genre)
                .containsExactlyInAnyOrder("rock", "alternative rock", "hip hop", "rap", "electronic", "ambient");
        assertThat(canonicalizer.fromFileTags(List.of("Other", "", "2004", "Unknown"))).isEmpty();
    }

    @Test
    void aFileGenreTheVocabularyDoesNotKnowIsKeptUnderItsOwnName() {
        assertThat(canonicalizer.fromFileTags(List.of("Game", "Rock; Overworld Theme")))
                .extracting(WeightedGenre::genre)
                .containsExactlyInAnyOrder("game", "rock", "overworld theme");
        // a whole tag the vocabulary knows is not also split into unknown parts
        assertThat(canonicalizer.fromFileTags(List.of("Drum & Bass"))).extracting(WeightedGenre::genre)
                .containsExactly("drum and bass");
    }

    @Test
    void everyParentIsInTheVocabularyAndListedBeforeItsChildren() {
        List<String> order = new ArrayList<>(canonicalizer.vocabulary().parents().keySet());
        canonicalizer.vocabulary().parents().forEach((genre, parent) -> {
            if (parent != null) {
                assertThat(order.indexOf(parent)).as(genre).isLessThan(order.indexOf(genre));
            }
        });
        assertThat(order).hasSizeGreaterThan(300);
    }
}

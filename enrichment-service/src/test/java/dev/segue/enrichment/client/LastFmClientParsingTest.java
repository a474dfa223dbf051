package dev.segue.enrichment.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.genre.RawTag;
import org.junit.jupiter.api.Test;

/** The shapes Last.fm really sends for top tags. */
class LastFmClientParsingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void arrayWithNumericAndStringCounts() throws Exception {
        assertThat(LastFmClient.tags(json.readTree("""
                {"toptags":{"tag":[{"name":"electronic","count":"100","url":"x"},{"name":"ambient","count":50}],"@attr":{"artist":"a"}}}""")))
                .containsExactly(new RawTag("electronic", 100), new RawTag("ambient", 50));
    }

    @Test
    void singleTagIsAnObject() throws Exception {
        assertThat(LastFmClient.tags(json.readTree("""
                {"toptags":{"tag":{"name":"electronic","count":"100","url":"x"},"@attr":{"artist":"a"}}}""")))
                .containsExactly(new RawTag("electronic", 100));
    }

    @Test
    void noTagsAtAll() throws Exception {
        assertThat(LastFmClient.tags(json.readTree("{\"toptags\":{\"#text\":\"\\n\",\"artist\":\"Jamie Ryan\"}}"))).isEmpty();
        assertThat(LastFmClient.tags(json.readTree("{\"toptags\":{\"tag\":[],\"@attr\":{\"artist\":\"a\"}}}"))).isEmpty();
        assertThat(LastFmClient.tags(json.readTree("{\"toptags\":{\"@attr\":{\"artist\":\"a\"}}}"))).isEmpty();
    }

    @Test
    void userTagsWithoutCount() throws Exception {
        assertThat(LastFmClient.tags(json.readTree("{\"tags\":{\"tag\":[{\"name\":\"classic metal\",\"url\":\"x\"}]}}")))
                .containsExactly(new RawTag("classic metal", 0));
    }
}

package dev.segue.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** MusicBrainz and Last.fm as a stub server that knows the fixture artists and counts every request. */
final class ExternalApisStub implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    ExternalApisStub() {
        server.start();
        // anything not stubbed: MusicBrainz 404 / Last.fm "not found"
        server.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Not Found\"}")));
        server.stubFor(get(urlPathEqualTo("/2.0/")).atPriority(9)
                .willReturn(okJson("{\"error\":6,\"message\":\"The artist you supplied could not be found\"}")));
    }

    /** An artist MusicBrainz finds by name, with genres, and its release groups (albums) with genres. */
    void artist(String name, String genre, List<String> albums) {
        String mbid = UUID.nameUUIDFromBytes(name.getBytes()).toString();
        server.stubFor(get(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", containing(name))
                .willReturn(okJson("""
                        {"created":"2026-11-20T10:12:44.112Z","count":1,"offset":0,"artists":[
                          {"id":"%s","type":"Group","score":100,"name":"%s","sort-name":"%s"}]}
                        """.formatted(mbid, name, name))));
        server.stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).willReturn(okJson("""
                {"id":"%s","name":"%s","genres":[{"count":5,"name":"%s","id":"%s","disambiguation":""}],
                 "tags":[{"count":5,"name":"%s"}]}
                """.formatted(mbid, name, genre, UUID.randomUUID(), genre))));
        String groups = albums.stream().map(title -> """
                {"id":"%s","title":"%s","primary-type":"Album","secondary-types":[],
                 "genres":[{"count":3,"name":"%s","id":"%s","disambiguation":""}]}"""
                .formatted(UUID.nameUUIDFromBytes((name + title).getBytes()), title, genre, UUID.randomUUID()))
                .collect(Collectors.joining(","));
        server.stubFor(get(urlPathEqualTo("/ws/2/release-group")).withQueryParam("artist", equalTo(mbid))
                .willReturn(okJson("""
                        {"release-group-count":%d,"release-group-offset":0,"release-groups":[%s]}
                        """.formatted(albums.size(), groups))));
        server.stubFor(get(urlPathEqualTo("/2.0/")).atPriority(1)
                .withQueryParam("method", equalTo("artist.gettoptags")).withQueryParam("artist", equalTo(name))
                .willReturn(okJson("""
                        {"toptags":{"tag":[{"count":100,"name":"%s"},{"count":40,"name":"seen live"}],"@attr":{"artist":"%s"}}}
                        """.formatted(genre, name))));
        server.stubFor(get(urlPathEqualTo("/2.0/")).atPriority(1)
                .withQueryParam("method", equalTo("album.gettoptags")).withQueryParam("artist", equalTo(name))
                .willReturn(okJson("""
                        {"toptags":{"tag":{"count":100,"name":"%s"},"@attr":{"artist":"%s"}}}
                        """.formatted(genre, name))));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).map(LoggedRequest.class::cast).toList();
    }

    /** How often each distinct URL was requested. */
    Map<String, Long> requestCounts() {
        return requests().stream().collect(Collectors.groupingBy(LoggedRequest::getUrl, Collectors.counting()));
    }

    long requestsMentioning(String text) {
        return requests().stream().map(LoggedRequest::getUrl).map(Function.identity())
                .filter(url -> java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8).contains(text)).count();
    }

    @Override
    public void close() {
        server.stop();
    }
}

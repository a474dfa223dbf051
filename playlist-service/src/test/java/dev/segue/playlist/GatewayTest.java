package dev.segue.playlist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The other services' endpoints through playlist-service: answers passed on, failures a 503 that says why. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamServicesMock.class, scope = TestResourceScope.GLOBAL)
class GatewayTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    CircuitBreakerMaintenance breakers;

    private final List<Runnable> cleanUp = new ArrayList<>();

    @BeforeEach
    void reset() {
        breakers.resetAll();
    }

    @AfterEach
    void removeStubs() {
        cleanUp.forEach(Runnable::run);
        breakers.resetAll();
    }

    private void stub(WireMockServer server, com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        StubMapping stub = server.stubFor(mapping);
        cleanUp.add(() -> server.removeStub(stub));
    }

    private static WireMockServer library() {
        return UpstreamServicesMock.library();
    }

    private static WireMockServer enrichment() {
        return UpstreamServicesMock.enrichment();
    }

    @Test
    void readsArePassedOnWithTheirQuery() {
        stub(library(), get(urlPathEqualTo("/api/tracks")).willReturn(okJson(
                "{\"items\":[{\"id\":7,\"title\":\"Night Piece\"}],\"page\":0,\"size\":5,\"total\":1}")));
        given().get("/api/tracks?q=night&genre=jazz&size=5").then().statusCode(200)
                .body("items[0].title", org.hamcrest.Matchers.equalTo("Night Piece"));
        library().verify(getRequestedFor(urlPathEqualTo("/api/tracks")).withQueryParam("q", equalTo("night"))
                .withQueryParam("genre", equalTo("jazz")).withQueryParam("size", equalTo("5")).withQueryParam("page", equalTo("0")));

        stub(enrichment(), get(urlEqualTo("/api/tracks/7/genres")).willReturn(okJson(
                "{\"entityType\":\"track\",\"id\":7,\"genres\":[{\"genre\":\"jazz\",\"weight\":0.8,\"sources\":[]}]}")));
        given().get("/api/tracks/7/genres").then().statusCode(200).body("genres[0].genre", org.hamcrest.Matchers.equalTo("jazz"));
        stub(SonicServiceMock.server(), get(urlEqualTo("/api/tracks/7/sonic")).willReturn(okJson(
                "{\"trackId\":7,\"status\":\"ok\",\"segments\":[{\"segment\":\"beginning\"}]}")));
        given().get("/api/tracks/7/sonic").then().statusCode(200).body("segments[0].segment", org.hamcrest.Matchers.equalTo("beginning"));

        stub(library(), get(urlPathEqualTo("/api/scans/4/errors")).willReturn(okJson(
                "{\"items\":[{\"id\":1,\"path\":\"/music/broken.flac\",\"reason\":\"not a FLAC file\"}],\"page\":1,\"size\":10,\"total\":11}")));
        given().get("/api/scans/4/errors?page=1&size=10").then().statusCode(200)
                .body("items[0].reason", org.hamcrest.Matchers.equalTo("not a FLAC file"));
        library().verify(getRequestedFor(urlPathEqualTo("/api/scans/4/errors")).withQueryParam("page", equalTo("1"))
                .withQueryParam("size", equalTo("10")));
        given().get("/api/scans/4/errors?size=501").then().statusCode(400);
        for (String runs : List.of("/api/scans", "/api/enrichment/runs", "/api/analysis/runs")) {
            given().get(runs + "?limit=5").then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("?size=5"));
        }
    }

    @Test
    void anAnswerOfTheServiceIsPassedOnAsItGaveIt() {
        stub(library(), get(urlEqualTo("/api/tracks/404404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM).withBody("{\"status\":404,\"title\":\"Not Found\",\"detail\":\"No track with id 404404.\"}")));
        given().get("/api/tracks/404404").then().statusCode(404).contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.equalTo("No track with id 404404."));
        // an answer is not retried
        assertThat(library().countRequestsMatching(getRequestedFor(urlEqualTo("/api/tracks/404404")).build()).getCount()).isEqualTo(1);

        stub(library(), post(urlEqualTo("/api/scans")).willReturn(aResponse().withStatus(409).withHeader("Content-Type", PROBLEM)
                .withHeader("Location", "http://library:8081/api/scans/12")
                .withBody("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"A scan of /music is already running (scan 12).\","
                        + "\"activeRun\":{\"id\":12,\"location\":\"http://library:8081/api/scans/12\"}}")));
        // the run is named as this service answers it
        given().contentType(ContentType.JSON).body("{}").post("/api/scans").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("already running"))
                .body("activeRun.id", org.hamcrest.Matchers.equalTo(12))
                .body("activeRun.location", org.hamcrest.Matchers.allOf(endsWith("/api/scans/12"), org.hamcrest.Matchers.not(containsString("library:8081"))))
                .header("Location", org.hamcrest.Matchers.allOf(endsWith("/api/scans/12"), org.hamcrest.Matchers.not(containsString("library:8081"))));
    }

    @Test
    void startingARunAnswers202WithALocationOnThisService() {
        stub(SonicServiceMock.server(), post(urlEqualTo("/api/analysis/runs")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":31,\"status\":\"queued\",\"total\":0,\"done\":0}")));
        given().contentType(ContentType.JSON).body("{\"scope\":\"pending\"}").post("/api/analysis/runs").then().statusCode(202)
                .header("Location", endsWith("/api/analysis/runs/31")).body("status", org.hamcrest.Matchers.equalTo("queued"));
        SonicServiceMock.server().verify(postRequestedFor(urlEqualTo("/api/analysis/runs")).withRequestBody(equalToJson("{\"scope\":\"pending\"}")));
        // starting is not retried, even when it fails
        stub(library(), post(urlEqualTo("/api/scans")).willReturn(aResponse().withStatus(500)));
        given().contentType(ContentType.JSON).body("{}").post("/api/scans").then().statusCode(503);
        assertThat(library().countRequestsMatching(postRequestedFor(urlEqualTo("/api/scans")).build()).getCount()).isEqualTo(1);
    }

    @Test
    void aFailingServiceIsRetriedThenA503NamingItAndTheCause() {
        stub(library(), get(urlEqualTo("/api/stats")).willReturn(aResponse().withStatus(500)));
        JsonPath problem = given().get("/api/stats").then().statusCode(503).contentType(PROBLEM).extract().jsonPath();
        assertThat(problem.getString("detail")).contains("library-service is unavailable", "answered 500");
        assertThat(library().countRequestsMatching(getRequestedFor(urlEqualTo("/api/stats")).build()).getCount()).isEqualTo(3);

        stub(enrichment(), get(urlEqualTo("/api/enrichment/stats")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().get("/api/enrichment/stats").then().statusCode(503).contentType(PROBLEM)
                .body("detail", containsString("enrichment-service is unavailable: it cannot be reached"));
    }

    @Test
    void aSlowServiceIsCutOffInTime() {
        stub(enrichment(), get(urlEqualTo("/api/genres?used=true")).willReturn(okJson("[]").withFixedDelay(7000)));
        long start = System.nanoTime();
        given().get("/api/genres?used=true").then().statusCode(503).body("detail", containsString("did not answer in time"));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(6.5);
    }

    @Test
    void statusSaysWhichServiceIsDownAndWhy() {
        stub(library(), get(urlEqualTo("/q/health/ready")).willReturn(okJson(
                "{\"status\":\"UP\",\"checks\":[{\"name\":\"Library roots\",\"status\":\"UP\",\"data\":{\"/music\":\"readable\"}}]}")));
        stub(enrichment(), get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"DOWN","checks":[{"name":"Enrichment sources","status":"DOWN","data":{
                          "musicbrainz":"disabled: MusicBrainz refused the User-Agent","musicbrainz.circuit-breaker":"open",
                          "lastfm":"disabled: no API key configured (set SEGUE_ENRICHMENT_LASTFM_API_KEY)"}}]}""")));
        stub(SonicServiceMock.server(), get(urlEqualTo("/q/health/ready")).willReturn(okJson("""
                {"status":"UP","checks":[{"name":"Audio decoders","status":"UP","data":{
                  "ffmpeg":"unavailable ('ffmpeg -version' does not run)","java":"available, selected (pure Java)"}}]}""")));
        JsonPath status = given().get("/api/status").then().statusCode(200).extract().jsonPath();
        assertThat(status.getBoolean("allUp")).isFalse();
        assertThat(status.getList("services.service")).containsExactly("library-service", "enrichment-service", "sonic-service",
                "playlist-service");
        assertThat(status.getList("services.status")).containsExactly("UP", "DOWN", "UP", "UP");
        assertThat(status.getString("services[1].reason")).contains("Enrichment sources", "no API key configured");
        assertThat(status.getList("services[2].notes", String.class)).anySatisfy(n -> assertThat(n).startsWith("ffmpeg: unavailable"));
        assertThat(status.getString("services[0].reason")).isNull();

        cleanUp.forEach(Runnable::run);
        cleanUp.clear();
        stub(library(), get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonPath unreachable = given().get("/api/status").then().statusCode(200).extract().jsonPath();
        assertThat(unreachable.getString("services[0].status")).isEqualTo("UNREACHABLE");
        assertThat(unreachable.getString("services[0].reason")).contains("library-service", "cannot be reached");
    }
}

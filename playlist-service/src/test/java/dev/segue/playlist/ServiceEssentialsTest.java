package dev.segue.playlist;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class ServiceEssentialsTest {

    @Test
    void liveAndReadyWithDatasourceCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
    }

    @Test
    void openApiAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Segue playlist-service"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownPathIsProblemJson() {
        given().get("/api/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("/api/nothing-here"));
    }

    @Test
    void badRequestsAreProblemJsonNamingTheField() {
        given().contentType("application/json").body("{\"seeds\": \"abc\"}").post("/api/playlists").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/seeds"));
        given().contentType("application/json").body("{\"seeds\": [1], \"ordering\": \"best\"}").post("/api/playlists")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/ordering"))
                .body("violations[0].allowed", hasItem("transition"))
                .body("detail", not(containsString("dev.segue")));
        given().contentType("application/json").body("{\"seeds\": [1], \"sise\": 30}").post("/api/playlists").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/sise"));
        given().get("/api/tracks/1/similar?limit=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit"));
    }

    @Test
    void badPathParametersAre400NamingTheParameterNot404() {
        assertRejectedId("/api/playlists/abc", "abc");
        assertRejectedId("/api/playlists/abc.m3u8", "abc");
        assertRejectedId("/api/tracks/abc/similar", "abc");
        assertRejectedId("/api/tracks/x/sonic", "x");
        assertRejectedId("/api/scans/abc", "abc");
        given().contentType("application/json").body("{\"target\": \"home\"}").post("/api/playlists/abc/push").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void openApiStatesTheCodesTheServiceAnswers() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/playlists'.post.responses.keySet()", hasItems("201", "400", "404", "422"))
                .body("paths.'/api/playlists'.post.responses.keySet()", not(hasItem("200")))
                .body("paths.'/api/playlists'.post.responses.'201'.headers.Location", notNullValue())
                .body("paths.'/api/playlists'.post.responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/playlists/{id}'.get.responses.'404'.content.'application/problem+json'", notNullValue());
        given().get("/api/playlists/987654").then().statusCode(404).contentType("application/problem+json");
    }

    /** A path id that is not a number: 400 naming the parameter and what it must be, never a 404. */
    private static void assertRejectedId(String path, String value) {
        given().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"))
                .body("detail", equalTo("Path parameter 'id' must be an integer, got '" + value + "'."));
    }
}

package dev.segue.playlist;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.segue.testing.PostgresTestResource;
import dev.segue.testing.ServiceEssentials;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The essentials every service shares (see {@link ServiceEssentials}), and this service's bad requests. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class ServiceEssentialsTest extends ServiceEssentials {

    @Override
    protected String title() {
        return "Segue playlist-service";
    }

    @Override
    protected String collection() {
        return "/api/playlists";
    }

    @Override
    protected List<String> createCodes() {
        return List.of("201", "400", "404", "422");
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
}

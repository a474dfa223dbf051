package dev.segue.enrichment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
class ServiceEssentialsTest extends ServiceEssentials {

    @Override
    protected String title() {
        return "Segue enrichment-service";
    }

    @Override
    protected String collection() {
        return "/api/enrichment/runs";
    }

    @Override
    protected List<String> createCodes() {
        return List.of("202", "400", "409");
    }

    @Test
    void badRequestsAreProblemJsonNamingTheField() {
        given().contentType("application/json").body("{\"scope\": \"all\", \"limit\": \"many\"}").post("/api/enrichment/runs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/limit"))
                .body("violations[0].message", containsString("Expected an integer"));
        given().get("/api/enrichment/runs?size=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("size"));
    }

    @Test
    void badPathParametersAre400NamingTheParameterNot404() {
        assertRejectedId("/api/enrichment/runs/abc", "abc");
        assertRejectedId("/api/tracks/abc/genres", "abc");
        assertRejectedId("/api/artists/99999999999999999999/genres", "99999999999999999999");
    }
}

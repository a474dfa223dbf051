package dev.segue.sonic;

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
        return "Segue sonic-service";
    }

    @Override
    protected String collection() {
        return "/api/analysis/runs";
    }

    @Override
    protected List<String> createCodes() {
        return List.of("202", "400", "409");
    }

    @Test
    void badRequestsAreProblemJsonNamingTheField() {
        given().contentType("application/json").body("{\"scope\": \"trackIds\", \"trackIds\": \"abc\"}").post("/api/analysis/runs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/trackIds"))
                .body("violations[0].message", containsString("Expected an array"));
        given().get("/api/analysis/runs/abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void badPathParametersAre400NamingTheParameterNot404() {
        assertRejectedId("/api/tracks/abc/sonic", "abc");
        assertRejectedId("/api/analysis/runs/1e3", "1e3");
    }
}

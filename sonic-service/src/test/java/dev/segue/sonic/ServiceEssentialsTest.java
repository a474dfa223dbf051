package dev.segue.sonic;

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
                .body("info.title", equalTo("Segue sonic-service"));
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

    @Test
    void openApiStatesTheCodesTheServiceAnswers() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/analysis/runs'.post.responses.keySet()", hasItems("202", "400", "409"))
                .body("paths.'/api/analysis/runs'.post.responses.keySet()", not(hasItem("200")))
                .body("paths.'/api/analysis/runs'.post.responses.'202'.headers.Location", notNullValue())
                .body("paths.'/api/analysis/runs'.post.responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/analysis/runs/{id}'.get.responses.'404'.content.'application/problem+json'", notNullValue());
        given().get("/api/analysis/runs/987654").then().statusCode(404).contentType("application/problem+json");
    }

    /** A path id that is not a number: 400 naming the parameter and what it must be, never a 404. */
    private static void assertRejectedId(String path, String value) {
        given().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"))
                .body("detail", equalTo("Path parameter 'id' must be an integer, got '" + value + "'."));
    }
}

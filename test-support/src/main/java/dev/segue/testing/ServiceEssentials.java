package dev.segue.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service answers alike: live and ready (the datasource among the readiness checks), its
 * OpenAPI document and Swagger UI, Prometheus metrics, problem+json for an unknown path, and an OpenAPI
 * document that states the codes of the service's main collection. Each service's
 * {@code ServiceEssentialsTest} (a {@code @QuarkusTest}) extends it with its own title, checks and
 * collection, and adds the bad requests of its own API.
 */
public abstract class ServiceEssentials {

    /** The OpenAPI title, e.g. {@code Segue library-service}. */
    protected abstract String title();

    /** The readiness checks the service adds to the datasource's. */
    protected List<String> readinessChecks() {
        return List.of();
    }

    /** The collection a POST creates a resource in and {@code {path}/{id}} reads it, e.g. {@code /api/scans}. */
    protected abstract String collection();

    /** What that POST answers: its success code first, e.g. {@code 202, 400, 409}. */
    protected abstract List<String> createCodes();

    @Test
    void liveAndReadyWithDatasourceCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ValidatableResponse ready = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
        for (String check : readinessChecks()) {
            ready.body("checks.name", hasItem(check));
        }
    }

    @Test
    void openApiAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo(title()));
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
    void openApiStatesTheCodesTheServiceAnswers() {
        String create = "paths.'" + collection() + "'.post.responses";
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(create + ".keySet()", hasItems(createCodes().toArray(String[]::new)))
                .body(create + ".keySet()", not(hasItem("200")))
                .body(create + ".'" + createCodes().get(0) + "'.headers.Location", notNullValue())
                .body(create + ".'400'.content.'application/problem+json'.schema.$ref", equalTo("#/components/schemas/Problem"))
                .body("paths.'" + collection() + "/{id}'.get.responses.'404'.content.'application/problem+json'", notNullValue());
        given().get(collection() + "/987654").then().statusCode(404).contentType("application/problem+json");
    }

    /** A path id that is not a number: 400 naming the parameter and what it must be, never a 404. */
    protected static void assertRejectedId(String path, String value) {
        given().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"))
                .body("detail", equalTo("Path parameter 'id' must be an integer, got '" + value + "'."));
    }
}

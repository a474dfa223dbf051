package dev.segue.library;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
@WithTestResource(value = LibraryTestResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEssentialsTest extends ServiceEssentials {

    @Override
    protected String title() {
        return "Segue library-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Library roots");
    }

    @Override
    protected String collection() {
        return "/api/scans";
    }

    @Override
    protected List<String> createCodes() {
        return List.of("202", "400", "409");
    }

    @Test
    void badRequestsAreProblemJsonNamingTheField() {
        given().contentType("application/json").body("{\"rooot\": \"/music/Jazz\"}").post("/api/scans").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/rooot"))
                .body("violations[0].allowed", hasItem("root"));
        given().get("/api/scans?page=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"));
        given().get("/api/scans/abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void badPathParametersAre400NamingTheParameterNot404() {
        assertRejectedId("/api/tracks/abc", "abc");
        assertRejectedId("/api/scans/1.5/errors", "1.5");
    }
}

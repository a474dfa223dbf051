package dev.segue.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {

    @Test
    void problemExceptionKeepsStatusAndDetail() {
        given().get("/api/echo/missing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("try another name"))
                .body("instance", equalTo("/api/echo/missing"));
    }

    @Test
    void invalidBodyListsEveryViolatedField() {
        given().contentType(ContentType.JSON).body("{\"text\":\"\",\"repeat\":11}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("text", "repeat"));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        given().contentType(ContentType.JSON).body("{\"text\": ").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unexpectedErrorsHideInternals() {
        given().get("/api/echo/boom").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", not(containsString("internal detail")));
    }

    @Test
    void aLostDatabaseIsServiceUnavailableAndWorthRetrying() {
        given().get("/api/echo/database-down").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("The database is unavailable"))
                .body("detail", not(containsString("5432")));
    }

    @Test
    void writesAreOpenWithoutAConfiguredKey() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"repeat\":2}")
                .post("/api/echo").then().statusCode(200).body("text", equalTo("hi"));
    }
}

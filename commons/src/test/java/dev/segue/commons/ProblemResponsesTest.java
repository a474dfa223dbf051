package dev.segue.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
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
    void aConflictWithAnActiveRunNamesItInTheBodyAndInLocation() {
        given().get("/api/echo/busy").then().statusCode(409)
                .contentType("application/problem+json")
                .header("Location", endsWith("/api/echo/runs/12"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Run 12 is active; follow it or cancel it."))
                .body("activeRun.id", equalTo(12))
                .body("activeRun.location", endsWith("/api/echo/runs/12"));
    }

    @Test
    void invalidBodyListsEveryViolatedField() {
        given().contentType(ContentType.JSON).body("{\"text\":\"\",\"repeat\":11}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("text", "repeat"));
    }

    @Test
    void aBooleanOrNumberWhereTextBelongsIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"text\": true}").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"text\": 12}").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        given().contentType(ContentType.JSON).body("{\"text\": ").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not well-formed JSON"));
    }

    @Test
    void malformedJsonSaysWhere() {
        given().contentType(ContentType.JSON).body("{\"text\": \"a\",, }").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 1"));
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheExpectedType() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"repeat\":\"abc\"}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/repeat"))
                .body("violations[0].field", equalTo("repeat"))
                .body("violations[0].message", containsString("Expected an integer, got the string \"abc\""));
    }

    @Test
    void numbersInStringsAndFractionsAreNotCoerced() {
        for (String repeat : new String[] {"\"3\"", "2.5"}) {
            given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"repeat\":" + repeat + "}")
                    .post("/api/echo").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].pointer", equalTo("/repeat"));
        }
    }

    @Test
    void aWrongTypeInsideAnArrayPointsAtTheElement() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"counts\":[1,{}]}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/counts/1"))
                .body("violations[0].message", containsString("got an object"));
    }

    @Test
    void aScalarWhereAnArrayBelongsIsRejected() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"counts\":\"abc\"}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/counts"))
                .body("violations[0].message", containsString("Expected an array"));
    }

    @Test
    void aBodyOfTheWrongShapeIsRejected() {
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Expected an object, got an array"));
    }

    @Test
    void anUnknownFieldIsRejectedWithTheFieldsThatExist() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"rpeat\":2}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/rpeat"))
                .body("violations[0].message", containsString("Unknown field 'rpeat'"))
                .body("violations[0].allowed", hasItems("text", "repeat", "mood", "counts"));
    }

    @Test
    void aBadEnumValueListsTheAllowedValues() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"mood\":\"best\"}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/mood"))
                .body("violations[0].allowed", contains("calm", "bright"))
                .body("detail", containsString("calm, bright"))
                .body("detail", not(containsString("dev.segue")));
    }

    @Test
    void aValidationFailureInsideAnArrayHasAPointer() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"counts\":[1,9]}")
                .post("/api/echo").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].pointer", equalTo("/counts/1"));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestNamingIt() {
        given().get("/api/echo/number/3?times=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("times"))
                .body("detail", containsString("Query parameter 'times' must be an integer, got 'abc'"));
    }

    @Test
    void aPathParameterOfTheWrongTypeIsABadRequestNamingIt() {
        given().get("/api/echo/number/x1").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("n"))
                .body("detail", containsString("Path parameter 'n' must be an integer"));
    }

    @Test
    void anUnknownPathIsStillNotFound() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
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

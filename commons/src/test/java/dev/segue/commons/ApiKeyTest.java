package dev.segue.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ApiKeyTest.WithKey.class)
class ApiKeyTest {

    static final String KEY = "s3cret-key-for-tests";

    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("segue.security.api-key", KEY);
        }
    }

    private static final String BODY = "{\"text\":\"hi\",\"repeat\":1}";

    @Test
    void mutatingRequestWithoutKeyIsRejectedWithProblem() {
        given().contentType(ContentType.JSON).body(BODY).post("/api/echo").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("X-Api-Key"));
    }

    @Test
    void wrongKeyIsRejectedAndNotEchoed() {
        given().contentType(ContentType.JSON).body(BODY).header("X-Api-Key", "guess")
                .post("/api/echo").then().statusCode(401)
                .body(not(containsString("guess")))
                .body(not(containsString(KEY)));
    }

    @Test
    void bearerAndHeaderKeysAreAccepted() {
        given().contentType(ContentType.JSON).body(BODY).header("Authorization", "Bearer " + KEY)
                .post("/api/echo").then().statusCode(200).body("text", equalTo("hi"));
        given().contentType(ContentType.JSON).body(BODY).header("X-Api-Key", KEY)
                .post("/api/echo").then().statusCode(200);
    }

    @Test
    void readsStayOpenByDefault() {
        given().get("/api/echo/hello").then().statusCode(200);
    }
}

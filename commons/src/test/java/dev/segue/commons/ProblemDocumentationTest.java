package dev.segue.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDocumentationTest {

    @Test
    void errorsAreDocumentedAsProblemJson() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Problem.properties.violations.items.$ref", equalTo("#/components/schemas/Violation"))
                .body("paths.'/api/echo'.post.responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/echo'.post.responses.'401'", notNullValue())
                .body("paths.'/api/echo/number/{n}'.get.responses.'404'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/echo/number/{n}'.get.responses.'503'", notNullValue());
    }
}

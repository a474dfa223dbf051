package dev.segue.library;

import static io.restassured.RestAssured.given;

import dev.segue.testing.Eventually;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Starts scans through the API and waits for them. */
public final class Scans {

    private Scans() {
    }

    public static long start(Path folder) {
        return given().contentType(ContentType.JSON).body(Map.of("root", folder.toString()))
                .post("/api/scans").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    /** Scans {@code folder} and returns the finished run. */
    public static JsonPath scan(Path folder) {
        return await(start(folder));
    }

    public static JsonPath await(long id) {
        return Eventually.until("scan " + id + " to finish", Duration.ofSeconds(60),
                () -> given().get("/api/scans/" + id).then().statusCode(200).extract().jsonPath(),
                run -> !run.getString("status").equals("running"));
    }
}

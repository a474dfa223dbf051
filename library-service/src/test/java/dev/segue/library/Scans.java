package dev.segue.library;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
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
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath run = given().get("/api/scans/" + id).then().statusCode(200).extract().jsonPath();
            if (!run.getString("status").equals("running")) {
                return run;
            }
            assertThat(System.currentTimeMillis()).as("scan %d still running", id).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package dev.segue.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import org.hamcrest.MatcherAssert;

/**
 * What every run resource (scans, enrichment runs, analysis runs) answers alike, checked the same way in each
 * service's tests: the list pages with {@code page}/{@code size}, newest first, and a 409 names the active run.
 */
public final class RunConvention {

    private RunConvention() {
    }

    /** {@code runs} (e.g. {@code /api/scans}) must hold at least four runs: two pages of two, newest first, and a size over 200 refused. */
    public static void assertListedNewestFirstInPages(String runs) {
        JsonPath first = given().get(runs + "?page=0&size=2").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(2)).body("items", hasSize(2))
                .body("total", greaterThanOrEqualTo(4)).extract().jsonPath();
        JsonPath second = given().get(runs + "?page=1&size=2").then().statusCode(200)
                .body("page", equalTo(1)).body("items", hasSize(2)).body("total", equalTo(first.getInt("total"))).extract().jsonPath();
        List<Long> ids = new ArrayList<>(first.getList("items.id", Long.class));
        ids.addAll(second.getList("items.id", Long.class));
        for (int i = 1; i < ids.size(); i++) {
            MatcherAssert.assertThat("newest first: " + ids, ids.get(i - 1), greaterThan(ids.get(i)));
        }
        given().get(runs + "?size=201").then().statusCode(400).contentType("application/problem+json");
        given().get(runs + "?page=-1").then().statusCode(400).contentType("application/problem+json");
        // the parameter the run lists took before paging: refused with what to send instead, not silently ignored
        given().get(runs + "?limit=5").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("?size=5"));
    }

    /** A start refused because run {@code activeId} of {@code runs} is active: 409 problem+json naming it in the body and Location. */
    public static void assertNamesActiveRun(ValidatableResponse refused, String runs, long activeId) {
        refused.statusCode(409).contentType("application/problem+json")
                .header("Location", endsWith(runs + "/" + activeId))
                .body("activeRun.id", equalTo((int) activeId))
                .body("activeRun.location", endsWith(runs + "/" + activeId))
                .body("detail", containsString(Long.toString(activeId)));
    }
}

package dev.segue.playlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app's files are served by playlist-service itself, every module the pages import included. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class WebAppTest {

    private static final Pattern IMPORT = Pattern.compile("(?:from |import\\()'\\./([\\w-]+\\.js)'");

    @Test
    void rootServesThePageWithItsStylesAndScript() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("app/main.js"), containsString("app/app.css"), containsString("id=\"key-dialog\""));
        given().get("/app/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void everyImportedModuleIsServedAsJavaScript() {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(Set.of("main.js"));
        while (!queue.isEmpty()) {
            String module = queue.pop();
            if (!seen.add(module)) {
                continue;
            }
            String source = given().get("/app/" + module).then().statusCode(200)
                    .contentType(containsString("javascript")).extract().asString();
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                queue.push(imports.group(1));
            }
        }
        assertThat(seen).contains("home.js", "library.js", "build.js", "map.js", "playlists.js", "api.js", "playlist-view.js");
    }

    @Test
    void noAssetComesFromAnotherOrigin() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("http://", "https://");
    }
}

package dev.segue.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.cli.RequestFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every field of playlist-service's playlist and path requests, as its build-time OpenAPI document
 * lists them, is an option of {@code segue playlist} / {@code segue path}: a constraint added to the API
 * and forgotten in the CLI fails here, not in front of a user who cannot set it.
 */
class CliOptionsTest {

    private static final Path OPENAPI = Path.of(System.getProperty("segue.home", ".."))
            .resolve("playlist-service/target/openapi/openapi.json");

    @Test
    void everyPlaylistRequestFieldIsACliOption() throws IOException {
        assertThat(RequestFields.playlistFields()).containsExactlyInAnyOrderElementsOf(fields("PlaylistRequest"));
    }

    @Test
    void everyPathRequestFieldIsACliOption() throws IOException {
        assertThat(RequestFields.pathFields()).containsExactlyInAnyOrderElementsOf(fields("PathRequest"));
    }

    private static List<String> fields(String schema) throws IOException {
        JsonNode properties = new ObjectMapper().readTree(OPENAPI.toFile()).path("components").path("schemas").path(schema).path("properties");
        assertThat(properties.isObject()).as(schema + " in " + OPENAPI).isTrue();
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package dev.segue.commons.openapi;

import dev.segue.commons.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes every service's OpenAPI document state the errors it really answers: each 4xx/5xx is
 * {@code application/problem+json} with the {@link Problem} schema, and the answers every operation can
 * give (400 for a rejected body or parameter, 404 for an id that does not exist, 401 for a write without
 * the API key, 503 while the database is unavailable) are listed where an operation does not name them;
 * a 201 or 202 carries its Location header.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemDocumentation implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Violation", violationSchema());
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(entry.getKey(), entry.getValue(), item.getParameters());
            }
        }
    }

    private static void document(PathItem.HttpMethod method, Operation operation, List<Parameter> shared) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty()
                || shared != null && !shared.isEmpty();
        boolean hasPathParameters = parameters(operation, shared).stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        if (hasParameters || operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "The body or a parameter was rejected; violations name each field (JSON pointer), "
                    + "what was wrong and what is allowed");
        }
        if (hasPathParameters) {
            addIfAbsent(responses, "404", "Nothing exists with that id");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD && method != PathItem.HttpMethod.OPTIONS) {
            addIfAbsent(responses, "401", "An API key is configured and this request lacks it");
        }
        addIfAbsent(responses, "503", "The database (or a service this one asks) is unavailable; try again after Retry-After seconds");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isError(response.getKey())) {
                response.getValue().setContent(problemContent());
            }
            boolean created = "201".equals(response.getKey()) || "202".equals(response.getKey());
            if (created && (response.getValue().getHeaders() == null || !response.getValue().getHeaders().containsKey("Location"))) {
                response.getValue().addHeader("Location", OASFactory.createHeader()
                        .description(response.getKey().equals("201") ? "The created resource" : "The run to poll")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")));
            }
        }
    }

    private static List<Parameter> parameters(Operation operation, List<Parameter> shared) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        if (shared != null) {
            all.addAll(shared);
        }
        return all;
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail; detail says what to change")
                .required(List.of("title", "status"))
                .addProperty("type", string("about:blank"))
                .addProperty("title", string("Bad Request"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32").examples(List.of(400)))
                .addProperty("detail", string("The request body was rejected. /sise: Unknown field 'sise'; the fields this object accepts are listed in allowed."))
                .addProperty("instance", string("/api/playlists"))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
                .addProperty("activeRun", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                        .description("On a 409 to a run start: the run that is active (also in the Location header)")
                        .addProperty("id", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int64").examples(List.of(12)))
                        .addProperty("location", string("http://localhost:8081/api/scans/12")));
    }

    private static Schema violationSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One rejected part of a request")
                .addProperty("field", string("size").description("Body field (dotted) or query/path parameter name"))
                .addProperty("pointer", string("/size").description("RFC 6901 pointer into the body; absent for parameters"))
                .addProperty("message", string("must be less than or equal to 500"))
                .addProperty("allowed", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .description("The accepted values when there is a fixed set"));
    }

    private static Schema string(String example) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(List.of(example));
    }
}

package dev.segue.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's OpenAPI document and sends every operation that takes parameters or a body
 * requests that break its schema: malformed JSON, wrong types, unknown fields, values outside an enum
 * or a bound, and query and path parameters that do not convert. Collects every answer that is a 5xx,
 * a 2xx (a violation accepted), a 4xx that is not problem+json, or anything but 400 for a path id that
 * does not convert (a 404 there would tell the client the resource is missing).
 */
final class RequestFuzzer {

    record Failure(String request, int status, String contentType, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MALFORMED = List.of("{", "[1,2]", "\"text\"", "42", "{\"a\":}", "nul", "{}}", "{\"a\" 1}",
            "[", "{\"\\u0000\": [}", "\u00ff\u00fe",
            "{\"a\":1,}", "{'a':1}", "{a:1}", "[{]", "tru", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":\"\\x\"}", "{\"a\":[1,}");
    private static final List<String> BAD_NUMBERS = List.of("abc", "1.5", "99999999999999999999", "1e400", "NaN", "0x10", "1,2",
            " ", "--1", "\u00e9",
            "-", "+", "1e", "%", "1 2", "true", "null", "[]", "{}", "1;2", "0b1", "1L", "1_000");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiKey;
    private final List<Failure> failures = new ArrayList<>();
    private int sent;

    RequestFuzzer(String apiKey) {
        this.apiKey = apiKey;
    }

    int sent() {
        return sent;
    }

    List<Failure> failures() {
        return failures;
    }

    void fuzz(URI base) throws IOException, InterruptedException {
        JsonNode doc = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET()).body());
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                fuzzOperation(base, doc, path.getKey(), op.getKey().toUpperCase(), op.getValue());
            }
        }
    }

    private void fuzzOperation(URI base, JsonNode doc, String template, String method, JsonNode op)
            throws IOException, InterruptedException {
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        String validPath = template.replaceAll("\\{[^}]+}", "1");
        for (JsonNode p : params) {
            JsonNode schema = resolve(doc, p.path("schema"));
            List<String> bad = badParameterValues(schema);
            boolean inPath = "path".equals(p.path("in").asText());
            for (String value : bad) {
                String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                String target = "path".equals(p.path("in").asText())
                        ? template.replace("{" + p.path("name").asText() + "}", encoded).replaceAll("\\{[^}]+}", "1")
                        : validPath + "?" + p.path("name").asText() + "=" + encoded;
                if (inPath || "query".equals(p.path("in").asText())) {
                    // a path id that does not convert is the client's mistake, not a missing resource: 400, never 404
                    Integer required = inPath && BAD_NUMBERS.contains(value) ? 400 : null;
                    check(base, method, target, method.equals("GET") || method.equals("DELETE") ? null : validBody(doc, op), required);
                }
            }
        }
        JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
        if (bodySchema.isMissingNode()) {
            return;
        }
        JsonNode schema = resolve(doc, bodySchema);
        for (String body : MALFORMED) {
            check(base, method, validPath, body, null);
        }
        ObjectNode valid = validBody(doc, op);
        for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
            Map.Entry<String, JsonNode> prop = props.next();
            JsonNode propSchema = resolve(doc, prop.getValue());
            for (String wrong : wrongValues(doc, propSchema)) {
                ObjectNode body = valid.deepCopy();
                body.set(prop.getKey(), JSON.readTree(wrong));
                check(base, method, validPath, JSON.writeValueAsString(body), null);
            }
            ObjectNode typo = valid.deepCopy();
            typo.put(prop.getKey() + "x", 1);
            check(base, method, validPath, JSON.writeValueAsString(typo), null);
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("zzUnknownField", true);
        check(base, method, validPath, JSON.writeValueAsString(unknown), null);
    }

    private static List<String> badParameterValues(JsonNode schema) {
        String type = schema.path("type").asText();
        List<String> values = new ArrayList<>();
        if (type.equals("integer") || type.equals("number")) {
            values.addAll(type.equals("number") ? BAD_NUMBERS.stream().filter(v -> !v.equals("1.5") && !v.equals("NaN")).toList() : BAD_NUMBERS);
            if (schema.has("minimum")) {
                values.add(String.valueOf(schema.path("minimum").asLong() - 1));
            }
            if (schema.has("maximum")) {
                values.add(String.valueOf(schema.path("maximum").asLong() + 1));
            }
        } else if (schema.has("enum")) {
            values.add("not-a-value");
        }
        return values;
    }

    private List<String> wrongValues(JsonNode doc, JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("{}", "[]", "{\"nested\": {\"deep\": [1, {}]}}"));
        switch (schema.path("type").asText()) {
            case "integer" -> {
                values.addAll(List.of("\"abc\"", "\"12\"", "1.5", "true", "99999999999999999999", "\"\""));
                bounds(schema, values);
            }
            case "number" -> {
                values.addAll(List.of("\"abc\"", "\"1.5\"", "true", "\"\""));
                bounds(schema, values);
            }
            case "boolean" -> values.addAll(List.of("\"yes\"", "\"\""));
            case "array" -> {
                values.remove("[]");
                values.addAll(List.of("\"abc\"", "1", "true"));
                JsonNode items = resolve(doc, schema.path("items"));
                if (items.path("type").asText().equals("integer")) {
                    values.addAll(List.of("[\"x\"]", "[{}]", "[1.5]", "[[1]]", "[true]"));
                }
            }
            case "string" -> {
                values.add("true");
                if (schema.has("enum")) {
                    values.addAll(List.of("\"not-a-value\"", "\"\"", "\"" + schema.path("enum").path(0).asText().toUpperCase() + "X\""));
                }
                if (schema.has("maxLength")) {
                    values.add("\"" + "x".repeat(schema.path("maxLength").asInt() + 1) + "\"");
                }
            }
            case "object" -> {
                values.remove("{}");
                values.remove("{\"nested\": {\"deep\": [1, {}]}}");
                values.addAll(List.of("\"abc\"", "1", "true", "{\"zzUnknownField\": 1}"));
            }
            default -> values.add("\"abc\"");
        }
        return values;
    }

    private static void bounds(JsonNode schema, List<String> values) {
        if (schema.has("minimum")) {
            values.add(String.valueOf(schema.path("minimum").asLong() - 1));
        }
        if (schema.has("maximum")) {
            values.add(String.valueOf(schema.path("maximum").asLong() + 1));
        }
    }

    /** A body whose required fields have plausible values; each case then breaks exactly one part. */
    private ObjectNode validBody(JsonNode doc, JsonNode op) {
        ObjectNode body = JSON.createObjectNode();
        JsonNode schema = resolve(doc, op.path("requestBody").path("content").path("application/json").path("schema"));
        for (JsonNode required : schema.path("required")) {
            JsonNode prop = resolve(doc, schema.path("properties").path(required.asText()));
            switch (prop.path("type").asText()) {
                case "integer", "number" -> body.put(required.asText(), Math.max(1, prop.path("minimum").asLong(1)));
                case "boolean" -> body.put(required.asText(), false);
                case "array" -> body.putArray(required.asText()).add(1);
                case "object" -> body.putObject(required.asText());
                default -> body.put(required.asText(), prop.has("enum") ? prop.path("enum").path(0).asText() : "x");
            }
        }
        return body;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText().replace("#/components/schemas/", "");
            current = doc.path("components").path("schemas").path(ref);
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(doc, current.path("allOf").path(0));
        }
        if (current.path("type").isArray()) {
            // OpenAPI 3.1 lists a nullable type as ["integer", "null"]
            ObjectNode copy = current.deepCopy();
            for (JsonNode t : current.path("type")) {
                if (!"null".equals(t.asText())) {
                    copy.put("type", t.asText());
                }
            }
            return copy;
        }
        return current;
    }

    /** Records the answer as a failure unless it is a problem+json 4xx ({@code requiredStatus} exactly, when given). */
    private void check(URI base, String method, String target, Object body, Integer requiredStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(target)).timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", apiKey).header("Content-Type", "application/json");
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        HttpResponse<String> response = send(request);
        sent++;
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        boolean problem = type.startsWith("application/problem+json");
        if (status >= 500 || status < 400 || !problem || requiredStatus != null && status != requiredStatus) {
            failures.add(new Failure(method + " " + target + (text == null ? "" : " " + text), status, type,
                    response.body().length() > 300 ? response.body().substring(0, 300) : response.body()));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.segue.enrichment;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.function.Function;

/**
 * Lets the benchmark answer from a generated library instead of thousands of stubs: only stubs
 * naming {@value #NAME} use it, so ordinary tests are unaffected.
 */
public class BenchModelTransformer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "bench-model";

    private static volatile Function<ServeEvent, ResponseDefinition> model;

    public static void use(Function<ServeEvent, ResponseDefinition> answers) {
        model = answers;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Function<ServeEvent, ResponseDefinition> m = model;
        return m == null ? serveEvent.getResponseDefinition() : m.apply(serveEvent);
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}

package dev.segue.sonic.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.segue.sonic.config.SonicConfig;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class WorkerPoolDefaultsTest {

    @Inject
    SonicConfig config;

    @Inject
    AnalysisWorkerPool pool;

    @Test
    void oneWorkerPerCoreWhenWorkersIsNotSet() {
        assertThat(config.workers()).as("the test configuration leaves segue.sonic.workers unset").isEmpty();
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(pool.threads()).isEqualTo(cores);
        given().get("/api/analysis/stats").then().statusCode(200).body("workerThreads", equalTo(cores));
    }
}

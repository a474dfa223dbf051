package dev.segue.library.health;

import dev.segue.library.service.ScanService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every configured library root is a readable folder: an unmounted disk shows here first. */
@Readiness
@ApplicationScoped
class LibraryRootsHealthCheck implements HealthCheck {

    private final ScanService scans;

    LibraryRootsHealthCheck(ScanService scans) {
        this.scans = scans;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Library roots").up();
        for (Path root : scans.configuredRoots()) {
            if (!Files.isDirectory(root)) {
                builder.down().withData(root.toString(), "does not exist or is not mounted");
            } else if (!Files.isReadable(root) || !Files.isExecutable(root)) {
                builder.down().withData(root.toString(), "not readable by the service user");
            } else {
                builder.withData(root.toString(), "readable");
            }
        }
        return builder.build();
    }
}

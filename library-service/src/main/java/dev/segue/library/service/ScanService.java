package dev.segue.library.service;

import dev.segue.commons.paging.Page;
import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.run.ActiveRunConflict;
import dev.segue.library.config.LibraryConfig;
import dev.segue.library.repository.ScanErrorRepository;
import dev.segue.library.repository.ScanRunRepository;
import dev.segue.library.scan.ScanError;
import dev.segue.library.scan.ScanRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Starts scans (at most one per folder at a time) and answers questions about them. */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    private final LibraryConfig config;
    private final ScanRunRepository runs;
    private final ScanErrorRepository errors;
    private final ScanRunner runner;
    private final AtomicInteger threadNo = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scan-run-" + threadNo.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    ScanService(LibraryConfig config, ScanRunRepository runs, ScanErrorRepository errors, ScanRunner runner) {
        this.config = config;
        this.runs = runs;
        this.errors = errors;
        this.runner = runner;
    }

    void onStart(@Observes StartupEvent event) {
        int interrupted = runs.failInterrupted();
        if (interrupted > 0) {
            LOG.warnf("%d scan run(s) were interrupted by the last shutdown and are marked failed", interrupted);
        }
        String encoding = System.getProperty("sun.jnu.encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            LOG.warnf("File names are decoded as %s, not UTF-8: files with non-ASCII names will be reported as scan errors. "
                    + "Start the service with LANG=C.UTF-8.", encoding);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /**
     * Starts a scan of {@code folder} (absolute, inside a configured root) or, when null, of every
     * configured root; the scan runs in the background.
     */
    public ScanRun start(String folder, String trigger) {
        List<Path> roots = folder == null ? configuredRoots() : List.of(insideConfiguredRoot(folder));
        List<String> rootTexts = roots.stream().map(Path::toString).toList();
        long id = QuarkusTransaction.requiringNew().call(() -> {
            runs.lockScanStarts();
            for (ScanRun running : runs.running()) {
                for (String busy : running.roots()) {
                    for (String wanted : rootTexts) {
                        if (overlaps(Path.of(busy), Path.of(wanted))) {
                            throw conflict(running, "A scan of " + busy + " is already running (scan " + running.id() + "); follow it "
                                    + "(GET /api/scans/" + running.id() + ") or cancel it (DELETE) before scanning " + wanted + " again.");
                        }
                    }
                }
            }
            return runs.create(rootTexts, trigger);
        });
        executor.execute(() -> runner.run(id, roots));
        return find(id);
    }

    public ScanRun find(long id) {
        return runs.find(id).orElseThrow(() -> ProblemException.notFound("No scan run with id " + id + "."));
    }

    /**
     * Cancels a running scan (a finished one is returned unchanged). Its runner, here or on another replica, stops at
     * its next progress write (within about a second while it reads files) and keeps what it stored; no track is marked
     * missing by a cancelled scan.
     */
    public ScanRun cancel(long id) {
        ScanRun run = find(id);
        if (run.status().active()) {
            runs.cancel(id, "Cancelled; the tracks stored until then are kept and no track was marked missing. "
                    + "The next scan continues where this one ended.");
        }
        return find(id);
    }

    /** 409 naming the running scan that is in the way. */
    static ActiveRunConflict conflict(ScanRun running, String detail) {
        return new ActiveRunConflict(running.id(), "/api/scans/" + running.id(), detail);
    }

    public Page<ScanRun> list(int page, int size) {
        return runs.list(page, size);
    }

    public Page<ScanError> errors(long id, int page, int size) {
        find(id);
        return errors.errors(id, page, size);
    }

    public List<Path> configuredRoots() {
        return config.roots().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    private Path insideConfiguredRoot(String folder) {
        Path path;
        try {
            path = Path.of(folder);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("root is not a valid path: " + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw ProblemException.badRequest("root must be an absolute path, got '" + folder + "'.");
        }
        Path normalized = path.normalize();
        List<Path> roots = configuredRoots();
        if (roots.stream().noneMatch(normalized::startsWith)) {
            throw ProblemException.badRequest("root " + normalized + " is outside the configured library roots " + roots
                    + "; scan one of them or a folder inside one (configure them with SEGUE_LIBRARY_ROOTS).");
        }
        if (Files.exists(normalized) && !insideRealRoot(normalized, roots)) {
            throw ProblemException.badRequest("root " + normalized + " leads outside the configured library roots through a "
                    + "symbolic link; scan the folder the link points to by adding it to SEGUE_LIBRARY_ROOTS.");
        }
        return normalized;
    }

    /** A symlinked folder inside a root may point anywhere: compare where it really is. */
    private static boolean insideRealRoot(Path folder, List<Path> roots) {
        try {
            Path real = folder.toRealPath();
            for (Path root : roots) {
                if (Files.exists(root) && real.startsWith(root.toRealPath())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw ProblemException.badRequest("root " + folder + " cannot be resolved: " + e.getMessage());
        }
    }

    private static boolean overlaps(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}

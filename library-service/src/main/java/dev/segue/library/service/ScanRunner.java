package dev.segue.library.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.commons.run.RunStatus;
import dev.segue.library.config.LibraryConfig;
import dev.segue.library.repository.ScanRunRepository;
import dev.segue.library.repository.ScanWriter;
import dev.segue.library.repository.TrackScanRepository;
import dev.segue.library.scan.DiscoveredFile;
import dev.segue.library.scan.Ffprobe;
import dev.segue.library.scan.KnownTrack;
import dev.segue.library.scan.LibraryWalker;
import dev.segue.library.scan.ReadPool;
import dev.segue.library.scan.ReadPool.Outcome;
import dev.segue.library.scan.Reasons;
import dev.segue.library.scan.ScanCounts;
import dev.segue.library.scan.TagReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Executes one scan run: checks the roots are there, walks them, reads the changed files in
 * parallel, writes in batches, marks vanished files missing, recognises moves, then tells
 * enrichment and sonic that there is new work.
 */
@ApplicationScoped
class ScanRunner {

    private static final Logger LOG = Logger.getLogger(ScanRunner.class);
    private static final long PROGRESS_EVERY_MS = 1000;
    /** Database outages one scan waits out before it gives up (a database that keeps failing needs a person). */
    private static final int MAX_INTERRUPTIONS = 3;

    /** A scan that must stop before touching anything; the message says why. */
    static final class AbortScan extends Exception {
        AbortScan(String message) {
            super(message);
        }
    }

    /** The run was cancelled (its row says so, whichever replica cancelled it): stop, keep what is stored. */
    static final class CancelledScan extends Exception {
        CancelledScan() {
            super(null, null, false, false);
        }
    }

    private final TrackScanRepository tracks;
    private final LibraryConfig config;
    private final ScanRunRepository runs;
    private final ScanNotifier notifier;
    private final DatabaseOutage outage;
    private final Ffprobe ffprobe;
    /** Who read the files: a refusal is remembered only for the same readers (ffprobe installed, Segue upgraded: read again). */
    private final String readers;

    ScanRunner(TrackScanRepository tracks, LibraryConfig config, ScanRunRepository runs, ScanNotifier notifier,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.tracks = tracks;
        this.config = config;
        this.runs = runs;
        this.notifier = notifier;
        this.outage = tracks.outage(LOG);
        this.ffprobe = config.scan().ffprobe().filter(path -> !path.isBlank() && !path.equals("off"))
                .map(path -> new Ffprobe(path, config.scan().ffprobeTimeout())).orElse(Ffprobe.NONE);
        this.readers = "segue " + version + (ffprobe == Ffprobe.NONE ? ", no ffprobe" : ", ffprobe " + config.scan().ffprobe().get());
    }

    void run(long runId, List<Path> roots) {
        ScanCounts counts = new ScanCounts();
        int interruptions = 0;
        try {
            for (Path root : roots) {
                checkMounted(root);
            }
            for (int next = 0; next < roots.size(); ) {
                ScanCounts before = counts.copy();
                try {
                    scanRoot(runId, roots.get(next), counts);
                    next++;
                } catch (Exception e) {
                    if (!outage.explains(e) || ++interruptions > MAX_INTERRUPTIONS) {
                        throw e;
                    }
                    // what was written is kept: scanning the root again skips it as unchanged and marks nothing missing early
                    outage.await("scan " + runId + " is paused and resumes", e);
                    counts = before;
                }
            }
            finish(runId, RunStatus.COMPLETED, interruptions == 0 ? null : "Paused " + interruptions + (interruptions == 1 ? " time" : " times")
                    + " while the database was unavailable, then resumed; files stored before a pause count as unchanged.", counts);
            LOG.infof("Scan %d of %s completed: %d new, %d updated, %d unchanged, %d moved, %d missing, %d errors",
                    runId, roots, counts.newTracks, counts.updated, counts.unchanged, counts.moved, counts.missing, counts.errors);
            // after the run is complete: the data is there whether or not the others hear about it
            if (counts.libraryChanged()) {
                notifier.libraryChanged();
            }
        } catch (CancelledScan e) {
            LOG.infof("Scan %d of %s cancelled after %d of %d files", runId, roots, counts.processed, counts.discovered);
            finish(runId, RunStatus.CANCELLED, null, counts);
            if (counts.libraryChanged()) {
                notifier.libraryChanged();
            }
        } catch (AbortScan e) {
            LOG.warnf("Scan %d aborted: %s", runId, e.getMessage());
            finish(runId, RunStatus.ABORTED, e.getMessage(), counts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                runs.finish(runId, RunStatus.CANCELLED, "The service stopped during this scan; the next scan continues where it ended.", counts);
            } catch (RuntimeException e2) {
                LOG.warnf("Scan %d stopped; its end could not be recorded (%s), the next start marks it interrupted", runId, e2.getMessage());
            }
        } catch (Exception e) {
            if (DatabaseOutage.isOutage(e)) {
                LOG.errorf("Scan %d failed: the database was unavailable %d times during it (%s)", runId, interruptions, DatabaseOutage.reason(e));
                finish(runId, RunStatus.FAILED, "The database was unavailable " + interruptions + " times during this scan; tracks stored until "
                        + "then are kept and no track was marked missing. Start a new scan: it skips the files already stored.", counts);
            } else {
                LOG.errorf(e, "Scan %d failed", runId);
                finish(runId, RunStatus.FAILED, "The scan failed unexpectedly (the service log has the details); tracks stored until then are kept. "
                        + "Start a new scan: it skips the files already stored.", counts);
            }
        }
    }

    /**
     * Records how the run ended, waiting for the database if it is away: a run must never stay 'running'
     * for nothing. If the service stops meanwhile, its next start marks the run interrupted.
     */
    private void finish(long runId, RunStatus status, String message, ScanCounts counts) {
        outage.retry("the end of scan " + runId + " is recorded", () -> runs.finish(runId, status, message, counts));
    }

    /** Writes the counts so far, and stops the scan when its run is no longer running (cancelled). */
    private void progress(long runId, ScanCounts counts) throws CancelledScan {
        if (!runs.progress(runId, counts)) {
            throw new CancelledScan();
        }
    }

    /** An absent or empty root is an unmounted disk, not a library whose files were all deleted. */
    static void checkMounted(Path root) throws AbortScan {
        if (!Files.isDirectory(root)) {
            throw new AbortScan("Library folder " + root + " does not exist or is not mounted; nothing was scanned "
                    + "and no track was marked missing. Mount it or fix segue.library.roots.");
        }
        if (!Files.isReadable(root)) {
            throw new AbortScan("Library folder " + root + " is not readable by the service user; nothing was scanned "
                    + "and no track was marked missing.");
        }
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isEmpty()) {
                throw new AbortScan("Library folder " + root + " is empty, which usually means its disk is not mounted; "
                        + "nothing was scanned and no track was marked missing.");
            }
        } catch (IOException e) {
            throw new AbortScan("Library folder " + root + " cannot be listed (" + Reasons.io(e) + "); nothing was scanned "
                    + "and no track was marked missing.");
        }
    }

    private void scanRoot(long runId, Path root, ScanCounts counts) throws Exception {
        long started = System.nanoTime();
        LibraryWalker.Result walk = LibraryWalker.walk(root);
        long walked = System.nanoTime();
        try (ScanWriter writer = tracks.open(runId)) {
            Map<String, KnownTrack> known = writer.knownUnder(root);
            if (walk.files().isEmpty() && known.values().stream().anyMatch(KnownTrack::present)) {
                throw new AbortScan("Library folder " + root + " holds no audio files any more, but "
                        + known.values().stream().filter(KnownTrack::present).count()
                        + " tracks are known there; refusing to mark them all missing. If the music really is gone, "
                        + "move it back or remove the folder from segue.library.roots.");
            }
            counts.discovered += walk.files().size();
            counts.errors += walk.problems().size();
            walk.skipped().forEach((extension, n) -> counts.skipped.merge(extension, n, Integer::sum));
            writer.errors(walk.problems());

            Map<String, ScanWriter.RememberedRefusal> refused = writer.refusalsUnder(root, readers);
            Set<String> seen = new HashSet<>();
            List<DiscoveredFile> toRead = new ArrayList<>();
            List<ScanWriter.Refusal> refusedAgain = new ArrayList<>();
            for (DiscoveredFile file : walk.files()) {
                seen.add(file.pathText());
                KnownTrack k = known.get(file.pathText());
                ScanWriter.RememberedRefusal r = refused.get(file.pathText());
                long mtime = file.mtimeMicros();
                if (k != null && k.present() && k.size() == file.size() && k.mtimeMicros() == mtime) {
                    counts.unchanged++;
                    counts.processed++;
                } else if (k == null && r != null && r.size() == file.size() && r.mtimeMicros() == mtime) {
                    // the same bytes, the same readers: reading them again (ffprobe included) would refuse them again
                    refusedAgain.add(new ScanWriter.Refusal(file, r.reason()));
                } else {
                    toRead.add(file);
                }
            }
            writer.refusals(refusedAgain, readers);
            counts.errors += refusedAgain.size();
            counts.processed += refusedAgain.size();
            Map<Long, KnownTrack> vanished = new HashMap<>();
            for (var entry : known.entrySet()) {
                KnownTrack k = entry.getValue();
                if (k.present() && !seen.contains(entry.getKey()) && !underAny(entry.getKey(), walk.unreadable())) {
                    vanished.put(k.id(), k);
                }
            }
            Map<String, ArrayDeque<Long>> moveCandidates = writer.moveCandidates(vanished.values());
            progress(runId, counts);

            long compared = System.nanoTime();
            readAndWrite(runId, root, toRead, known, vanished, moveCandidates, writer, counts);
            // the last look before marking missing: a cancelled scan marks nothing
            progress(runId, counts);
            counts.missing += writer.markMissing(new ArrayList<>(vanished.keySet()));
            progress(runId, counts);
            LOG.infof("Scan %d, %s: walked %d files in %d ms, compared with %d known tracks in %d ms, read and wrote %d files in %d ms",
                    runId, root, walk.files().size(), (walked - started) / 1_000_000, known.size(), (compared - walked) / 1_000_000,
                    toRead.size(), (System.nanoTime() - compared) / 1_000_000);
        }
    }

    private void readAndWrite(long runId, Path root, List<DiscoveredFile> toRead, Map<String, KnownTrack> known,
            Map<Long, KnownTrack> vanished, Map<String, ArrayDeque<Long>> moveCandidates, ScanWriter writer, ScanCounts counts)
            throws Exception {
        if (toRead.isEmpty()) {
            return;
        }
        int threads = config.scan().readerThreads().orElse(Runtime.getRuntime().availableProcessors());
        int batchSize = config.scan().batchSize();
        try (ReadPool readers = new ReadPool("scan-" + runId, threads, config.scan().fileTimeout(), Math.max(1024, batchSize * 4),
                file -> TagReader.read(file, root, ffprobe))) {
            readers.submit(toRead);
            List<Outcome> batch = new ArrayList<>(batchSize);
            int received = 0;
            long lastProgress = System.currentTimeMillis();
            while (received < toRead.size()) {
                Outcome first = readers.poll(200);
                if (first != null) {
                    batch.add(first);
                    received += 1 + readers.drainTo(batch, batchSize - batch.size());
                }
                long now = System.currentTimeMillis();
                boolean progressDue = now - lastProgress >= PROGRESS_EVERY_MS;
                if (batch.size() >= batchSize || received == toRead.size() || (progressDue && !batch.isEmpty())) {
                    flush(batch, known, vanished, moveCandidates, writer, counts);
                    batch.clear();
                }
                if (progressDue) {
                    progress(runId, counts);
                    lastProgress = now;
                }
            }
        }
    }

    private void flush(List<Outcome> batch, Map<String, KnownTrack> known, Map<Long, KnownTrack> vanished,
            Map<String, ArrayDeque<Long>> moveCandidates, ScanWriter writer, ScanCounts counts) throws Exception {
        List<ScanWriter.Pending> pending = new ArrayList<>(batch.size());
        List<LibraryWalker.Problem> problems = new ArrayList<>();
        List<ScanWriter.Refusal> refusals = new ArrayList<>();
        Map<String, String> kinds = new HashMap<>();
        for (Outcome o : batch) {
            if (o.error() != null && o.lasting()) {
                refusals.add(new ScanWriter.Refusal(o.file(), o.error()));
                continue;
            }
            if (o.error() != null) {
                problems.add(new LibraryWalker.Problem(o.file().pathText(), o.error()));
                continue;
            }
            KnownTrack k = known.get(o.file().pathText());
            Long id = k == null ? null : k.id();
            String kind = k == null ? "new" : "updated";
            if (k == null && o.track().contentKey() != null) {
                ArrayDeque<Long> candidates = moveCandidates.get(o.track().contentKey());
                if (candidates != null && !candidates.isEmpty()) {
                    id = candidates.poll();
                    vanished.remove(id);
                    kind = "moved";
                }
            }
            kinds.put(o.file().pathText(), kind);
            pending.add(new ScanWriter.Pending(o.file(), o.track(), id));
        }
        writer.errors(problems);
        writer.refusals(refusals, readers);
        List<String> failed = writer.write(pending);
        failed.forEach(kinds::remove);
        for (String kind : kinds.values()) {
            switch (kind) {
                case "new" -> counts.newTracks++;
                case "moved" -> counts.moved++;
                default -> counts.updated++;
            }
        }
        counts.errors += problems.size() + refusals.size() + failed.size();
        counts.processed += batch.size();
    }

    private static boolean underAny(String path, List<Path> folders) {
        for (Path folder : folders) {
            String f = folder.toString();
            if (path.equals(f) || path.startsWith(f.endsWith("/") ? f : f + "/")) {
                return true;
            }
        }
        return false;
    }
}

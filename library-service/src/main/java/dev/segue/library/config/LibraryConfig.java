package dev.segue.library.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** library-service configuration, {@code segue.library.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.library")
public interface LibraryConfig {

    /** Folders holding the music ({@code SEGUE_LIBRARY_ROOTS}, comma-separated); a scan covers any of them or a folder inside one. */
    @WithDefault("/music")
    List<Path> roots();

    Scan scan();

    interface Scan {

        /** Threads reading tags in parallel ({@code SEGUE_LIBRARY_SCAN_READER_THREADS}); absent = one per core. */
        Optional<Integer> readerThreads();

        /** Tracks written per database transaction ({@code SEGUE_LIBRARY_SCAN_BATCH_SIZE}). */
        @WithDefault("500")
        int batchSize();

        /**
         * How long reading one file's tags may take ({@code SEGUE_LIBRARY_SCAN_FILE_TIMEOUT}) before the file becomes a
         * scan error and the scan goes on without it; a healthy file takes milliseconds.
         */
        @WithDefault("60s")
        Duration fileTimeout();

        /**
         * ffprobe executable ({@code SEGUE_LIBRARY_SCAN_FFPROBE}; {@code off} = never run) that measures the files the
         * Java readers refuse or whose header claims a length the file cannot hold. Without it those files keep the
         * Java readers' verdict: refused, or a length cut to what the bitrate allows.
         */
        @WithDefault("ffprobe")
        Optional<String> ffprobe();

        /** How long one ffprobe run may take ({@code SEGUE_LIBRARY_SCAN_FFPROBE_TIMEOUT}) before it is killed. */
        @WithDefault("20s")
        Duration ffprobeTimeout();

        /**
         * When the scheduled incremental rescan of every root runs ({@code SEGUE_LIBRARY_SCAN_CRON}, Quarkus cron
         * syntax, default 03:00 daily); {@code off} disables it. Read by {@code ScanScheduler}.
         */
        @WithDefault("0 0 3 * * ?")
        String cron();
    }
}

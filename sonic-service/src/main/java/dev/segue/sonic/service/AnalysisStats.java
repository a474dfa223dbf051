package dev.segue.sonic.service;

import dev.segue.sonic.analysis.DecoderRegistry;
import java.util.List;

/**
 * Library coverage for the current analyzer version. {@code pending} = tracks that a "pending" run
 * would analyse; {@code olderVersionOnly} of them still have an older version's analysis.
 */
public record AnalysisStats(int analyzerVersion, long presentTracks, long analysed, long pending, long failed,
                            long unsupported, long olderVersionOnly, long claimed, Long activeRunId,
                            int workerThreads, String workerId, List<DecoderRegistry.DecoderInfo> decoders) {
}

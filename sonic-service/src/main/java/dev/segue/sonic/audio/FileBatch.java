package dev.segue.sonic.audio;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** A decoded batch kept in temporary files: reads each file's windows when asked and deletes them; closing deletes the rest. */
final class FileBatch implements AudioDecoder.DecodedBatch {

    private final List<AudioDecoder.Job> jobs;
    private final List<List<WindowFile>> files;
    private final String decoder;

    /** @param files each job's windows, in job order; null for a job the batch could not take */
    FileBatch(List<AudioDecoder.Job> jobs, List<List<WindowFile>> files, String decoder) {
        this.jobs = jobs;
        this.files = files;
        this.decoder = decoder;
    }

    @Override
    public DecodedAudio take(int index) {
        List<WindowFile> windows = files.set(index, null);
        if (windows == null) {
            return null;
        }
        try {
            return new DecodedAudio(jobs.get(index).plan(), PcmReader.read(windows), decoder);
        } catch (IOException e) {
            return null;
        } finally {
            TempFiles.delete(windows);
        }
    }

    @Override
    public void close() {
        files.stream().filter(Objects::nonNull).forEach(TempFiles::delete);
    }
}

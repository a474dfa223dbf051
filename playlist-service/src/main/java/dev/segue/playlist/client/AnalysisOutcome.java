package dev.segue.playlist.client;

/** What became of a request to analyse a track; {@code reason} explains anything but {@link Status#ANALYSED}. */
public record AnalysisOutcome(Status status, String reason) {

    public enum Status {
        ANALYSED, NOT_FOUND, UNANALYSABLE, UNAVAILABLE
    }

    public static AnalysisOutcome analysed() {
        return new AnalysisOutcome(Status.ANALYSED, null);
    }

    public boolean isAnalysed() {
        return status == Status.ANALYSED;
    }
}

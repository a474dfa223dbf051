package dev.segue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void barShowsFractionRateAndEta() throws Exception {
        Progress progress = Progress.of(json.readTree("{\"status\":\"running\",\"done\":25,\"total\":100,\"ratePerSecond\":12.5,\"etaSeconds\":75}"));
        assertThat(progress.bar(20)).isEqualTo("[#####...............]  25% 25/100  12.5/s  ETA 1:15  running");
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void aSourceThatHoldsTheRunBackIsNamed() throws Exception {
        Progress progress = Progress.of(json.readTree("""
                {"status":"running","total":20,"done":10,"progress":{"musicbrainz":{"state":"running","done":10,"total":10},
                 "lastfm":{"state":"paused","done":0,"total":10,"message":"rate limited"}}}"""));
        assertThat(progress.done()).isEqualTo(10);
        assertThat(progress.total()).isEqualTo(20);
        assertThat(progress.finished()).isFalse();
        assertThat(progress.bar(10)).startsWith("[#####.....]  50%").endsWith("running  (lastfm paused: rate limited)");
    }

    @Test
    void emptyFinishedRunIsFull() throws Exception {
        assertThat(Progress.of(json.readTree("{\"status\":\"completed\"}")).bar(4)).startsWith("[####] 100% 0/0");
    }
}

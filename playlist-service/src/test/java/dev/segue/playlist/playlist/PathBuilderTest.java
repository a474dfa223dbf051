package dev.segue.playlist.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.commons.problem.Unsatisfiable;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.TestLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathBuilderTest {

    /** Eleven tracks on a line from quiet and dark (1) to loud and bright (11), shuffled ids. */
    private static LibraryIndex line() {
        TestLibrary lib = new TestLibrary();
        int[] ids = {7, 3, 11, 1, 9, 5, 2, 10, 4, 8, 6};
        for (int id : ids) {
            lib.track(id, "Artist" + id, "t" + id, null, 200, TestLibrary.sound(-30 + 2 * id, 500 + 200 * id, 0));
        }
        return lib.build();
    }

    @Test
    void pathMovesStepByStepFromOneEndToTheOther() {
        LibraryIndex index = line();
        List<Entry> path = new PathBuilder(index, 1, 0, true).build(index.row(1), index.row(11), 6, 10, 0);
        // rank-normalised, the line's ends stretch (normal quantiles), so the steps are not every other id, but
        // each one moves on towards the far end
        assertThat(path).extracting(Entry::trackId).hasSize(6).startsWith(1L).endsWith(11L).isSorted().doesNotHaveDuplicates();
        assertThat(path.get(0).seed()).isTrue();
        assertThat(path.get(5).seed()).isTrue();
        assertThat(path.subList(1, 6)).allSatisfy(e -> assertThat(e.transition()).isBetween(0.0, 1.0));
    }

    @Test
    void samePathEndsAreRefused() {
        LibraryIndex index = line();
        assertThatThrownBy(() -> new PathBuilder(index, 1, 0, true).build(index.row(1), index.row(1), 4, 10, 0))
                .isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void tooLongPathIsRefused() {
        LibraryIndex index = line();
        assertThatThrownBy(() -> new PathBuilder(index, 1, 0, true).build(index.row(1), index.row(11), 20, 10, 0))
                .isInstanceOf(Unsatisfiable.class)
                .hasMessageContaining("shorter path");
    }
}

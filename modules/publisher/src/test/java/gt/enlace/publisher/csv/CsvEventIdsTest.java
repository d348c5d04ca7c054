package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class CsvEventIdsTest {

    @Test
    void aFilesPrecomputedIdsAreTheSameIdsAsOneByOneSoReRunsOfOlderVersionsStillMatch() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        LongFunction<String> ids = CsvEventIds.forFile("gt.renap.birth-registered.v1", sha);
        for (long row : new long[] {2, 3, 10, 9_999, 10_001, 1_000_001}) {
            assertThat(ids.apply(row)).as("row " + row).isEqualTo(CsvEventIds.eventId("gt.renap.birth-registered.v1", sha, row));
        }
        assertThat(ids.apply(2)).isNotEqualTo(ids.apply(3));
        assertThat(ids.apply(2).charAt(14)).as("UUID version").isEqualTo('5');
    }
}

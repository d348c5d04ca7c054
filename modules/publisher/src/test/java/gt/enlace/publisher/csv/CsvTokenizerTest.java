package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    private static List<CsvTokenizer.CsvRecord> all(String text, char delimiter, int max) throws IOException {
        return all(new StringReader(text), delimiter, max);
    }

    private static List<CsvTokenizer.CsvRecord> all(Reader reader, char delimiter, int max) throws IOException {
        CsvTokenizer tokenizer = new CsvTokenizer(reader, delimiter, max);
        List<CsvTokenizer.CsvRecord> records = new ArrayList<>();
        CsvTokenizer.CsvRecord r;
        while ((r = tokenizer.next()) != null) {
            records.add(r);
        }
        return records;
    }

    @Test
    void keepsLineBreaksAndDoubledQuotesInsideQuotedFields() throws IOException {
        List<CsvTokenizer.CsvRecord> records = all("a,b\r\n\"line 1\nline 2\",\"say \"\"hola\"\"\"\r\nx,y", ',', 100);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("line 1\nline 2", "say \"hola\"");
        assertThat(records.get(1).number()).isEqualTo(2);
        assertThat(records.get(2).line()).isEqualTo(4);
    }

    @Test
    void readsSemicolonsAndOldMacLineEnds() throws IOException {
        assertThat(all("a;b\rc;d\r", ';', 100)).extracting(CsvTokenizer.CsvRecord::fields)
            .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void marksBlankRows() throws IOException {
        List<CsvTokenizer.CsvRecord> records = all("a,b\n1,2\n\n,\n", ',', 100);
        assertThat(records).extracting(CsvTokenizer.CsvRecord::blank).containsExactly(false, false, true, true);
    }

    @Test
    void cutsAnOversizedFieldWithoutBufferingItAndKeepsReading() throws IOException {
        List<CsvTokenizer.CsvRecord> records = all("a,b\n1," + "x".repeat(5000) + "\n3,4", ',', 100);
        assertThat(records.get(1).oversizedColumn()).isEqualTo(1);
        assertThat(records.get(1).fields().get(1)).hasSize(100);
        assertThat(records.get(2).fields()).containsExactly("3", "4");
    }

    @Test
    void anUnterminatedQuoteIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> all("a,b\n1,2\n3,\"never closed\n4,5\n", ',', 100))
            .isInstanceOf(CsvTokenizer.UnterminatedQuoteException.class)
            .hasMessageContaining("line 3");
    }

    /** A reader that hands out one character per read, so that every character sits at the edge of a buffer. */
    private static List<CsvTokenizer.CsvRecord> trickled(String text, char delimiter, int max) throws IOException {
        Reader oneByOne = new FilterReader(new StringReader(text)) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
        return all(oneByOne, delimiter, max);
    }

    @Test
    void readsTheSameRecordsWhateverTheReadsItGetsAreCutInto() throws IOException {
        String text = "a,b,c\r\n\"x\"\"y\",\"1\r\n2\"\"\",z\r\n" + "q".repeat(10) + ",\"" + "w".repeat(12) + "\"\"\",e\n"
            + ",,\r\n5'10\",\"\",\"\"\"\"\"\"\r\n\"ab\"cd,\"\"\n" + "k".repeat(9) + ",\"" + "m".repeat(9) + "\",end\r";
        for (int max : List.of(1, 3, 8, 9, 10, 11, 100)) {
            List<CsvTokenizer.CsvRecord> whole = all(text, ',', max);
            assertThat(trickled(text, ',', max)).as("limit %d", max).isEqualTo(whole);
        }
        List<CsvTokenizer.CsvRecord> records = all(text, ',', 100);
        assertThat(records.get(1).fields()).containsExactly("x\"y", "1\r\n2\"", "z");
        assertThat(records.get(2).fields()).containsExactly("q".repeat(10), "w".repeat(12) + "\"", "e");
        assertThat(records.get(4).fields()).containsExactly("5'10\"", "", "\"\"");
        assertThat(records.get(5).fields()).containsExactly("abcd", "");
        assertThat(records.get(6).line()).isEqualTo(8);
    }

    @Test
    void aFieldExactlyAtTheLimitIsNotOversizedAndOneMoreCharacterIs() throws IOException {
        assertThat(all("abcd,\"efgh\"\n", ',', 4).get(0).oversizedColumn()).isEqualTo(-1);
        assertThat(all("abcd,\"efgh\"\"\"\n", ',', 4).get(0).oversizedColumn()).isEqualTo(1);
        assertThat(trickled("abcde,\"efgh\"\n", ',', 4).get(0)).satisfies(r -> {
            assertThat(r.oversizedColumn()).isZero();
            assertThat(r.fields()).containsExactly("abcd", "efgh");
        });
    }

    @Test
    void keepsQuotesInTheMiddleOfAnUnquotedField() throws IOException {
        assertThat(all("a,b\n5'10\",x", ',', 100).get(1).fields()).containsExactly("5'10\"", "x");
    }
}

package gt.enlace.survey.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import gt.enlace.survey.SurveyError;
import org.junit.jupiter.api.Test;

class InstrumentLoaderTest {

    @Test
    void theBundledInstrumentHasFiveDimensionsOfTheNationalSurvey() {
        Instrument v1 = InstrumentLoader.loadDefault();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.dimensions()).extracting(Dimension::id).containsExactly("std", "exc", "sec", "cap", "col");
        assertThat(v1.items()).hasSize(20);
        assertThat(v1.items()).extracting(Item::type).contains(ItemType.values());
        assertThat(v1.item("std.guidelines").orElseThrow().text().es()).startsWith("¿En qué medida");
        assertThat(v1.item("exc.main-medium").orElseThrow().options()).extracting(ChoiceOption::code)
                .containsExactly("paper", "email", "spreadsheet", "usb", "web-services", "bus");
        assertThat(v1.headlines()).extracting(Headline::id).containsExactly("no-standards", "mainly-manual", "legal-barriers");
        for (Dimension d : v1.dimensions()) {
            double total = d.items().stream().mapToDouble(Item::weight).sum();
            double required = d.items().stream().filter(Item::required).mapToDouble(Item::weight).sum();
            assertThat(required * 2).as("required items carry half of " + d.id()).isGreaterThanOrEqualTo(total);
        }
    }

    @Test
    void everyProblemIsListedWithFileEntryAndReason() {
        String yaml = """
                version: 0
                title: {es: T}
                colour: blue
                dimensions:
                  - id: std
                    title: {es: E, en: S}
                    items:
                      - {id: std.a, type: likert, text: {es: a, en: a}, scale: [{es: '0', en: '0'}]}
                      - {id: std.a, type: yes-no, text: {es: a, en: a}}
                      - {id: exc.b, type: slider, text: {es: b, en: b}}
                      - {id: std.c, type: single-choice, text: {es: c, en: c},
                         options: [{code: x, score: 120, text: {es: x, en: x}}, {code: Y Z, score: 0, text: {es: y, en: y}}]}
                      - {id: std.d, type: likert, reverse: true, text: {es: d, en: d},
                         scale: [{es: '0', en: '0'}, {es: '1', en: '1'}, {es: '2', en: '2'}, {es: '3', en: '3'}, {es: '4', en: '4'}]}
                headlines:
                  - {id: h, item: std.zz, values: ["0"], text: {es: h, en: h}}
                """;
        assertThatThrownBy(() -> InstrumentLoader.load("bad.yaml", yaml))
                .isInstanceOfSatisfying(InstrumentException.class, e -> assertThat(e.problems()).containsExactly(
                        "bad.yaml: instrument: unknown key 'colour' (allowed: dimensions, headlines, title, version)",
                        "bad.yaml: instrument: version must be 1 or more, got 0",
                        "bad.yaml: instrument: title.en is required",
                        "bad.yaml: item 'std.a': scale must have 5 anchors (0 to 4), got 1",
                        "bad.yaml: item 'std.a': duplicate item id 'std.a'",
                        "bad.yaml: item 'exc.b': id must start with its dimension's id 'std.'",
                        "bad.yaml: item 'exc.b': type 'slider' is not one of likert, yes-no, single-choice, multiple-choice",
                        "bad.yaml: item 'std.c' option 'x': score must be from 0 to 100, got 120",
                        "bad.yaml: item 'std.c' option 'Y Z': code must be lower-case kebab, e.g. web-services",
                        "bad.yaml: item 'std.d': reverse is only for yes-no items",
                        "bad.yaml: headline 'h': item 'std.zz' is not in the instrument"))
                .hasMessageStartingWith("the survey instrument bad.yaml has 11 error(s):");
    }

    @Test
    void textThatIsNotYamlOrNotAMappingIsRejectedClearly() {
        assertThatThrownBy(() -> InstrumentLoader.load("x.yaml", "version: [1"))
                .isInstanceOf(InstrumentException.class).hasMessageContaining("x.yaml: not valid YAML");
        assertThatThrownBy(() -> InstrumentLoader.load("x.yaml", "- 1\n- 2\n"))
                .hasMessageContaining("x.yaml: instrument: must be a YAML mapping");
    }

    @Test
    void itemsReadAnswersAsPeopleWriteThem() {
        Instrument v1 = InstrumentLoader.loadDefault();
        Item likert = v1.item("std.guidelines").orElseThrow();
        assertThat(likert.read(" 3 ").canonical()).contains("3");
        assertThat(likert.read("").canonical()).isEmpty();
        assertThat(likert.read("5").error()).isEqualTo(SurveyError.OUT_OF_RANGE);
        assertThat(likert.read("5").message()).isEqualTo("5 is out of range; expected 0 to 4");
        assertThat(likert.read("2.5").error()).isEqualTo(SurveyError.INVALID_VALUE);
        Item yesNo = v1.item("std.data-catalog").orElseThrow();
        assertThat(List.of("Sí", "si", "YES", "true").stream().map(v -> yesNo.read(v).canonical().orElseThrow()))
                .containsOnly("yes");
        assertThat(yesNo.read("No").canonical()).contains("no");
        assertThat(yesNo.read("tal vez").error()).isEqualTo(SurveyError.INVALID_VALUE);
        Item single = v1.item("exc.main-medium").orElseThrow();
        assertThat(single.read("Paper").canonical()).contains("paper");
        assertThat(single.read("fax").error()).isEqualTo(SurveyError.OUT_OF_RANGE);
        assertThat(single.read("paper|bus").error()).isEqualTo(SurveyError.INVALID_VALUE);
        Item multiple = v1.item("sec.barriers").orElseThrow();
        assertThat(multiple.read("confidentiality | legal | legal").canonical()).contains("legal|confidentiality");
        assertThat(multiple.read("none|legal").error()).isEqualTo(SurveyError.INVALID_VALUE);
        assertThat(multiple.read("none|legal").message()).isEqualTo("'none' cannot be chosen together with other options");
    }
}

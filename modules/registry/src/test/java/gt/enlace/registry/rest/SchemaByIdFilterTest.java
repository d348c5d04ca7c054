package gt.enlace.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaByIdFilterTest {

    @Test
    void onlyPlainDigitsAfterThePrefixAreAnId() {
        assertThat(SchemaByIdFilter.id("/schemas/ids/1")).isEqualTo(1);
        assertThat(SchemaByIdFilter.id("/schemas/ids/0042")).isEqualTo(42);
        assertThat(SchemaByIdFilter.id("/schemas/ids/999999999")).isEqualTo(999_999_999);
        for (String uri : new String[] {"/schemas/ids/", "/schemas/ids/1234567890", "/schemas/ids/%31", "/schemas/ids/+1",
            "/schemas/ids/-1", "/schemas/ids/1/", "/schemas/ids/1;a=b", "/schemas/ids/1/schema", "//schemas/ids/1",
            "/schemas/idsx1", "/schemas/guids/1"}) {
            assertThat(SchemaByIdFilter.id(uri)).as(uri).isEqualTo(-1);
        }
    }

    @Test
    void theSubjectIsReadOnlyFromPlainQueryStrings() {
        assertThat(SchemaByIdFilter.subject(null)).isNull();
        assertThat(SchemaByIdFilter.subject("")).isNull();
        assertThat(SchemaByIdFilter.subject("fetchMaxId=false")).isNull();
        assertThat(SchemaByIdFilter.subject("subject=")).isNull();
        assertThat(SchemaByIdFilter.subject("subject")).isNull();
        assertThat(SchemaByIdFilter.subject("subjects=a")).isNull();
        assertThat(SchemaByIdFilter.subject("xsubject=a")).isNull();
        assertThat(SchemaByIdFilter.subject("subject=orders-value")).isEqualTo("orders-value");
        assertThat(SchemaByIdFilter.subject("fetchMaxId=false&subject=gt.a_b~c&format=x")).isEqualTo("gt.a_b~c");
        assertThat(SchemaByIdFilter.subject("subject=a=b&")).isEqualTo("a=b");
        String unsure = SchemaByIdFilter.subject("subject=a&subject=b");
        assertThat(unsure).isNotIn(null, "a", "b");
        assertThat(SchemaByIdFilter.subject("subject=a%2Fb")).isSameAs(unsure);
        assertThat(SchemaByIdFilter.subject("subject=a+b")).isSameAs(unsure);
        assertThat(SchemaByIdFilter.subject("subject=a:b")).isSameAs(unsure);
        assertThat(SchemaByIdFilter.subject("subject=é")).isSameAs(unsure);
    }
}

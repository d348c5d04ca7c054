package gt.enlace.bus.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DepartmentsTest {

    @Test
    void hasTwentyTwoDepartmentsAnd340Municipalities() {
        assertThat(Departments.all()).hasSize(Departments.COUNT);
        assertThat(Departments.all().stream().mapToInt(Department::municipalityCount).sum())
                .isEqualTo(Departments.TOTAL_MUNICIPALITIES);
    }

    @Test
    void codesRunFrom01To22InOrder() {
        for (int n = 1; n <= 22; n++) {
            Department d = Departments.all().get(n - 1);
            assertThat(d.number()).isEqualTo(n);
            assertThat(d.code()).isEqualTo(String.format("%02d", n));
            assertThat(Departments.byCode(d.code())).contains(d);
            assertThat(Departments.byNumber(n)).contains(d);
        }
    }

    @Test
    void carriesTheSpanishNames() {
        assertThat(Departments.byCode("03").orElseThrow().spanishName()).isEqualTo("Sacatepéquez");
        assertThat(Departments.byCode("17").orElseThrow().spanishName()).isEqualTo("Petén");
        assertThat(Departments.byCode("22").orElseThrow().spanishName()).isEqualTo("Jutiapa");
    }

    @Test
    void countsSipacateAndPetatan() {
        assertThat(Department.ESCUINTLA.municipalityCount()).isEqualTo(14);
        assertThat(Department.HUEHUETENANGO.municipalityCount()).isEqualTo(33);
    }

    @Test
    void rejectsUnknownOrMalformedDepartmentCodes() {
        assertThat(Departments.isValidDepartment("00")).isFalse();
        assertThat(Departments.isValidDepartment("23")).isFalse();
        assertThat(Departments.isValidDepartment("1")).isFalse();
        assertThat(Departments.isValidDepartment("001")).isFalse();
        assertThat(Departments.isValidDepartment("0a")).isFalse();
        assertThat(Departments.isValidDepartment(null)).isFalse();
        assertThat(Departments.byNumber(0)).isEmpty();
        assertThat(Departments.byNumber(23)).isEmpty();
    }

    @Test
    void validatesMunicipalitiesAgainstTheirDepartment() {
        assertThat(Departments.isValidMunicipality("22", "17")).isTrue();
        assertThat(Departments.isValidMunicipality("22", "18")).isFalse();
        assertThat(Departments.isValidMunicipality("18", "05")).isTrue();
        assertThat(Departments.isValidMunicipality("18", "06")).isFalse();
        assertThat(Departments.isValidMunicipality("01", "00")).isFalse();
        assertThat(Departments.isValidMunicipality("23", "01")).isFalse();
        assertThat(Departments.isValidMunicipality("01", "1")).isFalse();
        assertThat(Departments.isValidMunicipality("01", null)).isFalse();
        assertThat(Departments.isValidMunicipality(13, 33)).isTrue();
        assertThat(Departments.isValidMunicipality(13, 34)).isFalse();
        assertThat(Departments.isValidMunicipalityCode("0101")).isTrue();
        assertThat(Departments.isValidMunicipalityCode("1899")).isFalse();
        assertThat(Departments.isValidMunicipalityCode("101")).isFalse();
    }
}

package gt.enlace.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import gt.enlace.bus.security.HttpPrincipal;
import gt.enlace.bus.security.HttpRole;
import org.junit.jupiter.api.Test;

class RegistryAccessFilterTest {

    private static final HttpPrincipal SAT = new HttpPrincipal("sat", HttpRole.INSTITUTION);
    private static final HttpPrincipal ADMIN = new HttpPrincipal("admin", HttpRole.ADMIN);
    private static final HttpPrincipal EVALUATOR = new HttpPrincipal("segeplan", HttpRole.EVALUATOR);

    private static String refusal(HttpPrincipal who, String method, String... path) {
        return RegistryAccessFilter.refusal(who, RegistryAccessFilter.access(method, List.of(path)));
    }

    @Test
    void theOwnerOfASubjectIsTheInstitutionOfItsTopicOrSandbox() {
        assertThat(RegistryAccessFilter.ownerOf("gt.renap.birth-registered.v1-value")).isEqualTo("renap");
        assertThat(RegistryAccessFilter.ownerOf("gt.renap.birth-registered.v1-key")).isEqualTo("renap");
        assertThat(RegistryAccessFilter.ownerOf("sandbox.sat.taxpayer-registered.v1-value")).isEqualTo("sat");
        assertThat(RegistryAccessFilter.ownerOf("gt.sat.x.v1-gt.sat.TaxpayerRegistered")).isEqualTo("sat");
        assertThat(RegistryAccessFilter.ownerOf("gt..x")).isNull();
        assertThat(RegistryAccessFilter.ownerOf("gt.SAT.x")).isNull();
        assertThat(RegistryAccessFilter.ownerOf("orders-value")).isNull();
        assertThat(RegistryAccessFilter.ownerOf("gt.renap")).isNull();
    }

    @Test
    void readsAreOpenToEveryPrincipal() {
        assertThat(refusal(EVALUATOR, "GET", "subjects")).isNull();
        assertThat(refusal(SAT, "GET", "subjects", "gt.renap.x.v1-value", "versions")).isNull();
        assertThat(refusal(SAT, "POST", "subjects", "gt.renap.x.v1-value")).as("lookup").isNull();
        assertThat(refusal(SAT, "POST", "compatibility", "subjects", "gt.renap.x.v1-value", "versions")).isNull();
    }

    @Test
    void anInstitutionWritesOnlyItsOwnSubjects() {
        assertThat(refusal(SAT, "POST", "subjects", "gt.sat.x.v1-value", "versions")).isNull();
        assertThat(refusal(SAT, "DELETE", "subjects", "sandbox.sat.x.v1-value")).isNull();
        assertThat(refusal(SAT, "PUT", "config", "gt.sat.x.v1-value")).isNull();
        assertThat(refusal(SAT, "POST", "subjects", "gt.renap.x.v1-value", "versions"))
            .contains("User:sat may not change subject 'gt.renap.x.v1-value': it belongs to institution renap");
        assertThat(refusal(SAT, "DELETE", "subjects", "gt.renap.x.v1-value", "versions", "1")).contains("renap");
        assertThat(refusal(SAT, "POST", "subjects", "orders-value", "versions")).contains("belongs to no institution");
        assertThat(refusal(EVALUATOR, "POST", "subjects", "gt.sat.x.v1-value", "versions")).contains("evaluators only read");
    }

    @Test
    void globalChangesAndUnknownWritesNeedTheAdmin() {
        assertThat(refusal(SAT, "PUT", "config")).contains("global config", "only User:admin");
        assertThat(refusal(SAT, "DELETE", "mode")).contains("global mode");
        assertThat(refusal(SAT, "POST", "something")).contains("only User:admin");
        assertThat(refusal(ADMIN, "PUT", "config")).isNull();
        assertThat(refusal(ADMIN, "POST", "subjects", "gt.renap.x.v1-value", "versions")).isNull();
    }

    @Test
    void messagesAreEscapedAsJson() {
        assertThat(RegistryAccessFilter.escape("a\"b\\c\n\u0001")).isEqualTo("a\\\"b\\\\c\\n\\u0001");
    }
}

package gt.enlace.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.security.HttpPrincipal;
import gt.enlace.bus.security.HttpRole;
import org.junit.jupiter.api.Test;

class WebAccessRulesTest {

    private static final HttpPrincipal SAT = new HttpPrincipal("sat", HttpRole.INSTITUTION);
    private static final HttpPrincipal EVALUATOR = new HttpPrincipal("segeplan", HttpRole.EVALUATOR);
    private static final HttpPrincipal ADMIN = new HttpPrincipal("admin", HttpRole.ADMIN);

    @Test
    void onlyHealthTheContractTheKeysAndStaticFilesArePublic() {
        assertThat(WebAccessRules.isPublic("/health")).isTrue();
        assertThat(WebAccessRules.isPublic("/openapi")).isTrue();
        assertThat(WebAccessRules.isPublic("/api/v1/keys/renap")).isTrue();
        assertThat(WebAccessRules.isPublic("/portal/enlace.css")).isTrue();
        assertThat(WebAccessRules.isPublic("/portal/vendor/chartjs/chart.umd.min.js")).isTrue();
        assertThat(WebAccessRules.isPublic("/portal")).as("the home page").isFalse();
        assertThat(WebAccessRules.isPublic("/portal/secret")).isFalse();
        assertThat(WebAccessRules.isPublic("/")).isFalse();
        assertThat(WebAccessRules.isPublic("/api/v1/agreements")).isFalse();
        assertThat(WebAccessRules.isPublic("/dashboard")).isFalse();
    }

    @Test
    void theDashboardIsForEvaluatorsAndEachInstitutionSeesItsOwnPage() {
        assertThat(WebAccessRules.refusal(EVALUATOR, "GET", "/dashboard")).isNull();
        assertThat(WebAccessRules.refusal(EVALUATOR, "GET", "/dashboard/institutions/renap")).isNull();
        assertThat(WebAccessRules.refusal(ADMIN, "GET", "/dashboard/report")).isNull();
        assertThat(WebAccessRules.refusal(SAT, "GET", "/dashboard/institutions/sat")).isNull();
        assertThat(WebAccessRules.refusal(SAT, "GET", "/dashboard/institutions/renap")).contains("only its own");
        assertThat(WebAccessRules.refusal(SAT, "GET", "//dashboard//network")).contains("for evaluators");
        assertThat(WebAccessRules.refusal(SAT, "GET", "/api/v1/survey/institutions/renap/checklist")).contains("renap");
        assertThat(WebAccessRules.refusal(SAT, "GET", "/api/v1/survey/institutions/sat")).isNull();
        assertThat(WebAccessRules.refusal(SAT, "GET", "/api/v1/survey/overview")).contains("evaluators");
        assertThat(WebAccessRules.refusal(SAT, "GET", "/catalog")).isNull();
        assertThat(WebAccessRules.refusal(SAT, "POST", "/api/v1/topics/gt.renap.x.v1/events"))
            .as("publishing is checked by the gateway authorizer").isNull();
    }
}

package gt.enlace.bus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAuthenticatorTest {

    @TempDir
    Path dir;

    private final List<String> audited = new ArrayList<>();
    private HttpAuthenticator authenticator;

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("admin.password"), "adminpw\n");
        Files.writeString(dir.resolve("renap.password"), "renappw");
        Files.writeString(dir.resolve("segeplan.password"), "evalpw");
        Files.writeString(dir.resolve("segeplan.role"), "evaluator\n");
        Files.writeString(dir.resolve("sat.password"), "satpw");
        Files.writeString(dir.resolve("sat.role"), "admin");
        AuditLog audit = (actor, action, target, details) -> {
            audited.add(actor + " " + action + " " + target + " " + details);
            return AuditEntry.next(null, java.time.Instant.now(), actor, action, target, details);
        };
        authenticator = new HttpAuthenticator(new CredentialDirectory(dir), LoginThrottle.withDefaults(), audit, "enlace");
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRightPasswordGivesThePrincipalWithItsRole() {
        assertThat(authenticator.authenticate(basic("renap:renappw"), "1.1.1.1", "t").principal())
            .isEqualTo(new HttpPrincipal("renap", HttpRole.INSTITUTION));
        assertThat(authenticator.authenticate(basic("segeplan:evalpw"), "1.1.1.1", "t").principal().role())
            .isEqualTo(HttpRole.EVALUATOR);
        assertThat(authenticator.authenticate(basic("admin:adminpw"), "1.1.1.1", "t").principal().isAdmin()).isTrue();
        assertThat(authenticator.authenticate(basic("sat:satpw"), "1.1.1.1", "t").principal().role())
            .as("a role file cannot make another principal the admin").isEqualTo(HttpRole.INSTITUTION);
        assertThat(audited).isEmpty();
    }

    @Test
    void aMissingHeaderIsAsked401WithoutCountingOrRecording() {
        HttpAuthenticator.Outcome outcome = authenticator.authenticate(null, "1.1.1.1", "t");
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.message()).startsWith("Missing credentials");
        assertThat(audited).isEmpty();
        assertThat(authenticator.challenge()).isEqualTo("Basic realm=\"enlace\", charset=\"UTF-8\"");
    }

    @Test
    void aWrongPasswordIsRecordedWithoutThePassword() {
        HttpAuthenticator.Outcome outcome = authenticator.authenticate(basic("renap:guess-123"), "1.1.1.1", "registry/subjects");
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.message()).isEqualTo("Wrong user or password for principal User:renap");
        assertThat(audited).singleElement().asString().contains("renap auth.failed registry/subjects", "1.1.1.1")
            .doesNotContain("guess-123");
    }

    @Test
    void hostileUserNamesAreNeitherEchoedRawNorUsedAsAuditActor() {
        HttpAuthenticator.Outcome outcome = authenticator.authenticate(basic("../../etc/passwd\u202e:x"), "1.1.1.1", "t");
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(audited).singleElement().asString().startsWith("anonymous auth.failed").doesNotContain("\u202e");
        assertThat(outcome.message()).endsWith("User:../../etc/passwd?");
        String longUser = "a".repeat(500);
        assertThat(authenticator.authenticate(basic(longUser + ":x"), "1.1.1.2", "t").message()).hasSizeLessThan(120);
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefused429UntilTheLockoutEnds() {
        for (int i = 0; i < 5; i++) {
            assertThat(authenticator.authenticate(basic("renap:wrong" + i), "2.2.2.2", "t").status()).isEqualTo(401);
        }
        HttpAuthenticator.Outcome locked = authenticator.authenticate(basic("renap:renappw"), "2.2.2.2", "t");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(locked.message()).contains("Too many failed logins for User:renap");
        assertThat(audited).hasSize(6).last().asString().contains("auth.locked");
        assertThat(authenticator.authenticate(basic("renap:renappw"), "3.3.3.3", "t").authenticated())
            .as("the same user from another address").isTrue();
    }

    @Test
    void malformedHeadersCountAsFailuresOfTheAddress() {
        HttpAuthenticator.Outcome outcome = authenticator.authenticate("Basic ###", "4.4.4.4", "t");
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.message()).isEqualTo("Malformed HTTP Basic credentials: the Basic credentials are not valid Base64");
        assertThat(audited).singleElement().asString().startsWith("anonymous auth.failed");
    }
}

package gt.enlace.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.audit.AuditLogException;
import org.junit.jupiter.api.Test;

class DeferredAuditLogTest {

    @Test
    void anEntryAppendedBeforeTheLogOpensIsWrittenAfterTheEntriesOfTheStart() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        AuditLog real = (actor, action, target, details) -> {
            written.add(action);
            return AuditEntry.next(null, Instant.now(), actor, action, target, details);
        };
        DeferredAuditLog deferred = new DeferredAuditLog();
        CompletableFuture<AuditEntry> early = new CompletableFuture<>();
        Thread appender = new Thread(() -> early.complete(
            deferred.append(AuditEntry.PLATFORM_ACTOR, "schemas.register", "registry/x", Map.of())), "early-appender");
        appender.start();
        // The append is parked waiting for the log, not merely slow to start.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> appender.getState() == Thread.State.TIMED_WAITING || appender.getState() == Thread.State.WAITING);
        assertThat(early).isNotDone();
        assertThat(written).isEmpty();

        written.add("topics.provision"); // what the start writes to the real log before handing it over
        deferred.open(real);

        assertThat(early.get(10, TimeUnit.SECONDS).action()).isEqualTo("schemas.register");
        assertThat(written).containsExactly("topics.provision", "schemas.register");
    }

    @Test
    void anEntryWaitingForALogThatNeverOpensFailsAsUnavailableWithTheReason() {
        DeferredAuditLog deferred = new DeferredAuditLog();
        deferred.failed(new IllegalStateException("Kafka is down"));

        assertThatThrownBy(() -> deferred.append(AuditEntry.PLATFORM_ACTOR, "schemas.register", "registry/x", Map.of()))
            .isInstanceOfSatisfying(AuditLogException.class, e -> assertThat(e.code()).isEqualTo(AuditLogException.UNAVAILABLE))
            .hasMessageContaining("the audit log did not open: Kafka is down");
    }
}

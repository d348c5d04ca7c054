package gt.enlace.platform.runtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.audit.AuditLogException;

/**
 * The audit log for parts that start before it is open: the schema registry starts beside the topic provisioning
 * that opens {@value AuditLog#TOPIC}. An append waits until the platform {@linkplain #open opens} the real log and
 * has written its own start entries, so entries keep the order they had when everything started in sequence; it
 * fails with {@link AuditLogException#UNAVAILABLE} when the log never opens (the start failed) or takes longer than
 * the wait.
 */
final class DeferredAuditLog implements AuditLog {

    /** Longer than opening the log can take: its topic read waits up to 60 s. */
    private static final long WAIT_SECONDS = 90;

    private final CompletableFuture<AuditLog> log = new CompletableFuture<>();

    /** Hands over the open log; appends waiting for it go ahead. */
    void open(AuditLog opened) {
        log.complete(opened);
    }

    /** The platform did not start: appends waiting for the log fail. */
    void failed(Throwable cause) {
        log.completeExceptionally(cause);
    }

    @Override
    public AuditEntry append(String actor, String action, String target, Map<String, String> details) {
        AuditLog opened;
        try {
            opened = log.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "interrupted while waiting for the audit log to open", e);
        } catch (ExecutionException e) {
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "the audit log did not open: "
                + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "the audit log did not open within " + WAIT_SECONDS
                + " s", e);
        }
        return opened.append(actor, action, target, details);
    }

    @Override
    public String toString() {
        return "DeferredAuditLog(" + AuditLog.TOPIC + ")";
    }
}

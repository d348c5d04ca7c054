package gt.enlace.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementAcls;
import gt.enlace.bus.agreements.AgreementRules;
import gt.enlace.bus.agreements.AgreementStatus;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.bus.security.InstitutionAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's ACLs equal to what the agreements say. The ACLs of every institution principal are owned by the
 * platform: the {@linkplain InstitutionAcls#defaults defaults} plus the {@linkplain AgreementAcls#plan plan} of each
 * approved, in-force agreement; anything else on those principals is removed. Runs on every agreement change and on a
 * timer (so an agreement stops granting access within one period after its validity ends, and is then recorded as
 * {@link AgreementStatus#EXPIRED}).
 */
public final class AclReconciler implements AutoCloseable {

    /** Default period of the timer. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(AclReconciler.class);

    private final Admin admin;
    private final AgreementStore store;
    private final Supplier<Collection<String>> institutions;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enlace-acl-reconciler");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param admin        an admin client of a super user
     * @param store        the agreements
     * @param institutions the institution principals whose ACLs the platform owns (read on each run)
     * @param clock        the time validity is judged by
     */
    public AclReconciler(Admin admin, AgreementStore store, Supplier<Collection<String>> institutions, Clock clock) {
        this.admin = admin;
        this.store = store;
        this.institutions = institutions;
        this.clock = clock;
    }

    private volatile gt.enlace.bus.audit.AuditLog audit;
    private final List<Runnable> alsoEachRun = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Records {@code agreement.expire} in {@code audit} when an agreement's validity ends. */
    public AclReconciler withAudit(gt.enlace.bus.audit.AuditLog audit) {
        this.audit = audit;
        return this;
    }

    /** Runs {@code task} after each reconciliation, on the same timer (e.g. {@link CredentialChanges}). */
    public AclReconciler alsoEachRun(Runnable task) {
        alsoEachRun.add(task);
        return this;
    }

    /** Starts the timer and reacts to agreement changes from now on. */
    public AclReconciler start(Duration period) {
        store.onChange(this::requestRun);
        executor.scheduleWithFixedDelay(this::runQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a run as soon as possible, without waiting for it. */
    public void requestRun() {
        if (!executor.isShutdown()) {
            executor.execute(this::runQuietly);
        }
    }

    private void runQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("ACL reconciliation failed, will retry: {}", e.getMessage());
        }
        for (Runnable task : alsoEachRun) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, will retry: {}", task.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /**
     * One reconciliation: marks ended agreements expired, then creates missing and deletes surplus ACLs.
     *
     * @return the number of bindings created plus deleted
     */
    public synchronized int reconcile() {
        Instant now = clock.instant();
        Set<String> principals = new HashSet<>();
        Set<AclBinding> desired = new HashSet<>();
        for (String institution : institutions.get()) {
            if (!ClientSecurity.ADMIN.equals(institution)) {
                principals.add(ClientSecurity.principal(institution));
                desired.addAll(InstitutionAcls.defaults(institution));
            }
        }
        for (Agreement agreement : store.all()) {
            if (agreement.inForce(now)) {
                desired.addAll(AgreementAcls.plan(agreement));
            } else if (agreement.status() == AgreementStatus.APPROVED && agreement.statusAt(now) == AgreementStatus.EXPIRED) {
                Agreement expired = store.save(AgreementRules.expire(agreement, now));
                gt.enlace.bus.audit.AuditLog auditLog = audit;
                if (auditLog != null) {
                    try {
                        auditLog.append(gt.enlace.bus.audit.AuditEntry.PLATFORM_ACTOR, "agreement.expire",
                            "agreement/" + agreement.id(), AgreementService.details(expired, null));
                    } catch (RuntimeException e) {
                        log.error("Could not record the expiry of agreement {} in the audit log: {}", agreement.id(), e.getMessage());
                    }
                }
                log.info("Agreement {} ({} reads {} of {}) expired at {}", agreement.id(), agreement.consumer(),
                    agreement.topics(), agreement.provider(), agreement.validUntil());
            }
        }
        Set<AclBinding> current = new HashSet<>();
        try {
            for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)) {
                if (principals.contains(binding.entry().principal())) {
                    current.add(binding);
                }
            }
            List<AclBinding> create = new ArrayList<>(desired);
            create.removeAll(current);
            List<AclBindingFilter> delete = new ArrayList<>();
            for (AclBinding binding : current) {
                if (!desired.contains(binding)) {
                    delete.add(binding.toFilter());
                }
            }
            if (!create.isEmpty()) {
                admin.createAcls(create).all().get(30, TimeUnit.SECONDS);
                log.info("Created {} ACLs: {}", create.size(), create);
            }
            if (!delete.isEmpty()) {
                admin.deleteAcls(delete).all().get(30, TimeUnit.SECONDS);
                log.info("Deleted {} ACLs: {}", delete.size(), delete);
            }
            return create.size() + delete.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reconciling ACLs", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot reconcile ACLs: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package gt.enlace.platform.runtime;

import java.util.concurrent.CompletableFuture;

import gt.enlace.platform.web.ComponentHealth;

/**
 * A component that starts beside others: down with "starting" until its start has finished (for the registry:
 * listening and the catalog's schemas registered), then whatever its own check says. Without it {@code /health}
 * could answer 200 while the start was still under way.
 */
final class StartingHealth implements ComponentHealth {

    private final ComponentHealth component;
    private final CompletableFuture<?> started;

    StartingHealth(ComponentHealth component, CompletableFuture<?> started) {
        this.component = component;
        this.started = started;
    }

    @Override
    public String name() {
        return component.name();
    }

    @Override
    public Status check() {
        if (!started.isDone()) {
            return Status.down("starting");
        }
        if (started.isCompletedExceptionally()) {
            return Status.down("failed to start");
        }
        return component.check();
    }
}

package gt.enlace.platform.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import gt.enlace.platform.web.ComponentHealth;

/**
 * Health of a web role (gateway or survey) that this process runs: up when everything it depends on
 * (the Kafka cluster, the schema registry, wherever they run) answers; the details name each dependency.
 */
final class RoleHealth implements ComponentHealth {

    private final PlatformRole role;
    private final Map<String, ComponentHealth> dependencies;

    /**
     * @param dependencies what the role needs, by the name shown under it (e.g. {@code kafka}); named apart
     *                     from the roles so that {@code /health} never shows a role this process does not run
     */
    RoleHealth(PlatformRole role, Map<String, ComponentHealth> dependencies) {
        this.role = role;
        this.dependencies = new LinkedHashMap<>(dependencies);
    }

    @Override
    public String name() {
        return role.cliName();
    }

    @Override
    public Status check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, ComponentHealth> dependency : dependencies.entrySet()) {
            Status status = dependency.getValue().check();
            up &= status.up();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", status.up() ? "UP" : "DOWN");
            entry.putAll(status.details());
            details.put(dependency.getKey(), entry);
        }
        return new Status(up, details);
    }
}

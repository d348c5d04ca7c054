package gt.enlace.registry.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import gt.enlace.registry.avro.AvroSchemas;
import gt.enlace.registry.avro.AvroSchemas.InvalidAvroSchemaException;
import gt.enlace.registry.avro.AvroSchemas.Reference;
import gt.enlace.registry.compatibility.CompatibilityChecker;
import gt.enlace.registry.compatibility.CompatibilityLevel;
import gt.enlace.registry.config.RegistryProperties;
import gt.enlace.registry.storage.ConfigRecord;
import gt.enlace.registry.storage.KafkaSchemaStore;
import gt.enlace.registry.storage.KafkaSchemaStore.Entry;
import gt.enlace.registry.storage.RegistryState;
import gt.enlace.registry.storage.SchemaRecord;
import gt.enlace.registry.storage.StoreCodec;
import gt.enlace.registry.storage.StoreException;
import gt.enlace.registry.storage.StoreKey;
import org.apache.avro.Schema;

/**
 * The registry's rules, Confluent Schema Registry's ({@code KafkaSchemaRegistry}): registration with global
 * ids and content identity, lookups, soft and hard deletes, compatibility, configs and modes. Reads come from
 * the in-memory {@link RegistryState}; writes go through the {@link KafkaSchemaStore} under one writer lock, so
 * ids are allocated max+1 without races within this instance, and return after they are applied.
 *
 * <p>Versions are given as ints where {@code -1} means the latest live version (see {@code rest.VersionId}).
 */
public class RegistryService {

    /** Version number meaning "latest". */
    public static final int LATEST = -1;

    private final RegistryProperties properties;
    private final KafkaSchemaStore store;
    private final RegistryState state;
    private final CompatibilityLevel defaultLevel;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

    public RegistryService(RegistryProperties properties, KafkaSchemaStore store) {
        this.properties = properties;
        this.store = store;
        this.state = store.state();
        this.defaultLevel = CompatibilityLevel.parse(properties.defaultCompatibility()).orElseThrow(() ->
            new IllegalArgumentException("'" + RegistryProperties.DEFAULT_COMPATIBILITY + "' is not a compatibility "
                + "level: " + properties.defaultCompatibility()));
    }

    // ---- schemas by id -------------------------------------------------------------------------------------

    /** The schema with this id; soft-deleted ones still resolve. 40403 when unknown. */
    public SchemaRecord schemaById(int id) {
        return state.byId(id).orElseThrow(() -> RegistryError.SCHEMA_NOT_FOUND.exception(id));
    }

    /** The schema with this id, or null when unknown: {@link #schemaById} without the exception. */
    public SchemaRecord findSchemaById(int id) {
        return state.byId(id).orElse(null);
    }

    /** The version of {@code subject} that holds {@code id}, if any (live first). */
    public Optional<SchemaRecord> schemaByIdInSubject(int id, String subject) {
        SchemaRecord fallback = null;
        for (SchemaRecord r : state.recordsForId(id)) {
            if (r.subject().equals(subject)) {
                if (!r.deleted()) {
                    return Optional.of(r);
                }
                fallback = r;
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The schema whose GUID (MD5 as a UUID) is {@code guid}. 40403 when unknown. */
    public SchemaRecord schemaByGuid(String guid) {
        byte[] md5;
        try {
            UUID uuid = UUID.fromString(guid.trim());
            md5 = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
        } catch (IllegalArgumentException e) {
            throw RegistryError.SCHEMA_NOT_FOUND.exception(guid);
        }
        List<SchemaRecord> records = state.recordsForMd5(AvroSchemas.hex(md5));
        return records.stream().filter(r -> !r.deleted()).findFirst()
            .or(() -> records.stream().findFirst())
            .orElseThrow(() -> RegistryError.SCHEMA_NOT_FOUND.exception(guid));
    }

    /** The versions that hold {@code id}; soft-deleted ones only with {@code deleted}. 40403 when none exists. */
    public List<SchemaRecord> versionsForId(int id, boolean deleted) {
        List<SchemaRecord> all = state.recordsForId(id);
        if (all.isEmpty()) {
            throw RegistryError.SCHEMA_NOT_FOUND.withMessage("Schema not found");
        }
        return all.stream().filter(r -> deleted || !r.deleted()).toList();
    }

    /** Every version of subjects starting with {@code prefix}; with {@code latestOnly}, the latest per subject. */
    public List<SchemaRecord> schemas(String prefix, boolean deleted, boolean latestOnly) {
        List<SchemaRecord> visible = state.versionsWithPrefix(prefix == null ? "" : prefix).stream()
            .filter(r -> deleted || !r.deleted()).toList();
        if (!latestOnly) {
            return visible;
        }
        Map<String, SchemaRecord> latest = new LinkedHashMap<>();
        for (SchemaRecord r : visible) {
            latest.put(r.subject(), r);
        }
        return List.copyOf(latest.values());
    }

    // ---- subjects ------------------------------------------------------------------------------------------

    /** Subject names with a visible version, sorted; {@code deletedOnly} gives subjects with a soft-deleted one. */
    public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
        Set<String> out = new LinkedHashSet<>();
        for (SchemaRecord r : state.versionsWithPrefix(prefix == null ? "" : prefix)) {
            boolean visible = deletedOnly ? r.deleted() : (deleted || !r.deleted());
            if (visible) {
                out.add(r.subject());
            }
        }
        return List.copyOf(out);
    }

    /** The subject's version numbers; 40401 when it has none visible. */
    public List<Integer> versionNumbers(String subject, boolean deleted, boolean deletedOnly, boolean deletedAsNegative) {
        List<Integer> out = new ArrayList<>();
        for (SchemaRecord r : state.versions(subject)) {
            if (deletedOnly) {
                if (r.deleted()) {
                    out.add(r.version());
                }
            } else if (!r.deleted()) {
                out.add(r.version());
            } else if (deleted || deletedAsNegative) {
                out.add(deletedAsNegative ? -r.version() : r.version());
            }
        }
        if (out.isEmpty() && !deletedOnly) {
            throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
        }
        return out;
    }

    /** One version ({@link #LATEST} = latest live). 40401 for an unknown subject, else 40402. */
    public SchemaRecord version(String subject, int version, boolean deleted) {
        Optional<SchemaRecord> found = find(subject, version, deleted);
        if (found.isPresent()) {
            return found.get();
        }
        if (!hasSubject(subject, deleted)) {
            throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
        }
        throw RegistryError.VERSION_NOT_FOUND.exception(version);
    }

    /** Ids of schemas that reference this version. */
    public List<Integer> referencedBy(String subject, int version) {
        SchemaRecord record = version(subject, version, false);
        return state.referencedBy(subject, record.version());
    }

    private Optional<SchemaRecord> find(String subject, int version, boolean deleted) {
        List<SchemaRecord> versions = state.versions(subject);
        if (version == LATEST) {
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (!versions.get(i).deleted()) {
                    return Optional.of(versions.get(i));
                }
            }
            return deleted && !versions.isEmpty() ? Optional.of(versions.get(versions.size() - 1)) : Optional.empty();
        }
        return state.version(subject, version).filter(r -> deleted || !r.deleted());
    }

    private boolean hasSubject(String subject, boolean deleted) {
        return state.versions(subject).stream().anyMatch(r -> deleted || !r.deleted());
    }

    // ---- lookup and register -------------------------------------------------------------------------------

    /**
     * Finds {@code input} among the subject's versions by content. 40401 when the subject has no version
     * (soft-deleted ones count with {@code deleted}); 42201 when the schema is invalid; 40403 when not found.
     */
    public SchemaRecord lookup(String subject, SchemaInput input, boolean normalize, boolean deleted) {
        if (!hasSubject(subject, deleted)) {
            throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
        }
        Identity identity = identify(input, normalize || subjectNormalize(subject), false);
        SchemaRecord match = null;
        for (SchemaRecord r : state.recordsForMd5(identity.md5Hex())) {
            if (r.subject().equals(subject) && (deleted || !r.deleted())) {
                if (match == null || (match.deleted() && !r.deleted()) || (match.deleted() == r.deleted()
                    && r.version() > match.version())) {
                    match = r;
                }
            }
        }
        if (match == null) {
            throw RegistryError.SCHEMA_NOT_FOUND.withMessage("Schema not found");
        }
        return match;
    }

    /**
     * Registers {@code input} under {@code subject}, or returns the live version that already holds it.
     * Same content under another subject reuses its id with a new version there.
     */
    public SchemaRecord register(String subject, SchemaInput input, boolean normalize, boolean force) {
        validateSubject(subject);
        Integer requestedId = input.id() != null && input.id() >= 0 ? input.id() : null;
        Integer requestedVersion = input.version() != null && input.version() > 0 ? input.version() : null;
        Identity identity = identify(input, normalize || subjectNormalize(subject), true);
        lockForWrite();
        try {
            Optional<SchemaRecord> existing = liveInSubject(subject, identity.md5Hex());
            if (existing.isPresent() && (requestedId == null || requestedId == existing.get().id())) {
                return existing.get();
            }
            Mode mode = modeInScope(subject);
            if (mode.isReadOnly()) {
                throw RegistryError.OPERATION_NOT_PERMITTED.withMessage("Subject " + subject + " is in read-only mode");
            }
            if (requestedId != null || requestedVersion != null) {
                if (mode != Mode.IMPORT) {
                    throw RegistryError.OPERATION_NOT_PERMITTED.withMessage("Subject " + subject + " is not in import mode");
                }
            } else if (mode != Mode.READWRITE) {
                throw RegistryError.OPERATION_NOT_PERMITTED.withMessage("Subject " + subject + " is not in read-write mode");
            }
            List<SchemaRecord> versions = state.versions(subject);
            int newVersion = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            Optional<Integer> knownId = state.idForMd5(identity.md5Hex());
            int id;
            if (requestedId != null) {
                if (existing.isPresent()) {
                    throw RegistryError.ID_DOES_NOT_MATCH.exception(existing.get().id(), requestedId);
                }
                Optional<SchemaRecord> holder = state.byId(requestedId);
                if (holder.isPresent() && !holder.get().schema().equals(identity.canonical())) {
                    throw RegistryError.OPERATION_NOT_PERMITTED.withMessage(
                        String.format("Overwrite new schema with id %s is not permitted.", requestedId));
                }
                id = requestedId;
            } else {
                id = knownId.orElseGet(() -> state.maxId() + 1);
            }
            if (mode != Mode.IMPORT && !force) {
                List<CompatibilityChecker.Previous> previous = versions.stream().filter(r -> !r.deleted())
                    .map(this::previous).toList();
                List<String> messages = CompatibilityChecker.check(levelInScope(subject), identity.parsed().schema(),
                    previous);
                if (!messages.isEmpty()) {
                    throw RegistryError.INCOMPATIBLE_SCHEMA.exception(subject, messages.toString());
                }
            }
            int version = requestedVersion != null ? requestedVersion : newVersion;
            SchemaRecord record = new SchemaRecord(subject, version, id, null, input.references(), input.metadataJson(),
                input.ruleSetJson(), identity.md5(), identity.canonical(), false);
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry(StoreKey.schema(subject, version), StoreCodec.encodeSchema(record)));
            for (SchemaRecord old : versions) {
                if (old.deleted() && old.id() == id && old.version() < version
                    && state.referencedBy(subject, old.version()).isEmpty()) {
                    entries.add(new Entry(StoreKey.schema(subject, old.version()), null));
                }
            }
            write(entries, "Register schema operation failed while writing to the Kafka store",
                "Register operation timed out");
            return record;
        } finally {
            writeLock.unlock();
        }
    }

    private Optional<SchemaRecord> liveInSubject(String subject, String md5Hex) {
        return state.recordsForMd5(md5Hex).stream().filter(r -> r.subject().equals(subject) && !r.deleted())
            .reduce((a, b) -> b);
    }

    // ---- compatibility -------------------------------------------------------------------------------------

    /**
     * Checks {@code input} against one version of the subject, or against every live version when
     * {@code version} is null (the check register does). Returns the incompatibility messages; empty when
     * compatible. {@code latest} on a subject without versions is compatible; a missing numbered version is 40402.
     */
    public List<String> checkCompatibility(String subject, Integer version, SchemaInput input, boolean normalize) {
        List<CompatibilityChecker.Previous> previous;
        if (version == null) {
            previous = state.versions(subject).stream().filter(r -> !r.deleted()).map(this::previous).toList();
        } else {
            Optional<SchemaRecord> target = find(subject, version, false);
            if (target.isEmpty()) {
                if (version == LATEST) {
                    previous = List.of();
                } else {
                    throw RegistryError.VERSION_NOT_FOUND.exception(version);
                }
            } else {
                previous = List.of(previous(target.get()));
            }
        }
        Identity identity = identify(input, normalize || subjectNormalize(subject), true);
        return CompatibilityChecker.check(levelInScope(subject), identity.parsed().schema(), previous);
    }

    private CompatibilityChecker.Previous previous(SchemaRecord record) {
        Schema schema = parsedById.computeIfAbsent(record.id(), id -> {
            try {
                return AvroSchemas.parse(record.schema(), referencedSchemas(record.references()), false).schema();
            } catch (InvalidAvroSchemaException e) {
                // validate defaults of schemas written by other registries leniently: they were accepted there
                return new Schema.Parser().setValidateDefaults(false).parse(record.schema());
            }
        });
        return new CompatibilityChecker.Previous(schema, record.version(), record.schema());
    }

    // ---- deletes -------------------------------------------------------------------------------------------

    /** Soft- or hard-deletes one version and returns its number. */
    public int deleteVersion(String subject, int version, boolean permanent) {
        lockForWrite();
        try {
            Optional<SchemaRecord> found = find(subject, version, version != LATEST);
            if (found.isEmpty()) {
                if (!hasSubject(subject, true)) {
                    throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
                }
                throw RegistryError.VERSION_NOT_FOUND.exception(version);
            }
            SchemaRecord record = found.get();
            if (!permanent && record.deleted()) {
                throw RegistryError.SCHEMA_VERSION_SOFT_DELETED.exception(subject, record.version());
            }
            checkNotReadOnly(subject);
            if (!state.referencedBy(subject, record.version()).isEmpty()) {
                throw RegistryError.REFERENCE_EXISTS.exception(subject, record.version());
            }
            if (permanent && !record.deleted()) {
                throw RegistryError.SCHEMA_VERSION_NOT_SOFT_DELETED.exception(subject, record.version());
            }
            String value = permanent ? null : StoreCodec.encodeSchema(record.withDeleted(true));
            write(List.of(new Entry(StoreKey.schema(subject, record.version()), value)),
                "Error while deleting the schema for subject '" + subject + "' in the backend Kafka store",
                "Delete operation timed out");
            return record.version();
        } finally {
            writeLock.unlock();
        }
    }

    /** Soft- or hard-deletes a subject and returns the versions deleted. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        lockForWrite();
        try {
            List<SchemaRecord> all = state.versions(subject);
            if (all.isEmpty()) {
                throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
            }
            List<SchemaRecord> live = all.stream().filter(r -> !r.deleted()).toList();
            if (!permanent && live.isEmpty()) {
                throw RegistryError.SUBJECT_SOFT_DELETED.exception(subject);
            }
            checkNotReadOnly(subject);
            List<SchemaRecord> targets = permanent ? all : live;
            for (SchemaRecord r : targets) {
                if (!state.referencedBy(subject, r.version()).isEmpty()) {
                    throw RegistryError.REFERENCE_EXISTS.exception(subject, r.version());
                }
            }
            List<Entry> entries = new ArrayList<>();
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryError.SUBJECT_NOT_SOFT_DELETED.exception(subject);
                }
                for (SchemaRecord r : all) {
                    entries.add(new Entry(StoreKey.schema(subject, r.version()), null));
                }
                if (state.subjectConfig(subject).isPresent()) {
                    entries.add(new Entry(StoreKey.config(subject), null));
                }
                if (state.subjectMode(subject).isPresent()) {
                    entries.add(new Entry(StoreKey.mode(subject), null));
                }
            } else {
                int upTo = live.get(live.size() - 1).version();
                entries.add(new Entry(StoreKey.deleteSubject(subject), StoreCodec.encodeDeleteSubject(subject, upTo)));
            }
            write(entries, "Error while deleting the subject in the backend Kafka store", "Delete operation timed out");
            return targets.stream().map(SchemaRecord::version).toList();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- config --------------------------------------------------------------------------------------------

    /** The global config, or the server default when none is stored. */
    public ConfigRecord globalConfig() {
        return state.globalConfig().orElseGet(() -> new ConfigRecord(defaultLevel.name(), null, null));
    }

    /** The subject's own config; with {@code defaultToGlobal} the global one when absent; else 40408. */
    public ConfigRecord subjectConfig(String subject, boolean defaultToGlobal) {
        Optional<ConfigRecord> own = state.subjectConfig(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalConfig();
        }
        throw RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED.exception(subject);
    }

    /** The level that applies to {@code subject}: its own, else global, else the server default. */
    public CompatibilityLevel levelInScope(String subject) {
        String level = state.subjectConfig(subject).map(ConfigRecord::compatibilityLevel)
            .or(() -> state.globalConfig().map(ConfigRecord::compatibilityLevel)).orElse(null);
        return CompatibilityLevel.parse(level).orElse(defaultLevel);
    }

    private boolean subjectNormalize(String subject) {
        Boolean normalize = state.subjectConfig(subject).map(ConfigRecord::normalize)
            .or(() -> state.globalConfig().map(ConfigRecord::normalize)).orElse(null);
        return Boolean.TRUE.equals(normalize);
    }

    /**
     * Sets the global ({@code subject} null) or a subject's config. A null level keeps the current one;
     * 42203 when there is none to keep.
     */
    public ConfigRecord updateConfig(String subject, String level, Boolean normalize, String group) {
        CompatibilityLevel parsed = null;
        if (level != null) {
            parsed = CompatibilityLevel.parse(level).orElseThrow(RegistryError.INVALID_COMPATIBILITY_LEVEL::exception);
        } else if (normalize == null && group == null) {
            throw RegistryError.INVALID_COMPATIBILITY_LEVEL.exception();
        }
        lockForWrite();
        try {
            checkNotReadOnly(subject);
            Optional<ConfigRecord> current = subject == null ? state.globalConfig() : state.subjectConfig(subject);
            ConfigRecord merged = new ConfigRecord(
                parsed != null ? parsed.name() : current.map(ConfigRecord::compatibilityLevel).orElse(null),
                normalize != null ? normalize : current.map(ConfigRecord::normalize).orElse(null),
                group != null ? group : current.map(ConfigRecord::compatibilityGroup).orElse(null));
            write(List.of(new Entry(StoreKey.config(subject), StoreCodec.encodeConfig(subject, merged))),
                "Failed to write new config value to the store", "Update config operation timed out");
            return merged;
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the global config (returning it, or the default) or a subject's (40401 when it has none). */
    public ConfigRecord deleteConfig(String subject) {
        lockForWrite();
        try {
            checkNotReadOnly(subject);
            Optional<ConfigRecord> current = subject == null ? state.globalConfig() : state.subjectConfig(subject);
            if (current.isEmpty()) {
                if (subject != null) {
                    throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
                }
                return globalConfig();
            }
            write(List.of(new Entry(StoreKey.config(subject), null)),
                "Failed to delete config value from the store", "Delete config operation timed out");
            return current.get();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- mode ----------------------------------------------------------------------------------------------

    /** The global mode, READWRITE when none is stored. */
    public Mode globalMode() {
        return state.globalMode().flatMap(Mode::parse).orElse(Mode.READWRITE);
    }

    /** The subject's own mode; with {@code defaultToGlobal} the global one when absent; else 40409. */
    public Mode subjectMode(String subject, boolean defaultToGlobal) {
        Optional<Mode> own = state.subjectMode(subject).flatMap(Mode::parse);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalMode();
        }
        throw RegistryError.SUBJECT_MODE_NOT_CONFIGURED.exception(subject);
    }

    /** The mode that applies to {@code subject}: a global READONLY_OVERRIDE, else its own, else global. */
    public Mode modeInScope(String subject) {
        Mode global = globalMode();
        if (global == Mode.READONLY_OVERRIDE || subject == null) {
            return global;
        }
        return state.subjectMode(subject).flatMap(Mode::parse).orElse(global);
    }

    /**
     * Sets the global ({@code subject} null) or a subject's mode. Switching to IMPORT needs no live schemas in
     * scope unless {@code force}.
     */
    public Mode updateMode(String subject, String modeName, boolean force) {
        Mode mode = Mode.parse(modeName).orElseThrow(RegistryError.INVALID_MODE::exception);
        lockForWrite();
        try {
            List<Entry> entries = new ArrayList<>();
            if (mode == Mode.IMPORT && modeInScope(subject) != Mode.IMPORT && !force) {
                boolean hasSchemas = subject == null ? state.hasLiveSubjects() : hasSubject(subject, false);
                if (hasSchemas) {
                    throw RegistryError.OPERATION_NOT_PERMITTED.withMessage("Cannot import since found existing subjects");
                }
                if (subject != null) {
                    entries.add(new Entry(StoreKey.clearSubject(subject), StoreCodec.encodeClearSubject(subject)));
                }
            }
            entries.add(new Entry(StoreKey.mode(subject), StoreCodec.encodeMode(subject, mode.name())));
            write(entries, "Failed to write new mode to the store", "Update mode operation timed out");
            return mode;
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes a subject's mode and returns it; 40401 when it has none. */
    public Mode deleteMode(String subject) {
        lockForWrite();
        try {
            Optional<Mode> current = state.subjectMode(subject).flatMap(Mode::parse);
            if (current.isEmpty()) {
                throw RegistryError.SUBJECT_NOT_FOUND.exception(subject);
            }
            write(List.of(new Entry(StoreKey.mode(subject), null)), "Failed to delete subject mode from the store",
                "Delete mode operation timed out");
            return current.get();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Takes the writer lock and catches up with the topic, so decisions see every instance's writes. */
    private void lockForWrite() {
        writeLock.lock();
        try {
            store.catchUp();
        } catch (StoreException e) {
            writeLock.unlock();
            throw e.kind() == StoreException.Kind.TIMEOUT
                ? new RegistryException(RegistryError.OPERATION_TIMEOUT, "Timed out while catching up with the Kafka store", e)
                : new RegistryException(RegistryError.STORE_ERROR, "Error while reading the Kafka store", e);
        }
    }

    private void checkNotReadOnly(String subject) {
        if (modeInScope(subject).isReadOnly()) {
            throw RegistryError.OPERATION_NOT_PERMITTED.withMessage("Subject " + subject + " is in read-only mode");
        }
    }

    /** 42208 unless the subject is non-empty, short enough and free of control characters. */
    public void validateSubject(String subject) {
        boolean valid = subject != null && !subject.isEmpty() && subject.length() <= properties.maxSubjectLength()
            && subject.chars().noneMatch(Character::isISOControl);
        if (!valid) {
            throw RegistryError.INVALID_SUBJECT.exception(subject);
        }
    }

    private record Identity(AvroSchemas.Parsed parsed, String canonical, byte[] md5, String md5Hex) {
    }

    private Identity identify(SchemaInput input, boolean normalize, boolean checkSize) {
        String schema = input.schema();
        if (schema == null || schema.isBlank()) {
            throw RegistryError.INVALID_SCHEMA.withMessage("Empty schema");
        }
        if (input.schemaType() != null && !"AVRO".equals(input.schemaType().trim().toUpperCase(Locale.ROOT))) {
            throw RegistryError.INVALID_SCHEMA.withMessage("Invalid schema type " + input.schemaType()
                + ": this registry supports AVRO only");
        }
        if (checkSize && (schema.length() > properties.maxSchemaBytes()
            || schema.getBytes(StandardCharsets.UTF_8).length > properties.maxSchemaBytes())) {
            throw RegistryError.SCHEMA_TOO_LARGE.exception();
        }
        List<String> referenced = referencedSchemas(input.references());
        AvroSchemas.Parsed parsed;
        try {
            parsed = AvroSchemas.parse(schema, referenced, normalize);
        } catch (InvalidAvroSchemaException e) {
            throw RegistryError.INVALID_SCHEMA.withMessage("Invalid schema " + abbreviate(schema) + " of type AVRO, details: "
                + e.getMessage());
        }
        byte[] md5 = AvroSchemas.md5(parsed.canonical(), input.references(), input.metadataJson(), input.ruleSetJson());
        return new Identity(parsed, parsed.canonical(), md5, AvroSchemas.hex(md5));
    }

    /** The schema strings of {@code references} and of what they reference, dependencies first. 42201 if missing. */
    private List<String> referencedSchemas(List<Reference> references) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Reference ref : references) {
            collect(ref, out, 0);
        }
        return List.copyOf(out.values());
    }

    private void collect(Reference ref, Map<String, String> out, int depth) {
        String key = ref.subject() + "\u0000" + ref.version();
        if (out.containsKey(key) || depth > 100) {
            return;
        }
        SchemaRecord record = find(ref.subject(), ref.version(), true).orElseThrow(() ->
            RegistryError.INVALID_SCHEMA.withMessage("Invalid schema reference " + ref.name() + ": no schema found for "
                + "subject \"" + ref.subject() + "\" and version " + ref.version()));
        for (Reference inner : record.references()) {
            collect(inner, out, depth + 1);
        }
        out.put(key, record.schema());
    }

    private void write(List<Entry> entries, String errorMessage, String timeoutMessage) {
        try {
            store.write(entries);
        } catch (StoreException e) {
            throw switch (e.kind()) {
                case TOO_LARGE -> RegistryError.SCHEMA_TOO_LARGE.exception();
                case TIMEOUT -> new RegistryException(RegistryError.OPERATION_TIMEOUT, timeoutMessage, e);
                case ERROR -> new RegistryException(RegistryError.STORE_ERROR, errorMessage, e);
            };
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "...";
    }
}

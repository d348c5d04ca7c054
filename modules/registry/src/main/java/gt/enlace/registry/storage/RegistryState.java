package gt.enlace.registry.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import gt.enlace.registry.avro.AvroSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's in-memory view of its topic: every subject's versions, the index from ids and MD5s to them,
 * and the configs and modes. Only the topic reader mutates it ({@link #apply}); request threads read it.
 *
 * <p>Records are applied as Confluent's registry applies them: a SCHEMA value puts a version (its
 * {@code deleted} flag marks a soft delete), a null SCHEMA value removes it (hard delete), DELETE_SUBJECT
 * soft-deletes every version up to the one it names, CLEAR_SUBJECT forgets a subject's soft-deleted
 * versions, CONFIG and MODE values set or (null) remove a setting. Unknown key types are skipped with a
 * warning; a record that cannot be parsed is skipped too, and never stops the reader.
 */
public final class RegistryState {

    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    /** A (subject, version) pair, ordered by subject then version. */
    public record SubjectVersion(String subject, int version) implements Comparable<SubjectVersion> {
        @Override
        public int compareTo(SubjectVersion o) {
            int c = subject.compareTo(o.subject);
            return c != 0 ? c : Integer.compare(version, o.version);
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, TreeMap<Integer, SchemaRecord>> subjects = new TreeMap<>();
    private final Map<Integer, TreeSet<SubjectVersion>> keysById = new HashMap<>();
    private final Map<String, Integer> idByMd5 = new HashMap<>();
    private final Map<String, TreeSet<SubjectVersion>> keysByMd5 = new HashMap<>();
    private final Map<String, TreeSet<Integer>> referencedBy = new HashMap<>();
    private int maxId;
    private ConfigRecord globalConfig;
    private final TreeMap<String, ConfigRecord> subjectConfigs = new TreeMap<>();
    private String globalMode;
    private final TreeMap<String, String> subjectModes = new TreeMap<>();

    /**
     * Applies one record of the topic. {@code value} null is a tombstone.
     */
    public void apply(String keyText, String value, long offset) {
        if (keyText == null) {
            log.warn("Skipping record at offset {} of the registry topic: it has no key", offset);
            return;
        }
        StoreKey key;
        try {
            key = StoreCodec.decodeKey(keyText);
        } catch (RuntimeException e) {
            log.warn("Skipping record at offset {} of the registry topic: unreadable key ({})", offset, e.getMessage());
            return;
        }
        write(() -> {
            try {
                applyLocked(key, value);
            } catch (RuntimeException e) {
                log.warn("Skipping {} record at offset {} of the registry topic: {}", key.type(), offset, e.getMessage());
            }
            return null;
        });
    }

    private void applyLocked(StoreKey key, String value) {
        switch (key.type()) {
            case SCHEMA -> {
                if (value == null) {
                    removeVersion(key.subject(), key.version());
                } else {
                    putVersion(StoreCodec.decodeSchema(key, value));
                }
            }
            case CONFIG -> {
                ConfigRecord config = value == null ? null : StoreCodec.decodeConfig(value);
                globalConfig = applyScoped(key.subject(), config, globalConfig, subjectConfigs);
            }
            case MODE -> {
                String mode = value == null ? null : StoreCodec.decodeMode(value);
                globalMode = applyScoped(key.subject(), mode, globalMode, subjectModes);
            }
            case DELETE_SUBJECT -> {
                if (value != null && key.subject() != null) {
                    int upTo = StoreCodec.decodeDeleteSubjectVersion(value);
                    TreeMap<Integer, SchemaRecord> versions = subjects.get(key.subject());
                    if (versions != null) {
                        for (Map.Entry<Integer, SchemaRecord> e : versions.headMap(upTo, true).entrySet()) {
                            e.setValue(e.getValue().withDeleted(true));
                        }
                    }
                }
            }
            case CLEAR_SUBJECT -> {
                if (value != null) {
                    List<SubjectVersion> cleared = new ArrayList<>();
                    for (Map.Entry<String, TreeMap<Integer, SchemaRecord>> s : subjects.entrySet()) {
                        if (key.subject() == null || key.subject().equals(s.getKey())) {
                            for (SchemaRecord r : s.getValue().values()) {
                                if (r.deleted()) {
                                    cleared.add(new SubjectVersion(r.subject(), r.version()));
                                }
                            }
                        }
                    }
                    cleared.forEach(sv -> removeVersion(sv.subject(), sv.version()));
                }
            }
            case NOOP, CONTEXT -> {
                // nothing to apply: NOOP only moves the offset; contexts are not supported yet
            }
            case UNKNOWN -> log.warn("Skipping a record of an unknown key type in the registry topic "
                + "(written by a newer registry?)");
        }
    }

    private void putVersion(SchemaRecord record) {
        removeVersion(record.subject(), record.version());
        byte[] md5 = record.md5() != null ? record.md5()
            : AvroSchemas.md5(record.schema(), record.references(), record.metadataJson(), record.ruleSetJson());
        SchemaRecord stored = record.md5() != null ? record : new SchemaRecord(record.subject(), record.version(),
            record.id(), record.schemaType(), record.references(), record.metadataJson(), record.ruleSetJson(), md5,
            record.schema(), record.deleted());
        subjects.computeIfAbsent(stored.subject(), s -> new TreeMap<>()).put(stored.version(), stored);
        SubjectVersion sv = new SubjectVersion(stored.subject(), stored.version());
        keysById.computeIfAbsent(stored.id(), i -> new TreeSet<>()).add(sv);
        String hex = AvroSchemas.hex(md5);
        idByMd5.putIfAbsent(hex, stored.id());
        keysByMd5.computeIfAbsent(hex, h -> new TreeSet<>()).add(sv);
        for (AvroSchemas.Reference ref : stored.references()) {
            referencedBy.computeIfAbsent(ref.subject() + "\u0000" + ref.version(), k -> new TreeSet<>()).add(stored.id());
        }
        maxId = Math.max(maxId, stored.id());
    }

    private void removeVersion(String subject, int version) {
        TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        SchemaRecord old = versions.remove(version);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (old == null) {
            return;
        }
        SubjectVersion sv = new SubjectVersion(subject, version);
        TreeSet<SubjectVersion> byId = keysById.get(old.id());
        if (byId != null) {
            byId.remove(sv);
            if (byId.isEmpty()) {
                keysById.remove(old.id());
            }
        }
        String hex = AvroSchemas.hex(old.md5());
        TreeSet<SubjectVersion> byMd5 = keysByMd5.get(hex);
        if (byMd5 != null) {
            byMd5.remove(sv);
            if (byMd5.isEmpty()) {
                keysByMd5.remove(hex);
                idByMd5.remove(hex);
            }
        }
        for (AvroSchemas.Reference ref : old.references()) {
            TreeSet<Integer> ids = referencedBy.get(ref.subject() + "\u0000" + ref.version());
            if (ids != null && !stillReferences(old.id(), ref)) {
                ids.remove(old.id());
            }
        }
    }

    private boolean stillReferences(int id, AvroSchemas.Reference ref) {
        TreeSet<SubjectVersion> keys = keysById.get(id);
        if (keys == null) {
            return false;
        }
        for (SubjectVersion k : keys) {
            SchemaRecord r = subjects.get(k.subject()).get(k.version());
            if (r != null && r.references().contains(ref)) {
                return true;
            }
        }
        return false;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /** Every version of {@code subject}, soft-deleted ones included, ascending; empty when unknown. */
    public List<SchemaRecord> versions(String subject) {
        return read(() -> {
            TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
            return versions == null ? List.of() : List.copyOf(versions.values());
        });
    }

    /** One version of a subject, soft-deleted or not. */
    public Optional<SchemaRecord> version(String subject, int version) {
        return read(() -> {
            TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
            return Optional.ofNullable(versions == null ? null : versions.get(version));
        });
    }

    /** Every subject that has at least one version (soft-deleted ones included), sorted. */
    public List<String> subjectNames() {
        return read(() -> List.copyOf(subjects.keySet()));
    }

    /** Every version of every subject whose name starts with {@code prefix}, sorted by subject and version. */
    public List<SchemaRecord> versionsWithPrefix(String prefix) {
        return read(() -> {
            List<SchemaRecord> out = new ArrayList<>();
            NavigableMap<String, TreeMap<Integer, SchemaRecord>> tail = prefix.isEmpty() ? subjects
                : subjects.subMap(prefix, true, prefix + Character.MAX_VALUE, true);
            for (TreeMap<Integer, SchemaRecord> versions : tail.values()) {
                out.addAll(versions.values());
            }
            return out;
        });
    }

    /**
     * The record that answers {@code GET /schemas/ids/{id}}: a live version if there is one, else a soft-deleted
     * one (ids of soft-deleted schemas still resolve); empty when no version holds the id.
     */
    public Optional<SchemaRecord> byId(int id) {
        return read(() -> {
            TreeSet<SubjectVersion> keys = keysById.get(id);
            if (keys == null) {
                return Optional.empty();
            }
            SchemaRecord fallback = null;
            for (SubjectVersion k : keys) {
                SchemaRecord r = subjects.get(k.subject()).get(k.version());
                if (!r.deleted()) {
                    return Optional.of(r);
                }
                if (fallback == null) {
                    fallback = r;
                }
            }
            return Optional.ofNullable(fallback);
        });
    }

    /** Every version that holds {@code id}, soft-deleted ones included. */
    public List<SchemaRecord> recordsForId(int id) {
        return read(() -> recordsAt(keysById.get(id)));
    }

    /** The id registered for this MD5 (hex), if any version still holds it. */
    public Optional<Integer> idForMd5(String md5Hex) {
        return read(() -> Optional.ofNullable(idByMd5.get(md5Hex)));
    }

    /** Every version whose identity is this MD5 (hex). */
    public List<SchemaRecord> recordsForMd5(String md5Hex) {
        return read(() -> recordsAt(keysByMd5.get(md5Hex)));
    }

    /** Ids of the schemas that reference {@code subject} version {@code version}, ascending. */
    public List<Integer> referencedBy(String subject, int version) {
        return read(() -> {
            TreeSet<Integer> ids = referencedBy.get(subject + "\u0000" + version);
            return ids == null ? List.of() : List.copyOf(ids);
        });
    }

    /** The highest id ever seen in the topic (0 when none). */
    public int maxId() {
        return read(() -> maxId);
    }

    /** The global config, if one is stored. */
    public Optional<ConfigRecord> globalConfig() {
        return read(() -> Optional.ofNullable(globalConfig));
    }

    /** The subject's own config, if one is stored. */
    public Optional<ConfigRecord> subjectConfig(String subject) {
        return read(() -> Optional.ofNullable(subjectConfigs.get(subject)));
    }

    /** The global mode name, if one is stored. */
    public Optional<String> globalMode() {
        return read(() -> Optional.ofNullable(globalMode));
    }

    /** The subject's own mode name, if one is stored. */
    public Optional<String> subjectMode(String subject) {
        return read(() -> Optional.ofNullable(subjectModes.get(subject)));
    }

    /** A snapshot of every subject-level config, by subject. */
    public Map<String, ConfigRecord> subjectConfigs() {
        return read(() -> Collections.unmodifiableMap(new TreeMap<>(subjectConfigs)));
    }

    /** A snapshot of every subject-level mode, by subject. */
    public Map<String, String> subjectModes() {
        return read(() -> Collections.unmodifiableMap(new TreeMap<>(subjectModes)));
    }

    /** Whether any subject has a live version. */
    public boolean hasLiveSubjects() {
        return read(() -> {
            for (TreeMap<Integer, SchemaRecord> versions : subjects.values()) {
                for (Iterator<SchemaRecord> it = versions.values().iterator(); it.hasNext(); ) {
                    if (!it.next().deleted()) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies a CONFIG or MODE record: a {@code null} subject is the global setting, a {@code null} value
     * removes the setting. Returns the global setting after the record.
     */
    private static <T> T applyScoped(String subject, T value, T global, Map<String, T> perSubject) {
        if (subject == null) {
            return value;
        }
        if (value == null) {
            perSubject.remove(subject);
        } else {
            perSubject.put(subject, value);
        }
        return global;
    }

    /** The records behind these subject-versions, in their order; none for {@code null}. Call under the read lock. */
    private List<SchemaRecord> recordsAt(TreeSet<SubjectVersion> keys) {
        if (keys == null) {
            return List.of();
        }
        List<SchemaRecord> out = new ArrayList<>(keys.size());
        for (SubjectVersion k : keys) {
            out.add(subjects.get(k.subject()).get(k.version()));
        }
        return out;
    }
}

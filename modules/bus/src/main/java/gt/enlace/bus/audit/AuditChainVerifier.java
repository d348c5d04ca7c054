package gt.enlace.bus.audit;

import java.util.Optional;

/**
 * Checks the audit log's hash chain one record at a time, in offset order, and remembers the first
 * broken link. For each record, in this order:
 *
 * <ol>
 *   <li>{@link Check#READABLE}: the value is an entry ({@link AuditEntry#fromJson});</li>
 *   <li>{@link Check#SEQUENCE}: its {@code seq} is the previous entry's plus one (1 for the first): an entry
 *       removed or moved shows here;</li>
 *   <li>{@link Check#PREVIOUS_HASH}: its {@code prevHash} is the previous entry's {@code hash}
 *       ({@link AuditEntry#GENESIS} for the first);</li>
 *   <li>{@link Check#HASH}: its {@code hash} is the hash of its own content: an altered entry shows here.</li>
 * </ol>
 *
 * <pre>{@code
 * AuditChainVerifier chain = new AuditChainVerifier();
 * for (ConsumerRecord<byte[], byte[]> r : records) chain.accept(r.offset(), r.value());
 * chain.firstBreak().ifPresent(b -> System.out.println(b.describe()));
 * }</pre>
 */
public final class AuditChainVerifier {

    /** What a link failed. */
    public enum Check {
        /** The record is not an audit entry. */
        READABLE,
        /** The sequence number is not the next one. */
        SEQUENCE,
        /** The previous-hash field does not match the previous entry's hash. */
        PREVIOUS_HASH,
        /** The entry's hash does not match its content. */
        HASH
    }

    /**
     * The first broken link.
     *
     * @param seq         the entry's sequence number as written (-1 when unreadable)
     * @param offset      the record's offset on the topic
     * @param check       what failed
     * @param description expected and found
     */
    public record Break(long seq, long offset, Check check, String description) {

        /** One line for people. */
        public String describe() {
            return "chain broken at offset " + offset + (seq >= 0 ? " (seq " + seq + ")" : "") + ": " + check + " check failed: "
                + description;
        }
    }

    private AuditEntry last;
    private long count;
    private Break firstBreak;

    /**
     * Checks the next record; after the first break, further records are counted but not checked.
     *
     * @param offset the record's offset
     * @param value  the record's value
     * @return the entry when it is readable
     */
    public Optional<AuditEntry> accept(long offset, byte[] value) {
        count++;
        AuditEntry entry;
        try {
            entry = AuditEntry.fromJson(value);
        } catch (IllegalArgumentException e) {
            fail(-1, offset, Check.READABLE, e.getMessage());
            return Optional.empty();
        }
        accept(offset, entry);
        return Optional.of(entry);
    }

    /** Checks the next entry, already parsed; see {@link #accept(long, byte[])}. */
    public void accept(long offset, AuditEntry entry) {
        if (firstBreak == null) {
            check(offset, entry);
        }
        last = entry;
    }

    private void check(long offset, AuditEntry entry) {
        long expectedSeq = last == null ? 1 : last.seq() + 1;
        if (entry.seq() != expectedSeq) {
            fail(entry.seq(), offset, Check.SEQUENCE, "expected seq " + expectedSeq + ", found " + entry.seq()
                + (entry.seq() > expectedSeq ? " (entries missing)" : " (entry out of order or repeated)"));
            return;
        }
        String expectedPrev = last == null ? AuditEntry.GENESIS : last.hash();
        if (!expectedPrev.equals(entry.prevHash())) {
            fail(entry.seq(), offset, Check.PREVIOUS_HASH, "expected prevHash " + expectedPrev + ", found " + entry.prevHash());
            return;
        }
        String hash = entry.computeHash();
        if (!hash.equals(entry.hash())) {
            fail(entry.seq(), offset, Check.HASH, "the entry's content hashes to " + hash + " but it says " + entry.hash()
                + " (the entry was altered)");
        }
    }

    private void fail(long seq, long offset, Check check, String description) {
        if (firstBreak == null) {
            firstBreak = new Break(seq, offset, check, description);
        }
    }

    /** The first broken link, if any. */
    public Optional<Break> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }

    /** The last entry read (the tail of the chain when it is intact). */
    public Optional<AuditEntry> last() {
        return Optional.ofNullable(last);
    }

    /** How many records were checked. */
    public long count() {
        return count;
    }
}

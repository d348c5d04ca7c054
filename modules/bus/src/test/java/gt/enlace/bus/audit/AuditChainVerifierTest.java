package gt.enlace.bus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {

    static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditEntry prev = null;
        for (int i = 0; i < n; i++) {
            prev = AuditEntry.next(prev, Instant.parse("2026-11-26T12:00:00Z").plusSeconds(i), "platform", "topics.provision",
                "topic/gt.renap.birth-registered.v" + (i + 1), Map.of("partitions", "3", "created", "true"));
            entries.add(prev);
        }
        return entries;
    }

    static AuditChainVerifier verify(List<AuditEntry> entries) {
        AuditChainVerifier verifier = new AuditChainVerifier();
        for (int i = 0; i < entries.size(); i++) {
            verifier.accept(i, entries.get(i).toJson());
        }
        return verifier;
    }

    @Test
    void anIntactChainVerifiesAndEntriesRoundTripThroughJson() {
        List<AuditEntry> entries = chain(5);
        AuditChainVerifier verifier = verify(entries);
        assertThat(verifier.firstBreak()).isEmpty();
        assertThat(verifier.count()).isEqualTo(5);
        assertThat(entries.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        assertThat(AuditEntry.fromJson(entries.get(2).toJson())).isEqualTo(entries.get(2));
        assertThat(new String(entries.get(0).toJson(), StandardCharsets.UTF_8)).contains("\"seq\":1", "\"actor\":\"platform\"",
            "\"prevHash\":\"" + AuditEntry.GENESIS + "\"");
    }

    @Test
    void aRemovedEntryIsASequenceBreakAtTheNextOffset() {
        List<AuditEntry> entries = chain(5);
        entries.remove(2);
        AuditChainVerifier.Break b = verify(entries).firstBreak().orElseThrow();
        assertThat(b.check()).isEqualTo(AuditChainVerifier.Check.SEQUENCE);
        assertThat(b.offset()).isEqualTo(2);
        assertThat(b.seq()).isEqualTo(4);
        assertThat(b.describe()).contains("offset 2", "seq 4", "expected seq 3");
    }

    @Test
    void anAlteredEntryIsAHashBreak() {
        List<AuditEntry> entries = chain(4);
        AuditEntry e = entries.get(1);
        entries.set(1, new AuditEntry(e.seq(), e.time(), "sat", e.action(), e.target(), e.details(), e.prevHash(), e.hash()));
        AuditChainVerifier.Break b = verify(entries).firstBreak().orElseThrow();
        assertThat(b.check()).isEqualTo(AuditChainVerifier.Check.HASH);
        assertThat(b.seq()).isEqualTo(2);
    }

    @Test
    void anAlteredEntryWithARecomputedHashBreaksTheNextLink() {
        List<AuditEntry> entries = chain(4);
        AuditEntry e = entries.get(1);
        AuditEntry forged = AuditEntry.next(entries.get(0), e.time(), "sat", e.action(), e.target(), e.details());
        entries.set(1, forged);
        AuditChainVerifier.Break b = verify(entries).firstBreak().orElseThrow();
        assertThat(b.check()).isEqualTo(AuditChainVerifier.Check.PREVIOUS_HASH);
        assertThat(b.seq()).isEqualTo(3);
    }

    @Test
    void reorderedEntriesAreASequenceBreak() {
        List<AuditEntry> entries = chain(4);
        Collections.swap(entries, 1, 2);
        AuditChainVerifier.Break b = verify(entries).firstBreak().orElseThrow();
        assertThat(b.check()).isEqualTo(AuditChainVerifier.Check.SEQUENCE);
        assertThat(b.offset()).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAnEntryIsUnreadable() {
        AuditChainVerifier verifier = new AuditChainVerifier();
        verifier.accept(0, chain(1).get(0).toJson());
        verifier.accept(1, "{\"seq\":2}".getBytes(StandardCharsets.UTF_8));
        AuditChainVerifier.Break b = verifier.firstBreak().orElseThrow();
        assertThat(b.check()).isEqualTo(AuditChainVerifier.Check.READABLE);
        assertThat(b.description()).contains("'time'");
    }

    @Test
    void blankFieldsAreRefusedWithACode() {
        assertThatThrownBy(() -> AuditEntry.next(null, Instant.now(), " ", "a", "t", Map.of()))
            .isInstanceOf(AuditLogException.class).hasMessageStartingWith("AUDIT_INVALID_ENTRY: 'actor'");
    }
}

package gt.enlace.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";

    @Test
    void publishesWithTheCatalogsHeadersAndCompletesWithTheReceipt() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        PublishReceipt receipt = mock.publisher().publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 1),
            PublishOptions.defaults().withEventId("evt-1").withCorrelationId("exp-7")).join();
        assertThat(receipt.topic()).isEqualTo(BIRTHS);
        assertThat(receipt.eventId()).isEqualTo("evt-1");
        ProducerRecord<String, Object> sent = mock.producer().history().get(0);
        EventHeaders headers = EventHeaders.parse(sent.headers());
        assertThat(headers.source()).isEqualTo("/gt/renap/enlace-sdk");
        assertThat(headers.type()).isEqualTo("gt.renap.birth-registered");
        assertThat(headers.channel()).isEqualTo(Channel.SDK);
        assertThat(headers.legalBasis()).isNotBlank();
        assertThat(headers.correlationId()).contains("exp-7");
        assertThat(sent.key()).isEqualTo("evt-1");
    }

    @Test
    void refusesAnotherInstitutionsTopic() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("sat");
        assertThatThrownBy(() -> mock.publisher().publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 1)).join())
            .isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(PublishException.class)
            .satisfies(e -> assertThat(((PublishException) e).error()).isEqualTo(PublishError.TOPIC_NOT_OWNED));
        assertThat(mock.producer().history()).isEmpty();
    }

    @Test
    void refusesAnUnknownTopicAndAWrongRecordType() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        assertThat(failure(mock, "gt.renap.nothing.v1", SampleEvents.sampleFor(BIRTHS, 1)).error()).isEqualTo(PublishError.UNKNOWN_TOPIC);
        assertThat(failure(mock, BIRTHS, SampleEvents.sampleFor("gt.renap.death-registered.v1", 1)).error())
            .isEqualTo(PublishError.SCHEMA_MISMATCH);
    }

    @Test
    void refusesAnInvalidIdentifierWithItsFieldPath() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        BirthRegistered birth = BirthRegistered.newBuilder((BirthRegistered) SampleEvents.sampleFor(BIRTHS, 1)).setMotherCui("1580352241899").build();
        PublishException e = failure(mock, BIRTHS, birth);
        assertThat(e.error()).isEqualTo(PublishError.INVALID_RECORD);
        assertThat(e.path()).isEqualTo("$.motherCui");
        assertThat(e.violations().get(0).code()).isEqualTo("CUI_MUNICIPALITY");
        assertThat(mock.producer().history()).isEmpty();
    }

    @Test
    void rejectsAnUnknownInstitutionAtConstruction() {
        assertThatThrownBy(() -> MockPublishers.forInstitution("nasa")).hasMessageContaining("not an institution of the catalog");
    }

    @Test
    void eventsSharingCachedHeadersEachGetTheirOwnIdTimeSubjectAndLegalBasisOverride() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        EventPublisher publisher = mock.publisher();
        PublishReceipt first = publisher.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 1)).join();
        PublishReceipt second = publisher.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 2),
            PublishOptions.defaults().withSubject("acta/2").withLegalBasis("Convenio RENAP-MSPAS 2026")
                .withTime(java.time.OffsetDateTime.parse("2026-11-26T11:35:00-06:00"))).join();
        PublishReceipt third = publisher.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 3)).join();
        List<EventHeaders> sent = mock.producer().history().stream().map(r -> EventHeaders.parse(r.headers())).toList();
        assertThat(sent).extracting(EventHeaders::id).containsExactly(first.eventId(), second.eventId(), third.eventId())
            .doesNotHaveDuplicates();
        assertThat(mock.producer().history()).extracting(ProducerRecord::key)
            .containsExactly(first.eventId(), second.eventId(), third.eventId());
        assertThat(sent.get(0).subject()).isEmpty();
        assertThat(sent.get(1).subject()).contains("acta/2");
        assertThat(sent.get(1).legalBasis()).isEqualTo("Convenio RENAP-MSPAS 2026");
        assertThat(sent.get(1).time()).isEqualTo(java.time.OffsetDateTime.parse("2026-11-26T11:35:00-06:00"));
        assertThat(sent.get(2).legalBasis()).isEqualTo(sent.get(0).legalBasis()).isNotEqualTo("Convenio RENAP-MSPAS 2026");
        assertThat(sent.get(2).subject()).isEmpty();
        assertThat(sent.get(2).time()).isAfterOrEqualTo(sent.get(0).time());
    }

    @Test
    void aBadHeaderValueIsInvalidHeadersNamingTheHeaderAndNothingIsSent() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        PublishException e = (PublishException) mock.publisher().publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 1),
            PublishOptions.defaults().withEventId("evt\n1").withLegalBasis(" ")).handle((r, t) -> t).join();
        assertThat(e.error()).isEqualTo(PublishError.INVALID_HEADERS);
        // The first header at fault in the documented order: the id, then the legal basis.
        assertThat(e.getMessage()).contains("ce_id");
        PublishException subject = (PublishException) mock.publisher().publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 1),
            PublishOptions.defaults().withSubject("x".repeat(2_000))).handle((r, t) -> t).join();
        assertThat(subject.error()).isEqualTo(PublishError.INVALID_HEADERS);
        assertThat(subject.getMessage()).contains("ce_subject");
        assertThat(mock.producer().history()).isEmpty();
    }

    @Test
    void publishValidatedStillChecksTheTopicAndRecordTypeButNotTheRecordAgain() {
        MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
        EventPublisher publisher = mock.publisher();
        assertThatThrownBy(() -> publisher.publishValidated("gt.renap.nothing.v1", SampleEvents.sampleFor(BIRTHS, 1),
            PublishOptions.defaults()).join()).cause().isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.error()).isEqualTo(PublishError.UNKNOWN_TOPIC));
        assertThatThrownBy(() -> publisher.publishValidated(BIRTHS, SampleEvents.sampleFor("gt.renap.death-registered.v1", 1),
            PublishOptions.defaults()).join()).cause().isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.error()).isEqualTo(PublishError.SCHEMA_MISMATCH));
        BirthRegistered birth = (BirthRegistered) SampleEvents.sampleFor(BIRTHS, 4);
        assertThat(publisher.validate(BIRTHS, birth)).isEmpty();
        assertThat(publisher.publishValidated(BIRTHS, birth, PublishOptions.defaults()).join().topic()).isEqualTo(BIRTHS);
        assertThat(mock.producer().history()).hasSize(1);
    }

    private static PublishException failure(MockPublishers.Mock mock, String topic, org.apache.avro.generic.IndexedRecord record) {
        try {
            mock.publisher().publish(topic, record).join();
        } catch (CompletionException e) {
            return (PublishException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}

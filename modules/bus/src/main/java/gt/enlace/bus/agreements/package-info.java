/**
 * Data-sharing agreements: the only way one institution reads another's topics. An {@link
 * gt.enlace.bus.agreements.Agreement} names provider, consumer, topics, legal basis, purpose and validity; {@link
 * gt.enlace.bus.agreements.AgreementRules} says who may request, approve, reject and revoke it; {@link
 * gt.enlace.bus.agreements.AgreementAcls} is the set of Kafka ACLs an approved, in-force agreement stands for;
 * {@link gt.enlace.bus.agreements.AgreementCodec} is its JSON form on the compacted {@value
 * gt.enlace.bus.agreements.AgreementCodec#TOPIC} topic.
 */
package gt.enlace.bus.agreements;

/**
 * Several registry instances on one cluster: leader election with Kafka's consumer group protocol, and
 * forwarding of writes from followers to the leader, so that only one instance allocates ids.
 */
package gt.enlace.registry.cluster;

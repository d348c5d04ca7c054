/** Keeps the cluster's topics in line with the topic catalog ({@code gt.enlace.bus.topics.TopicStatistics} reports what they hold). */
package gt.enlace.platform.topics;

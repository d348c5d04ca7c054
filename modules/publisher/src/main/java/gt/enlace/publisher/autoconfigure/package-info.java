/** Spring Boot auto-configuration of the publisher SDK ({@code enlace.publisher.*} to an {@code EventPublisher} bean). */
package gt.enlace.publisher.autoconfigure;

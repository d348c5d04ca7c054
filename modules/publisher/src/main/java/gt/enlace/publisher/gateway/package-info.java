/**
 * The HTTP gateway for agency systems that can only make HTTP calls: {@code POST /api/v1/topics/{topic}/events}
 * ({@link gt.enlace.publisher.gateway.GatewayController}), configured by
 * {@link gt.enlace.publisher.gateway.GatewayConfiguration}; its contract is the OpenAPI document served at
 * {@code /openapi}.
 */
package gt.enlace.publisher.gateway;

package gt.enlace.portal.catalog;

/**
 * Where access requests go. The one implementation, {@link KafkaAccessRequests}, records each request as an event
 * on an internal compacted topic; when the data-sharing agreements service offers a request API, an implementation
 * that calls it replaces this one without touching the pages.
 */
public interface AccessRequests {

    /**
     * Records a validated request durably: when this returns, the request survives a restart.
     *
     * @param request the request
     * @return the request as recorded
     * @throws CatalogException {@link CatalogError#ACCESS_REQUEST_NOT_RECORDED} when it could not be recorded;
     *                          then nothing was
     */
    AccessRequest submit(AccessRequest request);
}

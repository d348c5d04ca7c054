package gt.enlace.registry.rest;

/** A path that matched a route pattern but names nothing, e.g. a non-numeric schema id: plain HTTP 404. */
public class RouteNotFoundException extends RuntimeException {

    public RouteNotFoundException() {
        super("HTTP 404 Not Found", null, false, false);
    }
}

package gt.enlace.registry.rest;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for requests it refuses before any servlet runs (a {@code %00} in the path, a malformed
 * request line): written as the registry's JSON error body instead of Tomcat's HTML page, so clients always get
 * {@code {"error_code":N,"message":"HTTP N Reason"}}.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String reason = resolved != null ? resolved.getReasonPhrase() : "Error";
        try {
            response.setContentType(RegistryMediaTypes.SCHEMA_REGISTRY_V1_JSON.toString());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error_code\":" + status + ",\"message\":\"HTTP " + status + " " + reason + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response is committed: nothing more to say
        }
    }
}

package gt.enlace.portal.upload;

import jakarta.servlet.MultipartConfigElement;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * What the upload page needs from the web server: multipart requests up to {@value UploadSettings#MAX_SIZE} (Spring
 * Boot's own default, 1 MB, is far below a real spreadsheet), spooled to disk beyond 1 MB rather than held in
 * memory, and Tomcat reading an oversized upload to its end, so that the browser gets the "file too large" page
 * instead of a reset connection.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    static DataSize maxSize(Environment env) {
        return env.getProperty(UploadSettings.MAX_SIZE, DataSize.class, UploadSettings.DEFAULT_MAX_SIZE);
    }

    @Bean
    MultipartConfigElement multipartConfigElement(Environment env) {
        long max = maxSize(env).toBytes();
        // the request carries the form's other fields too: a few KB over the file's limit
        return new MultipartConfigElement("", max, max + 64 * 1024, 1024 * 1024);
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> uploadSwallowsOversizedBodies(Environment env) {
        int swallow = (int) Math.min(Integer.MAX_VALUE, maxSize(env).toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http && http.getMaxSwallowSize() >= 0) {
                http.setMaxSwallowSize(Math.max(http.getMaxSwallowSize(), swallow));
            }
        });
    }
}

package gt.enlace.benchmarks.http;

import java.io.IOException;

/**
 * One load-generating client: a single persistent HTTP/1.1 connection used by one thread, re-opened
 * only when the server closes it.
 */
public interface KeepAliveClient extends AutoCloseable {

    /**
     * Sends {@code GET path} and reads the whole answer.
     *
     * @param path     request path
     * @param expected the body a correct answer has
     * @return whether the answer was a 200 with exactly that body
     * @throws IOException when the connection fails (the next call reconnects)
     */
    boolean get(String path, byte[] expected) throws IOException;

    /** How many TCP connections this client has opened so far. */
    int connections();

    @Override
    void close();
}

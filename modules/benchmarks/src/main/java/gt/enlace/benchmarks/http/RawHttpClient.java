package gt.enlace.benchmarks.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The cheapest correct HTTP/1.1 keep-alive client: a blocking socket, pre-built request bytes, a response
 * parser that understands {@code Content-Length}, {@code Transfer-Encoding: chunked} and
 * {@code Connection: close}, and no allocation per request beyond the first use of a path. On two shared
 * cores every cycle the client spends is taken from the server it measures, so the load harness uses this
 * client by default; {@link JdkHttpClient} is there to compare.
 */
public final class RawHttpClient implements KeepAliveClient {

    /** What Confluent's Java client sends, so the server does its usual content negotiation. */
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, "
        + "application/json; qs=0.5";

    private final InetSocketAddress address;
    private final String hostHeader;
    private final Map<String, byte[]> requests = new HashMap<>();
    private final byte[] in = new byte[16 * 1024];
    private byte[] body = new byte[16 * 1024];
    private int bodyLength;
    private int pos;
    private int limit;
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    private int connections;

    /**
     * @param host server host, e.g. {@code 127.0.0.1}
     * @param port server port
     */
    public RawHttpClient(String host, int port) {
        this.address = new InetSocketAddress(host, port);
        this.hostHeader = host + ":" + port;
    }

    @Override
    public boolean get(String path, byte[] expected) throws IOException {
        int status = request(path);
        return status == 200 && Arrays.equals(body, 0, bodyLength, expected, 0, expected.length);
    }

    /**
     * Sends {@code GET path} and returns the whole answer's body, for setting up expected bodies.
     *
     * @throws IOException when the connection fails or the answer is not a 200
     */
    public byte[] fetch(String path) throws IOException {
        int status = request(path);
        byte[] copy = Arrays.copyOf(body, bodyLength);
        if (status != 200) {
            throw new IOException("GET " + path + " answered " + status + ": " + new String(copy, StandardCharsets.UTF_8));
        }
        return copy;
    }

    private int request(String path) throws IOException {
        byte[] request = requests.computeIfAbsent(path, p -> ("GET " + p + " HTTP/1.1\r\nHost: " + hostHeader
            + "\r\nAccept: " + ACCEPT + "\r\nUser-Agent: enlace-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (socket == null) {
            connect();
        }
        try {
            output.write(request);
            output.flush();
            return readResponse();
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    /** Reads one answer; the body lands in {@link #body}, {@link #bodyLength} bytes. */
    private int readResponse() throws IOException {
        // Status line: "HTTP/1.1 200 ..."
        int lineStart = readLine();
        if (pos - lineStart < 12) {
            throw new IOException("Malformed status line");
        }
        int status = (in[lineStart + 9] - '0') * 100 + (in[lineStart + 10] - '0') * 10 + (in[lineStart + 11] - '0');
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        while (true) {
            int start = readLine();
            int end = pos - 2; // before CRLF
            if (end == start) {
                break;
            }
            if (headerIs(start, end, "content-length")) {
                contentLength = Long.parseLong(headerValue(start, end));
            } else if (headerIs(start, end, "transfer-encoding")) {
                chunked = headerValue(start, end).toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (headerIs(start, end, "connection")) {
                close = headerValue(start, end).equalsIgnoreCase("close");
            }
        }
        int length;
        if (chunked) {
            length = readChunked();
        } else if (contentLength >= 0) {
            length = readFixed((int) contentLength);
        } else {
            throw new IOException("Response has neither Content-Length nor chunked encoding");
        }
        if (close) {
            disconnect();
        }
        bodyLength = length;
        return status;
    }

    private int readFixed(int length) throws IOException {
        ensureBody(length);
        int copied = 0;
        while (copied < length) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(length - copied, limit - pos);
            System.arraycopy(in, pos, body, copied, n);
            pos += n;
            copied += n;
        }
        return length;
    }

    private int readChunked() throws IOException {
        int length = 0;
        while (true) {
            int start = readLine();
            int size = 0;
            for (int i = start; i < pos - 2; i++) {
                int digit = Character.digit(in[i], 16);
                if (digit < 0) {
                    break; // chunk extensions
                }
                size = size * 16 + digit;
            }
            if (size == 0) {
                // trailers, then the final CRLF
                while (readLine() != pos - 2) {
                    // skip trailer
                }
                return length;
            }
            ensureBody(length + size);
            int copied = 0;
            while (copied < size) {
                if (pos == limit) {
                    fill();
                }
                int n = Math.min(size - copied, limit - pos);
                System.arraycopy(in, pos, body, length + copied, n);
                pos += n;
                copied += n;
            }
            length += size;
            readLine(); // CRLF after the chunk
        }
    }

    /**
     * Reads up to and including the next CRLF, keeping the line contiguous in {@link #in}.
     *
     * @return where the line starts; it ends at {@code pos - 2}
     */
    private int readLine() throws IOException {
        int start = pos;
        while (true) {
            for (int i = Math.max(start, pos); i + 1 < limit; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n') {
                    pos = i + 2;
                    return start;
                }
            }
            // Move the partial line to the front and read more.
            if (start > 0) {
                System.arraycopy(in, start, in, 0, limit - start);
                limit -= start;
                pos = Math.max(0, limit - 1);
                start = 0;
            } else {
                pos = Math.max(0, limit - 1);
            }
            if (limit == in.length) {
                throw new IOException("Header line longer than " + in.length + " bytes");
            }
            int n = input.read(in, limit, in.length - limit);
            if (n < 0) {
                throw new EOFException("Server closed the connection mid-response");
            }
            limit += n;
        }
    }

    private void fill() throws IOException {
        int n = input.read(in, 0, in.length);
        if (n < 0) {
            throw new EOFException("Server closed the connection mid-body");
        }
        pos = 0;
        limit = n;
    }

    private void ensureBody(int size) {
        if (body.length < size) {
            body = Arrays.copyOf(body, Math.max(size, body.length * 2));
        }
    }

    private boolean headerIs(int start, int end, String lowerName) {
        int n = lowerName.length();
        if (end - start <= n || in[start + n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toLowerCase((char) in[start + i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String headerValue(int start, int end) {
        int colon = start;
        while (in[colon] != ':') {
            colon++;
        }
        return new String(in, colon + 1, end - colon - 1, StandardCharsets.US_ASCII).trim();
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 5_000);
        s.setSoTimeout(30_000);
        socket = s;
        input = s.getInputStream();
        output = s.getOutputStream();
        pos = 0;
        limit = 0;
        connections++;
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we no longer use
            }
        }
        socket = null;
        input = null;
        output = null;
        pos = 0;
        limit = 0;
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public void close() {
        disconnect();
    }
}

package dk.dialogue.ledger.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The requests of the timed steps: plain HTTP/1.1 on kept-alive sockets, each request sent and answered by one
 * thread of a pool, which blocks meanwhile. The JDK's asynchronous client hands every request between its
 * selector thread, its executor and the caller's futures: with it the generator used 0.68-0.79 ms of CPU a command
 * in the 300/s step, with this 0.34-0.39 ms, CPU taken from the cores it shares with the services (BENCHMARKS.md).
 */
final class KeepAliveHttp implements AutoCloseable {

    /** The most requests in flight at once; more wait for a thread, and the wait counts in their latency. */
    private static final int THREADS = 256;
    private static final int TIMEOUT_MILLIS = 30_000;
    /** Idle connections are not used after this long: well before the services' connectors close them. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** An answer: its status and its body as text. */
    record Answer(String method, URI uri, int status, String body) {
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "keep-alive-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();

    CompletableFuture<Answer> get(URI uri, String authorization) {
        return CompletableFuture.supplyAsync(() -> exchange("GET", uri, authorization, null), threads);
    }

    CompletableFuture<Answer> post(URI uri, String authorization, String json) {
        return CompletableFuture.supplyAsync(() -> exchange("POST", uri, authorization,
                json.getBytes(StandardCharsets.UTF_8)), threads);
    }

    private Answer exchange(String method, URI uri, String authorization, byte[] json) {
        String authority = uri.getHost() + ":" + uri.getPort();
        Deque<Connection> pool = idle.computeIfAbsent(authority, key -> new ConcurrentLinkedDeque<>());
        Connection connection = pool.pollFirst();
        while (connection != null && System.nanoTime() - connection.idleSince > IDLE_NANOS) {
            connection.close();
            connection = pool.pollFirst();
        }
        try {
            if (connection == null) {
                connection = new Connection(uri.getHost(), uri.getPort());
            }
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath());
            if (uri.getRawQuery() != null) {
                head.append('?').append(uri.getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\nAuthorization: ").append(authorization)
                    .append("\r\n");
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(json.length).append("\r\n");
            }
            Answer answer = connection.exchange(method, uri, head.append("\r\n").toString(), json);
            if (connection.open) {
                connection.idleSince = System.nanoTime();
                pool.offerFirst(connection);
            } else {
                connection.close();
            }
            return answer;
        } catch (IOException e) {
            if (connection != null) {
                connection.close();
            }
            throw new UncheckedIOException(method + " " + uri.getPath() + " failed", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        idle.values().forEach(pool -> pool.forEach(Connection::close));
    }

    /** One socket, one request at a time. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        /** What has been read from the socket and not yet parsed: {@code buffer[position, limit)}. */
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        /** Whether the server keeps the connection open after the last answer. */
        boolean open = true;
        long idleSince;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        Answer exchange(String method, URI uri, String head, byte[] body) throws IOException {
            byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
            if (body == null) {
                out.write(headBytes);
            } else {
                byte[] request = new byte[headBytes.length + body.length];
                System.arraycopy(headBytes, 0, request, 0, headBytes.length);
                System.arraycopy(body, 0, request, headBytes.length, body.length);
                out.write(request);
            }
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    open = !value.equalsIgnoreCase("close");
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(length > 0 ? (int) length : 512);
            if (status == 204 || status == 304 || status / 100 == 1) {
                length = 0;
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, content);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers, unused
                }
            } else if (length >= 0) {
                copy(length, content);
            } else {
                do {
                    content.write(buffer, position, limit - position);
                    position = limit;
                } while (fill());
                open = false;
            }
            return new Answer(method, uri, status, content.toString(StandardCharsets.UTF_8));
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void copy(long length, ByteArrayOutputStream to) throws IOException {
            for (long left = length; left > 0; ) {
                if (position == limit && !fill()) {
                    throw new IOException("the answer ended early");
                }
                int take = (int) Math.min(limit - position, left);
                to.write(buffer, position, take);
                position += take;
                left -= take;
            }
        }

        /** A line of the head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("the connection closed mid-answer");
                }
                byte c = buffer[position++];
                if (c == '\n') {
                    return line.toString();
                }
                if (c != '\r') {
                    line.append((char) (c & 0xff));
                }
            }
        }

        /** Reads more from the socket into the emptied buffer; {@code false} at its end. */
        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

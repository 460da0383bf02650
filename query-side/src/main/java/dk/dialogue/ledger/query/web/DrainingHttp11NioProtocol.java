package dk.dialogue.ledger.query.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's NIO HTTP/1.1 protocol, except that a request read while the connector is paused (graceful shutdown) is
 * handed to the application, where {@link ShutdownDrain} refuses it with a 503 problem. Tomcat 10.1's own handling
 * of that case marks the answer 503, skips the headers, then rejects the missing Host header with an HTML 400:
 * a client told that its valid request is malformed (seen in the command side's GracefulShutdownIT). Pausing still stops the
 * acceptance of connections; only the request processor's view of it changes.
 */
public class DrainingHttp11NioProtocol extends Http11NioProtocol {

    @Override
    public boolean isPaused() {
        return false;
    }
}

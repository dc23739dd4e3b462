package org.vnemr.bhyt.gateway;

/** The gateway could not be reached or answered with a server error: a passing failure, the outbox retries. */
public final class GatewayUnavailable extends RuntimeException {

    public GatewayUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public GatewayUnavailable(String message) {
        super(message);
    }
}

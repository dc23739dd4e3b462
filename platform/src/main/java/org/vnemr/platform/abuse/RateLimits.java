package org.vnemr.platform.abuse;

import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * Giới hạn tần suất: request-rate limits per account, per client address and for login attempts per address. Defaults
 * suit a clinic (a person clicks, a screen fires a few htmx requests, an integration sends bursts):
 * {@code vnemr.rate-limit.account-per-second} 20 (burst twice that), {@code vnemr.rate-limit.address-per-second} 50
 * (burst twice that; a whole ward behind one NAT address stays under it), {@code vnemr.rate-limit.login-per-minute}
 * 10 per address (with the account lockout after 5 failures this makes guessing passwords slow from any angle).
 * {@code vnemr.rate-limit.enabled=false} turns them off (test servers do, except the tests of the limits).
 */
public final class RateLimits {

    private final boolean enabled;
    private final TokenBuckets accounts;
    private final TokenBuckets addresses;
    private final TokenBuckets logins;

    public RateLimits(boolean enabled, double accountPerSecond, double addressPerSecond, double loginPerMinute,
                      Clock clock) {
        this.enabled = enabled;
        this.accounts = new TokenBuckets(Math.max(1, accountPerSecond * 2), accountPerSecond, clock);
        this.addresses = new TokenBuckets(Math.max(1, addressPerSecond * 2), addressPerSecond, clock);
        this.logins = new TokenBuckets(Math.max(1, loginPerMinute), loginPerMinute / 60.0, clock);
    }

    public static RateLimits from(Environment env) {
        return new RateLimits(env.getProperty("vnemr.rate-limit.enabled", Boolean.class, true),
                env.getProperty("vnemr.rate-limit.account-per-second", Double.class, 20.0),
                env.getProperty("vnemr.rate-limit.address-per-second", Double.class, 50.0),
                env.getProperty("vnemr.rate-limit.login-per-minute", Double.class, 10.0), Clock.systemUTC());
    }

    public boolean enabled() {
        return enabled;
    }

    /** Empty when the account may go on, else the seconds to wait. */
    public OptionalLong account(String user) {
        return enabled && user != null ? accounts.take(user) : OptionalLong.empty();
    }

    public OptionalLong address(String address) {
        return enabled && address != null ? addresses.take(address) : OptionalLong.empty();
    }

    public OptionalLong login(String address) {
        return enabled && address != null ? logins.take(address) : OptionalLong.empty();
    }
}

package org.vnemr.platform.auth.oidc;

import java.util.Objects;

/**
 * Cấu hình đăng nhập OIDC của bệnh viện ({@code vnemr.oidc.*}).
 *
 * @param issuer        the identity provider's issuer URL (its discovery document is {@code <issuer>/.well-known/openid-configuration})
 * @param clientId      vnemr's client id at the provider (also the audience the id_token must carry)
 * @param clientSecret  the client secret (client_secret_basic); from the environment or the secrets file, never the repo
 * @param usernameClaim the id_token claim holding the vnemr user name ({@code preferred_username} by default)
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, String usernameClaim) {

    public OidcSettings {
        Objects.requireNonNull(issuer, "vnemr.oidc.issuer");
        Objects.requireNonNull(clientId, "vnemr.oidc.client-id");
        Objects.requireNonNull(clientSecret, "vnemr.oidc.client-secret");
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
    }
}

package org.vnemr.emr.login;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.platform.auth.oidc.OidcClient;
import org.vnemr.platform.auth.oidc.OidcSettings;

/**
 * Đăng nhập bằng tài khoản của bệnh viện: only when {@code vnemr.oidc.issuer} is set; without it the login page
 * shows the password form alone and the OIDC routes answer with the login page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vnemr.oidc.issuer")
public class OidcConfiguration {

    @Bean
    OidcClient oidcClient(@Value("${vnemr.oidc.issuer}") String issuer,
                          @Value("${vnemr.oidc.client-id}") String clientId,
                          @Value("${vnemr.oidc.client-secret}") String clientSecret,
                          @Value("${vnemr.oidc.username-claim:preferred_username}") String usernameClaim) {
        return new OidcClient(new OidcSettings(issuer, clientId, clientSecret, usernameClaim));
    }
}

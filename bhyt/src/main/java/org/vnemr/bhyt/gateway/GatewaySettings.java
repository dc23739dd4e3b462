package org.vnemr.bhyt.gateway;

import org.springframework.core.env.Environment;

import java.net.URI;

/**
 * Where and as whom the node talks to the BHXH gateway: {@code vnemr.bhyt.gateway.url} (production
 * {@value #PRODUCTION}, training {@value #TRAINING}, or the local simulator), the facility's gateway account
 * ({@code username}; the password from {@code vnemr.bhyt.gateway.password} — an environment variable or a secrets
 * file, never the repository), the province and facility codes.
 */
public record GatewaySettings(URI url, String username, String password, String provinceCode, String facilityCode) {

    public static final String PRODUCTION = "https://egw.baohiemxahoi.gov.vn";
    public static final String TRAINING = "https://daotaoegw.baohiemxahoi.gov.vn";

    public static GatewaySettings from(Environment env) {
        String url = env.getProperty("vnemr.bhyt.gateway.url", TRAINING);
        String facility = env.getProperty("vnemr.bhyt.gateway.facility-code",
                env.getProperty("vnemr.facility.code", ""));
        return new GatewaySettings(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                env.getProperty("vnemr.bhyt.gateway.username", ""), env.getProperty("vnemr.bhyt.gateway.password", ""),
                env.getProperty("vnemr.bhyt.gateway.province-code",
                        facility.length() >= 2 ? facility.substring(0, 2) : ""), facility);
    }

    public boolean configured() {
        return !username.isBlank() && !password.isBlank() && !facilityCode.isBlank();
    }
}

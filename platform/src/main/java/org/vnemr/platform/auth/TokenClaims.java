package org.vnemr.platform.auth;

import java.time.Instant;
import java.util.List;

/**
 * Who an access token speaks for: a person (subject = user name) or a backend client (subject = client id,
 * {@code client} true), with roles, departments, practitioner and the SMART scope granted.
 */
public record TokenClaims(String subject, boolean client, List<String> roles, List<String> departments,
                          String practitioner, String scope, Instant expires, String tokenId) {
}

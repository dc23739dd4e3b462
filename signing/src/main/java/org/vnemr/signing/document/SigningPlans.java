package org.vnemr.signing.document;

import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The signing plan of each document type: the roles that sign, in order (e.g. a discharge paper: the attending
 * physician, then the head of department; a consent form: the physician, then the patient or a relative by
 * OTP). Read from {@code vnemr/signing/signing-plans.properties}; a facility overrides a plan with
 * {@code vnemr.signing.plan.<LOINC code>=role,role} (given here as {@code overrides}).
 */
public final class SigningPlans {

    private static final String RESOURCE = "/vnemr/signing/signing-plans.properties";

    /** How a step is confirmed. */
    public enum Method { CERTIFICATE, OTP }

    /** A role that may sign: its display, ASTM E1762 signature type, Provenance participant type and method. */
    public record Role(String code, String display, String signatureType, String participantType, Method method) {
    }

    /** One step of a plan; {@code index} counts from 0. */
    public record Step(int index, Role role) {
    }

    private final Map<String, List<String>> plans = new HashMap<>();
    private final Map<String, Role> roles = new HashMap<>();

    public SigningPlans(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (InputStream in = SigningPlans.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith("plan.")) {
                plans.put(key.substring(5), List.of(value.split("\\s*,\\s*")));
            } else if (key.startsWith("role.")) {
                String[] parts = value.split("\\|");
                roles.put(key.substring(5), new Role(key.substring(5), parts[0], parts[1], parts[2],
                        Method.valueOf(parts[3].trim().toUpperCase(java.util.Locale.ROOT))));
            }
        }
        overrides.forEach((code, value) -> plans.put(code, List.of(value.trim().split("\\s*,\\s*"))));
        plans.forEach((code, steps) -> steps.forEach(role -> {
            if (!roles.containsKey(role)) {
                throw new IllegalStateException("Signing plan " + code + " names unknown role " + role);
            }
        }));
    }

    public SigningPlans() {
        this(Map.of());
    }

    /** The plan of a document type (its LOINC code), or the default plan. */
    public List<Step> plan(String typeCode) {
        List<String> names = plans.getOrDefault(typeCode == null ? "default" : typeCode, plans.get("default"));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            steps.add(new Step(i, roles.get(names.get(i))));
        }
        return steps;
    }

    public Role role(String code, String typeCode) {
        Role role = roles.get(code);
        if (role == null) {
            throw new SigningException("VNEMR-4104", code, typeCode);
        }
        return role;
    }
}

package org.vnemr.emr.web;

import org.vnemr.platform.access.Permission;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Quyền cần có: the permission a screen's handler needs, decided by platform's {@code AccessDecision} — the same
 * decision point as the FHIR API — for the logged-in user's roles, departments and hours. Every handler method of a
 * screen carries one; a handler without it is refused (fail closed), except login and the home page.
 *
 * <p>{@link #patient()} names where the patient comes from, so that department and own-patient scopes can be
 * checked and the access audited: {@code "patientId"} (a path variable holding a Patient id), {@code "encounterId"}
 * (a path variable holding an Encounter id; its subject is the patient), or empty for screens not about one patient
 * (queues, lists, search).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {

    Permission value();

    /** Path variable carrying the patient ({@code patientId}) or the visit ({@code encounterId}); empty if none. */
    String patient() default "";
}

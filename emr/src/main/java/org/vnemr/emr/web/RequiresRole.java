package org.vnemr.emr.web;

import org.vnemr.platform.access.Role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chỉ dành cho vai trò: for screens about the system itself rather than patients' records — the audit trail
 * (auditor, administrator), accounts (administrator) — which the permission × scope matrix does not describe. Only
 * the listed roles, within their working hours, may open them; the access-matrix test and page include them.
 * A handler carries either this or {@link Requires}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    Role[] value();
}

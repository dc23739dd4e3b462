package org.vnemr.emr.inpatient;

import java.util.Set;

/**
 * Loại khoa: the kind of a department is its {@code Organization.type} text (clinical-data.md). The kinds here are
 * the clinical departments that admit patients; each names the admission record form its doctors open by default
 * ({@code departmentKinds} of the files in {@code vnemr/records/}). A department of any other kind does not admit;
 * a kind no form claims opens the internal-medicine form, and the doctor can always pick another one.
 */
public final class DepartmentKinds {

    /** Kinds of the departments that admit, one per specialty form of TT 32/2023 that we ship. */
    public static final Set<String> INPATIENT = Set.of(
            "noi", "ngoai", "nhi", "san",
            "phu-khoa", "so-sinh", "truyen-nhiem", "tam-than", "da-lieu", "huyet-hoc", "bong", "ung-buou",
            "rhm", "tmh", "mat", "yhct", "phcn");

    private DepartmentKinds() {
    }

    public static boolean admits(String kind) {
        return kind != null && INPATIENT.contains(kind);
    }
}

package org.vnemr.terminology.catalogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The national catalogues (danh mục dùng chung) a facility keeps with their prices. Each has its own importer,
 * its own FHIR CodeSystem canonical and its own timeline of versions.
 */
public enum CatalogueKind {

    /** Danh mục thuốc (tân dược): MA_THUOC, hoạt chất, hàm lượng, đường dùng, số đăng ký, giá BHYT, tỷ lệ. */
    DRUG("drug", "Danh mục thuốc", "https://vnemr.org/fhir/CodeSystem/catalogue-drug", true),
    /** Danh mục dịch vụ kỹ thuật (DVKT), mã {@code CC.KKKK.GGGG} (QĐ 2010/QĐ-BYT 2025). */
    SERVICE("service", "Danh mục dịch vụ kỹ thuật", "https://vnemr.org/fhir/CodeSystem/catalogue-service", true),
    /** Danh mục vật tư y tế (VTYT). */
    SUPPLY("supply", "Danh mục vật tư y tế", "https://vnemr.org/fhir/CodeSystem/catalogue-supply", true),
    /** Danh mục giường bệnh của cơ sở (MA_KHOA + MA_GIUONG) với giá ngày giường. */
    BED("bed", "Danh mục giường bệnh", "https://vnemr.org/fhir/CodeSystem/catalogue-bed", true),
    /** Danh mục khoa (MA_KHOA). */
    DEPARTMENT("department", "Danh mục khoa", "https://vnemr.org/fhir/CodeSystem/catalogue-department", false),
    /** Đối tượng KCB (MA_DOITUONG_KCB, QĐ 3276/QĐ-BYT): the VN Core code system. */
    PATIENT_CATEGORY("patient-category", "Danh mục đối tượng khám bệnh, chữa bệnh",
            "http://fhir.hl7.org.vn/core/CodeSystem/vn-patient-visit-type-cs", false),
    /** Loại KCB (MA_LOAI_KCB, QĐ 824/2023, 16 mã từ 01/08/2026 theo QĐ 1804/2026): the VN Core code system. */
    VISIT_TYPE("visit-type", "Danh mục hình thức khám bệnh, chữa bệnh",
            "http://fhir.hl7.org.vn/core/CodeSystem/vn-encounter-type-cs", false);

    private final String slug;
    private final String title;
    private final String system;
    private final boolean priced;

    CatalogueKind(String slug, String title, String system, boolean priced) {
        this.slug = slug;
        this.title = title;
        this.system = system;
        this.priced = priced;
    }

    /** The name used on the command line, in operation parameters and in resource ids, e.g. {@code visit-type}. */
    public String slug() {
        return slug;
    }

    /** Vietnamese title, for CodeSystem.title and screens. */
    public String title() {
        return title;
    }

    /** The CodeSystem canonical URL of the catalogue (one URL, one {@code version} per catalogue version). */
    public String system() {
        return system;
    }

    /** Whether entries carry prices (BHYT price, service price, payment ratio). */
    public boolean priced() {
        return priced;
    }

    /** By slug or enum name, case-insensitive ({@code visit-type}, {@code VISIT_TYPE}). */
    public static Optional<CatalogueKind> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.slug.equals(wanted)).findFirst();
    }

    /** All slugs, for error messages and usage texts. */
    public static String slugs() {
        return Arrays.stream(values()).map(CatalogueKind::slug).collect(Collectors.joining(", "));
    }
}

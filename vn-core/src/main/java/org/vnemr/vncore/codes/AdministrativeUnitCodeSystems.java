package org.vnemr.vncore.codes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.terminology.TerminologySource;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.LegacyDistrict;
import org.vnemr.vncore.address.LegacyProvince;
import org.vnemr.vncore.address.Province;
import org.vnemr.vncore.address.Ward;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the administrative units as code systems: the 34 provinces and 3,321 wards of 2025 (each ward with a
 * {@code province} property), and the legacy 63 provinces and their districts (deprecated, with a {@code province}
 * property giving the 2025 province they became part of). Built from the same shipped files as
 * {@link AdministrativeUnits}, so codes, names and the forward mapping cannot disagree.
 */
public final class AdministrativeUnitCodeSystems implements TerminologySource {

    private final AdministrativeUnits units;

    public AdministrativeUnitCodeSystems(AdministrativeUnits units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "vn-core-admin-units";
    }

    @Override
    public String version() {
        return units.version();
    }

    @Override
    public List<ObjectNode> resources() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode cs : List.of(provinces(), wards(), legacyProvinces(), legacyDistricts())) {
            out.add(cs);
            out.add(CodeSystemJson.allCodesValueSet(cs));
        }
        return out;
    }

    ObjectNode provinces() {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-province-cs", "Danh mục Tỉnh/Thành phố (từ 01/07/2025)",
                "34 đơn vị hành chính cấp tỉnh theo QĐ 19/2025/QĐ-TTg (Nghị quyết 202/2025/QH15). "
                        + "Canonical chosen by vnemr: the IG's province CodeSystem canonical was not captured.",
                version());
        for (Province p : units.provinces()) {
            ObjectNode c = CodeSystemJson.concept(cs, p.code(), p.fullName());
            CodeSystemJson.designation(c, "en", p.nameEn());
        }
        return cs;
    }

    ObjectNode wards() {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-ward-cs", "Danh mục Xã/Phường/Đặc khu (từ 01/07/2025)",
                "3.321 đơn vị hành chính cấp xã sau sắp xếp 2025; thuộc tính province = mã tỉnh. "
                        + "Canonical chosen by vnemr: the IG's ward CodeSystem canonical was not captured.",
                version());
        CodeSystemJson.property(cs, "province", "code", "Mã tỉnh/thành (vn-province-cs) chứa xã/phường này");
        for (Ward w : units.wards()) {
            ObjectNode c = CodeSystemJson.concept(cs, w.code(), w.fullName());
            CodeSystemJson.designation(c, "en", w.nameEn());
            CodeSystemJson.conceptProperty(c, "province", "valueCode", w.provinceCode());
        }
        return cs;
    }

    ObjectNode legacyProvinces() {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-legacy-province-cs",
                "Danh mục Tỉnh/Thành phố cũ (63 đơn vị, trước 01/07/2025)",
                "Mã tỉnh cũ — cũng là mã nơi đăng ký khai sinh trong số CCCD và ký tự 4–5 của mã thẻ BHYT 15 ký tự. "
                        + "Thuộc tính province = mã tỉnh mới (suy ra từ dữ liệu). Canonical chosen by vnemr.",
                version());
        CodeSystemJson.property(cs, "status", "code", "deprecated: không còn hiệu lực từ 01/07/2025");
        CodeSystemJson.property(cs, "province", "code", "Mã tỉnh/thành mới (vn-province-cs) đã sáp nhập vào");
        for (LegacyProvince p : units.legacyProvinces()) {
            ObjectNode c = CodeSystemJson.concept(cs, p.code(), p.fullName());
            CodeSystemJson.conceptProperty(c, "status", "valueCode", "deprecated");
            CodeSystemJson.conceptProperty(c, "province", "valueCode", p.newProvinceCode());
        }
        return cs;
    }

    ObjectNode legacyDistricts() {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-legacy-district-gso-cs",
                "Danh mục Quận/Huyện cũ (mã 3 chữ số của Tổng cục Thống kê, trước 01/07/2025)",
                "Quận/huyện/thị xã/thành phố thuộc tỉnh trước 01/07/2025 (MAHUYEN trong XML cũ). Thuộc tính "
                        + "legacyProvince = mã tỉnh cũ, province = mã tỉnh mới. The IG's vn-district-cs uses a "
                        + "different 5-digit coding, so this list has its own canonical, chosen by vnemr.",
                version());
        CodeSystemJson.property(cs, "status", "code", "deprecated: cấp huyện không còn từ 01/07/2025");
        CodeSystemJson.property(cs, "legacyProvince", "code", "Mã tỉnh cũ (vn-legacy-province-cs)");
        CodeSystemJson.property(cs, "province", "code", "Mã tỉnh/thành mới (vn-province-cs)");
        for (LegacyDistrict d : units.legacyDistricts()) {
            ObjectNode c = CodeSystemJson.concept(cs, d.code(), d.fullName());
            CodeSystemJson.conceptProperty(c, "status", "valueCode", "deprecated");
            CodeSystemJson.conceptProperty(c, "legacyProvince", "valueCode", d.legacyProvinceCode());
            CodeSystemJson.conceptProperty(c, "province", "valueCode",
                    units.legacyProvince(d.legacyProvinceCode()).orElseThrow().newProvinceCode());
        }
        return cs;
    }
}

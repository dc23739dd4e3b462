package org.vnemr.emr.inpatient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admission record forms shipped as data load, and each has the parts of TT 32/2023 Phần B it must have. */
class RecordTemplatesTest {

    private final RecordTemplates templates = new RecordTemplates();

    @Test
    void theFourDepartmentFormsAreShipped_andEachDepartmentKindFindsItsOwn() {
        assertThat(templates.all()).extracting(RecordTemplate::code).contains("benh-an-noi-khoa",
                "benh-an-ngoai-khoa", "benh-an-nhi-khoa", "benh-an-san-khoa");
        assertThat(templates.forDepartmentKind("san").code()).isEqualTo("benh-an-san-khoa");
        assertThat(templates.forDepartmentKind("nhi").code()).isEqualTo("benh-an-nhi-khoa");
        assertThat(templates.forDepartmentKind("ngoai").code()).isEqualTo("benh-an-ngoai-khoa");
        assertThat(templates.forDepartmentKind("khong-co").code()).isEqualTo("benh-an-noi-khoa");
    }

    @Test
    void everyFormHasThePartBSectionsAndARequiredMainDiagnosis() {
        for (RecordTemplate t : templates.all()) {
            assertThat(t.sections()).extracting(RecordTemplate.Section::id).as(t.code()).contains("ly-do-vao-vien",
                    "hoi-benh", "kham-toan-than", "tom-tat-benh-an", "chan-doan", "tien-luong", "huong-dieu-tri");
            assertThat(t.fields()).filteredOn(f -> f.id().equals("chanDoanBenhChinh"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.type()).isEqualTo("icd");
                        assertThat(f.required()).isTrue();
                    });
        }
    }

    @Test
    void theSpecialtyFormsAddTheirOwnFields() {
        assertThat(templates.byCode("benh-an-san-khoa").orElseThrow().fields())
                .extracting(RecordTemplate.Field::id).contains("para", "kinhCuoiCung", "tuoiThai", "timThai");
        assertThat(templates.byCode("benh-an-nhi-khoa").orElseThrow().fields())
                .extracting(RecordTemplate.Field::id).contains("tinhTrangKhiSinh", "phatTrienTinhThanVanDong",
                        "tiemChung");
        assertThat(templates.byCode("benh-an-ngoai-khoa").orElseThrow().fields())
                .extracting(RecordTemplate.Field::id).contains("viTriPhauThuat", "chiDinhPhauThuat");
    }
}

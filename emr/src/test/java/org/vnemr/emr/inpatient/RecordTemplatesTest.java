package org.vnemr.emr.inpatient;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The admission record forms shipped as data load, and each has the parts of TT 32/2023 Phần B it must have. */
class RecordTemplatesTest {

    private static final Set<String> TYPES = Set.of("text", "longtext", "number", "date", "choice", "icd");

    private final RecordTemplates templates = new RecordTemplates();

    @Test
    void theDepartmentFormsAreShipped_andEachDepartmentKindFindsItsOwn() {
        assertThat(templates.all()).extracting(RecordTemplate::code).contains("benh-an-noi-khoa",
                "benh-an-ngoai-khoa", "benh-an-nhi-khoa", "benh-an-san-khoa", "benh-an-truyen-nhiem",
                "benh-an-phu-khoa", "benh-an-so-sinh", "benh-an-tam-than", "benh-an-da-lieu",
                "benh-an-huyet-hoc-truyen-mau", "benh-an-bong", "benh-an-ung-buou", "benh-an-rang-ham-mat",
                "benh-an-tai-mui-hong", "benh-an-y-hoc-co-truyen", "benh-an-mat-ban-phan-truoc",
                "benh-an-mat-chan-thuong", "benh-an-phuc-hoi-chuc-nang", "benh-an-mat-day-mat", "benh-an-mat-glocom",
                "benh-an-mat-lac", "benh-an-mat-tre-em", "benh-an-nhi-y-hoc-co-truyen",
                "benh-an-phuc-hoi-chuc-nang-nhi");
        assertThat(templates.forDepartmentKind("san").code()).isEqualTo("benh-an-san-khoa");
        assertThat(templates.forDepartmentKind("nhi").code()).isEqualTo("benh-an-nhi-khoa");
        assertThat(templates.forDepartmentKind("ngoai").code()).isEqualTo("benh-an-ngoai-khoa");
        assertThat(templates.forDepartmentKind("mat").code()).isEqualTo("benh-an-mat-ban-phan-truoc");
        assertThat(templates.forDepartmentKind("yhct").code()).isEqualTo("benh-an-y-hoc-co-truyen");
        assertThat(templates.forDepartmentKind("so-sinh").code()).isEqualTo("benh-an-so-sinh");
    }

    @Test
    void aDepartmentOfAnUnknownOrMissingKind_getsTheInternalMedicineForm() {
        assertThat(templates.forDepartmentKind("khong-co").code()).isEqualTo("benh-an-noi-khoa");
        assertThat(templates.forDepartmentKind(null).code()).isEqualTo("benh-an-noi-khoa");
        assertThat(templates.forDepartmentKind("").code()).isEqualTo("benh-an-noi-khoa");
    }

    @Test
    void everyAdmittingDepartmentKindIsClaimedByExactlyOneForm_andFormsClaimOnlyAdmittingKinds() {
        Map<String, List<String>> claims = new HashMap<>();
        for (RecordTemplate t : templates.all()) {
            for (String kind : t.departmentKinds()) {
                claims.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(t.code());
            }
        }
        assertThat(claims.keySet()).containsExactlyInAnyOrderElementsOf(DepartmentKinds.INPATIENT);
        claims.forEach((kind, codes) -> assertThat(codes).as(kind).hasSize(1));
        assertThat(DepartmentKinds.admits("mat")).isTrue();
        assertThat(DepartmentKinds.admits("cls")).isFalse();
        assertThat(DepartmentKinds.admits(null)).isFalse();
    }

    @Test
    void everyFormIsWellFormed_vietnameseTitlesNumberedFormUniqueCamelCaseIdsKnownTypesSaneRanges() {
        Set<String> numbers = new HashSet<>();
        for (RecordTemplate t : templates.all()) {
            String code = t.code();
            assertThat(code).matches("benh-an-[a-z]+(-[a-z]+)*");
            assertThat(t.title()).as(code).startsWith("Bệnh án ").matches(".*[à-ỹ].*");
            assertThat(t.form()).as(code).startsWith("TT 32/2023/TT-BYT – " + t.title() + " (MS: ")
                    .matches(".*\\(MS: \\d\\d/BV1\\)");
            assertThat(numbers.add(t.form().replaceAll(".*\\(MS: (\\d\\d/BV1)\\)", "$1"))).as(code).isTrue();
            assertThat(t.departmentKinds()).as(code).isNotNull();
            Set<String> sections = new HashSet<>();
            for (RecordTemplate.Section s : t.sections()) {
                assertThat(sections.add(s.id())).as(code + " section " + s.id()).isTrue();
                assertThat(s.id()).matches("[a-z]+(-[a-z]+)*");
                assertThat(s.title()).as(code + " " + s.id()).isNotBlank();
                assertThat(s.fields()).as(code + " " + s.id()).isNotEmpty();
            }
            Set<String> ids = new HashSet<>();
            for (RecordTemplate.Field f : t.fields()) {
                String where = code + " " + f.id();
                assertThat(ids.add(f.id())).as(where).isTrue();
                assertThat(f.id()).as(where).matches("[a-z][a-zA-Z0-9]*");
                assertThat(f.type()).as(where).isIn(TYPES);
                assertThat(f.label()).as(where).isNotBlank();
                if (f.min() != null && f.max() != null) {
                    assertThat(f.min()).as(where).isLessThan(f.max());
                }
                if ("choice".equals(f.type())) {
                    assertThat(f.choices()).as(where).isNotEmpty();
                    assertThat(f.choices().stream().map(RecordTemplate.Choice::code).distinct().count())
                            .as(where).isEqualTo(f.choices().size());
                } else {
                    assertThat(f.choices()).as(where).isEmpty();
                }
            }
        }
    }

    @Test
    void vitalSignsCarryTheirLoincAndUnitInEveryForm_andPulseAndTemperatureAreRequired() {
        Map<String, VitalSigns.Sign> byField = VitalSigns.SIGNS.stream()
                .collect(Collectors.toMap(VitalSigns.Sign::field, s -> s));
        for (RecordTemplate t : templates.all()) {
            for (RecordTemplate.Field f : t.fields()) {
                String where = t.code() + " " + f.id();
                if (f.loinc() != null) {
                    assertThat(VitalSigns.byLoinc(f.loinc())).as(where + " LOINC is a vital sign").isPresent();
                }
                VitalSigns.Sign sign = byField.get(f.id());
                if (sign != null) {
                    assertThat(f.type()).as(where).isEqualTo("number");
                    assertThat(f.loinc()).as(where).isEqualTo(sign.loinc());
                    assertThat(f.unit()).as(where).isEqualTo(sign.shownUnit());
                }
            }
            assertThat(t.sections()).filteredOn(s -> s.id().equals("kham-toan-than")).singleElement()
                    .satisfies(s -> assertThat(s.fields()).filteredOn(f -> Set.of("mach", "nhietDo").contains(f.id()))
                            .hasSize(2).allMatch(RecordTemplate.Field::required));
        }
    }

    @Test
    void aFieldIdMeansTheSameInEveryForm_soReadersCanTakeItById() {
        Map<String, String> shape = new HashMap<>();
        for (RecordTemplate t : templates.all()) {
            for (RecordTemplate.Field f : t.fields()) {
                String mine = f.type() + "|" + f.unit() + "|" + f.loinc();
                String first = shape.putIfAbsent(f.id(), mine);
                assertThat(first == null ? mine : first).as(t.code() + " " + f.id()).isEqualTo(mine);
            }
        }
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
            assertThat(t.fields()).filteredOn(RecordTemplate.Field::required).extracting(RecordTemplate.Field::id)
                    .as(t.code()).contains("lyDoVaoVien", "benhSu", "khamToanThan", "tomTatBenhAn", "huongDieuTri");
        }
    }

    @Test
    void theSpecialtyFormsAddTheirOwnFields() {
        assertThat(ids("benh-an-san-khoa")).contains("para", "kinhCuoiCung", "tuoiThai", "timThai");
        assertThat(ids("benh-an-nhi-khoa")).contains("tinhTrangKhiSinh", "phatTrienTinhThanVanDong", "tiemChung");
        assertThat(ids("benh-an-ngoai-khoa")).contains("viTriPhauThuat", "chiDinhPhauThuat");
        assertThat(ids("benh-an-truyen-nhiem")).contains("yeuToDichTe", "tiepXucNguoiBenh");
        assertThat(ids("benh-an-so-sinh")).contains("apgar1Phut", "apgar5Phut", "canNangKhiSinh", "tuoiThaiKhiSinh");
        assertThat(ids("benh-an-tam-than")).contains("yThucDinhHuong", "triGiac", "tuDuy", "hanhVi");
        assertThat(ids("benh-an-y-hoc-co-truyen")).contains("vongChan", "thietChan", "batCuong", "chanDoanYhct");
        assertThat(ids("benh-an-rang-ham-mat")).contains("soDoRang", "khopCan");
        assertThat(ids("benh-an-tai-mui-hong")).contains("taiPhai", "taiTrai", "mui", "hong", "thanhQuan");
        assertThat(ids("benh-an-phuc-hoi-chuc-nang")).contains("chiSoBarthel", "chanDoanChucNang", "mucTieuPhcn");
        assertThat(ids("benh-an-phuc-hoi-chuc-nang-nhi")).contains("mocPhatTrien", "chanDoanChucNang", "mucTieuPhcn");
        assertThat(ids("benh-an-nhi-y-hoc-co-truyen")).contains("tinhTrangKhiSinh", "tiemChung", "batCuong",
                "chanDoanYhct");
        assertThat(ids("benh-an-mat-glocom")).contains("tiLeLomDiaMP", "gocTienPhongMT", "thiTruongMP");
        assertThat(ids("benh-an-mat-lac")).contains("gocLac", "testCheMat");
        List<String> eyeForms = templates.all().stream().map(RecordTemplate::code)
                .filter(c -> c.startsWith("benh-an-mat-")).toList();
        assertThat(eyeForms).hasSize(6);
        for (String eye : eyeForms) {
            RecordTemplate t = templates.byCode(eye).orElseThrow();
            assertThat(t.fields()).filteredOn(f -> f.id().startsWith("thiLucKhongKinh")).as(eye)
                    .extracting(RecordTemplate.Field::id).containsExactly("thiLucKhongKinhMP", "thiLucKhongKinhMT");
            assertThat(t.fields()).filteredOn(f -> f.id().startsWith("thiLucKhongKinh"))
                    .allMatch(RecordTemplate.Field::required);
            assertThat(ids(eye)).contains("nhanApMP", "nhanApMT");
        }
        RecordTemplate.Field burnArea = templates.byCode("benh-an-bong").orElseThrow().fields().stream()
                .filter(f -> f.id().equals("dienTichBong")).findFirst().orElseThrow();
        assertThat(burnArea.required()).isTrue();
        assertThat(burnArea.max()).isEqualByComparingTo(BigDecimal.valueOf(100));
    }

    @Test
    void theFormTableOfTheDocsListsEveryShippedForm() throws IOException {
        String doc = Files.readString(Path.of("../docs/architecture/record-forms.md"), StandardCharsets.UTF_8);
        for (RecordTemplate t : templates.all()) {
            String number = t.form().replaceAll(".*\\(MS: (\\d\\d/BV1)\\)", "$1");
            assertThat(doc).as(t.code()).containsPattern("\\| " + number + " \\|[^\\n]*`" + t.code() + "`");
        }
    }

    private List<String> ids(String code) {
        return templates.byCode(code).orElseThrow().fields().stream().map(RecordTemplate.Field::id).toList();
    }
}

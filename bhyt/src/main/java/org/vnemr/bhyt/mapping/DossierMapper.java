package org.vnemr.bhyt.mapping;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.Xml130Values;
import org.vnemr.bhyt.xml130.model.Xml0CheckIn;
import org.vnemr.bhyt.xml130.model.Xml13GiayChuyenTuyen;
import org.vnemr.bhyt.xml130.model.Xml14GiayHenKhamLai;
import org.vnemr.bhyt.xml130.model.Xml1TongHop;
import org.vnemr.bhyt.xml130.model.Xml2Thuoc;
import org.vnemr.bhyt.xml130.model.Xml3DvktVtyt;
import org.vnemr.bhyt.xml130.model.Xml4Cls;
import org.vnemr.bhyt.xml130.model.Xml5DienBienLs;
import org.vnemr.bhyt.xml130.model.Xml7GiayRaVien;
import org.vnemr.bhyt.xml130.model.Xml8TomTatHsba;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the XML tables of one visit from its FHIR record (the shapes of docs/architecture/clinical-data.md).
 * Amounts come from the ChargeItems' {@code charge-split} (total, bhyt, patient, outOfScope) so the XML and the
 * bill always agree; XML1's totals are the sums of the XML2/XML3 lines. Fields with no FHIR source are left empty
 * and listed in docs/architecture/bhyt-xml.md.
 *
 * @param maTtdv    practising-licence number of the facility head who signs (MA_TTDV; not in the record)
 * @param catalogue strength, registration number and tender data of drugs and supplies (from the catalogue)
 */
public record DossierMapper(String maTtdv, CatalogueInfo catalogue) {

    public DossierMapper(String maTtdv) {
        this(maTtdv, CatalogueInfo.none());
    }

    static final String SECTION_DIAGNOSIS = "chan-doan";
    static final String SECTION_TREATMENT = "phuong-phap-dieu-tri";
    static final String SECTION_ADVICE = "loi-dan";
    static final String SECTION_HISTORY = "qua-trinh-benh-ly";
    static final String SECTION_RESULTS = "tom-tat-ket-qua-cls";
    static final String SECTION_SIGNS = "dau-hieu-lam-sang";
    static final String SECTION_SERVICES = "dich-vu-da-lam";
    static final String SECTION_DRUGS = "thuoc-da-dung";
    static final String SECTION_PLAN = "huong-dieu-tri";
    static final String SECTION_TRANSPORT = "phuong-tien-van-chuyen";
    static final String SECTION_ESCORT = "nguoi-ho-tong";
    static final String SECTION_COURSE = "dien-bien";
    static final String SECTION_STAGE = "giai-doan-benh";
    static final String SECTION_CONSULT = "hoi-chan";
    static final String SECTION_SURGERY = "phau-thuat";
    static final String CS_REFERRAL_REASON = ContractUrls.V + "CodeSystem/ly-do-chuyen-tuyen";

    public Dossier map(VisitRecord visit) {
        Dossier dossier = new Dossier();
        String maLk = maLk(visit);
        List<Xml2Thuoc> drugs = xml2(visit, maLk);
        List<Xml3DvktVtyt> services = xml3(visit, maLk);
        dossier.add(xml1(visit, maLk, drugs, services));
        drugs.forEach(dossier::add);
        services.forEach(dossier::add);
        xml4(visit, maLk).forEach(dossier::add);
        xml5(visit, maLk).forEach(dossier::add);
        visit.composition("giay-ra-vien").ifPresent(c -> dossier.add(xml7(visit, maLk, c)));
        visit.composition("tom-tat-ho-so").ifPresent(c -> dossier.add(xml8(visit, maLk, c)));
        referral(visit).ifPresent(r -> dossier.add(xml13(visit, maLk, r)));
        appointments(visit).stream().findFirst().ifPresent(a -> dossier.add(xml14(visit, maLk, a)));
        return dossier;
    }

    // ---- XML0 / XML1 -----------------------------------------------------------------------------------------

    static String maLk(VisitRecord visit) {
        return Fhir.identifier(visit.encounter.getIdentifier(), ContractUrls.SID_MA_LK);
    }

    /** The check-in record (XML0), sent at the first cost of the visit. */
    public Xml0CheckIn checkIn(VisitRecord visit) {
        Patient p = visit.patient;
        Encounter e = visit.encounter;
        FirstCost first = firstCost(visit);
        return Xml0CheckIn.builder().maLk(maLk(visit)).stt(1L)
                .maBn(Fhir.identifier(p.getIdentifier(), ContractUrls.SID_MA_BN)).hoTen(name(p))
                .soCccd(cccd(p)).ngaySinh(birth(p)).gioiTinh(sex(p))
                .maTheBhyt(card(visit)).maDkbd(primaryCare(visit)).gtTheTu(cardFrom(visit)).gtTheDen(cardTo(visit))
                .maDoituongKcb(Fhir.codingExtension(e, ContractUrls.EXT_VISIT_TYPE))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayVaoNoiTru(inpatient(e) ? Xml130Values.timestamp(e.getPeriod().getStart()) : "")
                .lyDoVnt(inpatient(e) ? reason(e) : "")
                .maLoaiKcb(Fhir.code(e.getTypeFirstRep(), ContractUrls.CS_ENCOUNTER_TYPE))
                .maCskcb(facility(visit)).maDichVu(first.service).tenDichVu(first.serviceName)
                .maThuoc(first.drug).tenThuoc(first.drugName).maVatTu(first.supply).tenVatTu(first.supplyName)
                .ngayYl(first.when).build();
    }

    record FirstCost(String service, String serviceName, String drug, String drugName, String supply,
                     String supplyName, String when) {
    }

    /** The first cost of the visit, which triggers the check-in (QĐ 130 Đ3 as amended by 4750). */
    static FirstCost firstCost(VisitRecord visit) {
        ChargeItem first = visit.charges.stream()
                .filter(c -> c.getStatus() != ChargeItem.ChargeItemStatus.ENTEREDINERROR)
                .min(Comparator.comparing(c -> c.getOccurrenceDateTimeType().getValue())).orElse(null);
        if (first == null) {
            return new FirstCost("", "", "", "", "", "", "");
        }
        String when = Xml130Values.timestamp(first.getOccurrenceDateTimeType().getValue());
        Coding drug = Fhir.coding(first.getCode(), ContractUrls.CS_DRUG);
        Coding supply = Fhir.coding(first.getCode(), ContractUrls.CS_SUPPLY);
        if (drug != null) {
            return new FirstCost("", "", drug.getCode(), drug.getDisplay(), "", "", when);
        }
        if (supply != null) {
            return new FirstCost("", "", "", "", supply.getCode(), supply.getDisplay(), when);
        }
        Coding service = first.getCode().getCodingFirstRep();
        return new FirstCost(service.getCode(), service.getDisplay(), "", "", "", "", when);
    }

    Xml1TongHop xml1(VisitRecord visit, String maLk, List<Xml2Thuoc> drugs, List<Xml3DvktVtyt> services) {
        Patient p = visit.patient;
        Encounter e = visit.encounter;
        String type = Fhir.code(e.getTypeFirstRep(), ContractUrls.CS_ENCOUNTER_TYPE);
        Date end = e.getPeriod().getEnd();
        ZonedDateTime settled = end == null ? null : ZonedDateTime.ofInstant(end.toInstant(), Xml130Values.VIETNAM);
        BigDecimal drugTotal = sum(drugs.stream().map(Xml2Thuoc::thanhTienBv).toList());
        BigDecimal supplyTotal = sum(services.stream().filter(s -> s.maVatTu() != null && !s.maVatTu().isEmpty())
                .map(Xml3DvktVtyt::thanhTienBv).toList());
        List<BigDecimal> bv = new ArrayList<>(drugs.stream().map(Xml2Thuoc::thanhTienBv).toList());
        bv.addAll(services.stream().map(Xml3DvktVtyt::thanhTienBv).toList());
        List<BigDecimal> bh = new ArrayList<>(drugs.stream().map(Xml2Thuoc::thanhTienBh).toList());
        bh.addAll(services.stream().map(Xml3DvktVtyt::thanhTienBh).toList());
        List<BigDecimal> bhtt = new ArrayList<>(drugs.stream().map(Xml2Thuoc::tBhtt).toList());
        bhtt.addAll(services.stream().map(Xml3DvktVtyt::tBhtt).toList());
        List<BigDecimal> bncct = new ArrayList<>(drugs.stream().map(Xml2Thuoc::tBncct).toList());
        bncct.addAll(services.stream().map(Xml3DvktVtyt::tBncct).toList());
        List<BigDecimal> bntt = new ArrayList<>(drugs.stream().map(Xml2Thuoc::tBntt).toList());
        bntt.addAll(services.stream().map(Xml3DvktVtyt::tBntt).toList());
        Composition discharge = visit.composition("giay-ra-vien").orElse(null);
        Diagnoses dx = diagnoses(visit);
        return Xml1TongHop.builder().maLk(maLk).stt(1L)
                .maBn(Fhir.identifier(p.getIdentifier(), ContractUrls.SID_MA_BN)).hoTen(name(p)).soCccd(cccd(p))
                .ngaySinh(birth(p)).gioiTinh(sex(p))
                .maQuoctich(codeExtension(p, ContractUrls.EXT_NATIONALITY))
                .maDantoc(codeExtension(p, ContractUrls.EXT_ETHNICITY))
                .maNgheNghiep(codeExtension(p, ContractUrls.EXT_OCCUPATION))
                .diaChi(p.getAddressFirstRep().getText())
                .matinhCuTru(addressCode(p, ContractUrls.EXT_PROVINCE))
                .mahuyenCuTru(addressCode(p, ContractUrls.EXT_DISTRICT))
                .maxaCuTru(addressCode(p, ContractUrls.EXT_WARD))
                .dienThoai(p.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                        .map(ContactPoint::getValue).findFirst().orElse(""))
                .maTheBhyt(card(visit)).maDkbd(primaryCare(visit)).gtTheTu(cardFrom(visit)).gtTheDen(cardTo(visit))
                .lyDoVv(reason(e)).lyDoVnt(inpatient(e) ? reason(e) : "")
                .chanDoanVao(dx.admissionText).chanDoanRv(dx.dischargeText).maBenhChinh(dx.main)
                .maBenhKt(Xml130Values.list(dx.secondary)).maBenhYhct(Xml130Values.list(dx.yhct))
                .maDoituongKcb(Fhir.codingExtension(e, ContractUrls.EXT_VISIT_TYPE))
                .maNoiDen(referral(visit).map(r -> visit.organization(r.getPerformerFirstRep())
                        .map(o -> Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_CSKCB)).orElse("")).orElse(""))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayVaoNoiTru(inpatient(e) ? Xml130Values.timestamp(e.getPeriod().getStart()) : "")
                .ngayRa(Xml130Values.timestamp(end))
                .giayChuyenTuyen(visit.composition("giay-chuyen-tuyen")
                        .map(c -> c.getIdentifier().getValue()).orElse(""))
                .soNgayDtri(treatmentDays(e, type, services))
                .ppDieuTri(Fhir.section(discharge, SECTION_TREATMENT))
                .ketQuaDtri(parseInt(Fhir.codingExtension(e, ContractUrls.EXT_OUTCOME)))
                .maLoaiRv(parseInt(e.getHospitalization().getDischargeDisposition().getCoding().stream()
                        .filter(c -> ContractUrls.CS_DISCHARGE.equals(c.getSystem())).map(Coding::getCode)
                        .findFirst().orElse("")))
                .ghiChu(Fhir.section(discharge, SECTION_ADVICE))
                .tThuoc(drugTotal).tVtyt(supplyTotal).tTongchiBv(sum(bv)).tTongchiBh(sum(bh)).tBntt(sum(bntt))
                .tBncct(sum(bncct)).tBhtt(sum(bhtt)).tNguonkhac(BigDecimal.ZERO).tBhttGdv(BigDecimal.ZERO)
                .namQt(settled == null ? null : settled.getYear())
                .thangQt(settled == null ? null : settled.getMonthValue())
                .maLoaiKcb(type).maKhoa(Xml130Values.list(departments(visit))).maCskcb(facility(visit))
                .canNang(vital(visit, "29463-7", 2)).ngayTaiKham(Xml130Values.list(appointments(visit).stream()
                        .map(a -> Xml130Values.date(a.getStart())).toList()))
                .maHsba(maHsba(e, maLk)).maTtdv(maTtdv).duPhong(vital(visit, "8302-2", 0))
                .build();
    }

    // ---- XML2 / XML3 ------------------------------------------------------------------------------------------

    List<Xml2Thuoc> xml2(VisitRecord visit, String maLk) {
        List<Xml2Thuoc> rows = new ArrayList<>();
        for (ChargeItem charge : lines(visit, ContractUrls.CS_DRUG)) {
            MedicationRequest request = visit.medications.stream()
                    .filter(m -> orders(charge).stream().anyMatch(s -> VisitRecord.key(s).equals(VisitRecord.key(m))))
                    .findFirst().orElse(null);
            Split split = split(charge);
            Coding code = Fhir.coding(charge.getCode(), ContractUrls.CS_DRUG);
            var dosage = request == null ? null : request.getDosageInstructionFirstRep();
            CatalogueInfo.Entry info = catalogue.find(ContractUrls.CS_DRUG, code.getCode())
                    .orElse(new CatalogueInfo.Entry("", "", "", ""));
            rows.add(Xml2Thuoc.builder().hamLuong(info.hamLuong()).soDangKy(info.soDangKy()).ttThau(info.ttThau())
                    .dangBaoChe(info.dangBaoChe()).tNguonkhacNsnn(BigDecimal.ZERO).tNguonkhacVtnn(BigDecimal.ZERO)
                    .tNguonkhacVttn(BigDecimal.ZERO).tNguonkhacCl(BigDecimal.ZERO).maLk(maLk).stt((long) rows.size() + 1).maThuoc(code.getCode())
                    .maNhom(4).tenThuoc(code.getDisplay()).donViTinh(charge.getQuantity().getUnit())
                    .duongDung(dosage == null ? "" : Fhir.code(dosage.getRoute(), ContractUrls.CS_ROUTE))
                    .lieuDung(dosage == null ? "" : dose(dosage)).cachDung(dosage == null ? "" : dosage.getText())
                    .phamVi(split.inScope() ? 1 : 2).tyleTtBh(new BigDecimal(100))
                    .soLuong(charge.getQuantity().getValue()).donGia(charge.getPriceOverride().getValue())
                    .thanhTienBv(split.total).thanhTienBh(split.bhScope()).tNguonkhac(BigDecimal.ZERO)
                    .mucHuong(benefit(visit)).tBntt(split.outOfScope).tBncct(split.patient).tBhtt(split.bhyt)
                    .maKhoa(department(visit, charge)).maBacSi(request == null ? attending(visit)
                            : Fhir.cchn(visit.practitioner(request.getRequester()).orElse(null)))
                    .ngayYl(Xml130Values.timestamp(request == null ? charge.getOccurrenceDateTimeType().getValue()
                            : request.getAuthoredOn()))
                    .ngayThYl(Xml130Values.timestamp(charge.getOccurrenceDateTimeType().getValue()))
                    .maPttt(1).nguonCtra(1).build());
        }
        return rows;
    }

    List<Xml3DvktVtyt> xml3(VisitRecord visit, String maLk) {
        List<Xml3DvktVtyt> rows = new ArrayList<>();
        List<ChargeItem> charges = new ArrayList<>(lines(visit, ContractUrls.CS_SERVICE));
        charges.addAll(lines(visit, ContractUrls.CS_BED));
        charges.addAll(lines(visit, ContractUrls.CS_SUPPLY));
        charges.sort(Comparator.comparing(c -> c.getOccurrenceDateTimeType().getValue()));
        Diagnoses dx = diagnoses(visit);
        List<String> codes = new ArrayList<>();
        codes.add(dx.main);
        codes.addAll(dx.secondary);
        String diseases = Xml130Values.list(codes);
        for (ChargeItem charge : charges) {
            Coding service = Fhir.coding(charge.getCode(), ContractUrls.CS_SERVICE);
            Coding bed = Fhir.coding(charge.getCode(), ContractUrls.CS_BED);
            Coding supply = Fhir.coding(charge.getCode(), ContractUrls.CS_SUPPLY);
            ServiceRequest request = visit.serviceRequests.stream()
                    .filter(s -> orders(charge).stream().anyMatch(r -> VisitRecord.key(r).equals(VisitRecord.key(s))))
                    .findFirst().orElse(null);
            Split split = split(charge);
            Date done = charge.getOccurrenceDateTimeType().getValue();
            Date ordered = request != null && request.getAuthoredOn() != null ? request.getAuthoredOn() : done;
            String result = request == null ? "" : visit.reports.stream()
                    .filter(r -> r.getBasedOn().stream().anyMatch(b -> VisitRecord.key(b).equals(VisitRecord.key(request))))
                    .map(r -> Xml130Values.timestamp(r.getEffectiveDateTimeType().getValue())).findFirst().orElse("");
            Xml3DvktVtyt.Builder row = Xml3DvktVtyt.builder().maLk(maLk).stt((long) rows.size() + 1)
                    .maNhom(group(service, bed, supply, request)).donViTinh(charge.getQuantity().getUnit())
                    .phamVi(split.inScope() ? 1 : 2).soLuong(charge.getQuantity().getValue())
                    .donGiaBv(charge.getPriceOverride().getValue()).donGiaBh(charge.getPriceOverride().getValue())
                    .tyleTtDv(new BigDecimal(100)).tyleTtBh(new BigDecimal(100)).thanhTienBv(split.total)
                    .thanhTienBh(split.bhScope()).mucHuong(benefit(visit)).tNguonkhac(BigDecimal.ZERO)
                    .tBntt(split.outOfScope).tBncct(split.patient).tBhtt(split.bhyt).maKhoa(department(visit, charge))
                    .tNguonkhacNsnn(BigDecimal.ZERO).tNguonkhacVtnn(BigDecimal.ZERO).tNguonkhacVttn(BigDecimal.ZERO)
                    .tNguonkhacCl(BigDecimal.ZERO).maBenh(diseases)
                    .maBacSi(request == null ? attending(visit)
                            : Fhir.cchn(visit.practitioner(request.getRequester()).orElse(null)))
                    .ngayYl(Xml130Values.timestamp(ordered)).ngayThYl(Xml130Values.timestamp(done))
                    .ngayKq(result).maPttt(1);
            if (supply != null) {
                row.maVatTu(supply.getCode()).tenVatTu(supply.getDisplay()).ttThau(catalogue
                        .find(ContractUrls.CS_SUPPLY, supply.getCode()).map(CatalogueInfo.Entry::ttThau).orElse(""));
            } else if (bed != null) {
                row.maDichVu(bed.getCode()).tenDichVu(bed.getDisplay()).maGiuong(bedCode(visit))
                        .nguoiThucHien(performer(visit, charge));
            } else {
                row.maDichVu(service.getCode()).tenDichVu(service.getDisplay()).nguoiThucHien(performer(visit, charge));
            }
            rows.add(row.build());
        }
        return rows;
    }

    /**
     * The order a charge comes from. The contract names {@code ChargeItem.service}, but R4 restricts that element
     * to performed things (Procedure, Observation…), so the store refuses a ServiceRequest or MedicationRequest
     * there; {@code supportingInformation} (any resource) carries it instead. Both are read.
     */
    static List<Reference> orders(ChargeItem charge) {
        List<Reference> refs = new ArrayList<>(charge.getService());
        refs.addAll(charge.getSupportingInformation());
        return refs;
    }

    private List<ChargeItem> lines(VisitRecord visit, String system) {
        return visit.charges.stream()
                .filter(c -> c.getStatus() != ChargeItem.ChargeItemStatus.ENTEREDINERROR)
                .filter(c -> Fhir.coding(c.getCode(), system) != null)
                .sorted(Comparator.comparing(c -> c.getOccurrenceDateTimeType().getValue()))
                .toList();
    }

    /** MA_NHOM (QĐ 130 group): 1 xét nghiệm, 2 CĐHA, 8 thủ thuật/phẫu thuật, 10 VTYT, 13 khám, 14 giường. */
    private static Integer group(Coding service, Coding bed, Coding supply, ServiceRequest request) {
        if (supply != null) {
            return 10;
        }
        if (bed != null) {
            return 14;
        }
        if (request == null) {
            return 13;
        }
        String category = Fhir.code(request.getCategoryFirstRep(), ContractUrls.SNOMED);
        return switch (category) {
            case ContractUrls.LAB -> 1;
            case ContractUrls.IMAGING -> 2;
            case ContractUrls.PROCEDURE -> 8;
            default -> 13;
        };
    }

    record Split(BigDecimal total, BigDecimal bhyt, BigDecimal patient, BigDecimal outOfScope) {
        BigDecimal bhScope() {
            return bhyt.add(patient);
        }

        boolean inScope() {
            return bhScope().signum() > 0 || total.signum() == 0;
        }
    }

    static Split split(ChargeItem charge) {
        Extension ext = charge.getExtensionByUrl(ContractUrls.EXT_CHARGE_SPLIT);
        BigDecimal total = orZero(Fhir.money(ext, "total"));
        return new Split(round2(total), round2(orZero(Fhir.money(ext, "bhyt"))),
                round2(orZero(Fhir.money(ext, "patient"))), round2(orZero(Fhir.money(ext, "outOfScope"))));
    }

    // ---- XML4 / XML5 ------------------------------------------------------------------------------------------

    List<Xml4Cls> xml4(VisitRecord visit, String maLk) {
        List<Xml4Cls> rows = new ArrayList<>();
        for (DiagnosticReport report : visit.reports) {
            ServiceRequest request = report.getBasedOn().stream()
                    .flatMap(b -> visit.serviceRequests.stream().filter(s -> VisitRecord.key(s).equals(VisitRecord.key(b))))
                    .findFirst().orElse(null);
            String service = request == null ? "" : Fhir.code(request.getCode(), ContractUrls.CS_SERVICE);
            String reader = report.getResultsInterpreter().isEmpty() ? ""
                    : Fhir.cchn(visit.practitioner(report.getResultsInterpreterFirstRep()).orElse(null));
            for (Reference ref : report.getResult()) {
                Observation o = visit.observations.stream().filter(x -> VisitRecord.key(x).equals(VisitRecord.key(ref)))
                        .findFirst().orElse(null);
                if (o == null) {
                    continue;
                }
                Coding code = o.getCode().getCodingFirstRep();
                String value = "";
                String unit = "";
                if (o.getValue() instanceof Quantity q) {
                    value = q.getValue() == null ? "" : q.getValue().toPlainString();
                    unit = q.getUnit() == null ? "" : q.getUnit();
                } else if (o.getValue() instanceof StringType s) {
                    value = s.getValue();
                }
                rows.add(Xml4Cls.builder().maLk(maLk).stt((long) rows.size() + 1).maDichVu(service)
                        .maChiSo(code.getCode()).tenChiSo(code.getDisplay()).giaTri(value).donViDo(unit)
                        .moTa(o.getNoteFirstRep().getText()).ketLuan(report.getConclusion())
                        .ngayKq(Xml130Values.timestamp(report.getEffectiveDateTimeType().getValue()))
                        .maBsDocKq(reader).build());
            }
        }
        return rows;
    }

    List<Xml5DienBienLs> xml5(VisitRecord visit, String maLk) {
        List<Xml5DienBienLs> rows = new ArrayList<>();
        List<Composition> sheets = new ArrayList<>(visit.compositionsInForce("to-dieu-tri"));
        sheets.sort(Comparator.comparing(Composition::getDate));
        for (Composition sheet : sheets) {
            rows.add(Xml5DienBienLs.builder().maLk(maLk).stt((long) rows.size() + 1)
                    .dienBienLs(Fhir.section(sheet, SECTION_COURSE)).giaiDoanBenh(Fhir.section(sheet, SECTION_STAGE))
                    .hoiChan(Fhir.section(sheet, SECTION_CONSULT)).phauThuat(Fhir.section(sheet, SECTION_SURGERY))
                    .thoiDiemDbls(Xml130Values.timestamp(sheet.getDate()))
                    .nguoiThucHien(Fhir.cchn(visit.practitioner(sheet.getAuthorFirstRep()).orElse(null))).build());
        }
        return rows;
    }

    // ---- XML7 / XML8 / XML13 / XML14 -------------------------------------------------------------------------

    Xml7GiayRaVien xml7(VisitRecord visit, String maLk, Composition paper) {
        Encounter e = visit.encounter;
        var author = visit.practitioner(paper.getAuthorFirstRep()).orElse(null);
        List<String> departments = departments(visit);
        String number = paper.getIdentifier().getValue();
        return Xml7GiayRaVien.builder().maLk(maLk)
                .soLuuTru(number != null ? number : Fhir.sectionOrField(paper, "", "SO_LUU_TRU"))
                .maYte(Fhir.identifier(visit.patient.getIdentifier(), ContractUrls.SID_MA_BN))
                .maKhoaRv(departments.isEmpty() ? "" : departments.get(departments.size() - 1))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayRa(Xml130Values.timestamp(e.getPeriod().getEnd()))
                .chanDoanRv(Fhir.sectionOrField(paper, SECTION_DIAGNOSIS, "CHAN_DOAN_RV"))
                .ppDieutri(Fhir.sectionOrField(paper, SECTION_TREATMENT, "PP_DIEUTRI"))
                .ghiChu(Fhir.sectionOrField(paper, SECTION_ADVICE, "GHI_CHU")).maTtdv(maTtdv).maBs(Fhir.cchn(author))
                .tenBs(Fhir.name(author)).ngayCt(Xml130Values.date(paper.getDate())).build();
    }

    Xml8TomTatHsba xml8(VisitRecord visit, String maLk, Composition paper) {
        Encounter e = visit.encounter;
        Diagnoses dx = diagnoses(visit);
        return Xml8TomTatHsba.builder().maLk(maLk)
                .maLoaiKcb(Fhir.code(e.getTypeFirstRep(), ContractUrls.CS_ENCOUNTER_TYPE))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayRa(Xml130Values.timestamp(e.getPeriod().getEnd()))
                .chanDoanVao(dx.admissionText).chanDoanRv(dx.dischargeText)
                .qtBenhly(Fhir.section(paper, SECTION_HISTORY)).tomtatKq(Fhir.section(paper, SECTION_RESULTS))
                .ppDieutri(Fhir.section(paper, SECTION_TREATMENT))
                .ketQuaDtri(parseInt(Fhir.codingExtension(e, ContractUrls.EXT_OUTCOME)))
                .ghiChu(Fhir.section(paper, SECTION_ADVICE)).maTtdv(maTtdv)
                .ngayCt(Xml130Values.date(paper.getDate())).build();
    }

    Xml13GiayChuyenTuyen xml13(VisitRecord visit, String maLk, ServiceRequest referral) {
        Encounter e = visit.encounter;
        Patient p = visit.patient;
        Composition paper = visit.composition("giay-chuyen-tuyen").orElse(null);
        Diagnoses dx = diagnoses(visit);
        String number = paper == null ? "" : paper.getIdentifier().getValue();
        return Xml13GiayChuyenTuyen.builder().maLk(maLk).soHoso(maHsba(e, maLk)).soChuyentuyen(number)
                .giayChuyenTuyen(number).maCskcb(facility(visit))
                .maNoiDen(visit.organization(referral.getPerformerFirstRep())
                        .map(o -> Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_CSKCB)).orElse(""))
                .hoTen(name(p)).ngaySinh(birth(p)).gioiTinh(sex(p))
                .maQuoctich(codeExtension(p, ContractUrls.EXT_NATIONALITY))
                .maDantoc(codeExtension(p, ContractUrls.EXT_ETHNICITY))
                .maNgheNghiep(codeExtension(p, ContractUrls.EXT_OCCUPATION)).diaChi(p.getAddressFirstRep().getText())
                .maTheBhyt(card(visit)).gtTheDen(cardTo(visit))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayVaoNoiTru(inpatient(e) ? Xml130Values.timestamp(e.getPeriod().getStart()) : "")
                .ngayRa(Xml130Values.timestamp(e.getPeriod().getEnd()))
                .dauHieuLs(Fhir.section(paper, SECTION_SIGNS)).chanDoanRv(dx.dischargeText)
                .qtBenhly(Fhir.section(paper, SECTION_HISTORY)).tomtatKq(Fhir.section(paper, SECTION_RESULTS))
                .ppDieutri(Fhir.section(paper, SECTION_TREATMENT)).maBenhChinh(dx.main)
                .maBenhKt(Xml130Values.list(dx.secondary)).maBenhYhct(Xml130Values.list(dx.yhct))
                .tenDichVu(Fhir.section(paper, SECTION_SERVICES)).tenThuoc(Fhir.section(paper, SECTION_DRUGS))
                .maLoaiRv(parseInt(e.getHospitalization().getDischargeDisposition().getCoding().stream()
                        .filter(c -> ContractUrls.CS_DISCHARGE.equals(c.getSystem())).map(Coding::getCode)
                        .findFirst().orElse("")))
                .maLydoCt(parseInt(Fhir.code(referral.getReasonCodeFirstRep(), CS_REFERRAL_REASON)))
                .huongDieuTri(Fhir.section(paper, SECTION_PLAN)).phuongtienVc(Fhir.section(paper, SECTION_TRANSPORT))
                .hotenNguoiHt(Fhir.section(paper, SECTION_ESCORT))
                .maBacSi(Fhir.cchn(visit.practitioner(referral.getRequester()).orElse(null))).maTtdv(maTtdv)
                .build();
    }

    Xml14GiayHenKhamLai xml14(VisitRecord visit, String maLk, Appointment appointment) {
        Encounter e = visit.encounter;
        Patient p = visit.patient;
        Diagnoses dx = diagnoses(visit);
        String doctor = appointment.getParticipant().stream()
                .map(a -> visit.practitioner(a.getActor()).orElse(null)).filter(x -> x != null)
                .map(Fhir::cchn).findFirst().orElse("");
        return Xml14GiayHenKhamLai.builder().maLk(maLk)
                .soGiayhenKl(Fhir.identifier(appointment.getIdentifier(), ContractUrls.SID_PAPER_NUMBER))
                .maCskcb(facility(visit)).hoTen(name(p)).ngaySinh(birth(p)).gioiTinh(sex(p))
                .diaChi(p.getAddressFirstRep().getText()).maTheBhyt(card(visit)).gtTheDen(cardTo(visit))
                .ngayVao(Xml130Values.timestamp(e.getPeriod().getStart()))
                .ngayVaoNoiTru(inpatient(e) ? Xml130Values.timestamp(e.getPeriod().getStart()) : "")
                .ngayRa(Xml130Values.timestamp(e.getPeriod().getEnd()))
                .ngayHenKl(Xml130Values.date(appointment.getStart())).chanDoanRv(dx.dischargeText)
                .maBenhChinh(dx.main).maBenhKt(Xml130Values.list(dx.secondary))
                .maBenhYhct(Xml130Values.list(dx.yhct))
                .maDoituongKcb(Fhir.codingExtension(e, ContractUrls.EXT_VISIT_TYPE)).maBacSi(doctor).maTtdv(maTtdv)
                .ngayCt(Xml130Values.date(appointment.getCreated())).build();
    }

    // ---- shared readers --------------------------------------------------------------------------------------

    static java.util.Optional<ServiceRequest> referral(VisitRecord visit) {
        return visit.serviceRequests.stream()
                .filter(s -> ContractUrls.REFERRAL.equals(Fhir.code(s.getCategoryFirstRep(), ContractUrls.SNOMED)))
                .findFirst();
    }

    static List<Appointment> appointments(VisitRecord visit) {
        return visit.appointments.stream().sorted(Comparator.comparing(Appointment::getStart)).toList();
    }

    static String name(Patient p) {
        var name = p.getNameFirstRep();
        return name.hasText() ? name.getText() : name.getNameAsSingleString();
    }

    static String cccd(Patient p) {
        String cccd = Fhir.identifier(p.getIdentifier(), ContractUrls.SID_CCCD);
        return cccd.isEmpty() ? Fhir.identifier(p.getIdentifier(), ContractUrls.SID_PASSPORT) : cccd;
    }

    /** NGAY_SINH: yyyyMMddHHmm; unknown day/month or hour/minute written as 0000 (§1.5). */
    static String birth(Patient p) {
        if (!p.hasBirthDate()) {
            return "";
        }
        var date = p.getBirthDateElement();
        String year = String.format("%04d", date.getYear());
        if (date.getPrecision() == TemporalPrecisionEnum.YEAR) {
            return year + "00000000";
        }
        String day = String.format("%02d%02d", date.getMonth() + 1, date.getDay());
        if (date.getPrecision() == TemporalPrecisionEnum.MONTH) {
            day = "0000";
        }
        Extension time = date.getExtensionByUrl(ContractUrls.EXT_BIRTH_TIME);
        String hhmm = "0000";
        if (time != null && time.getValue() instanceof DateTimeType t && t.getValue() != null) {
            hhmm = Xml130Values.timestamp(t.getValue()).substring(8);
        }
        return year + day + hhmm;
    }

    static Integer sex(Patient p) {
        if (p.getGender() == Enumerations.AdministrativeGender.MALE) {
            return 1;
        }
        if (p.getGender() == Enumerations.AdministrativeGender.FEMALE) {
            return 2;
        }
        return p.hasGender() ? 3 : null;
    }

    static String codeExtension(Patient p, String url) {
        return Fhir.codingExtension(p, url);
    }

    static String addressCode(Patient p, String url) {
        var address = p.getAddressFirstRep();
        Extension e = address.getExtensionByUrl(url);
        if (e == null || e.getValue() == null) {
            return "";
        }
        if (e.getValue() instanceof Coding c) {
            return c.getCode();
        }
        if (e.getValue() instanceof CodeableConcept cc) {
            return cc.getCodingFirstRep().getCode();
        }
        return e.getValue().primitiveValue();
    }

    static String card(VisitRecord visit) {
        return visit.coverage == null ? "" : Fhir.identifier(visit.coverage.getIdentifier(), ContractUrls.SID_BHYT);
    }

    static String cardFrom(VisitRecord visit) {
        return visit.coverage == null ? "" : Xml130Values.date(visit.coverage.getPeriod().getStart());
    }

    static String cardTo(VisitRecord visit) {
        return visit.coverage == null ? "" : Xml130Values.date(visit.coverage.getPeriod().getEnd());
    }

    static String primaryCare(VisitRecord visit) {
        Extension e = Fhir.extension(visit.coverage, ContractUrls.EXT_PRIMARY_CARE);
        if (e == null || !(e.getValue() instanceof Reference r)) {
            return "";
        }
        return r.getIdentifier().getValue() == null ? "" : r.getIdentifier().getValue();
    }

    static Integer benefit(VisitRecord visit) {
        if (visit.coverage == null) {
            return null;
        }
        return visit.coverage.getClass_().stream().filter(c -> "muc-huong".equals(c.getType().getText()))
                .map(c -> parseInt(c.getValue())).findFirst().orElse(null);
    }

    static boolean inpatient(Encounter e) {
        String cls = e.getClass_().getCode();
        return "IMP".equals(cls) || "SS".equals(cls);
    }

    static String reason(Encounter e) {
        return e.getReasonCodeFirstRep().getText();
    }

    static String facility(VisitRecord visit) {
        return visit.facility == null ? "" : Fhir.identifier(visit.facility.getIdentifier(), ContractUrls.SID_MA_CSKCB);
    }

    /** Departments of the visit in order of stay: department stays (sub-Encounters), else serviceProvider. */
    static List<String> departments(VisitRecord visit) {
        Set<String> codes = new LinkedHashSet<>();
        visit.departmentStays.stream().sorted(Comparator.comparing(s -> s.getPeriod().getStart()))
                .forEach(s -> visit.organization(s.getServiceProvider())
                        .ifPresent(o -> codes.add(Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_KHOA))));
        if (codes.isEmpty()) {
            visit.organization(visit.encounter.getServiceProvider())
                    .ifPresent(o -> codes.add(Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_KHOA)));
        }
        codes.remove("");
        return new ArrayList<>(codes);
    }

    /** MA_KHOA codes of the visit, in order of stay. */
    public static List<String> departmentCodes(VisitRecord visit) {
        return departments(visit);
    }

    /** The department where a charge arose: its performing organisation, else the visit's department. */
    static String department(VisitRecord visit, ChargeItem charge) {
        if (charge.hasPerformingOrganization()) {
            String code = visit.organization(charge.getPerformingOrganization())
                    .map(o -> Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_KHOA)).orElse("");
            if (!code.isEmpty()) {
                return code;
            }
        }
        return visit.organization(visit.encounter.getServiceProvider())
                .map(o -> Fhir.identifier(o.getIdentifier(), ContractUrls.SID_MA_KHOA)).orElse("");
    }

    /** The attending doctor (Encounter.participant), who orders what has no order of its own (exam, bed-days). */
    static String attending(VisitRecord visit) {
        return visit.encounter.getParticipant().stream()
                .map(p -> visit.practitioner(p.getIndividual()).orElse(null)).filter(p -> p != null)
                .map(Fhir::cchn).findFirst().orElse("");
    }

    /** Who performed a service: ChargeItem.performer, else the attending doctor. */
    static String performer(VisitRecord visit, ChargeItem charge) {
        return charge.getPerformer().stream().map(p -> visit.practitioner(p.getActor()).orElse(null))
                .filter(p -> p != null).map(Fhir::cchn).findFirst().orElseGet(() -> attending(visit));
    }

    static String bedCode(VisitRecord visit) {
        return visit.encounter.getLocation().stream().map(l -> l.getLocation().getIdentifier())
                .filter(i -> ContractUrls.SID_MA_GIUONG.equals(i.getSystem())).map(i -> i.getValue())
                .reduce((a, b) -> b).orElse("");
    }

    static String maHsba(Encounter e, String maLk) {
        String hsba = Fhir.identifier(e.getIdentifier(), ContractUrls.SID_MA_HSBA);
        return hsba.isEmpty() ? maLk : hsba;
    }

    /** SO_NGAY_DTRI per 3176: 0 for 01/07/09, out−in+1 for inpatient types, days with services for 02/08. */
    static Integer treatmentDays(Encounter e, String type, List<Xml3DvktVtyt> services) {
        if (e.getPeriod().getStart() == null || e.getPeriod().getEnd() == null) {
            return null;
        }
        LocalDate in = ZonedDateTime.ofInstant(e.getPeriod().getStart().toInstant(), Xml130Values.VIETNAM).toLocalDate();
        LocalDate out = ZonedDateTime.ofInstant(e.getPeriod().getEnd().toInstant(), Xml130Values.VIETNAM).toLocalDate();
        return switch (type) {
            case "01", "07", "09" -> 0;
            case "02", "08" -> (int) services.stream().map(s -> s.ngayThYl().substring(0, 8)).distinct().count();
            default -> (int) ChronoUnit.DAYS.between(in, out) + 1;
        };
    }

    String vital(VisitRecord visit, String loinc, int decimals) {
        return visit.observations.stream()
                .filter(o -> o.getCode().getCoding().stream()
                        .anyMatch(c -> ContractUrls.LOINC.equals(c.getSystem()) && loinc.equals(c.getCode())))
                .filter(o -> o.getValue() instanceof Quantity)
                .max(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue()))
                .map(o -> Xml130Values.decimal(((Quantity) o.getValue()).getValue(), decimals)).orElse("");
    }

    static String dose(org.hl7.fhir.r4.model.Dosage dosage) {
        var dose = dosage.getDoseAndRateFirstRep().getDoseQuantity();
        var repeat = dosage.getTiming().getRepeat();
        if (dose.getValue() == null || !repeat.hasFrequency()) {
            return dosage.hasPatientInstruction() ? dosage.getPatientInstruction() : "";
        }
        String unit = dose.getUnit() == null ? "" : " " + dose.getUnit();
        String per = repeat.getPeriodUnit() == null ? "ngày" : switch (repeat.getPeriodUnit()) {
            case H -> "giờ";
            case WK -> "tuần";
            default -> "ngày";
        };
        return dose.getValue().stripTrailingZeros().toPlainString() + unit + "/lần * " + repeat.getFrequency()
                + " lần/" + per;
    }

    record Diagnoses(String main, List<String> secondary, List<String> yhct, String admissionText,
                     String dischargeText) {
    }

    /** Main/secondary ICD-10 from Encounter.diagnosis (billing or discharge use first), texts from Condition.code.text. */
    static Diagnoses diagnoses(VisitRecord visit) {
        List<Encounter.DiagnosisComponent> all = visit.encounter.getDiagnosis();
        List<Encounter.DiagnosisComponent> finals = all.stream().filter(d -> use(d, "billing")).toList();
        if (finals.isEmpty()) {
            finals = all.stream().filter(d -> use(d, "DD")).toList();
        }
        List<Encounter.DiagnosisComponent> admission = all.stream().filter(d -> use(d, "AD")).toList();
        finals = finals.stream().sorted(Comparator.comparingInt(Encounter.DiagnosisComponent::getRank)).toList();
        String main = "";
        List<String> secondary = new ArrayList<>();
        List<String> yhct = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Encounter.DiagnosisComponent d : finals) {
            Condition c = visit.condition(d.getCondition()).orElse(null);
            if (c == null) {
                continue;
            }
            String icd = Fhir.code(c.getCode(), ContractUrls.CS_ICD10);
            if (d.getRank() == 1 && main.isEmpty()) {
                main = icd;
            } else if (!icd.isEmpty()) {
                secondary.add(icd);
            }
            String y = Fhir.code(c.getCode(), ContractUrls.CS_YHCT);
            if (!y.isEmpty()) {
                yhct.add(y);
            }
            if (c.getCode().hasText()) {
                texts.add(c.getCode().getText());
            }
        }
        String admissionText = admission.stream().map(d -> visit.condition(d.getCondition()).orElse(null))
                .filter(c -> c != null && c.getCode().hasText()).map(c -> c.getCode().getText())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new Diagnoses(main, secondary, yhct, admissionText, String.join("; ", texts));
    }

    private static boolean use(Encounter.DiagnosisComponent d, String code) {
        return d.getUse().getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    static BigDecimal round2(BigDecimal v) {
        return Xml130Values.round(v, 2);
    }

    static Integer parseInt(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.vnemr.emr.charges;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a ChargeItem carries its price split (docs/architecture/clinical-data.md, "charges"): extension
 * {@code https://vnemr.org/fhir/StructureDefinition/charge-split} with {@code total}, {@code bhyt}, {@code patient},
 * {@code outOfScope} and, for the insurance export, {@code covered} (THANH_TIEN_BH), {@code bhytPrice}
 * (DON_GIA_BH), {@code paymentRatio} (TYLE_TT_BH) and {@code benefitLevel} (MUC_HUONG).
 */
public final class ChargeItems {

    public static final String SPLIT = "https://vnemr.org/fhir/StructureDefinition/charge-split";

    private ChargeItems() {
    }

    static void writeSplit(ChargeItem item, ChargeSplit split, BigDecimal bhytPrice, BigDecimal paymentRatio,
                           Integer benefitLevel) {
        Extension ext = item.addExtension().setUrl(SPLIT);
        ext.addExtension("total", money(split.total()));
        ext.addExtension("bhyt", money(split.bhyt()));
        ext.addExtension("patient", money(split.patient()));
        ext.addExtension("outOfScope", money(split.outOfScope()));
        ext.addExtension("covered", money(split.covered()));
        if (bhytPrice != null) {
            ext.addExtension("bhytPrice", money(bhytPrice));
        }
        if (paymentRatio != null) {
            ext.addExtension("paymentRatio", new DecimalType(paymentRatio));
        }
        if (benefitLevel != null) {
            ext.addExtension("benefitLevel", new IntegerType(benefitLevel));
        }
    }

    /** The split stored on the item; {@link ChargeSplit#ZERO} when it has none. */
    public static ChargeSplit split(ChargeItem item) {
        Extension ext = item.getExtensionByUrl(SPLIT);
        if (ext == null) {
            return ChargeSplit.ZERO;
        }
        return new ChargeSplit(amount(ext, "total"), amount(ext, "covered"), amount(ext, "bhyt"),
                amount(ext, "patient"), amount(ext, "outOfScope"));
    }

    /** The catalogue a charge's code comes from, by its code system. */
    public static Optional<CatalogueKind> kind(ChargeItem item) {
        for (Coding coding : item.getCode().getCoding()) {
            Optional<CatalogueKind> kind = Arrays.stream(CatalogueKind.values())
                    .filter(k -> k.system().equals(coding.getSystem())).findFirst();
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }

    static Money money(BigDecimal amount) {
        return new Money().setValue(amount).setCurrency("VND");
    }

    private static BigDecimal amount(Extension split, String part) {
        Extension e = split.getExtensionByUrl(part);
        if (e != null && e.getValue() instanceof Money m && m.getValue() != null) {
            return m.getValue();
        }
        return BigDecimal.ZERO;
    }
}

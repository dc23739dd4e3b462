package org.vnemr.fhir.schema;

import java.util.List;
import java.util.Set;

/**
 * One search parameter of one resource type, with the columns that hold its values.
 *
 * <p>Column layout per type (see docs/architecture/fhir-store.md):
 * <ul>
 *   <li>TOKEN: {@code column text[]} of {@code code}, {@code system|code} and {@code system|} (or {@code |code}
 *       when there is no system); {@code column_text text} the folded display texts as {@code |a|b|}</li>
 *   <li>STRING: {@code column text} the folded values as {@code |a|b|}; {@code column_exact text[]} NFC originals</li>
 *   <li>DATE: {@code column_lo timestamptz}, {@code column_hi timestamptz}: the smallest start and largest
 *       end of all values, the end exclusive, honouring the precision of each value</li>
 *   <li>REFERENCE: {@code column text[]} of {@code Type/id} (or the absolute URL, or the canonical URL with
 *       and without {@code |version}); {@code column_ident text[]} tokens of {@code Reference.identifier}</li>
 *   <li>QUANTITY: {@code column numeric[]} values, {@code column_unit text[]} parallel {@code system|code|unit}</li>
 *   <li>NUMBER: {@code column numeric[]}</li>
 *   <li>URI: {@code column text[]}</li>
 * </ul>
 *
 * @param resourceType e.g. {@code Observation}
 * @param name         the search parameter code, e.g. {@code value-quantity}
 * @param type         the parameter type
 * @param expression   the FHIRPath expression restricted to this resource type
 * @param targets      resource types a reference parameter may point to (empty: any)
 * @param column       the base column name, e.g. {@code sp_value_quantity}
 */
public record SearchParam(String resourceType, String name, SearchParamType type, String expression,
                          Set<String> targets, String column) {

    /** Every column this parameter writes, base column first. */
    public List<String> columns() {
        return switch (type) {
            case TOKEN -> List.of(column, column + "_text");
            case STRING -> List.of(column, column + "_exact");
            case DATE -> List.of(column + "_lo", column + "_hi");
            case REFERENCE -> List.of(column, column + "_ident");
            case QUANTITY -> List.of(column, column + "_unit");
            case NUMBER, URI -> List.of(column);
        };
    }

    /** SQL types of {@link #columns()}, in the same order. */
    public List<String> columnSqlTypes() {
        return switch (type) {
            case TOKEN -> List.of("text[]", "text");
            case STRING -> List.of("text", "text[]");
            case DATE -> List.of("timestamptz", "timestamptz");
            case REFERENCE -> List.of("text[]", "text[]");
            case QUANTITY -> List.of("numeric[]", "text[]");
            case NUMBER -> List.of("numeric[]");
            case URI -> List.of("text[]");
        };
    }
}

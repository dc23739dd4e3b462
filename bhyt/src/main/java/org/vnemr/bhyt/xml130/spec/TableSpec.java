package org.vnemr.bhyt.xml130.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table (LOAIHOSO) of the standard: its fields in order and its root / list / record tags. Single-record
 * tables (XML1, XML7, XML8…) have no list and record tag: the fields sit directly under the root.
 */
public record TableSpec(String name, String javaName, String rootTag, String listTag, String recordTag,
                        List<FieldSpec> fields) {

    public boolean isList() {
        return listTag != null && !listTag.isEmpty();
    }

    public Optional<FieldSpec> field(String tag) {
        return fields.stream().filter(f -> f.tag().equals(tag)).findFirst();
    }

    public Map<String, FieldSpec> byTag() {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.tag(), f));
        return map;
    }

    public List<String> tags() {
        return fields.stream().map(FieldSpec::tag).toList();
    }
}

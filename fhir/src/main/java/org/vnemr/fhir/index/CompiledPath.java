package org.vnemr.fhir.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import java.util.List;

/**
 * A FHIRPath expression compiled by {@link PathCompiler} into direct walks over the JSON tree: one chain of
 * steps per branch of a union. Immutable and thread-safe.
 */
final class CompiledPath {

    private final List<Step> chains;

    CompiledPath(List<Step> chains) {
        this.chains = List.copyOf(chains);
    }

    /** Sends every selected element of {@code resource} to {@code sink}. */
    void evaluate(JsonNode resource, String resourceType, ValueSink sink) {
        for (Step first : chains) {
            first.apply(resource, resourceType, sink);
        }
    }

    int branchCount() {
        return chains.size();
    }

    /** One step of a chain; it passes what it selects to the next step, or to the sink at the end. */
    abstract static class Step {
        Step next;

        abstract void apply(JsonNode node, String type, ValueSink sink);

        final void emit(JsonNode node, String type, ValueSink sink) {
            if (next == null) {
                sink.accept(node, type);
            } else {
                next.apply(node, type, sink);
            }
        }
    }

    /**
     * A child element: one JSON property per alternative (several for a choice element such as
     * {@code value[x]}), arrays flattened. {@code inTypes[i]} restricts alternative {@code i} to inputs of that
     * type when the input can be of several types ({@code null}: any).
     */
    static final class Child extends Step {
        final String[] inTypes;
        final String[] jsonNames;
        final String[] outTypes;
        int index = -1;

        Child(String[] inTypes, String[] jsonNames, String[] outTypes) {
            this.inTypes = inTypes;
            this.jsonNames = jsonNames;
            this.outTypes = outTypes;
        }

        @Override
        void apply(JsonNode node, String type, ValueSink sink) {
            if (!node.isObject()) {
                return;
            }
            for (int i = 0; i < jsonNames.length; i++) {
                if (inTypes[i] != null && !inTypes[i].equals(type)) {
                    continue;
                }
                JsonNode value = node.get(jsonNames[i]);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (value.isArray()) {
                    if (index >= 0) {
                        JsonNode item = value.get(index);
                        if (item != null && !item.isNull()) {
                            emit(item, outTypes[i], sink);
                        }
                    } else {
                        for (int j = 0, n = value.size(); j < n; j++) {
                            JsonNode item = value.get(j);
                            if (!item.isNull()) {
                                emit(item, outTypes[i], sink);
                            }
                        }
                    }
                } else if (index <= 0) {
                    emit(value, outTypes[i], sink);
                }
            }
        }
    }

    /** {@code where(resolve() is Type)}: keeps references whose target is of that type. */
    static final class WhereResolveIs extends Step {
        final String targetType;

        WhereResolveIs(String targetType) {
            this.targetType = targetType;
        }

        @Override
        void apply(JsonNode node, String type, ValueSink sink) {
            JsonNode reference = node.get("reference");
            if (reference != null && reference.isTextual() && ReferenceText.targetTypeIs(reference.textValue(), targetType)) {
                emit(node, type, sink);
            }
        }
    }

    /**
     * {@code X.exists() and X != false} evaluated on the resource (the first step of its chain): {@code true}
     * when X has a value other than the boolean {@code false}, else {@code false} — never empty.
     */
    static final class ExistsAndNotFalse extends Step {
        private final CompiledPath inner;

        ExistsAndNotFalse(CompiledPath inner) {
            this.inner = inner;
        }

        @Override
        void apply(JsonNode node, String type, ValueSink sink) {
            boolean[] result = {false};
            inner.evaluate(node, type, (value, valueType) -> {
                if (!(value.isBoolean() && !value.booleanValue())) {
                    result[0] = true;
                }
            });
            emit(BooleanNode.valueOf(result[0]), "boolean", sink);
        }
    }

    /** {@code where(name = 'literal')} on a primitive child. */
    static final class WhereEquals extends Step {
        final String childName;
        final String literal;

        WhereEquals(String childName, String literal) {
            this.childName = childName;
            this.literal = literal;
        }

        @Override
        void apply(JsonNode node, String type, ValueSink sink) {
            JsonNode child = node.get(childName);
            if (child != null && child.isValueNode() && literal.equals(child.asText())) {
                emit(node, type, sink);
            }
        }
    }
}

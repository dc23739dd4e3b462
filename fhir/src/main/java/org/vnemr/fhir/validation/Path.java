package org.vnemr.fhir.validation;

/**
 * The FHIRPath of an element during the walk, kept as a parent chain so that a string is only built when
 * an issue or a reference needs it.
 */
final class Path {

    private final Path parent;
    private final String name;
    private final int index;

    private Path(Path parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    static Path root(String resourceType) {
        return new Path(null, resourceType, -1);
    }

    Path child(String childName) {
        return new Path(this, childName, -1);
    }

    Path child(String childName, int childIndex) {
        return new Path(this, childName, childIndex);
    }

    /** True when this is the path of a contained resource ({@code ….contained[i]}). */
    boolean isContained() {
        return "contained".equals(name);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent != null) {
            parent.append(sb);
            sb.append('.');
        }
        sb.append(name);
        if (index >= 0) {
            sb.append('[').append(index).append(']');
        }
    }
}

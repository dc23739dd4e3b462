package org.vnemr.bhyt.xml130;

/** A typed record of one XML 130 table (generated from the field tables, see {@code model}). */
public interface Xml130Record {

    /** LOAIHOSO: {@code XML0} … {@code XML15}. */
    String table();

    /** The record as formatted text, tags in the order of the field table. */
    Row toRow();
}

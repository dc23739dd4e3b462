package org.vnemr.emr.inpatient;

/** Turns the narrative text the screens wrote back into plain text for lists. */
final class Html {

    private Html() {
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}

package org.vnemr.bench.ui;

import java.util.regex.Pattern;

/**
 * How the benchmark judges an answer: a missing route (404: the screen is not built yet) is counted apart from
 * errors, so a journey shows what does not exist instead of pretending success; an error is any other status
 * outside 2xx/3xx or a page that shows a server-side failure.
 */
public enum PageVerdict {
    OK, ROUTE_MISSING, ERROR;

    /** A stack-trace line, looked for only where a tab and "at " were found. */
    private static final Pattern TRACE_LINE = Pattern.compile("\\tat [a-z]+\\.");
    /** The error alert of our pages, looked for only where its class name was found. */
    private static final Pattern ERROR_CLASS = Pattern.compile("class=\"[^\"]*\\bpage-error\\b");

    public static PageVerdict of(int status, String body) {
        if (status == 404) {
            return ROUTE_MISSING;
        }
        if (status < 200 || status >= 400) {
            return ERROR;
        }
        return body != null && showsFailure(body) ? ERROR : OK;
    }

    /**
     * Markers of a failure inside a 200 page: Spring's error page, a stack trace, an error code shown as an alert.
     * Plain searches first: the client runs on the node's cores, and a pattern tried at every character of every
     * page cost it a noticeable share of them.
     */
    static boolean showsFailure(String body) {
        return body.contains("Whitelabel Error Page") || body.contains("Exception:")
                || body.contains("\tat ") && TRACE_LINE.matcher(body).find()
                || body.contains("page-error") && ERROR_CLASS.matcher(body).find();
    }
}

package org.vnemr.bench.ui;

import java.util.regex.Pattern;

/**
 * How the benchmark judges an answer: a missing route (404: the screen is not built yet) is counted apart from
 * errors, so a journey shows what does not exist instead of pretending success; an error is any other status
 * outside 2xx/3xx or a page that shows a server-side failure.
 */
public enum PageVerdict {
    OK, ROUTE_MISSING, ERROR;

    /** Markers of a failure inside a 200 page: Spring's error page, a stack trace, an error code shown as an alert. */
    private static final Pattern ERROR_MARKER = Pattern.compile(
            "Whitelabel Error Page|Exception:|\\tat [a-z]+\\.|class=\"[^\"]*\\bpage-error\\b");

    public static PageVerdict of(int status, String body) {
        if (status == 404) {
            return ROUTE_MISSING;
        }
        if (status < 200 || status >= 400) {
            return ERROR;
        }
        return body != null && ERROR_MARKER.matcher(body).find() ? ERROR : OK;
    }
}

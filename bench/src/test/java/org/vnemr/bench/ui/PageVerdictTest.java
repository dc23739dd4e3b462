package org.vnemr.bench.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageVerdictTest {

    @Test
    void aPlainPageIsOk() {
        assertThat(PageVerdict.of(200, "<main><h1>Khám bệnh</h1><p>at home.</p></main>")).isEqualTo(PageVerdict.OK);
        assertThat(PageVerdict.of(302, "")).isEqualTo(PageVerdict.OK);
    }

    @Test
    void aMissingRouteIsCountedApartFromErrors() {
        assertThat(PageVerdict.of(404, "Not found")).isEqualTo(PageVerdict.ROUTE_MISSING);
    }

    @Test
    void anErrorStatusOrAFailureShownInsideAPageIsAnError() {
        assertThat(PageVerdict.of(500, "")).isEqualTo(PageVerdict.ERROR);
        assertThat(PageVerdict.of(200, "<h1>Whitelabel Error Page</h1>")).isEqualTo(PageVerdict.ERROR);
        assertThat(PageVerdict.of(200, "java.lang.IllegalStateException: x\n\tat org.vnemr.X.y(X.java:1)"))
                .isEqualTo(PageVerdict.ERROR);
        assertThat(PageVerdict.of(200, "<div class=\"alert page-error\">VNEMR-6220</div>"))
                .isEqualTo(PageVerdict.ERROR);
    }

    @Test
    void wordsThatOnlyLookLikeMarkersAreNotErrors() {
        assertThat(PageVerdict.of(200, "<p class=\"page-errors-help\">\tat Hà Nội</p>")).isEqualTo(PageVerdict.OK);
    }
}

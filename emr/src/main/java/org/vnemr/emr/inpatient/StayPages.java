package org.vnemr.emr.inpatient;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.vnemr.emr.web.CurrentUser;

/** The stay a {@code /noi-tru/{encounterId}/…} page is about; 404 when the id is not an inpatient stay. */
final class StayPages {

    private StayPages() {
    }

    static Stay load(Stays stays, String encounterId, CurrentUser user) {
        if (encounterId == null || !encounterId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return stays.stay(encounterId, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}

package org.vnemr.emr.outpatient;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Missing or closed visits become a short Vietnamese page (or htmx fragment) instead of an error trace. */
@ControllerAdvice(basePackageClasses = OutpatientErrorAdvice.class)
class OutpatientErrorAdvice {

    @ExceptionHandler(VisitNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("message", VisitErrors.text("VNEMR-6200"));
        return "outpatient/problem";
    }

    @ExceptionHandler(VisitClosed.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String closed(Model model) {
        model.addAttribute("message", VisitErrors.text("VNEMR-6201"));
        return "outpatient/problem";
    }
}

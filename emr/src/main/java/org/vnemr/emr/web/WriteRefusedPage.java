package org.vnemr.emr.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.vnemr.emr.store.WriteRefused;

/**
 * The last net for a refused write that a screen did not map to its fields: the person sees the store's Vietnamese
 * reasons on a page of their own (409 or 422, never 500), and nothing was written — the store refuses a transaction
 * as a whole. Screens still answer their own forms with the errors next to the fields; this only catches the rest.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class WriteRefusedPage {

    @ExceptionHandler(WriteRefused.class)
    public String refused(WriteRefused refused, Model model, HttpServletResponse response) {
        response.setStatus(refused.status() >= 400 && refused.status() < 500 ? refused.status() : 422);
        model.addAttribute("problems", refused.problems());
        return "errors/refused";
    }
}

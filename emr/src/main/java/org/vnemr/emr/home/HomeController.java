package org.vnemr.emr.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.vnemr.emr.web.CurrentUser;

/** Trang chủ: the tiles of the screens the person's roles start from ({@link org.vnemr.emr.web.Menu}). */
@Controller
public class HomeController {

    @GetMapping("/")
    public String home(CurrentUser user) {
        return "home/home";
    }
}

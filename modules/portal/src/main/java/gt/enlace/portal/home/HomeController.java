package gt.enlace.portal.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's front page: what Enlace is and where each kind of visitor goes next. */
@Controller
class HomeController {

    @GetMapping({"/", "/portal"})
    String home() {
        return "portal/home";
    }
}

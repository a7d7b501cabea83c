package io.canopy.certificates.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when PostgreSQL answers. */
@Controller("/health/certificates")
public class CertificatesHealthController extends HealthController {

    public CertificatesHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

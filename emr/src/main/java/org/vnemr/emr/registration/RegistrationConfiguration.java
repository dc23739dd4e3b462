package org.vnemr.emr.registration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.terminology.catalogue.Catalogues;

import java.time.Clock;

/**
 * Tiếp đón's beans. {@code vnemr.registration.exam-service-code} names the service billed for the examination
 * (MA_DICH_VU of "khám bệnh"); without it the first service of the catalogue in force whose name starts with
 * "Khám" is billed.
 */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    public RegistrationNumbers registrationNumbers(JdbcTemplate jdbc) {
        return new RegistrationNumbers(jdbc);
    }

    @Bean
    public ClinicRooms clinicRooms(ClinicalStore store) {
        return new ClinicRooms(store);
    }

    @Bean
    public CodeLists registrationCodeLists(ObjectProvider<Catalogues> catalogues) {
        return new CodeLists(catalogues);
    }

    @Bean
    public VisitRegistration visitRegistration(ClinicalStore store, RegistrationNumbers numbers, ClinicRooms rooms,
                                               CodeLists codes, ObjectProvider<ChargeCapture> charges,
                                               @Value("${vnemr.registration.exam-service-code:}") String exam) {
        return new VisitRegistration(store, numbers, rooms, codes, charges, exam, Clock.systemUTC());
    }
}

package gt.enlace.examples.births;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the example: {@code java -jar ...} with {@code enlace.subscriber.*} pointing at the bus. */
@SpringBootApplication
public class BirthsByMunicipalityApplication {

    public static void main(String[] args) {
        SpringApplication.run(BirthsByMunicipalityApplication.class, args);
    }
}

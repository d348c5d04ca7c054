package gt.enlace.benchmarks.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import gt.enlace.benchmarks.CitizenRecordUpdated;
import gt.enlace.benchmarks.Institution;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The record every serde benchmark encodes: a {@link CitizenRecordUpdated} (17 fields) whose Avro binary
 * is {@value #EXPECTED_SIZE} bytes, within {@value #SIZE_TOLERANCE} bytes.
 */
public final class BenchRecords {

    /** The size issue 4 asks for: 1 KiB of Avro binary. */
    public static final int EXPECTED_SIZE = 1024;
    /** How far the record may be from {@link #EXPECTED_SIZE}. */
    public static final int SIZE_TOLERANCE = 16;

    private BenchRecords() {
    }

    /** A realistic, fully populated civil-registry update; the same content on every call. */
    public static CitizenRecordUpdated citizenRecord() {
        return CitizenRecordUpdated.newBuilder()
            .setEventId("5f0c2a8e-3b1d-4c7a-9e62-0d4b8f1a7c35")
            .setCui("2345678900101")
            .setNit("1234567K")
            .setInstitution(Institution.RENAP)
            .setGivenNames("María Fernanda Alejandra")
            .setSurnames("Pérez Castillo de León")
            .setBirthDate(LocalDate.of(1987, 3, 14))
            .setRegisteredAt(Instant.ofEpochMilli(1_764_150_000_000L))
            .setDepartmentCode(1)
            .setMunicipalityCode(1)
            .setAddress("6a. Avenida 12-34, Zona 1, Edificio Central, Apartamento 5B, Ciudad de Guatemala, Guatemala, "
                + "Código Postal 01001")
            .setFeePaid(new BigDecimal("125.50"))
            .setSequence(9_876_543_210L)
            .setEmail("maria.perez.castillo@correo.gob.gt")
            .setPhoneNumbers(List.of("+502 2411-1800", "+502 5555-0123", "+502 4444-9876"))
            .setRemarks("Actualización de datos registrales solicitada por la persona titular en la sede central. "
                + "Se presentó certificado de nacimiento original, documento personal de identificación vigente y "
                + "recibo de pago de la tasa correspondiente. El registrador verificó la coincidencia de huellas "
                + "dactilares con el registro biométrico y aprobó el cambio de dirección de residencia y de número "
                + "de teléfono. Se notificó a la Superintendencia de Administración Tributaria y al Tribunal Supremo "
                + "Electoral conforme al convenio de intercambio de datos vigente. Expediente 2025-RENAP-000123456. "
                + "La titular solicita constancia impresa y copia "
                + "electrónica al correo registrado.")
            .setSourceSystem("/gt/renap/sistema-registro-civil")
            .build();
    }

    /** Avro binary of {@code record} (no header), written the plain Avro way. */
    public static byte[] avroBinary(CitizenRecordUpdated record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(EXPECTED_SIZE * 2);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(CitizenRecordUpdated.class).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @throws IllegalStateException when the record is not about 1 KiB, or does not have 17 fields
     */
    public static void checkShape(CitizenRecordUpdated record) {
        int size = avroBinary(record).length;
        if (Math.abs(size - EXPECTED_SIZE) > SIZE_TOLERANCE) {
            throw new IllegalStateException("The benchmark record is " + size + " bytes of Avro binary; the goal is about "
                + EXPECTED_SIZE + " (±" + SIZE_TOLERANCE + ")");
        }
        int fields = record.getSchema().getFields().size();
        if (fields != 17) {
            throw new IllegalStateException("The benchmark record has " + fields + " fields; the goal is 17");
        }
    }
}

package gt.enlace.portal.upload;

import org.springframework.util.unit.DataSize;

/** Configuration keys of the upload page, declared once. */
public final class UploadSettings {

    /** {@code enlace.portal.upload.max-size}: the largest CSV file the page accepts; larger gets a clear page (default 50MB). */
    public static final String MAX_SIZE = "enlace.portal.upload.max-size";

    /** Default of {@link #MAX_SIZE}. */
    public static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(50);

    /** Most rejected rows listed on the result page; the download has them all. */
    public static final int MAX_REJECTS_SHOWN = 1000;

    private UploadSettings() {
    }
}
